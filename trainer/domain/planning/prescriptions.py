"""The prescription of each exercise this week: sets, reps, a load and the reason for it.

Loads follow ``progression.decide_load`` (progress, hold or deload, with a note on a deload
week); a body-weight form has no load, and its reason says how it stands. A trainer's ``hold``
repeats the last prescribed load (``forms`` keeps its form).
"""

from __future__ import annotations

from trainer.domain.progression import (
    FIRST_LOAD_CUE,
    Decision,
    LoadDecision,
    decide_load,
    describe_bodyweight,
    format_load,
    prescription_order,
)

from .drafts import ItemDraft
from .inputs import LibraryExercise, OverrideAction
from .sets import item_sets
from .state import PlanState


def item(state: PlanState, exercise: LibraryExercise) -> ItemDraft:
    """The prescription for ``exercise`` this week (the same in every session)."""
    if exercise.id not in state.items:
        state.items[exercise.id] = _prescribe(state, exercise)
    return state.items[exercise.id]


def _prescribe(state: PlanState, exercise: LibraryExercise) -> ItemDraft:
    rules, unit = state.rules, state.profile.unit
    sets = item_sets(state.sets, exercise, state.profile, rules)
    logs, previous = state.logs_of(exercise.id), state.prescriptions_of(exercise.id)
    held = (o := state.overrides.get(exercise.movement)) is not None and o.action is OverrideAction.HOLD
    if exercise.bodyweight:
        weighted = state.by_slug.get(exercise.weighted_form or "")
        can_go_weighted = weighted is not None and state.allows(weighted) and not held
        reason = describe_bodyweight(logs, previous, rules, can_go_weighted=can_go_weighted)
        decision = LoadDecision(Decision.HOLD, None, reason)
    elif held and previous:
        load = max(previous, key=prescription_order).load_kg
        shown = format_load(load, unit, rules) if load is not None else f"the client's load ({FIRST_LOAD_CUE})"
        decision = LoadDecision(Decision.HOLD, load, f"Held by the trainer at {shown}")
    else:
        decision = decide_load(logs, previous, unit, rules)
    if decision.decision is Decision.DELOAD:
        state.notes.append(f"Deload week for {exercise.name}: {decision.reason}")
    reason = decision.reason
    if exercise.id in state.prefixes:
        reason = f"{state.prefixes[exercise.id]}. {reason}"
    elif held and exercise.bodyweight:
        reason = f"Held by the trainer. {reason}"
    return ItemDraft(exercise.id, sets, rules.rep_min, rules.rep_max, decision.load_kg, reason, decision.deload_from_kg)
