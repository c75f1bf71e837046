"""What the planning engine gives: a draft plan for the trainer to review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ItemDraft:
    """One exercise of a session: sets of rep_min-rep_max reps at load_kg (``None``: body weight or client's choice)."""

    exercise_id: int
    sets: int
    rep_min: int
    rep_max: int
    load_kg: float | None
    reason: str
    #: Set on a deload week: the load to return to the week after (store it with the prescription).
    deload_from_kg: float | None = None


@dataclass(frozen=True)
class SessionDraft:
    """One training day of the plan."""

    day: date
    title: str
    items: tuple[ItemDraft, ...]


@dataclass(frozen=True)
class PlanDraft:
    """A week's plan for the trainer to review, with notes where it needs their eye."""

    week_start: date
    sessions: tuple[SessionDraft, ...]
    notes: tuple[str, ...]
