"""``plan_week``: the week's sessions, the exercise for each movement, their prescriptions and notes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from trainer.domain import weeks
from trainer.domain.exercises import MAJOR_GROUPS
from trainer.domain.rules import DEFAULT_RULES, CoachingRules

from .drafts import ItemDraft, PlanDraft, SessionDraft
from .forms import form, stand_in
from .inputs import ClientProfile, LibraryExercise, TrainingHistory
from .prescriptions import item
from .sessions import guideline_note, session_keys, session_movements
from .state import PlanState


def plan_week(
    profile: ClientProfile,
    library: Sequence[LibraryExercise],
    history: TrainingHistory,
    week_start: date,
    rules: CoachingRules = DEFAULT_RULES,
) -> PlanDraft:
    """The draft plan of ``profile``'s client for the week containing ``week_start``."""
    monday = weeks.week_start(week_start)
    days = weeks.training_days(monday, profile.days_per_week)
    state = PlanState(profile, library, history, monday, rules)
    sessions = tuple(
        SessionDraft(day, f"Full body {key}", _session_items(state, key))
        for day, key in zip(days, session_keys(len(days), state.week_no), strict=True)
    )
    note = guideline_note(profile.days_per_week, rules)
    notes = ([note] if note is not None else []) + state.notes
    return PlanDraft(monday, sessions, tuple(dict.fromkeys(notes)))


def _session_items(state: PlanState, key: str) -> tuple[ItemDraft, ...]:
    """The items of session ``key`` (A or B): its movements, the focus's, then any missing group."""
    chosen: list[LibraryExercise] = []
    for movement in session_movements(key, state.profile.focus):
        exercise = form(state, movement)
        if exercise is not None and exercise not in chosen:
            chosen.append(exercise)
    for group in MAJOR_GROUPS:
        if not any(group in e.muscle_groups for e in chosen):
            extra = stand_in(state, group, chosen)
            if extra is None:
                state.notes.append(f"No exercise in the library trains {group} with {state.profile.equipment}")
            else:
                chosen.append(extra)
    return tuple(item(state, e) for e in chosen)
