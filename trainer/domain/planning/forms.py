"""Which exercise the client does for each movement (its form), and stand-ins for missed groups.

Decisions recorded here (where DOMAIN.md leaves room):
- Form: a movement keeps the exercise last prescribed for it (else last logged). Without
  history, beginners and body-weight-only clients start on body-weight forms, intermediate
  and advanced clients with equipment on weighted forms. A body-weight form moves to its
  weighted form by ``progression.ready_for_weighted`` when the equipment allows it.
- Trainer overrides, per movement: ``hold`` keeps the form and repeats the last load (the load:
  ``prescriptions``); ``switch`` uses the named exercise (or the weighted form) unless the
  equipment forbids it.
"""

from __future__ import annotations

from trainer.domain.exercises import Equipment, MuscleGroup
from trainer.domain.progression import prescription_order, ready_for_weighted

from .inputs import Experience, LibraryExercise, OverrideAction
from .sessions import GROUP_MOVEMENT
from .state import PlanState


def form(state: PlanState, movement: str) -> LibraryExercise | None:
    """The exercise the client does for ``movement`` this week (the same every session)."""
    if movement not in state.forms:
        state.forms[movement] = _choose_form(state, movement)
    return state.forms[movement]


def _choose_form(state: PlanState, movement: str) -> LibraryExercise | None:
    allowed = [e for e in state.library if e.movement == movement and state.allows(e)]
    current = _current(state, allowed)
    override = state.overrides.get(movement)
    if override is not None and override.action is OverrideAction.SWITCH:
        slug = override.to_slug or (current and (current.weighted_form or current.slug))
        target = state.by_slug.get(slug or "")
        if target is not None and state.allows(target):
            state.prefixes[target.id] = f"Switched to {target.name} by the trainer"
            return target
        wanted = slug or "a weighted form"
        state.notes.append(f"Trainer's switch of {movement} to {wanted} not possible with {state.profile.equipment}")
    if current is None or not current.bodyweight or not current.weighted_form:
        return current
    target = state.by_slug.get(current.weighted_form)
    if target is None or not state.allows(target) or override is not None:
        return current
    previous = state.prescriptions_of(current.id)
    sets = max(previous, key=prescription_order).sets if previous else state.sets
    why = ready_for_weighted(state.logs_of(current.id), sets, state.week_no, state.rules)
    if why is None:
        return current
    state.prefixes[target.id] = f"Now {target.name} (was {current.name}): {why}"
    state.notes.append(f"{current.name} moves to its weighted form, {target.name}")
    return target


def _current(state: PlanState, allowed: list[LibraryExercise]) -> LibraryExercise | None:
    ids = {e.id for e in allowed}
    # The latest prescribed exercise of the movement, else the latest logged one.
    latest = next((p.exercise_id for p in reversed(state.prescriptions) if p.exercise_id in ids), None)
    if latest is None:
        latest = next((log.exercise_id for log in reversed(state.logs) if log.exercise_id in ids), None)
    if latest is not None:
        return state.by_id[latest]
    bodyweight = sorted((e for e in allowed if e.bodyweight), key=lambda e: (e.weighted_form is None, e.id))
    entry = bodyweight[0] if bodyweight else None
    weighted = state.by_slug.get(entry.weighted_form or "") if entry else None
    if weighted is None or not state.allows(weighted):
        loaded = sorted((e for e in allowed if not e.bodyweight), key=lambda e: (e.equipment.rank, e.id))
        weighted = loaded[0] if loaded else None
    starts_bodyweight = (
        state.profile.experience is Experience.BEGINNER or state.profile.equipment is Equipment.BODYWEIGHT
    )
    return (entry or weighted) if starts_bodyweight else (weighted or entry)


def stand_in(state: PlanState, group: MuscleGroup, chosen: list[LibraryExercise]) -> LibraryExercise | None:
    """An exercise for ``group``, which ``chosen`` misses: its usual movement's form, else the first that trains it."""
    usual = form(state, GROUP_MOVEMENT[group])
    if usual is not None and usual not in chosen and group in usual.muscle_groups:
        return usual
    return next((e for e in state.library if group in e.muscle_groups and state.allows(e) and e not in chosen), None)
