"""Importing weigh-ins and workout histories: preview what a file would create, then apply it.

All or nothing: ``apply`` writes every new weigh-in and workout in one transaction, and
only when no row of the file is bad; otherwise it raises ``ImportRejected`` carrying the
preview, whose ``problems`` list every bad row. Values are checked with the logbook's
own rules (``check_date``, ``check_weight`` and its set checks), so an import accepts
exactly what the pages accept.

Re-importing a file creates nothing new (decisions, also in docs/imports.md):
- a weigh-in on a date that already holds the same weight (to 0.01 kg) is a duplicate, skipped;
- a weigh-in on a date that holds another weight is a conflict: listed in the preview and
  skipped, and the logged weight is kept (the trainer edits it by hand if the file is right);
- a workout carries ``import_key`` (a hash of source, start time and name), and a workout
  already imported for this client is skipped, even if the file's sets changed since.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..domain import limits
from ..domain.imports import (
    ImportSource,
    Problem,
    Skipped,
    UnknownExercise,
    WeighInRow,
    WorkoutRow,
    read_weigh_ins,
    read_workouts,
)
from ..domain.units import WeightUnit
from ..models import Client, Exercise, User, WeighIn, Workout
from . import figures, logbook
from .errors import Conflict, ServiceError
from .logbook import SetEntry, check_date, check_weight


@dataclass(frozen=True)
class WeighInConflict:
    """A file's weigh-in on a date that already holds another weight (kept as logged)."""

    line: int
    on: date
    logged_kg: float
    file_kg: float


@dataclass(frozen=True)
class PlannedWorkout:
    """A workout of the file that an import would create, with its sets ready for the log."""

    row: WorkoutRow
    entries: tuple[SetEntry, ...]


@dataclass(frozen=True)
class ImportPreview:
    """What importing a file would do, and every reason it cannot."""

    source: ImportSource
    problems: tuple[Problem, ...] = ()
    skipped: tuple[Skipped, ...] = ()
    unknown_exercises: tuple[UnknownExercise, ...] = ()
    new_weigh_ins: tuple[WeighInRow, ...] = ()
    duplicate_weigh_ins: tuple[WeighInRow, ...] = ()
    conflicts: tuple[WeighInConflict, ...] = ()
    new_workouts: tuple[PlannedWorkout, ...] = ()
    duplicate_workouts: tuple[WorkoutRow, ...] = ()

    @property
    def new_sets(self) -> int:
        return sum(len(w.entries) for w in self.new_workouts)

    @property
    def unknown_sets(self) -> int:
        return sum(len(u.lines) for u in self.unknown_exercises)

    @property
    def can_apply(self) -> bool:
        """True when the file has no bad row and would create something."""
        return not self.problems and bool(self.new_weigh_ins or self.new_workouts)


@dataclass(frozen=True)
class ImportResult:
    """What an applied import created and what it left alone."""

    weigh_ins: int = 0
    workouts: int = 0
    sets: int = 0
    duplicates: int = 0
    conflicts: int = 0


class ImportRejected(ServiceError):
    """The file has bad rows; nothing was created. ``preview.problems`` lists them all."""

    def __init__(self, preview: ImportPreview):
        rows = len({p.line for p in preview.problems})
        super().__init__(
            f"{rows} {'row' if rows == 1 else 'rows'} of the file cannot be imported; nothing was imported."
        )
        self.preview = preview


def preview(
    session: Session, client: Client, source: ImportSource | str, text: str, *, today: date, unit: str | None = None
) -> ImportPreview:
    """What importing ``text`` for ``client`` would create, skip and reject (reads only).

    ``today`` is the date in the client's time zone; ``unit`` is the weight unit of a
    Strong file (Strong writes weights in the app's unit and does not say which).
    """
    source = ImportSource(source)
    if source is ImportSource.WEIGH_INS:
        return _preview_weigh_ins(session, client, text, today)
    return _preview_workouts(session, client, source, text, today, WeightUnit(unit) if unit else None)


def apply(
    session: Session,
    client: Client,
    source: ImportSource | str,
    text: str,
    *,
    by: User,
    today: date,
    unit: str | None = None,
) -> ImportResult:
    """Create every new weigh-in or workout of the file in one transaction, or nothing. Commits.

    Raises ``ImportRejected`` when any row is bad, ``Conflict`` when a weigh-in was logged
    on one of the file's dates while the import ran.
    """
    # Serialise imports for one client (PostgreSQL; SQLite serialises writers anyway), so two
    # confirmations of the same file cannot both pass the duplicate check.
    session.execute(select(Client.id).where(Client.id == client.id).with_for_update())
    plan = preview(session, client, source, text, today=today, unit=unit)
    if plan.problems:
        session.rollback()
        raise ImportRejected(plan)
    for row in plan.new_weigh_ins:
        session.add(WeighIn(client_id=client.id, date=row.on, weight_kg=round(row.weight_kg, 2), logged_by_id=by.id))
    for planned in plan.new_workouts:
        workout = Workout(
            client_id=client.id,
            date=planned.row.on,
            notes=_notes(planned.row),
            logged_by_id=by.id,
            import_key=planned.row.import_key,
        )
        logbook.fill_sets(workout, planned.entries)
        session.add(workout)
    try:
        if plan.new_weigh_ins:  # flushes the new rows first
            figures.refresh_trend(session, client.id, min(row.on for row in plan.new_weigh_ins))
        figures.refresh_attendance(session, client.id, [planned.row.on for planned in plan.new_workouts])
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict("date: a weigh-in was logged on one of the file's dates meanwhile; preview again.") from None
    return ImportResult(
        weigh_ins=len(plan.new_weigh_ins),
        workouts=len(plan.new_workouts),
        sets=plan.new_sets,
        duplicates=len(plan.duplicate_weigh_ins) + len(plan.duplicate_workouts),
        conflicts=len(plan.conflicts),
    )


