"""The trainer's review of weekly plans: what to review, a plan with its changes, regenerate, publish.

Every function takes the session (and the clock, where it matters) and knows nothing of
requests. Item edits and movement overrides are in ``plan_edits``.

Product decisions:
- "Plans to review" lists drafts for next week in each client's own zone, and edited drafts
  of a week that has already begun (the publish job leaves those to the trainer, so the
  client sees nothing until they are published; untouched ones it publishes itself); most
  open flags first, then by name.
- Regenerating draws the plan again from the rules, overrides and history as they are now,
  keeps its status and marks it touched. When its week has begun it keeps the sessions of
  earlier days and any session a workout was logged against; only the rest is drawn again.
- A published plan stays editable: the client sees each change at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..domain import weeks
from ..domain.plan_diff import PlanDiff, PlannedExercise, diff_weeks
from ..domain.planning import plan_week
from ..domain.progression import format_day
from ..models import Client, Flag, Plan, PlanItem, PlanSession, User, Workout
from . import figures, plan_inputs
from .errors import InvalidInput, NotFound
from .logbook import SetEntry
from .plan_edits import check_prescription, touch


@dataclass(frozen=True)
class ReviewRow:
    """A draft waiting for the trainer, with what orders the list."""

    client: Client
    plan: Plan
    open_flags: int
    sessions: int
    week_begun: bool


def _plan_query():
    return select(Plan).options(
        selectinload(Plan.sessions).selectinload(PlanSession.items).selectinload(PlanItem.exercise)
    )


# Reading ------------------------------------------------------------------------------


def plans_to_review(session: Session, trainer: User, *, now: datetime) -> list[ReviewRow]:
    """Drafts for next week (and overdue drafts) across the trainer's active clients (three queries)."""
    earliest = weeks.week_start((now - timedelta(hours=12)).date())  # the westernmost zone's week
    latest = weeks.week_start((now + timedelta(hours=14)).date()) + timedelta(days=7)
    found = session.execute(
        select(Plan, Client)
        .join(Client, Client.id == Plan.client_id)
        .where(
            Client.trainer_id == trainer.id,
            Client.archived.is_(False),
            Plan.status == "draft",
            Plan.week_start.between(earliest, latest),
        )
    ).all()
    drafts = []
    for plan, client in found:
        this_week = weeks.local_week_start(now, client.timezone)
        begun = plan.week_start == this_week
        if plan.week_start == this_week + timedelta(days=7) or (begun and plan.edited_at is not None):
            drafts.append((plan, client, begun))
    if not drafts:
        return []
    client_ids = sorted({client.id for _, client, _ in drafts})
    flags = dict(
        session.execute(
            select(Flag.client_id, func.count())
            .where(Flag.client_id.in_(client_ids), Flag.status != "resolved")
            .group_by(Flag.client_id)
        ).all()
    )
    sessions = dict(
        session.execute(
            select(PlanSession.plan_id, func.count())
            .where(PlanSession.plan_id.in_([plan.id for plan, _, _ in drafts]))
            .group_by(PlanSession.plan_id)
        ).all()
    )
    rows = [
        ReviewRow(client, plan, flags.get(client.id, 0), sessions.get(plan.id, 0), begun)
        for plan, client, begun in drafts
    ]
    return sorted(rows, key=lambda r: (-r.open_flags, r.client.name.lower(), r.client.id, r.plan.week_start))


def client_plans(session: Session, client: Client) -> list[tuple[Plan, int]]:
    """The client's plans, newest first, each with its number of sessions (one query)."""
    rows = session.execute(
        select(Plan, func.count(PlanSession.id))
        .outerjoin(PlanSession, PlanSession.plan_id == Plan.id)
        .where(Plan.client_id == client.id)
        .group_by(Plan.id)
        .order_by(Plan.week_start.desc())
    ).all()
    return [(plan, count) for plan, count in rows]


def plan_for(session: Session, client: Client, week_start: date) -> Plan:
    """The client's plan of a week with its sessions, items and exercises (four queries); ``NotFound``."""
    plan = session.scalars(_plan_query().where(Plan.client_id == client.id, Plan.week_start == week_start)).first()
    if plan is None:
        raise NotFound(f"no plan for the week of {week_start.isoformat()}.")
    return plan


