"""A week's plan for one client: full-body sessions, sets, reps and loads (DOMAIN.md sections 2-3).

``plan_week`` is pure and deterministic: the same profile, library, history and week give the
same draft. Only history from before the planned week is used.

The modules: ``inputs`` (the client's profile, the library and the history the engine reads),
``drafts`` (the plan it gives), ``sessions`` (the week's days and the movements of sessions A
and B), ``state`` (one plan's indexes of library and history, and its choices so far),
``forms`` (which exercise does each movement), ``sets`` (how many sets), ``prescriptions``
(reps, loads and reasons) and ``engine`` (``plan_week``, tying them together). Each module's
docstring holds the decisions (where DOMAIN.md leaves room) that are its own.
"""

from __future__ import annotations

from .drafts import PlanDraft
from .engine import plan_week
from .inputs import (
    ClientProfile,
    Experience,
    LibraryExercise,
    MovementOverride,
    OverrideAction,
    TrainingHistory,
    WeekAdherence,
    library_from_specs,
)
from .sets import reads_adherence

__all__ = [
    "ClientProfile",
    "Experience",
    "LibraryExercise",
    "MovementOverride",
    "OverrideAction",
    "PlanDraft",
    "TrainingHistory",
    "WeekAdherence",
    "library_from_specs",
    "plan_week",
    "reads_adherence",
]
