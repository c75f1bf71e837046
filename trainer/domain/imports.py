"""Reading the CSV files people bring: weigh-ins, and workout histories exported by Strong and Hevy.

Pure parsing: text in, typed rows out. Every row that cannot be read becomes a
``Problem`` naming its line, its column and what is wrong; rows that are read but
deliberately left out (warm-ups, timed or distance sets, rest timers) become
``Skipped`` rows with the reason. The ranges of the values (weights, reps, loads, RPE,
dates) are the logbook's rules and are checked by ``trainer.services.imports`` with
the logbook's own checks, so the pages and the imports can never disagree.
``docs/imports.md`` describes the formats and the decisions for people.

Decisions:
- Line numbers are the file's physical lines (the header is line 1), as an editor shows them.
- Warm-up sets (Strong "Set Order" W, Hevy set_type "warmup") are skipped: the log holds
  working sets, which progression and e1RM read. Drop sets and sets to failure are kept.
- A row without reps (blank or 0: planks held for time, runs, rows on an erg) is skipped,
  because a logged set is reps at a load; the reason names the seconds or distance.
- Exercise names are matched with ``exercise_aliases.match_exercise``; a name that does
  not match is listed with its lines and its sets are left out, never guessed.
- A number may use a decimal comma ("62,5"), as Strong writes in many locales; an RPE
  of 0 means "not recorded" (exporters write 0 for an empty RPE).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .exercise_aliases import match_exercise
from .units import WeightUnit, to_kg


class ImportSource(StrEnum):
    WEIGH_INS = "weigh-ins"
    STRONG = "strong"
    HEVY = "hevy"

    @property
    def label(self) -> str:
        return {"weigh-ins": "weigh-ins", "strong": "Strong", "hevy": "Hevy"}[self.value]


class UnreadableFile(ValueError):
    """The upload is not a text file we can read (binary, not UTF-8, empty)."""


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


# Reading text -------------------------------------------------------------------------


def decode_upload(data: bytes) -> str:
    """The text of an uploaded CSV file (UTF-8, with or without a BOM; UTF-16 with a BOM)."""
    if not data.strip():
        raise UnreadableFile("The file is empty.")
    if data.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            "This is a spreadsheet or archive, not a CSV file. Save or export it as CSV and try again."
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise UnreadableFile("The file says it is UTF-16 text but cannot be read as such.") from None
    if b"\x00" in data[:8192]:
        raise UnreadableFile("This is not a CSV text file (it contains binary data). Upload the CSV export itself.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            f"The file is not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save it as “CSV UTF-8” and upload it again."
        ) from None


@dataclass
class _Table:
    header: dict[str, int]
    rows: list[tuple[int, list[str]]]
    header_line: int = 1

    def no_rows(self) -> Problem | None:
        return None if self.rows else Problem(self.header_line, "", "the file has a header row but no rows of data.")

    def index(self, name: str) -> int | None:
        return self.header.get(name.casefold())

    def cell(self, row: list[str], name: str) -> str:
        i = self.index(name)
        return row[i].strip() if i is not None and i < len(row) else ""


def _delimiter(text: str) -> str:
    """The delimiter of the header line: the most frequent of comma, semicolon and tab."""
    first = next((line for line in text.lstrip("\ufeff").splitlines() if line.strip()), "")
    return max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","


def _read_table(text: str) -> _Table | Problem:
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), delimiter=_delimiter(text))
    header: dict[str, int] | None = None
    header_line = 1
    rows: list[tuple[int, list[str]]] = []
    try:
        while True:
            line = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = {cell.strip().casefold(): i for i, cell in reversed(list(enumerate(row)))}, line
            else:
                rows.append((line, row))
    except csv.Error as error:
        return Problem(reader.line_num, "", f"this is not a readable CSV file ({error}).")
    if header is None:
        return Problem(1, "", "the file is empty; it needs a header row and at least one row of data.")
    return _Table(header, rows, header_line)


def _missing_columns(names: list[str], table: _Table, wanted: ImportSource) -> Problem:
    keys = set(table.header)
    guess = None
    if {"exercise name", "set order"} <= keys:
        guess = ImportSource.STRONG
    elif {"exercise_title", "start_time"} <= keys:
        guess = ImportSource.HEVY
    elif "date" in keys and keys & {"weight", "weight_kg"}:
        guess = ImportSource.WEIGH_INS
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    plural = "s" if len(names) > 1 else ""
    message = f"the header row has no {listed} column{plural}; is this a {wanted.label} file?"
    if guess is not None and guess is not wanted:
        message += f" It looks like a {guess.label} file: choose “{guess.label}” as the kind of file."
    return Problem(1, "", message)


# Values -------------------------------------------------------------------------------

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_UNITS = {"kg": WeightUnit.KG, "kgs": WeightUnit.KG, "lb": WeightUnit.LB, "lbs": WeightUnit.LB}


def _number(raw: str) -> float | None:
    return float(raw.replace(",", ".")) if _NUMBER.match(raw) else None


def _reps(raw: str) -> int | str | None:
    """Whole reps, None for none (blank or 0), or a message."""
    value = _number(raw) if raw else 0.0
    if value is None:
        return f"must be a whole number of reps, not “{raw}”."
    if value != int(value):
        return f"must be a whole number of reps, not {raw}."
    return int(value) or None


def _iso_date(raw: str) -> date | None:
    if not _ISO_DATE.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


# Weigh-ins ----------------------------------------------------------------------------


def read_weigh_ins(text: str) -> WeighInFile:
    """Weigh-ins from a CSV with ``date, weight, unit`` columns (or ``date, weight_kg``)."""
    table = _read_table(text)
    if isinstance(table, Problem):
        return WeighInFile(problems=(table,))
    uses_kg_column = table.index("weight_kg") is not None
    missing = [] if table.index("date") is not None else ["“date”"]
    if not uses_kg_column:
        missing += [f"“{name}”" for name in ("weight", "unit") if table.index(name) is None]
    if missing:
        return WeighInFile(problems=(_missing_columns(missing, table, ImportSource.WEIGH_INS),))
    if empty := table.no_rows():
        return WeighInFile(problems=(empty,))
    weight_column = "weight_kg" if uses_kg_column else "weight"
    rows: list[WeighInRow] = []
    problems: list[Problem] = []
    skipped: list[Skipped] = []
    seen: dict[date, WeighInRow] = {}
    for line, cells in table.rows:
        row, row_problems = _weigh_in(table, line, cells, weight_column)
        problems += row_problems
        if row is None:
            continue
        first = seen.setdefault(row.on, row)
        if first is row:
            rows.append(row)
        elif round(first.weight_kg, 2) == round(row.weight_kg, 2):
            skipped.append(Skipped(line, f"the same date and weight as line {first.line}."))
        else:
            problems.append(
                Problem(
                    line,
                    "date",
                    f"{row.on.isoformat()} is also on line {first.line} with another weight; "
                    "a client has one weigh-in a day.",
                )
            )
    columns = {"date": "date", "weight": weight_column}
    return WeighInFile(tuple(rows), tuple(sorted(problems)), tuple(skipped), columns)


def _weigh_in(
    table: _Table, line: int, cells: list[str], weight_column: str
) -> tuple[WeighInRow | None, list[Problem]]:
    problems = []
    raw_date, raw_weight = table.cell(cells, "date"), table.cell(cells, weight_column)
    on = _iso_date(raw_date)
    if on is None:
        message = f"must be a date written YYYY-MM-DD, not “{raw_date}”." if raw_date else "is missing."
        problems.append(Problem(line, "date", message))
    weight = _number(raw_weight)
    if weight is None:
        message = f"must be a number, not “{raw_weight}”." if raw_weight else "is missing."
        problems.append(Problem(line, weight_column, message))
    unit: WeightUnit | None = WeightUnit.KG
    if weight_column == "weight":
        raw_unit = table.cell(cells, "unit")
        unit = _UNITS.get(raw_unit.casefold())
        if unit is None:
            message = f"must be kg or lb, not “{raw_unit}”." if raw_unit else "is missing (kg or lb)."
            problems.append(Problem(line, "unit", message))
    if problems or on is None or weight is None or unit is None:
        return None, problems
    return WeighInRow(line, on, weight, unit), []


# Workouts (Strong and Hevy) -----------------------------------------------------------


@dataclass(frozen=True)
class _Format:
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


_MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_STRONG_START = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$", re.IGNORECASE
)
_HEVY_START = re.compile(r"^(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?$", re.IGNORECASE)


def _clock(hour: str | None, minute: str | None, second: str | None, half: str | None) -> tuple[int, int, int]:
    h, m, s = int(hour or 0), int(minute or 0), int(second or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValueError("hour")
        h = h % 12 + (12 if half.lower() == "pm" else 0)
    return h, m, s


def _strong_start(raw: str) -> datetime | None:
    match = _STRONG_START.match(raw.replace("\u202f", " ").replace("\xa0", " "))
    if not match:
        return None
    year, month, day, hour, minute, second, half = match.groups()
    try:
        return datetime(int(year), int(month), int(day), *_clock(hour, minute, second, half))
    except ValueError:
        return None


def _hevy_start(raw: str) -> datetime | None:
    match = _HEVY_START.match(raw)
    if match:
        day, month_name, year, hour, minute, second = match.groups()
        month = _MONTHS.get(month_name[:3].lower())
        try:
            return datetime(int(year), month or 0, int(day), *_clock(hour, minute, second, None))
        except ValueError:
            return None
    try:
        started = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return started if started.tzinfo is None else None


def _strong_marker(raw: str) -> tuple[str, float | None] | str:
    """("set", order) for a working set, ("skip", None) with a reason, or an error message."""
    marker = raw.strip().casefold()
    if marker == "w":
        return "warm-up"
    if marker == "rest timer":
        return "rest"
    if marker in ("d", "f", ""):
        return ("set", None)
    number = _number(marker)
    if number is None:
        return "bad"
    return ("set", number)


def _hevy_marker(raw: str) -> tuple[str, float | None] | str:
    marker = raw.strip().casefold()
    if marker == "warmup":
        return "warm-up"
    if marker in ("normal", "dropset", "failure", ""):
        return ("set", None)
    return "bad"


STRONG = _Format(
    source=ImportSource.STRONG,
    date="Date",
    name="Workout Name",
    exercise="Exercise Name",
    marker="Set Order",
    reps="Reps",
    rpe="RPE",
    notes="Workout Notes",
    seconds="Seconds",
    distances=("Distance",),
    parse_start=_strong_start,
    date_example="2026-11-21 07:30:00",
    read_marker=_strong_marker,
)
HEVY = _Format(
    source=ImportSource.HEVY,
    date="start_time",
    name="title",
    exercise="exercise_title",
    marker="set_type",
    reps="reps",
    rpe="rpe",
    notes="description",
    seconds="duration_seconds",
    distances=("distance_km", "distance_miles"),
    parse_start=_hevy_start,
    date_example="21 Nov 2026, 07:30",
    read_marker=_hevy_marker,
)
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


def read_strong(text: str, *, unit: WeightUnit | str | None) -> WorkoutFile:
    """Workouts from Strong's CSV export; ``unit`` is what its Weight column is in (Strong writes the user's unit).

    An older export's per-row "Weight Unit" column, when present, wins over ``unit``.
    """
    return _read_workouts(text, STRONG, WeightUnit(unit) if unit else None)


def read_hevy(text: str) -> WorkoutFile:
    """Workouts from Hevy's CSV export (``weight_kg`` or ``weight_lbs`` column)."""
    return _read_workouts(text, HEVY, None)


