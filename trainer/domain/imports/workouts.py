"""Reading a workout app's export into workouts: the rows of Strong and Hevy files alike.

Where each app keeps a set's pieces is its ``Format`` (``strong.STRONG``, ``hevy.HEVY``);
this module reads any file laid out by one.

Decisions:
- Warm-up sets (Strong "Set Order" W, Hevy set_type "warmup") are skipped: the log holds
  working sets, which progression and e1RM read. Drop sets and sets to failure are kept.
- A row without reps (blank or 0: planks held for time, runs, rows on an erg) is skipped,
  because a logged set is reps at a load; the reason names the seconds or distance.
- Exercise names are matched with ``exercise_aliases.match_exercise``; a name that does
  not match is listed with its lines and its sets are left out, never guessed.
- An RPE of 0 means "not recorded" (exporters write 0 for an empty RPE).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from ..exercise_aliases import match_exercise
from ..units import WeightUnit, to_kg
from .detect import missing_columns
from .rows import ImportSource, Problem, SetRow, Skipped, UnknownExercise, WorkoutFile, WorkoutRow
from .table import Table, read_table
from .values import UNITS, parse_number, parse_reps, unreadable


@dataclass(frozen=True)
class Format:
    """Where one app keeps each piece of a set, and how to read its special cells."""

    source: ImportSource
    date: str
    name: str
    exercise: str
    marker: str  # Strong "Set Order" / Hevy "set_type"
    reps: str
    rpe: str
    notes: str
    seconds: str
    distances: tuple[str, ...]
    parse_start: Callable[[str], datetime | None]
    date_example: str
    read_marker: Callable[[str], tuple[str, float | None] | str]


_MARKER_RULES = {
    ImportSource.STRONG: "must be a set number, W (warm-up), D (drop set), F (failure) or Rest Timer",
    ImportSource.HEVY: "must be normal, warmup, dropset or failure",
}


@dataclass
class _Draft:
    line: int
    started: datetime
    name: str
    notes: str = ""
    sets: list[tuple[tuple, SetRow]] = field(default_factory=list)


def _load_column(table: Table, fmt: Format, unit: WeightUnit | None) -> tuple[str, WeightUnit | None] | None:
    if fmt.source is ImportSource.HEVY:
        for name, its_unit in (("weight_kg", WeightUnit.KG), ("weight_lbs", WeightUnit.LB)):
            if table.index(name) is not None:
                return name, its_unit
        return None
    return ("Weight", unit) if table.index("Weight") is not None else None


def read_export(text: str, fmt: Format, unit: WeightUnit | None) -> WorkoutFile:
    """Workouts from a file laid out as ``fmt``; ``unit`` is what its load column is in, if it does not say."""
    table = read_table(text)
    if isinstance(table, Problem):
        return WorkoutFile(fmt.source, problems=(table,))
    load = _load_column(table, fmt, unit)
    needed = (fmt.date, fmt.exercise, fmt.reps)
    missing = [f"“{name}”" for name in needed if table.index(name) is None]
    if load is None:
        missing.append("“weight_kg” or “weight_lbs”" if fmt.source is ImportSource.HEVY else "“Weight”")
    if missing:
        return WorkoutFile(fmt.source, problems=(missing_columns(missing, table, fmt.source),))
    if empty := table.no_rows():
        return WorkoutFile(fmt.source, problems=(empty,))
    load_column, load_unit = load
    per_row_unit = fmt.source is ImportSource.STRONG and table.index("Weight Unit") is not None
    if load_unit is None and not per_row_unit:
        problem = Problem(1, "", "choose the unit the file's weights are in (kg or lb): Strong writes the app's unit.")
        return WorkoutFile(fmt.source, problems=(problem,))
    reader = _WorkoutReader(table, fmt, load_column, load_unit, per_row_unit)
    for line, cells in table.rows:
        reader.add(line, cells)
    return reader.result()


class _WorkoutReader:
    """Reads rows one by one into workouts, problems, skipped rows and unknown names."""

    def __init__(self, table: Table, fmt: Format, load_column: str, unit: WeightUnit | None, per_row_unit: bool):
        self.table, self.fmt, self.load_column, self.unit, self.per_row_unit = (
            table,
            fmt,
            load_column,
            unit,
            per_row_unit,
        )
        self.drafts: dict[tuple[datetime, str], _Draft] = {}
        self.exercise_order: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.skipped: list[Skipped] = []
        self.unknown: dict[str, list[int]] = {}

    def add(self, line: int, cells: list[str]) -> None:
        cell = lambda name: self.table.cell(cells, name)  # noqa: E731
        fmt, problems = self.fmt, self.problems
        marker = fmt.read_marker(cell(fmt.marker))
        if marker == "warm-up":
            self.skipped.append(Skipped(line, "a warm-up set; only working sets are imported."))
            return
        if marker == "rest":
            self.skipped.append(Skipped(line, "a rest timer, not a set."))
            return
        count = len(problems)
        if marker == "bad":
            problems.append(Problem(line, fmt.marker, f"{_MARKER_RULES[fmt.source]}, not “{cell(fmt.marker)}”."))
        started = fmt.parse_start(cell(fmt.date))
        if started is None:
            rule = f"must be a date and time like “{fmt.date_example}”"
            problems.append(Problem(line, fmt.date, unreadable(cell(fmt.date), rule)))
        exercise = cell(fmt.exercise)
        if not exercise:
            problems.append(Problem(line, fmt.exercise, "is missing."))
        reps = parse_reps(cell(fmt.reps))
        if isinstance(reps, str):
            problems.append(Problem(line, fmt.reps, reps))
        load_kg = self._load_kg(line, cell)
        rpe = parse_number(cell(fmt.rpe)) if cell(fmt.rpe) else 0.0
        if rpe is None:
            problems.append(Problem(line, fmt.rpe, f"must be a number from 1 to 10, not “{cell(fmt.rpe)}”."))
        if len(problems) > count or started is None or isinstance(reps, str) or load_kg is None or rpe is None:
            return
        if reps is None:
            self.skipped.append(Skipped(line, self._no_reps_reason(cell)))
            return
        draft = self.drafts.setdefault(
            (started, cell(fmt.name)), _Draft(line, started, cell(fmt.name) or "Workout", cell(fmt.notes))
        )
        draft.notes = draft.notes or cell(fmt.notes)
        slug = match_exercise(exercise)
        if slug is None:
            self.unknown.setdefault(exercise, []).append(line)
            return
        order = self.exercise_order.setdefault(slug, len(self.exercise_order))
        set_number = marker[1] if isinstance(marker, tuple) and marker[1] is not None else float("inf")
        draft.sets.append(((order, set_number, line), SetRow(line, slug, reps, load_kg, rpe or None)))

    def _load_kg(self, line: int, cell: Callable[[str], str]) -> float | None:
        raw = cell(self.load_column)
        weight = parse_number(raw) if raw else 0.0
        if weight is None:
            self.problems.append(Problem(line, self.load_column, f"must be a number, not “{raw}”."))
            return None
        unit, raw_unit = self.unit, cell("Weight Unit") if self.per_row_unit else ""
        if raw_unit:
            unit = UNITS.get(raw_unit.casefold())
        if unit is None:
            message = unreadable(raw_unit, "must be kg or lbs", "is missing (kg or lbs).")
            self.problems.append(Problem(line, "Weight Unit", message))
            return None
        return to_kg(weight, unit)

    def _no_reps_reason(self, cell: Callable[[str], str]) -> str:
        done = [f"{cell(d)} in {d}" for d in self.fmt.distances if parse_number(cell(d))]
        seconds = parse_number(cell(self.fmt.seconds))
        if seconds:
            done.append(f"{seconds:g} s")
        what = f" ({', '.join(done)})" if done else ""
        return f"no reps{what}; the log records sets of reps, so timed and distance sets are not imported."

    def result(self) -> WorkoutFile:
        workouts = []
        for draft in self.drafts.values():
            if not draft.sets:
                when = draft.started.date().isoformat()
                self.skipped.append(Skipped(draft.line, f"“{draft.name}” on {when} has no sets to import."))
                continue
            sets = tuple(s for _, s in sorted(draft.sets, key=lambda pair: pair[0]))
            workouts.append(WorkoutRow(self.fmt.source, draft.line, draft.started, draft.name, draft.notes, sets))
        unknown = tuple(UnknownExercise(name, tuple(lines)) for name, lines in sorted(self.unknown.items()))
        columns = {
            "date": self.fmt.date,
            "exercise": self.fmt.exercise,
            "reps": self.fmt.reps,
            "load": self.load_column,
            "rpe": self.fmt.rpe,
        }
        return WorkoutFile(
            self.fmt.source,
            tuple(sorted(workouts, key=lambda w: (w.started, w.line))),
            tuple(sorted(self.problems)),
            tuple(sorted(self.skipped)),
            unknown,
            columns,
        )
