"""Double progression for one exercise (DOMAIN.md section 3).

Given what a client logged for an exercise and what was prescribed before, decide next
week's load and say why in words built from the data. Loads are stored in kg; steps and
reasons use the client's unit (2.5 kg, or 5 lb for pound clients).

Decisions recorded here (where section 3 leaves room):
- "No log" means no session of the exercise logged since the start of the week of the last
  prescription: the plan repeats it. Stale sessions never drive a change.
- Sets count towards "every prescribed set at 12 reps" when logged at the prescribed load or
  heavier (less ``load_tolerance_kg``); sets beyond the prescribed number are ignored.
- A stall is ``stall_sessions`` consecutive logged sessions whose heaviest set is the
  prescribed load, none reaching the top of the range on every prescribed set, counted
  only after the last deload week. A deload week stores the load it came from
  (``Prescription.deload_from_kg``); the week after returns to that load whatever was logged.
- Increases round to the nearest step (halves up) and reach at least the next step; deloads
  round the same way and drop at least to the step below. A load within ``load_tolerance_kg``
  of a step counts as on it (kg stored to 2 decimals for a pound client). A stall at the
  lightest step holds instead.
- A blank (trainer-to-choose) load takes the load the client logged as its baseline.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.units import WeightUnit, from_kg, load_step, round_half_up, round_to_step, to_kg

#: The cue that goes with a blank first weighted load (section 3).
FIRST_LOAD_CUE = "choose a load you can lift 12 times with 2 reps to spare"


class LoggedSet(NamedTuple):
    """One logged set: reps done and the load lifted (``None`` or 0 for body weight)."""

    reps: int
    load_kg: float | None = None


@dataclass(frozen=True)
class SessionLog:
    """The sets a client logged for one exercise on one day."""

    exercise_id: int
    day: date
    sets: tuple[LoggedSet, ...]

    @property
    def top_load_kg(self) -> float:
        """The heaviest load of the session's sets (0 for body weight)."""
        return max((s.load_kg or 0.0 for s in self.sets), default=0.0)


@dataclass(frozen=True)
class Prescription:
    """What a plan prescribed for an exercise in the week starting ``week_start``."""

    exercise_id: int
    week_start: date
    sets: int
    rep_min: int
    rep_max: int
    load_kg: float | None = None
    #: Set on a deload week: the load the week after returns to.
    deload_from_kg: float | None = None


class Decision(StrEnum):
    START = "start"
    REPEAT = "repeat"
    PROGRESS = "progress"
    HOLD = "hold"
    DELOAD = "deload"
    RETURN = "return"


@dataclass(frozen=True)
class LoadDecision:
    """Next week's load for one exercise (``None``: body weight or the client's choice) and why."""

    decision: Decision
    load_kg: float | None
    reason: str
    deload_from_kg: float | None = None


def format_day(d: date) -> str:
    """A date as the trainer reads it: ``Tue 3 Mar``."""
    return f"{d:%a} {d.day} {d:%b}"


def format_load(kg: float, unit: WeightUnit | str, rules: CoachingRules = DEFAULT_RULES) -> str:
    """A load in the client's unit without trailing zeros: ``62.5 kg``, ``105 lb`` (47.63 kg for a pound client)."""
    shown = f"{round_half_up(_in_unit(kg, unit, rules)[0], 2):.2f}".rstrip("0").rstrip(".")
    return f"{shown} {WeightUnit(unit).value}"


def _change(old_kg: float, new_kg: float, unit: WeightUnit | str, rules: CoachingRules) -> str:
    """The size of a load change in the client's unit, after snapping both ends to the step."""
    size = abs(_in_unit(new_kg, unit, rules)[0] - _in_unit(old_kg, unit, rules)[0])
    return format_load(to_kg(size, unit), unit, rules)


def met_top(session: SessionLog, sets: int, rep_max: int, load_kg: float, rules: CoachingRules) -> bool:
    """Whether ``sets`` sets of the session reached ``rep_max`` reps at ``load_kg`` or more."""
    good = [s for s in session.sets if s.reps >= rep_max and (s.load_kg or 0.0) >= load_kg - rules.load_tolerance_kg]
    return len(good) >= max(sets, 1)


