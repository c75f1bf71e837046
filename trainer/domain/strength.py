"""Strength: a logged set, its estimated one-rep max, and the best e1RM of each session (DOMAIN.md section 4).

Epley: w x (1 + r/30) for r >= 2 and w for r = 1; Brzycki: w x 36 / (37 - r). Both agree at
10 reps (Epley at 10 reps is 4/3 w; Brzycki 36/27 w).

Decisions:
- ``LoggedSet`` is the plain form of a set as the client logged it; adherence and flags use it too.
- A session of an exercise is its sets logged on one date (and against one planned session,
  when sets carry a ``session_id``).
- Sets with more than ``rules.e1rm_max_reps`` (12) reps, fewer than 1 rep, or no external
  load (body-weight sets, ``load_kg`` None or 0) give no e1RM: body-weight moves progress by
  reps and harder variations, which an e1RM cannot measure. A session with no usable set is
  left out of the series rather than shown as zero.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from trainer.domain.rules import DEFAULT_RULES, CoachingRules

#: An exercise's identity: a database id or a library slug; the domain only compares them.
ExerciseId = Hashable


@dataclass(frozen=True)
class LoggedSet:
    """One set as logged: the day, the exercise, reps and external load (None for body weight)."""

    performed_on: date
    exercise_id: ExerciseId
    reps: int
    load_kg: float | None = None
    #: The planned session this set was logged against, if the client logged it from one.
    session_id: Hashable | None = None


class E1rmFormula(StrEnum):
    EPLEY = "epley"
    BRZYCKI = "brzycki"


@dataclass(frozen=True)
class SessionBest:
    """The best e1RM of one session of an exercise, and the set that gave it."""

    performed_on: date
    session_id: Hashable | None
    e1rm_kg: float
    load_kg: float
    reps: int


def _check(load_kg: float, reps: int) -> None:
    if reps < 1:
        raise ValueError(f"reps must be at least 1, not {reps}")
    if load_kg < 0:
        raise ValueError(f"load_kg must not be negative, not {load_kg}")


def epley(load_kg: float, reps: int) -> float:
    """Estimated one-rep max by Epley; a single rep is its own max."""
    _check(load_kg, reps)
    return load_kg if reps == 1 else load_kg * (1 + reps / 30)


def brzycki(load_kg: float, reps: int) -> float:
    """Estimated one-rep max by Brzycki (defined below 37 reps)."""
    _check(load_kg, reps)
    if reps >= 37:
        raise ValueError(f"Brzycki is undefined at {reps} reps")
    return load_kg * 36 / (37 - reps)


_FORMULAS = {E1rmFormula.EPLEY: epley, E1rmFormula.BRZYCKI: brzycki}


def set_e1rm(
    logged: LoggedSet, formula: E1rmFormula = E1rmFormula.EPLEY, rules: CoachingRules = DEFAULT_RULES
) -> float | None:
    """The set's estimated one-rep max in kg, or None when the set cannot give one (see module notes)."""
    if logged.load_kg is None or logged.load_kg <= 0 or not 1 <= logged.reps <= rules.e1rm_max_reps:
        return None
    return _FORMULAS[E1rmFormula(formula)](logged.load_kg, logged.reps)


def session_bests(
    sets: Iterable[LoggedSet],
    exercise_id: ExerciseId,
    formula: E1rmFormula = E1rmFormula.EPLEY,
    rules: CoachingRules = DEFAULT_RULES,
) -> list[SessionBest]:
    """The best e1RM of each session of ``exercise_id``, oldest first: the strength chart's series."""
    best: dict[tuple[date, Hashable | None], SessionBest] = {}
    for logged in sets:
        if logged.exercise_id != exercise_id:
            continue
        e1rm = set_e1rm(logged, formula, rules)
        if e1rm is None:
            continue
        key = (logged.performed_on, logged.session_id)
        if key not in best or e1rm > best[key].e1rm_kg:
            best[key] = SessionBest(logged.performed_on, logged.session_id, e1rm, logged.load_kg, logged.reps)
    return sorted(best.values(), key=lambda b: b.performed_on)


def session_bests_by_exercise(
    sets: Iterable[LoggedSet],
    formula: E1rmFormula = E1rmFormula.EPLEY,
    rules: CoachingRules = DEFAULT_RULES,
) -> dict[ExerciseId, list[SessionBest]]:
    """``session_bests`` for every exercise that has at least one usable set."""
    by_exercise: dict[ExerciseId, list[LoggedSet]] = defaultdict(list)
    for logged in sets:
        by_exercise[logged.exercise_id].append(logged)
    series = {ex: session_bests(group, ex, formula, rules) for ex, group in by_exercise.items()}
    return {ex: points for ex, points in series.items() if points}


@dataclass(frozen=True)
class StrengthChange:
    """The best e1RM of an exercise's last sessions against the sessions just before them."""

    before: tuple[SessionBest, ...]
    recent: tuple[SessionBest, ...]

    @property
    def before_best_kg(self) -> float:
        return max(p.e1rm_kg for p in self.before)

    @property
    def recent_best_kg(self) -> float:
        return max(p.e1rm_kg for p in self.recent)

    @property
    def gain_pct(self) -> float:
        """How far the recent best is above the earlier best, in %."""
        return (self.recent_best_kg / self.before_best_kg - 1) * 100


def recent_change(series: Sequence[SessionBest], sessions: int) -> StrengthChange | None:
    """The last ``sessions`` sessions against the (up to) ``sessions`` before them; None without one before."""
    if len(series) <= sessions:
        return None
    return StrengthChange(tuple(series[-2 * sessions : -sessions]), tuple(series[-sessions:]))