def read_workouts(source: ImportSource | str, text: str, *, unit: WeightUnit | str | None = None) -> WorkoutFile:
    """Workouts from a Strong or Hevy export."""
    return read_strong(text, unit=unit) if ImportSource(source) is ImportSource.STRONG else read_hevy(text)


def _load_column(table: _Table, fmt: _Format, unit: WeightUnit | None) -> tuple[str, WeightUnit | None] | None:
    if fmt.source is ImportSource.HEVY:
        for name, its_unit in (("weight_kg", WeightUnit.KG), ("weight_lbs", WeightUnit.LB)):
            if table.index(name) is not None:
                return name, its_unit
        return None
    return ("Weight", unit) if table.index("Weight") is not None else None


def _read_workouts(text: str, fmt: _Format, unit: WeightUnit | None) -> WorkoutFile:
    table = _read_table(text)
    if isinstance(table, Problem):
        return WorkoutFile(fmt.source, problems=(table,))
    load = _load_column(table, fmt, unit)
    needed = (fmt.date, fmt.exercise, fmt.reps)
    missing = [f"“{name}”" for name in needed if table.index(name) is None]
    if load is None:
        missing.append("“weight_kg” or “weight_lbs”" if fmt.source is ImportSource.HEVY else "“Weight”")
    if missing:
        return WorkoutFile(fmt.source, problems=(_missing_columns(missing, table, fmt.source),))
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

    def __init__(self, table: _Table, fmt: _Format, load_column: str, unit: WeightUnit | None, per_row_unit: bool):
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
            raw = cell(fmt.date)
            message = f"must be a date and time like “{fmt.date_example}”, not “{raw}”." if raw else "is missing."
            problems.append(Problem(line, fmt.date, message))
        exercise = cell(fmt.exercise)
        if not exercise:
            problems.append(Problem(line, fmt.exercise, "is missing."))
        reps = _reps(cell(fmt.reps))
        if isinstance(reps, str):
            problems.append(Problem(line, fmt.reps, reps))
        load_kg = self._load_kg(line, cell)
        rpe = _number(cell(fmt.rpe)) if cell(fmt.rpe) else 0.0
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
        weight = _number(raw) if raw else 0.0
        if weight is None:
            self.problems.append(Problem(line, self.load_column, f"must be a number, not “{raw}”."))
            return None
        unit, raw_unit = self.unit, cell("Weight Unit") if self.per_row_unit else ""
        if raw_unit:
            unit = _UNITS.get(raw_unit.casefold())
        if unit is None:
            message = f"must be kg or lbs, not “{raw_unit}”." if raw_unit else "is missing (kg or lbs)."
            self.problems.append(Problem(line, "Weight Unit", message))
            return None
        return to_kg(weight, unit)

    def _no_reps_reason(self, cell: Callable[[str], str]) -> str:
        done = [f"{cell(d)} in {d}" for d in self.fmt.distances if _number(cell(d))]
        seconds = _number(cell(self.fmt.seconds))
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