def _in_unit(kg: float, unit: WeightUnit | str, rules: CoachingRules) -> tuple[float, float]:
    """``kg`` in the client's unit, snapped to the step when within the load tolerance, and the step."""
    step, value = load_step(unit, rules), from_kg(kg, unit)
    snapped = round_to_step(value, step)
    return (snapped if abs(snapped - value) <= from_kg(rules.load_tolerance_kg, unit) else value), step


def progressed_load(kg: float, unit: WeightUnit | str, rules: CoachingRules = DEFAULT_RULES) -> float:
    """``kg`` raised by ``progression_pct``, rounded to the client's step, and at least to the next step."""
    value, step = _in_unit(kg, unit, rules)
    next_step = (math.floor(value / step + 1e-9) + 1) * step
    return to_kg(max(round_to_step(value * (1 + rules.progression_pct / 100), step), next_step), unit)


def deloaded_load(kg: float, unit: WeightUnit | str, rules: CoachingRules = DEFAULT_RULES) -> float:
    """``kg`` cut by ``deload_pct``, rounded to the client's step, and at most the step below (may be 0)."""
    value, step = _in_unit(kg, unit, rules)
    step_below = (math.ceil(value / step - 1e-9) - 1) * step
    return to_kg(max(0.0, min(round_to_step(value * (1 - rules.deload_pct / 100), step), step_below)), unit)


def _reps(session: SessionLog) -> str:
    return ", ".join(str(s.reps) for s in session.sets) or "no"


def log_order(log: SessionLog) -> tuple:
    """Oldest first; same-day logs in an order fixed by their content, not by their input order."""
    return log.day, tuple((s.reps, s.load_kg or 0.0) for s in log.sets)


def prescription_order(p: Prescription) -> tuple:
    """Oldest first; prescriptions of the same week in an order fixed by their content."""
    return p.week_start, p.sets, p.load_kg or 0.0, p.deload_from_kg or 0.0, p.rep_min, p.rep_max


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _same(a: float, b: float, rules: CoachingRules) -> bool:
    return abs(a - b) <= rules.load_tolerance_kg


def decide_load(
    logs: Sequence[SessionLog],
    prescriptions: Sequence[Prescription],
    unit: WeightUnit | str,
    rules: CoachingRules = DEFAULT_RULES,
) -> LoadDecision:
    """Next week's load for a weighted exercise from its logs and earlier prescriptions (any order)."""
    logs = sorted(logs, key=log_order)
    prescriptions = sorted(prescriptions, key=prescription_order)
    last = prescriptions[-1] if prescriptions else None
    if last is not None and last.deload_from_kg is not None:
        back = format_load(last.deload_from_kg, unit, rules)
        return LoadDecision(Decision.RETURN, last.deload_from_kg, f"Back to {back} after the deload week")
    recent = [log for log in logs if last is None or log.day >= last.week_start]
    load = last.load_kg if last is not None else None
    if load is None and recent and recent[-1].top_load_kg > 0:
        load = recent[-1].top_load_kg  # the client's own choice of a blank load
    if load is None:
        if last is None:
            return LoadDecision(Decision.START, None, _sentence(FIRST_LOAD_CUE))
        since = f"no log since {format_day(last.week_start)}" if not recent else "no load logged"
        return LoadDecision(Decision.REPEAT, None, _sentence(f"{FIRST_LOAD_CUE} ({since})"))
    if not recent:
        reason = f"Repeat {format_load(load, unit, rules)}: no log since {format_day(last.week_start)}"
        return LoadDecision(Decision.REPEAT, load, reason)
    sets = last.sets if last is not None else len(recent[-1].sets)
    rep_max = last.rep_max if last is not None else rules.rep_max
    session = recent[-1]
    if met_top(session, sets, rep_max, load, rules):
        new = progressed_load(load, unit, rules)
        delta = _change(load, new, unit, rules)
        reason = (
            f"+{delta} to {format_load(new, unit, rules)}: {rep_max} reps on all {sets} sets "
            f"at {format_load(load, unit, rules)} on {format_day(session.day)}"
        )
        return LoadDecision(Decision.PROGRESS, new, reason)
    stall = _stalled_sessions(logs, prescriptions, sets, rep_max, load, rules)
    if stall:
        return _deload(stall, load, unit, rules)
    at = "" if _same(session.top_load_kg, load, rules) else f" at {format_load(session.top_load_kg, unit, rules)}"
    reason = (
        f"Hold {format_load(load, unit, rules)}: {_reps(session)} reps{at} on {format_day(session.day)}; "
        f"needs {rep_max} on all {sets} sets"
    )
    return LoadDecision(Decision.HOLD, load, reason)


