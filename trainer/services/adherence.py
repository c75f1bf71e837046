"""Load plans and logged sets for many clients at once and assess adherence (DOMAIN.md section 7)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from ..domain.adherence import PlannedSession, PrescribedExercise, SessionOutcome, assess_sessions
from ..domain.strength import LoggedSet
from ..domain.weeks import week_start
from ..models import Plan, PlanItem, PlanSession, SetLog, Workout


def read_rows(session: Session, stmt: Select) -> list[Row]:
    """Every row of a select of plain columns, read on the session's connection (autoflushing as ``session.execute``).

    ``session.execute`` sends each row through the ORM's loading machinery, which cost more than
    the query itself for the thousands of rows the roster reads; the SQL and the values are the same.
    """
    if session.autoflush:
        session.flush()
    return session.connection(bind_arguments={"clause": stmt}).execute(stmt).all()


#: The columns ``planned_sessions_of`` turns into planned sessions: one row per prescribed item.
PRESCRIPTION = (
    Plan.client_id,
    PlanSession.id,
    PlanSession.day,
    PlanItem.exercise_id,
    PlanItem.sets,
    PlanItem.rep_min,
    PlanItem.load_kg,
)


def planned_sessions_of(rows) -> dict[int, list[PlannedSession]]:
    """Each client's planned sessions from rows that start with the ``PRESCRIPTION`` columns, items in order.

    A session read through an outer join with no item (its exercise id None) has no exercises.
    """
    items: dict[tuple[int, int, date], list[PrescribedExercise]] = defaultdict(list)
    for client_id, session_id, day, exercise_id, sets, rep_min, load_kg, *_ in rows:
        prescribed = items[(client_id, session_id, day)]
        if exercise_id is not None:
            prescribed.append(PrescribedExercise(exercise_id, sets, rep_min, load_kg))
    by_client: dict[int, list[PlannedSession]] = defaultdict(list)
    for (client_id, session_id, day), exercises in items.items():
        by_client[client_id].append(PlannedSession(session_id, day, tuple(exercises)))
    return by_client


def planned_sessions(session: Session, client_ids: Sequence[int], start: date, end: date) -> dict[int, list]:
    """Published plan sessions dated ``start``..``end`` for each client, as domain objects (one query)."""
    rows = read_rows(
        session,
        select(*PRESCRIPTION)
        .join(PlanSession, PlanSession.plan_id == Plan.id)
        .join(PlanItem, PlanItem.session_id == PlanSession.id)
        .where(
            Plan.client_id.in_(client_ids),
            Plan.status == "published",
            PlanSession.day.between(start, end),
        )
        .order_by(PlanSession.id, PlanItem.position),
    )
    return planned_sessions_of(rows)


def logged_sets(
    session: Session, client_ids: Sequence[int], start: date, end: date, *, attendance_only: bool = False
) -> dict[int, list[LoggedSet]]:
    """Every set logged ``start``..``end`` by each client, as domain objects (one query).

    With ``attendance_only`` each exercise of a workout comes once (its best reps and load):
    enough to tell which sessions were done, a third of the rows, but not the quality figure.
    """
    columns = (Workout.client_id, Workout.date, Workout.plan_session_id, SetLog.exercise_id)
    stmt = (
        select(*columns, func.max(SetLog.reps), func.max(SetLog.load_kg)).group_by(*columns)
        if attendance_only
        else select(*columns, SetLog.reps, SetLog.load_kg)
    )
    rows = read_rows(
        session,
        stmt.join(SetLog, SetLog.workout_id == Workout.id).where(
            Workout.client_id.in_(client_ids), Workout.date.between(start, end)
        ),
    )
    by_client: dict[int, list[LoggedSet]] = defaultdict(list)
    for client_id, day, session_id, exercise_id, reps, load in rows:
        by_client[client_id].append(LoggedSet(day, exercise_id, reps, load or None, session_id))
    return by_client


def outcomes_for(
    session: Session, client_ids: Sequence[int], *, today: date, days: int
) -> dict[int, list[SessionOutcome]]:
    """Each client's session outcomes for plan weeks touching the last ``days`` days (two queries)."""
    if not client_ids:
        return {}
    start = week_start(today - timedelta(days=days - 1))
    end = start + timedelta(days=((today - start).days // 7 + 1) * 7 - 1)
    plans = planned_sessions(session, client_ids, start, end)
    sets = logged_sets(session, client_ids, start, end)
    return {cid: assess_sessions(plans.get(cid, []), sets.get(cid, []), today) for cid in client_ids}
