"""What clients log: weigh-ins (one per day) and workouts made of sets.

Every function checks its input against ``trainer.domain.limits`` and raises
``InvalidInput`` naming the field and the rule (``sets[2].reps``), or ``Conflict``; nothing
is written unless all of it is valid. Dates may not be after today in the client's own
time zone (the caller passes ``today``) nor before 1900.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from ..domain import limits
from ..models import Client, Exercise, Plan, PlanSession, SetLog, User, WeighIn, Workout
from . import figures
from .errors import Conflict, InvalidInput, NotFound


@dataclass(frozen=True)
class SetEntry:
    """One set as entered: the exercise, reps, the load in kg (0 for body weight), an optional RPE."""

    exercise_id: int
    reps: int
    load_kg: float = 0.0
    rpe: float | None = None


def check_date(on: date, today: date, field: str = "date") -> dict[str, list[str]]:
    """Errors for a log date: not after today (client's zone), not before 1900."""
    if on > today:
        return {field: [f"must not be after today ({today.isoformat()} in the client's time zone)."]}
    if on < limits.EARLIEST_DATE:
        return {field: ["must not be before 1900-01-01."]}
    return {}


def check_weight(weight_kg: float, field: str = "weight_kg") -> dict[str, list[str]]:
    """Errors for a body weight in kg: 20 to 400 kg."""
    low, high = limits.WEIGHT_KG
    if not low <= weight_kg <= high:
        return {field: [f"must be between {low:.0f} and {high:.0f} kg."]}
    return {}


def check_sets(session: Session, sets: Sequence[SetEntry]) -> dict[str, list[str]]:
    """Errors for a workout's sets, keyed ``sets[i].field``: at least one set, known exercises, ranges."""
    errors: dict[str, list[str]] = {}
    if not sets:
        return {"sets": ["log at least one set."]}
    known = set(session.scalars(select(Exercise.id).where(Exercise.id.in_({s.exercise_id for s in sets}))))
    for i, entry in enumerate(sets):
        where = f"sets[{i}]"
        if entry.exercise_id not in known:
            errors[f"{where}.exercise_id"] = [f"no exercise with id {entry.exercise_id} in the library."]
        if not limits.REPS[0] <= entry.reps <= limits.REPS[1]:
            errors[f"{where}.reps"] = ["must be a whole number from 1 to 100."]
        if not limits.LOAD_KG[0] <= entry.load_kg <= limits.LOAD_KG[1]:
            errors[f"{where}.load_kg"] = ["must be between 0 and 1000 kg."]
        if entry.rpe is not None and not limits.RPE[0] <= entry.rpe <= limits.RPE[1]:
            errors[f"{where}.rpe"] = ["must be between 1 and 10."]
    return errors


def _raise_if(errors: dict[str, list[str]]) -> None:
    if errors:
        raise InvalidInput(errors)


# Weigh-ins ---------------------------------------------------------------------------


def weigh_in_on(session: Session, client: Client, on: date) -> WeighIn | None:
    """The client's weigh-in on a date, if any."""
    return session.scalars(select(WeighIn).where(WeighIn.client_id == client.id, WeighIn.date == on)).first()


def add_weigh_in(session: Session, client: Client, on: date, weight_kg: float, *, by: User, today: date) -> WeighIn:
    """Record a new weigh-in; ``Conflict`` when the client already has one that day. Commits."""
    _raise_if({**check_date(on, today), **check_weight(weight_kg)})
    if weigh_in_on(session, client, on) is not None:
        raise Conflict(f"date: there is already a weigh-in on {on.isoformat()}; edit it instead.", field="date")
    weigh_in = WeighIn(client_id=client.id, date=on, weight_kg=round(weight_kg, 2), logged_by_id=by.id)
    session.add(weigh_in)
    try:
        figures.refresh_trend(session, client.id, on)  # flushes the insert first
        session.commit()
    except IntegrityError:  # a concurrent request won the race for that date
        session.rollback()
        raise Conflict(f"date: there is already a weigh-in on {on.isoformat()}.", field="date") from None
    return weigh_in


def save_weigh_in(session: Session, client: Client, on: date, weight_kg: float, *, by: User, today: date) -> WeighIn:
    """Record the weigh-in of a date, replacing that day's weigh-in if there is one. Commits."""
    _raise_if({**check_date(on, today), **check_weight(weight_kg)})
    weigh_in = weigh_in_on(session, client, on)
    if weigh_in is None:
        return add_weigh_in(session, client, on, weight_kg, by=by, today=today)
    weigh_in.weight_kg, weigh_in.logged_by_id = round(weight_kg, 2), by.id
    figures.refresh_trend(session, client.id, on)
    session.commit()
    return weigh_in


def move_weigh_in(session: Session, weigh_in: WeighIn, on: date, weight_kg: float, *, by: User, today: date) -> WeighIn:
    """Change a weigh-in's date and weight; ``Conflict`` if another weigh-in holds the new date. Commits."""
    _raise_if({**check_date(on, today), **check_weight(weight_kg)})
    if on != weigh_in.date:
        clash = session.scalars(
            select(WeighIn.id).where(WeighIn.client_id == weigh_in.client_id, WeighIn.date == on)
        ).first()
        if clash is not None:
            raise Conflict(f"date: there is already a weigh-in on {on.isoformat()}.", field="date")
    since = min(on, weigh_in.date)
    weigh_in.date, weigh_in.weight_kg, weigh_in.logged_by_id = on, round(weight_kg, 2), by.id
    figures.refresh_trend(session, weigh_in.client_id, since)
    session.commit()
    return weigh_in


def delete_weigh_in(session: Session, weigh_in: WeighIn) -> None:
    """Remove a weigh-in. Commits."""
    client_id, on = weigh_in.client_id, weigh_in.date
    session.delete(weigh_in)
    figures.refresh_trend(session, client_id, on)
    session.commit()


def weigh_ins(session: Session, client: Client, *, start: date | None = None, end: date | None = None) -> list[WeighIn]:
    """The client's weigh-ins between two dates (both optional, both included), newest first."""
    stmt = select(WeighIn).where(WeighIn.client_id == client.id)
    if start:
        stmt = stmt.where(WeighIn.date >= start)
    if end:
        stmt = stmt.where(WeighIn.date <= end)
    return list(session.scalars(stmt.order_by(WeighIn.date.desc())))


# Workouts ----------------------------------------------------------------------------


def _check_plan_session(session: Session, client: Client, plan_session_id: int | None) -> dict[str, list[str]]:
    if plan_session_id is None:
        return {}
    owner = session.scalar(
        select(Plan.client_id)
        .join(PlanSession, PlanSession.plan_id == Plan.id)
        .where(PlanSession.id == plan_session_id)
    )
    if owner != client.id:
        return {"plan_session_id": [f"no planned session {plan_session_id} in this client's plans."]}
    return {}


def fill_sets(workout: Workout, sets: Sequence[SetEntry]) -> None:
    """Replace the workout's sets with ``sets``, in order."""
    workout.sets = [
        SetLog(exercise_id=s.exercise_id, position=i, reps=s.reps, load_kg=round(s.load_kg, 3), rpe=s.rpe)
        for i, s in enumerate(sets)
    ]


def log_workout(
    session: Session,
    client: Client,
    on: date,
    sets: Sequence[SetEntry],
    *,
    by: User,
    today: date,
    plan_session_id: int | None = None,
    notes: str = "",
) -> Workout:
    """Record a workout and all its sets in one transaction. Commits."""
    _raise_if(
        {**check_date(on, today), **check_sets(session, sets), **_check_plan_session(session, client, plan_session_id)}
    )
    workout = Workout(client_id=client.id, date=on, plan_session_id=plan_session_id, notes=notes, logged_by_id=by.id)
    fill_sets(workout, sets)
    session.add(workout)
    figures.refresh_attendance(session, client.id, [on])
    session.commit()
    return workout


def replace_workout(
    session: Session,
    workout: Workout,
    on: date,
    sets: Sequence[SetEntry],
    *,
    by: User,
    today: date,
    notes: str | None = None,
) -> Workout:
    """Replace a workout's date and sets (and notes, when given) in one transaction. Commits."""
    _raise_if({**check_date(on, today), **check_sets(session, sets)})
    days = [workout.date, on]
    workout.date, workout.logged_by_id = on, by.id
    if notes is not None:
        workout.notes = notes
    fill_sets(workout, sets)
    figures.refresh_attendance(session, workout.client_id, days)
    session.commit()
    return workout


def delete_workout(session: Session, workout: Workout) -> None:
    """Remove a workout and its sets. Commits."""
    client_id, on = workout.client_id, workout.date
    session.delete(workout)
    figures.refresh_attendance(session, client_id, [on])
    session.commit()


def workout_of(session: Session, client: Client, workout_id: int) -> Workout:
    """One of the client's workouts; ``NotFound`` for any other id."""
    workout = session.get(Workout, workout_id)
    if workout is None or workout.client_id != client.id:
        raise NotFound(f"no workout {workout_id} for this client.")
    return workout


def workouts(session: Session, client: Client, *, start: date | None = None, end: date | None = None) -> list[Workout]:
    """The client's workouts with their sets, newest first (two queries whatever the count)."""
    stmt = select(Workout).where(Workout.client_id == client.id).options(selectinload(Workout.sets))
    if start:
        stmt = stmt.where(Workout.date >= start)
    if end:
        stmt = stmt.where(Workout.date <= end)
    return list(session.scalars(stmt.order_by(Workout.date.desc(), Workout.id.desc())))


# The exercise library ----------------------------------------------------------------


def exercise_library(session: Session) -> list[Exercise]:
    """Every exercise a set may be logged against, by name (one query)."""
    return list(session.scalars(select(Exercise).order_by(Exercise.name)))