def _stalled_sessions(
    logs: list[SessionLog],
    prescriptions: list[Prescription],
    sets: int,
    rep_max: int,
    load: float,
    rules: CoachingRules,
) -> tuple[SessionLog, ...]:
    deloads = [p.week_start for p in prescriptions if p.deload_from_kg is not None]
    counted = [log for log in logs if not deloads or log.day >= deloads[-1]]
    window = counted[-rules.stall_sessions :]
    if len(window) < rules.stall_sessions:
        return ()
    if all(_same(s.top_load_kg, load, rules) and not met_top(s, sets, rep_max, load, rules) for s in window):
        return tuple(window)
    return ()


def _deload(stall: tuple[SessionLog, ...], load: float, unit: WeightUnit | str, rules: CoachingRules) -> LoadDecision:
    count, first, last = len(stall), format_day(stall[0].day), format_day(stall[-1].day)
    stalled = f"{count} sessions at {format_load(load, unit, rules)} without the top of the range ({first} to {last})"
    new = deloaded_load(load, unit, rules)
    if new <= 0:
        return LoadDecision(Decision.HOLD, load, f"Hold {format_load(load, unit, rules)}, the lightest step: {stalled}")
    reason = f"Deload -{_change(load, new, unit, rules)} to {format_load(new, unit, rules)} for one week: {stalled}"
    return LoadDecision(Decision.DELOAD, new, reason, deload_from_kg=load)


def describe_bodyweight(
    logs: Sequence[SessionLog],
    prescriptions: Sequence[Prescription],
    rules: CoachingRules = DEFAULT_RULES,
    *,
    can_go_weighted: bool = True,
) -> str:
    """Why a body-weight exercise stays as it is, from its last logged session.

    When the top of the range is reached and no weighted form is open to the client, it says how to progress.
    """
    logs = sorted(logs, key=log_order)
    last = max(prescriptions, key=prescription_order, default=None)
    if not logs:
        return f"Body weight: {rules.rep_min}-{rules.rep_max} reps a set to start"
    session = logs[-1]
    if last is not None and session.day < last.week_start:
        return f"Body weight: repeat, no log since {format_day(last.week_start)}"
    sets = last.sets if last is not None else len(session.sets)
    if all(s.reps >= rules.rep_max for s in session.sets) and len(session.sets) >= sets:
        done = f"Body weight: {rules.rep_max} reps on all {len(session.sets)} sets on {format_day(session.day)}"
        return done if can_go_weighted else f"{done}; make it harder with a slower tempo or a harder variation"
    return f"Body weight: {_reps(session)} reps on {format_day(session.day)}; aim for {rules.rep_max} on every set"


def ready_for_weighted(
    logs: Sequence[SessionLog],
    sets: int,
    training_week: int,
    rules: CoachingRules = DEFAULT_RULES,
) -> str | None:
    """Why a body-weight movement may switch to its weighted form now, or ``None`` if not yet.

    It may once the last ``weighted_switch_sessions`` logged sessions each reached the top of
    the range on every set (at least ``sets`` of them), from training week ``weighted_switch_min_week``.
    """
    needed = rules.weighted_switch_sessions
    if training_week < rules.weighted_switch_min_week or needed < 1:
        return None
    window = sorted(logs, key=log_order)[-needed:]
    if len(window) < needed:
        return None
    if not all(len(s.sets) >= max(sets, 1) and all(x.reps >= rules.rep_max for x in s.sets) for s in window):
        return None
    days = " and ".join(format_day(s.day) for s in window)
    return f"{rules.rep_max} reps on every set on {days} (training week {training_week})"
