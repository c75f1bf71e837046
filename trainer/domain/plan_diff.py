"""What changed from last week's plan to this week's, per exercise and movement, and why.

The trainer reviews a draft by its changes: which loads went up, which held, which were
cut for a deload week, what is new and what was dropped, each with the item's reason.

Decisions recorded here:
- A week's prescription of an exercise is its first item in day and position order (the
  one the planning engine reads as "last prescribed"); full-body sessions repeat it.
- Exercises in both weeks compare their loads: up is ``PROGRESSED``, down (or a stored
  deload) is ``DELOADED``, equal is ``HELD``. A load set where last week's was blank (the
  client's choice), or blanked where it was set, cannot be compared: it is ``HELD``, and
  the line says how the load is now given.
- An exercise that replaced another of the same movement (a body-weight form moving to its
  weighted form, a trainer's switch) is ``SWITCHED``, one line for both; any other exercise
  only this week is ``NEW`` and one only last week ``DROPPED``.
- Sets and rep-range changes are listed on the line whatever its kind.
- Loads within ``LOAD_TOLERANCE_KG`` count as equal (pound loads are stored in kg).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

LOAD_TOLERANCE_KG = 0.01


class Change(StrEnum):
    PROGRESSED = "progressed"
    HELD = "held"
    DELOADED = "deloaded"
    SWITCHED = "switched"
    NEW = "new"
    DROPPED = "dropped"


@dataclass(frozen=True)
class PlannedExercise:
    """One prescribed item of a plan, as plain data."""

    exercise_id: int
    name: str
    movement: str
    sets: int
    rep_min: int
    rep_max: int
    load_kg: float | None
    reason: str = ""
    deload_from_kg: float | None = None
    bodyweight: bool = False


@dataclass(frozen=True)
class DiffLine:
    """One exercise (or movement, when it switched form) across the two weeks."""

    change: Change
    current: PlannedExercise | None
    previous: PlannedExercise | None
    details: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """The exercise's name this week (last week's when dropped)."""
        return (self.current or self.previous).name  # type: ignore[union-attr]

    @property
    def reason(self) -> str:
        """Why this week's prescription is what it is (empty for a dropped exercise)."""
        return self.current.reason if self.current else ""


@dataclass(frozen=True)
class PlanDiff:
    """The lines of a week-on-week comparison, in this week's order, dropped exercises last."""

    lines: tuple[DiffLine, ...]
    has_previous: bool

    def count(self, change: Change) -> int:
        """How many lines are of kind ``change``."""
        return sum(line.change is change for line in self.lines)

    @property
    def summary(self) -> dict[Change, int]:
        """The number of lines of each kind that occurs, in ``Change`` order."""
        return {change: n for change in Change if (n := self.count(change))}


def week_prescriptions(items: Iterable[PlannedExercise]) -> tuple[PlannedExercise, ...]:
    """The first item of each exercise, in the order given (sessions by day, items by position)."""
    first: dict[int, PlannedExercise] = {}
    for item in items:
        first.setdefault(item.exercise_id, item)
    return tuple(first.values())


def _same_load(a: float, b: float) -> bool:
    return abs(a - b) <= LOAD_TOLERANCE_KG


def _details(current: PlannedExercise, previous: PlannedExercise) -> tuple[str, ...]:
    details = []
    if current.sets != previous.sets:
        details.append(f"sets {previous.sets} → {current.sets}")
    if (current.rep_min, current.rep_max) != (previous.rep_min, previous.rep_max):
        details.append(f"reps {previous.rep_min}-{previous.rep_max} → {current.rep_min}-{current.rep_max}")
    if current.load_kg is None and previous.load_kg is not None:
        details.append("load now left to the client")
    elif current.load_kg is not None and previous.load_kg is None:
        details.append("load now set")
    return tuple(details)


def _compare(current: PlannedExercise, previous: PlannedExercise) -> DiffLine:
    details = _details(current, previous)
    now, before = current.load_kg, previous.load_kg
    if now is None or before is None or _same_load(now, before):
        change = Change.DELOADED if current.deload_from_kg is not None and now is not None else Change.HELD
    elif now > before:
        change = Change.PROGRESSED
    else:
        change = Change.DELOADED
    return DiffLine(change, current, previous, details)


def diff_weeks(current: Sequence[PlannedExercise], previous: Sequence[PlannedExercise]) -> PlanDiff:
    """Compare this week's items with last week's (each in day and position order)."""
    now, before = week_prescriptions(current), week_prescriptions(previous)
    before_by_id = {p.exercise_id: p for p in before}
    now_ids = {p.exercise_id for p in now}
    unmatched = [p for p in before if p.exercise_id not in now_ids]
    lines: list[DiffLine] = []
    for item in now:
        if item.exercise_id in before_by_id:
            lines.append(_compare(item, before_by_id[item.exercise_id]))
            continue
        replaced = next((p for p in unmatched if p.movement == item.movement), None)
        if replaced is None:
            lines.append(DiffLine(Change.NEW, item, None))
        else:
            unmatched.remove(replaced)
            lines.append(DiffLine(Change.SWITCHED, item, replaced, _details(item, replaced)))
    lines += [DiffLine(Change.DROPPED, None, p) for p in unmatched]
    return PlanDiff(tuple(lines), has_previous=bool(previous))