# Weigh-ins ----------------------------------------------------------------------------


def _preview_weigh_ins(session: Session, client: Client, text: str, today: date) -> ImportPreview:
    parsed = read_weigh_ins(text)
    problems = list(parsed.problems)
    good: list[WeighInRow] = []
    for row in parsed.rows:
        row_problems = _weigh_in_problems(row, parsed.columns, today)
        problems += row_problems
        if not row_problems:
            good.append(row)
    logged: dict[date, float] = {}
    if good:
        stmt = select(WeighIn.date, WeighIn.weight_kg).where(
            WeighIn.client_id == client.id,
            WeighIn.date >= min(r.on for r in good),
            WeighIn.date <= max(r.on for r in good),
        )
        logged = dict(session.execute(stmt).all())
    new, duplicates, conflicts = [], [], []
    for row in good:
        if row.on not in logged:
            new.append(row)
        elif abs(logged[row.on] - round(row.weight_kg, 2)) < 0.005:
            duplicates.append(row)
        else:
            conflicts.append(WeighInConflict(row.line, row.on, logged[row.on], round(row.weight_kg, 2)))
    return ImportPreview(
        ImportSource.WEIGH_INS,
        problems=tuple(sorted(problems)),
        skipped=parsed.skipped,
        new_weigh_ins=tuple(new),
        duplicate_weigh_ins=tuple(duplicates),
        conflicts=tuple(conflicts),
    )


def _weigh_in_problems(row: WeighInRow, columns: dict[str, str], today: date) -> list[Problem]:
    errors = {
        **check_date(row.on, today, field=columns["date"]),
        **check_weight(row.weight_kg, field=columns["weight"]),
    }
    problems = []
    for column, messages in errors.items():
        message = " ".join(messages)
        if column == columns["weight"] and row.unit is WeightUnit.LB:
            message = f"{message.rstrip('.')}; {row.weight:g} lb is {row.weight_kg:.1f} kg."
        problems.append(Problem(row.line, column, message))
    return problems


# Workouts -----------------------------------------------------------------------------

_SET_FIELD = re.compile(r"^sets\[(\d+)\]\.(\w+)$")


def _preview_workouts(
    session: Session, client: Client, source: ImportSource, text: str, today: date, unit: WeightUnit | None
) -> ImportPreview:
    parsed = read_workouts(source, text, unit=unit)
    problems = list(parsed.problems)
    columns = parsed.columns
    slugs = {s.exercise_slug for w in parsed.workouts for s in w.sets}
    exercise_ids = dict(session.execute(select(Exercise.slug, Exercise.id).where(Exercise.slug.in_(slugs))).all())
    entries: list[SetEntry] = []
    lines: list[int] = []
    planned: list[tuple[WorkoutRow, list[SetEntry]]] = []
    for workout in parsed.workouts:
        problems += [
            Problem(workout.line, column, f"{' '.join(messages).rstrip('.')}; workout “{workout.name}”.")
            for column, messages in check_date(workout.on, today, field=columns["date"]).items()
        ]
        mine: list[SetEntry] = []
        for s in workout.sets:
            if s.exercise_slug not in exercise_ids:
                problems.append(Problem(s.line, columns["exercise"], f"{s.exercise_slug} is not in the library here."))
                continue
            mine.append(SetEntry(exercise_ids[s.exercise_slug], s.reps, s.load_kg, s.rpe))
            lines.append(s.line)
        entries += mine
        planned.append((workout, mine))
    problems += _set_problems(session, entries, lines, columns)
    imported = _imported_keys(session, client)
    new = [PlannedWorkout(w, tuple(e)) for w, e in planned if w.import_key not in imported]
    return ImportPreview(
        source,
        problems=tuple(sorted(problems)),
        skipped=parsed.skipped,
        unknown_exercises=parsed.unknown_exercises,
        new_workouts=tuple(new),
        duplicate_workouts=tuple(w for w, _ in planned if w.import_key in imported),
    )


def _set_problems(
    session: Session, entries: list[SetEntry], lines: list[int], columns: dict[str, str]
) -> list[Problem]:
    """The logbook's set rules, each error turned back into the file's line and column."""
    if not entries:
        return []
    names = {
        "reps": columns["reps"],
        "load_kg": columns["load"],
        "rpe": columns["rpe"],
        "exercise_id": columns["exercise"],
    }
    problems = []
    for key, messages in logbook.check_sets(session, entries).items():
        match = _SET_FIELD.match(key)
        if match is None:
            continue
        index, name = int(match[1]), match[2]
        message = " ".join(messages)
        if name == "load_kg":
            message = f"{message.rstrip('.')}; this set is {entries[index].load_kg:.1f} kg."
        problems.append(Problem(lines[index], names.get(name, name), message))
    return problems


def _imported_keys(session: Session, client: Client) -> set[str]:
    stmt = select(Workout.import_key).where(Workout.client_id == client.id, Workout.import_key.is_not(None))
    return set(session.scalars(stmt))


def _notes(row: WorkoutRow) -> str:
    notes = f"Imported from {row.source.label}: {row.name}"
    if row.notes:
        notes += f"\n\n{row.notes}"
    return notes[: limits.NOTES_MAX]
