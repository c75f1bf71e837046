"""Seeding the demo data: the trainer, the clients and their history in one commit, then past plans."""

from __future__ import annotations

import random
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from ...models import Client, Exercise, Invitation, User
from .. import figures, plans
from .history import History
from .specs import CLIENTS, DemoClient

DEMO_EMAIL = "demo@trainer.local"
DEMO_PASSWORD = "demo-password-123"
DEMO_NAME = "Dana Demo"
HISTORY_WEEKS = 10
INVITATION_DAYS = 7


@dataclass(frozen=True)
class DemoResult:
    """What ``seed_demo`` did: whether it created the data, and how many rows it added."""

    trainer: User
    created: bool
    clients: int = 0
    weigh_ins: int = 0
    workouts: int = 0
    sets: int = 0


def find_demo_trainer(session: Session) -> User | None:
    """The demo trainer, if the demo data exists."""
    return session.scalar(select(User).where(func.lower(User.email) == DEMO_EMAIL))


def seed_demo(
    session: Session,
    today: date,
    *,
    now: datetime | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoResult:
    """Create the demo trainer, clients and history ending the day before ``today``, in one commit.

    Does nothing when the demo trainer exists already. Clients with neither a login nor an
    archive get an open invitation issued at ``now`` (default: the start of ``today`` in UTC).
    ``progress`` is called with each client's name once that client's history is built.
    """
    now = now or datetime.combine(today, time(0, 0), UTC)
    existing = find_demo_trainer(session)
    if existing is not None:
        return DemoResult(trainer=existing, created=False)
    exercises = {e.slug: e for e in session.scalars(select(Exercise))}
    missing = {slug for spec in CLIENTS for day in spec.sessions for slug in day} - set(exercises)
    if missing:
        raise LookupError(f"the exercise library lacks {sorted(missing)}; run the database migrations first")

    password_hash = generate_password_hash(DEMO_PASSWORD)
    trainer = User(email=DEMO_EMAIL, name=DEMO_NAME, role="trainer", password_hash=password_hash)
    session.add(trainer)
    session.flush()
    started_on = today - timedelta(days=today.weekday(), weeks=HISTORY_WEEKS)
    totals = {"weigh_ins": 0, "workouts": 0, "sets": 0}
    try:
        for index, spec in enumerate(CLIENTS):
            client = _add_client(session, trainer, spec, started_on, password_hash)
            if client.user is None and not client.archived:
                _invite(session, client, now)
            history = History(spec, client, exercises, random.Random(f"demo-{index}"))
            end = today if spec.archived_weeks_ago is None else today - timedelta(weeks=spec.archived_weeks_ago)
            weigh_ins, workouts = history.build(started_on, end)
            session.add_all(weigh_ins)
            session.add_all(workouts)
            figures.refresh_trends(session, [client.id])  # flushes the history first
            totals["weigh_ins"] += len(weigh_ins)
            totals["workouts"] += len(workouts)
            totals["sets"] += sum(len(w.sets) for w in workouts)
            if progress is not None:
                progress(spec.name)
        session.commit()
    except Exception:
        session.rollback()
        raise
    return DemoResult(trainer=trainer, created=True, clients=len(CLIENTS), **totals)


def _add_client(session: Session, trainer: User, spec: DemoClient, started_on: date, password_hash: str) -> Client:
    client = Client(
        trainer_id=trainer.id,
        name=spec.name,
        email=spec.email,
        sex=spec.sex,
        birth_date=date(started_on.year - spec.age, 3 + len(spec.name) % 9, 1 + len(spec.email) % 27),
        height_cm=spec.height_cm,
        activity_level=spec.activity_level,
        weekly_goal_lb=spec.weekly_goal_lb,
        experience=spec.experience,
        days_per_week=spec.days_per_week,
        equipment=spec.equipment,
        focus=list(spec.focus),
        injuries=spec.injuries,
        notes=spec.notes,
        timezone=spec.timezone,
        unit=spec.unit,
        started_on=started_on,
        archived=spec.archived_weeks_ago is not None,
    )
    if spec.with_login:
        client.user = User(
            email=spec.email,
            name=spec.name,
            role="client",
            password_hash=password_hash,
            timezone=spec.timezone,
            unit=spec.unit,
        )
    session.add(client)
    session.flush()
    return client


def _invite(session: Session, client: Client, now: datetime) -> None:
    """An open invitation, so the trainer sees the link to pass on (the token is made when shown)."""
    session.add(
        Invitation(
            client_id=client.id,
            nonce=secrets.token_urlsafe(24),
            created_at=now,
            expires_at=now + timedelta(days=INVITATION_DAYS),
        )
    )


def backfill_plans(session: Session, now: datetime, *, weeks: int = 3) -> int:
    """Run the weekly-plans and publish-plans work as it would have run over the last ``weeks`` weeks.

    So the demo shows plans, adherence and progression at once: each past Friday evening
    drafts the next week, each Monday publishes it, then the work runs once more at ``now``.
    Returns the plans created. Commits.
    """
    monday = now.date() - timedelta(days=now.weekday())
    created = 0
    for back in range(weeks, 0, -1):
        week = monday - timedelta(weeks=back)
        friday = datetime.combine(week - timedelta(days=3), time(19, 0), UTC)
        created += plans.create_weekly_plans(session, now=friday)["plans_created"]
        plans.publish_due_drafts(session, now=datetime.combine(week, time(14, 0), UTC))
    created += plans.create_weekly_plans(session, now=now)["plans_created"]
    plans.publish_due_drafts(session, now=now)
    return created