def item_of(plan: Plan, item_id: int) -> PlanItem:
    """One item of a loaded plan; ``NotFound`` for an item of any other plan."""
    for planned in plan.sessions:
        for item in planned.items:
            if item.id == item_id:
                return item
    raise NotFound(f"no item {item_id} in this plan.")


def _planned(plan: Plan | None) -> list[PlannedExercise]:
    if plan is None:
        return []
    return [
        PlannedExercise(
            item.exercise_id,
            item.exercise.name,
            item.exercise.movement,
            item.sets,
            item.rep_min,
            item.rep_max,
            item.load_kg,
            item.reason,
            item.deload_from_kg,
            item.exercise.bodyweight,
        )
        for planned in plan.sessions
        for item in planned.items
    ]


def week_diff(session: Session, plan: Plan) -> PlanDiff:
    """What changed since the client's plan of the week before, with the reasons."""
    previous = session.scalars(
        _plan_query().where(Plan.client_id == plan.client_id, Plan.week_start == plan.week_start - timedelta(days=7))
    ).first()
    return diff_weeks(_planned(plan), _planned(previous))


def regenerate(session: Session, client: Client, plan: Plan, *, by: User, now: datetime) -> Plan:
    """Draw the plan again from the rules (overrides and history as they are now); keeps its status. Commits."""
    today = weeks.local_date(now, client.timezone)
    library = plan_inputs.load_library(session)
    overrides = plan_inputs.load_overrides(session, [client.id], {e.id: e.slug for e in library})
    profile = plan_inputs.profile_of(client, overrides.get(client.id, ()))
    history = plan_inputs.load_histories(session, [client.id], plan.week_start, {client.id: today})[client.id]
    try:
        draft = plan_week(profile, library, history, plan.week_start)
    except ValueError as error:  # the client's profile or history is not plannable
        raise InvalidInput.one("plan", str(error)) from None
    for planned in draft.sessions:
        for item in planned.items:
            if errors := check_prescription(item.sets, item.rep_min, item.rep_max, item.load_kg):
                raise InvalidInput({f"plan.{key}": messages for key, messages in errors.items()})
    logged = set(
        session.scalars(
            select(Workout.plan_session_id).where(Workout.plan_session_id.in_([s.id for s in plan.sessions]))
        )
    )
    kept = [s for s in plan.sessions if s.day < today or s.id in logged]
    for old in [s for s in plan.sessions if s not in kept]:
        plan.sessions.remove(old)
    session.flush()
    kept_days = {s.day for s in kept}
    for planned in draft.sessions:
        if planned.day in kept_days or planned.day < today:
            continue
        items = [
            PlanItem(
                position=position,
                exercise_id=i.exercise_id,
                sets=i.sets,
                rep_min=i.rep_min,
                rep_max=i.rep_max,
                load_kg=i.load_kg,
                reason=i.reason,
                note="",
                deload_from_kg=i.deload_from_kg,
            )
            for position, i in enumerate(planned.items)
        ]
        plan.sessions.append(PlanSession(day=planned.day, title=planned.title, items=items))
    notes = list(draft.notes)
    if kept:
        notes.append(f"Regenerated on {format_day(today)}: sessions already past or logged were kept.")
    plan.notes, plan.generated_at = "\n".join(notes), now
    touch(plan, by, now)
    figures.refresh_attendance(session, client.id, [plan.week_start])
    session.commit()
    return plan


def publish(session: Session, plan: Plan, *, now: datetime) -> bool:
    """Publish a plan so the client sees it; False when it already was. Commits."""
    if plan.status == "published":
        return False
    plan.status, plan.published_at = "published", now
    session.commit()
    return True


# Logging a planned session --------------------------------------------------------------


def prefill_sets(session: Session, plan_session_id: int | None, client: Client) -> list[SetEntry]:
    """One row per prescribed set of the client's planned session, for the workout form (empty for any other id).

    Reps are the bottom of the range, so a form saved unchanged never earns a load increase the
    client did not make; the load is the prescribed one (0 for body weight or the client's choice).
    """
    if plan_session_id is None:
        return []
    items = session.scalars(
        select(PlanItem)
        .join(PlanSession, PlanSession.id == PlanItem.session_id)
        .join(Plan, Plan.id == PlanSession.plan_id)
        .where(PlanSession.id == plan_session_id, Plan.client_id == client.id)
        .order_by(PlanItem.position, PlanItem.id)
    )
    return [SetEntry(item.exercise_id, item.rep_min, item.load_kg or 0.0) for item in items for _ in range(item.sets)]
