"""What reading a file gives: the kinds of file, the rows read, and the problems and skipped rows."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from ..units import WeightUnit, to_kg


class ImportSource(StrEnum):
    WEIGH_INS = "weigh-ins"
    STRONG = "strong"
    HEVY = "hevy"

    @property
    def label(self) -> str:
        return {"weigh-ins": "weigh-ins", "strong": "Strong", "hevy": "Hevy"}[self.value]


@dataclass(frozen=True, order=True)
class Problem:
    """A row that cannot be imported: where it is and which rule it breaks."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}: {self.column}" if self.column else f"line {self.line}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, order=True)
class Skipped:
    """A row that is read but deliberately not imported, with the reason."""

    line: int
    reason: str


@dataclass(frozen=True)
class UnknownExercise:
    """An exercise name that is not in the library, and the lines that use it."""

    name: str
    lines: tuple[int, ...]


@dataclass(frozen=True)
class WeighInRow:
    """One weigh-in as read: the date, and the weight as written in the file."""

    line: int
    on: date
    weight: float
    unit: WeightUnit

    @property
    def weight_kg(self) -> float:
        return to_kg(self.weight, self.unit)


@dataclass(frozen=True)
class WeighInFile:
    rows: tuple[WeighInRow, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    #: The file's column names, for messages: {"date": ..., "weight": ...}.
    columns: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class SetRow:
    """One working set as read, its load in kg."""

    line: int
    exercise_slug: str
    reps: int
    load_kg: float
    rpe: float | None = None


@dataclass(frozen=True)
class WorkoutRow:
    """One workout of the file: its rows share a start time and a name."""

    source: ImportSource
    line: int
    started: datetime
    name: str
    notes: str
    sets: tuple[SetRow, ...]

    @property
    def on(self) -> date:
        return self.started.date()

    @property
    def import_key(self) -> str:
        """A stable fingerprint (64 hex digits) of source, start time and name, for re-imports."""
        text = f"{self.source.value}|{self.started.isoformat()}|{self.name}"
        return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class WorkoutFile:
    source: ImportSource
    workouts: tuple[WorkoutRow, ...] = ()
    problems: tuple[Problem, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    unknown_exercises: tuple[UnknownExercise, ...] = ()
    #: The file's column names, for messages: {"date", "exercise", "reps", "load", "rpe"} -> header.
    columns: dict[str, str] = field(default_factory=dict)
