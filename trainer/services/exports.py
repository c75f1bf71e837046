"""A client's data out of the product: weigh-ins and sets as CSV, everything as JSON.

Each export runs one query per table, whatever the amount of history. Weights are
given in kg (exact, as stored) and in the client's own unit (rounded to 0.1, for
reading); the weigh-in CSV is a valid weigh-in import file (its ``weight_kg`` column is
what the importer reads).
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.units import from_kg, round_half_up
from ..models import Client, Exercise, Flag, Plan, PlanItem, PlanSession, SetLog, User, WeighIn, Workout

#: The JSON export's format name and version; bump the version when a field changes meaning.
FORMAT = "trainer.client-export"
VERSION = 1

WEIGH_IN_COLUMNS = ("date", "weight_kg", "weight", "unit", "logged_by")
SET_COLUMNS = (
    "date",
    "workout_id",
    "exercise",
    "exercise_id",
    "set",
    "reps",
    "load_kg",
    "load",
    "unit",
    "rpe",
    "plan_session_id",
)


def _kg(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}".rstrip("0").rstrip(".")


def _in_unit(kg: float, unit: str) -> str:
    return f"{round_half_up(from_kg(kg, unit), 1):.1f}"


def _csv(header: tuple[str, ...], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def weigh_ins_csv(session: Session, client: Client) -> str:
    """The client's weigh-ins, oldest first: date, weight_kg, weight and unit (client's), logged_by (role)."""
    stmt = (
        select(WeighIn.date, WeighIn.weight_kg, User.role)
        .outerjoin(User, User.id == WeighIn.logged_by_id)
        .where(WeighIn.client_id == client.id)
        .order_by(WeighIn.date)
    )
    rows = (
        (on.isoformat(), _kg(kg), _in_unit(kg, client.unit), client.unit, role or "")
        for on, kg, role in session.execute(stmt)
    )
    return _csv(WEIGH_IN_COLUMNS, rows)


def sets_csv(session: Session, client: Client) -> str:
    """Every logged set, oldest workout first, numbered within each exercise of a workout."""
    stmt = (
        select(Workout.date, Workout.id, Exercise.name, Exercise.id, SetLog.reps, SetLog.load_kg, SetLog.rpe)
        .add_columns(Workout.plan_session_id)
        .join(SetLog, SetLog.workout_id == Workout.id)
        .join(Exercise, Exercise.id == SetLog.exercise_id)
        .where(Workout.client_id == client.id)
        .order_by(Workout.date, Workout.id, SetLog.position, SetLog.id)
    )
    numbers: dict[tuple[int, int], int] = defaultdict(int)
    rows = []
    for on, workout_id, name, exercise_id, reps, load_kg, rpe, plan_session_id in session.execute(stmt):
        numbers[workout_id, exercise_id] += 1
        rows.append(
            (
                on.isoformat(),
                workout_id,
                name,
                exercise_id,
                numbers[workout_id, exercise_id],
                reps,
                _kg(load_kg),
                _in_unit(load_kg, client.unit),
                client.unit,
                "" if rpe is None else f"{rpe:g}",
                plan_session_id or "",
            )
        )
    return _csv(SET_COLUMNS, rows)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(obj: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


CLIENT_FIELDS = (
    "id", "name", "email", "sex", "birth_date", "height_cm", "activity_level", "weekly_goal_lb", "experience",
    "days_per_week", "equipment", "focus", "injuries", "notes", "timezone", "unit", "started_on", "archived",
    "created_at", "updated_at",
)  # fmt: skip
FLAG_FIELDS = (
    "id", "kind", "exercise_id", "status", "evidence", "explanation", "suggestion", "note", "resolution",
    "opened_at", "updated_at", "acknowledged_at", "resolved_at",
)  # fmt: skip


def client_json(session: Session, client: Client, *, now: datetime) -> dict[str, Any]:
    """Everything about one client as plain data (SI units, ISO dates), with a format version."""
    weigh_ins = session.execute(
        select(WeighIn, User.role)
        .outerjoin(User, User.id == WeighIn.logged_by_id)
        .where(WeighIn.client_id == client.id)
        .order_by(WeighIn.date)
    ).all()
    workouts = session.execute(
        select(Workout, User.role)
        .outerjoin(User, User.id == Workout.logged_by_id)
        .where(Workout.client_id == client.id)
        .order_by(Workout.date, Workout.id)
    ).all()
    sets = session.scalars(
        select(SetLog)
        .join(Workout, Workout.id == SetLog.workout_id)
        .where(Workout.client_id == client.id)
        .order_by(SetLog.workout_id, SetLog.position, SetLog.id)
    ).all()
    plans = session.scalars(select(Plan).where(Plan.client_id == client.id).order_by(Plan.week_start)).all()
    plan_sessions = session.scalars(
        select(PlanSession)
        .join(Plan, Plan.id == PlanSession.plan_id)
        .where(Plan.client_id == client.id)
        .order_by(PlanSession.day, PlanSession.id)
    ).all()
    items = session.scalars(
        select(PlanItem)
        .join(PlanSession, PlanSession.id == PlanItem.session_id)
        .join(Plan, Plan.id == PlanSession.plan_id)
        .where(Plan.client_id == client.id)
        .order_by(PlanItem.session_id, PlanItem.position, PlanItem.id)
    ).all()
    flags = session.scalars(select(Flag).where(Flag.client_id == client.id).order_by(Flag.opened_at, Flag.id)).all()
    exercises = {e.id: e for e in session.scalars(select(Exercise))}

    def exercise_of(exercise_id: int) -> dict[str, Any]:
        exercise = exercises.get(exercise_id)
        return {"exercise_id": exercise_id, "exercise": exercise.slug if exercise else None}

    sets_by_workout: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in sets:
        sets_by_workout[s.workout_id].append(
            {"id": s.id, "position": s.position, **exercise_of(s.exercise_id)}
            | {"reps": s.reps, "load_kg": s.load_kg, "rpe": s.rpe}
        )
    items_by_session: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        items_by_session[item.session_id].append(
            {"id": item.id, "position": item.position, **exercise_of(item.exercise_id)}
            | _row(item, ("sets", "rep_min", "rep_max", "load_kg", "reason", "note"))
        )
    sessions_by_plan: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for ps in plan_sessions:
        sessions_by_plan[ps.plan_id].append(_row(ps, ("id", "day", "title")) | {"items": items_by_session[ps.id]})

    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(),
        "units": {"weight": "kg", "height": "cm", "dates": "ISO 8601"},
        "client": _row(client, CLIENT_FIELDS),
        "weigh_ins": [
            _row(w, ("id", "date", "weight_kg", "created_at")) | {"logged_by": role} for w, role in weigh_ins
        ],
        "workouts": [
            _row(w, ("id", "date", "plan_session_id", "notes", "import_key", "created_at"))
            | {"logged_by": role, "sets": sets_by_workout[w.id]}
            for w, role in workouts
        ],
        "plans": [
            _row(p, ("id", "week_start", "status", "notes", "generated_at", "edited_at", "published_at"))
            | {"sessions": sessions_by_plan[p.id]}
            for p in plans
        ],
        "flags": [_row(f, FLAG_FIELDS) for f in flags],
    }


def download_name(client: Client, what: str, on: date, extension: str) -> str:
    """A safe file name for a download: ``maria-lopez-weigh-ins-2026-11-21.csv``."""
    ascii_name = unicodedata.normalize("NFKD", client.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or f"client-{client.id}"
    return f"{slug}-{what}-{on.isoformat()}.{extension}"
