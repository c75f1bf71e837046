"""Which session each training day gets, the movements of each session, and the days guideline.

Decisions recorded here (where DOMAIN.md leaves room):
- Two alternating full-body sessions, A and B, each covering all six major groups: A squats
  and rows, B lunges and pulls down; both press (chest, shoulders), curl and extend triceps.
  Days alternate A/B; with an odd day count, even training weeks start with B.
- Focus: back adds a pull-down and rear-deltoid flyes to A and a row and back extensions to B;
  legs add the other leg movement; core adds a plank; any other group gets one more set on
  exercises that train it first (``sets.item_sets``).
"""

from __future__ import annotations

from collections.abc import Sequence

from trainer.domain.exercises import MuscleGroup
from trainer.domain.rules import CoachingRules

_G = MuscleGroup
#: The movements of each session, in order; A and B alternate through the week.
SESSION_MOVEMENTS: dict[str, tuple[str, ...]] = {
    "A": ("squat", "chest press", "row", "shoulder press", "curl", "triceps extension"),
    "B": ("lunge", "chest press", "pull-down", "shoulder press", "curl", "triceps extension"),
}
#: Movements a focus group adds to each session (seed: back focus).
FOCUS_MOVEMENTS: dict[MuscleGroup, dict[str, tuple[str, ...]]] = {
    _G.BACK: {"A": ("pull-down", "rear-deltoid flye"), "B": ("row", "back extension")},
    _G.LEGS: {"A": ("lunge",), "B": ("squat",)},
    _G.CORE: {"A": ("plank",), "B": ("plank",)},
}
#: The movement that stands in for a major group a session would otherwise miss.
GROUP_MOVEMENT: dict[MuscleGroup, str] = {
    _G.CHEST: "chest press",
    _G.BACK: "row",
    _G.SHOULDERS: "shoulder press",
    _G.LEGS: "squat",
    _G.BICEPS: "curl",
    _G.TRICEPS: "triceps extension",
}


def session_keys(day_count: int, week_no: int) -> tuple[str, ...]:
    """The session (A or B) of each of the ``day_count`` training days of training week ``week_no``."""
    first = (week_no - 1) % 2 if day_count % 2 else 0
    return tuple("AB"[(index + first) % 2] for index in range(day_count))


def session_movements(key: str, focus: Sequence[MuscleGroup]) -> tuple[str, ...]:
    """The movements of session ``key`` (A or B), then those the ``focus`` groups add, each once."""
    movements = list(SESSION_MOVEMENTS[key])
    for group in dict.fromkeys(focus):
        movements += FOCUS_MOVEMENTS.get(group, {}).get(key, ())
    return tuple(dict.fromkeys(movements))


def guideline_note(days_per_week: int, rules: CoachingRules) -> str | None:
    """The trainer's note when ``days_per_week`` is outside the guideline, else ``None``."""
    low, high, count = rules.guideline_days_min, rules.guideline_days_max, days_per_week
    if low <= count <= high:
        return None
    return (
        f"{count} training days a week departs from the {low}-{high} days/week guideline: "
        f"each major muscle group is trained {count} times this week"
    )
