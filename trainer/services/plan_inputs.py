"""Load what the planning engine needs for many clients at once, in a fixed number of queries.

Product decisions:
- History reaches back ``HISTORY_WEEKS`` (8) weeks before the planned week: enough for the
  three-session stall rule and the two-session switch rule even after a missed week or two.
- Adherence counts only published plans (a draft the client never saw cannot be missed)
  and only plan weeks that have ended before the day the plan is drawn up.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, timedelta

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import Session

from ..domain.adherence import PlannedSession, PrescribedExercise, assess_sessions, weekly_adherence
from ..domain.exercises import Equipment, MuscleGroup
from ..domain.planning import (
    ClientProfile,
    Experience,
    LibraryExercise,
    MovementOverride,
    OverrideAction,
    TrainingHistory,
    WeekAdherence,
)
from ..domain.progression import LoggedSet, Prescription, SessionLog
from ..domain.strength import LoggedSet as AdherenceSet
from ..domain.units import WeightUnit
from ..models import Client, Exercise, Plan, PlanItem, PlanSession, SetLog, Workout
from ..models import MovementOverride as OverrideRow

HISTORY_WEEKS = 8


def load_library(session: Session) -> tuple[LibraryExercise, ...]:
    """The exercise library as the engine's plain records (one query)."""
    rows = session.scalars(select(Exercise).order_by(Exercise.id)).all()
    slugs = {row.id: row.slug for row in rows}
    return tuple(
        LibraryExercise(
            row.id,
            row.slug,
            row.name,
            tuple(MuscleGroup(g) for g in row.muscle_groups),
            Equipment(row.equipment),
            row.bodyweight,
            row.movement,
            slugs.get(row.weighted_form_id) if row.weighted_form_id else None,
        )
        for row in rows
    )


def load_overrides(session: Session, client_ids: Sequence[int], slugs: dict[int, str]) -> dict[int, tuple]:
    """Each client's trainer overrides as engine records (one query)."""
    found: dict[int, list[MovementOverride]] = defaultdict(list)
    for row in session.scalars(
        select(OverrideRow).where(OverrideRow.client_id.in_(client_ids)).order_by(OverrideRow.movement)
    ):
        to_slug = slugs.get(row.to_exercise_id) if row.to_exercise_id else None
        found[row.client_id].append(MovementOverride(row.movement, OverrideAction(row.action), to_slug))
    return {client_id: tuple(items) for client_id, items in found.items()}


def profile_of(client: Client, overrides: tuple = ()) -> ClientProfile:
    """The engine's view of a client's profile."""
    focus = tuple(MuscleGroup(g) for g in sorted(client.focus or []) if g in MuscleGroup.__members__.values())
    return ClientProfile(
        client_id=client.id,
        experience=Experience(client.experience),
        days_per_week=client.days_per_week,
        equipment=Equipment(client.equipment),
        unit=WeightUnit(client.unit),
        started_on=client.started_on,
        focus=focus,
        overrides=overrides,
    )


def _core_rows(session: Session, statement: Select) -> Sequence[Row]:
    """All rows of a select of plain columns, run on the session's connection.

    The rows are the same as ``session.execute(statement).all()`` gives, without the ORM's
    per-row result processing (a tenth of a big history load); pending changes are flushed
    first, as the ORM's autoflush would.
    """
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement).all()


