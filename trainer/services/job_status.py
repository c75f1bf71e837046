"""What the trainer's Jobs page shows: each job's schedule, its recent runs, and its effect on their clients."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..domain.weeks import week_start
from ..jobs.clock import build_trigger
from ..jobs.schedule import SCHEDULE, JobSpec
from ..models import Client, JobRun, Plan, User


@dataclass(frozen=True)
class JobStatus:
    spec: JobSpec
    next_run: datetime | None
    runs: list[JobRun]


def job_statuses(session: Session, *, now: datetime, runs_per_job: int = 5) -> list[JobStatus]:
    """Every scheduled job with its next run time and latest runs (one query per job)."""
    statuses = []
    for spec in SCHEDULE:
        runs = list(
            session.scalars(
                select(JobRun)
                .where(JobRun.job_id == spec.id)
                .order_by(JobRun.started_at.desc(), JobRun.id.desc())
                .limit(runs_per_job)
            )
        )
        statuses.append(JobStatus(spec, build_trigger(spec.trigger).get_next_fire_time(None, now), runs))
    return statuses


def plan_counts(session: Session, trainer: User, *, weeks: list[date]) -> dict[date, dict[str, int]]:
    """For each plan week, how many of the trainer's active clients have a draft or a published plan."""
    rows = session.execute(
        select(Plan.week_start, Plan.status, func.count())
        .join(Client, Client.id == Plan.client_id)
        .where(Client.trainer_id == trainer.id, Client.archived.is_(False), Plan.week_start.in_(weeks))
        .group_by(Plan.week_start, Plan.status)
    ).all()
    counts = {week: {"draft": 0, "published": 0} for week in weeks}
    for week, status, n in rows:
        counts[week][status] = n
    return counts


def active_clients(session: Session, trainer: User) -> int:
    """How many active clients the trainer has."""
    return session.scalar(
        select(func.count()).select_from(Client).where(Client.trainer_id == trainer.id, Client.archived.is_(False))
    )


def this_and_next_week(today: date) -> list[date]:
    """The Mondays of the week containing ``today`` and of the next."""
    monday = week_start(today)
    return [monday, monday + timedelta(days=7)]