def load_histories(
    session: Session,
    client_ids: Sequence[int],
    week: date,
    today_of: dict[int, date],
    adherence_for: Collection[int] | None = None,
) -> dict[int, TrainingHistory]:
    """Each client's training history before ``week``: logs, prescriptions, weekly adherence (two queries).

    ``adherence_for`` limits the weekly adherence figures (the costly part) to the clients whose plans
    read them (``planning.reads_adherence``); the others get none. By default every client gets them.
    """
    start = week - timedelta(weeks=HISTORY_WEEKS)
    set_rows = _core_rows(
        session,
        select(
            Workout.client_id, Workout.date, Workout.plan_session_id, SetLog.exercise_id, SetLog.reps, SetLog.load_kg
        )
        .join(SetLog, SetLog.workout_id == Workout.id)
        .where(Workout.client_id.in_(client_ids), Workout.date >= start, Workout.date < week)
        .order_by(Workout.client_id, Workout.date, Workout.id, SetLog.position),
    )
    item_rows = _core_rows(
        session,
        select(
            Plan.client_id,
            Plan.week_start,
            Plan.status,
            PlanSession.id,
            PlanSession.day,
            PlanItem.exercise_id,
            PlanItem.sets,
            PlanItem.rep_min,
            PlanItem.rep_max,
            PlanItem.load_kg,
            PlanItem.deload_from_kg,
        )
        .join(PlanSession, PlanSession.plan_id == Plan.id)
        .join(PlanItem, PlanItem.session_id == PlanSession.id)
        .where(Plan.client_id.in_(client_ids), Plan.week_start >= start, Plan.week_start < week)
        .order_by(Plan.client_id, PlanSession.day, PlanItem.position),
    )

    # Adherence figures are kept only for weeks that ended before ``today`` and before ``week``, so only
    # the sessions and sets of those weeks are assessed (each week is assessed on its own).
    prescriptions: dict[int, dict[tuple[int, date], Prescription]] = {}
    planned: dict[int, dict[tuple[int, date], list[PrescribedExercise]]] = {}
    assessed_weeks: dict[int, set[date]] = {}
    current_client = current_session = None
    for client_id, week_start, status, session_id, day, exercise_id, sets, rep_min, rep_max, load, deload in item_rows:
        if client_id != current_client:  # rows come client by client
            current_client = client_id
            client_prescriptions = prescriptions.setdefault(client_id, {})
            client_planned = planned.setdefault(client_id, {})
            client_weeks = assessed_weeks.setdefault(client_id, set())
            wanted = adherence_for is None or client_id in adherence_for
            assessed_before = min(today_of[client_id], week) - timedelta(days=6)  # weeks ending before both
        key = (exercise_id, week_start)
        if key not in client_prescriptions:
            client_prescriptions[key] = Prescription(exercise_id, week_start, sets, rep_min, rep_max, load, deload)
        if not wanted or status != "published":
            continue
        if (session_id, day) != current_session:  # a session's items come one after another
            current_session = (session_id, day)
            monday = day - timedelta(days=day.weekday())
            session_items = None
            if monday < assessed_before:
                session_items = client_planned.get(current_session)
                if session_items is None:
                    session_items = client_planned[current_session] = []
                    client_weeks.add(monday)
        if session_items is not None:
            session_items.append(PrescribedExercise(exercise_id, sets, rep_min, load))

    logs: dict[int, dict[tuple[int, date], list[LoggedSet]]] = {}
    done_sets: dict[int, list[AdherenceSet]] = {}
    current_client = current_day = current_exercise = None
    for client_id, day, session_id, exercise_id, reps, load in set_rows:
        if client_id != current_client or day != current_day:  # rows come client by client, day by day
            if client_id != current_client:
                current_client = client_id
                client_logs = logs.setdefault(client_id, {})
                client_sets = done_sets.setdefault(client_id, [])
                weeks_assessed = assessed_weeks.get(client_id)
            current_day, current_exercise = day, None
            assessed = bool(weeks_assessed) and day - timedelta(days=day.weekday()) in weeks_assessed
        load = load or None
        if exercise_id != current_exercise:  # an exercise's sets mostly come one after another
            current_exercise = exercise_id
            exercise_sets = client_logs.get((exercise_id, day))
            if exercise_sets is None:
                exercise_sets = client_logs[(exercise_id, day)] = []
        exercise_sets.append(LoggedSet(reps, load))
        if assessed:
            client_sets.append(AdherenceSet(day, exercise_id, reps, load, session_id))

    histories = {}
    for client_id in client_ids:
        today = today_of[client_id]
        adherence: tuple[WeekAdherence, ...] = ()
        if planned.get(client_id):
            sessions = [PlannedSession(sid, day, tuple(items)) for (sid, day), items in planned[client_id].items()]
            outcomes = assess_sessions(sessions, done_sets.get(client_id, []), today)
            adherence = tuple(
                WeekAdherence(a.start, a.rate)
                for a in weekly_adherence(outcomes)
                if a.rate is not None and a.end < today and a.end < week
            )
        histories[client_id] = TrainingHistory(
            logs=tuple(SessionLog(ex, day, tuple(sets)) for (ex, day), sets in logs.get(client_id, {}).items()),
            prescriptions=tuple(prescriptions.get(client_id, {}).values()),
            adherence=adherence,
        )
    return histories
