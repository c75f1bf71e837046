"""The run ledger: one row per job and period, so a period's work is done once.

A run claims its (job, period) row before working. A second process that tries to claim
the same period finds the row and stands down; a run that crashed leaves its row
``running``, and the next run for that period takes it over once the job's lock shows
nobody is still working on it (PostgreSQL), or once the row is older than the stale
limit (SQLite, where there is one process). The jobs' work itself converges (it creates
only what is missing), so a taken-over or later run finishes what a crashed one left.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..models import JobRun

STALE_AFTER = timedelta(hours=1)


def claim(
    session: Session, job_id: str, period: str, *, now: datetime, force: bool = False, locked: bool = False
) -> JobRun | None:
    """The claimed ledger row for this job and period, or None when the period is done or busy. Commits.

    ``locked`` says the caller holds the job's lock (so a ``running`` row is a crashed run);
    ``force`` re-runs a period that already succeeded (manual runs).
    """
    run = JobRun(job_id=job_id, period_key=period, started_at=now, status="running", counts={})
    session.add(run)
    try:
        session.commit()
        return run
    except IntegrityError:
        session.rollback()
    run = session.scalars(select(JobRun).where(JobRun.job_id == job_id, JobRun.period_key == period)).one()
    crashed = run.status == "running" and (locked or now - run.started_at > STALE_AFTER)
    if run.status == "failed" or crashed or force:
        run.status, run.started_at, run.finished_at, run.error, run.counts = "running", now, None, None, {}
        session.commit()
        return run
    return None


def finish(session: Session, run: JobRun, counts: dict, *, now: datetime, error: str | None = None) -> JobRun:
    """Record the end of a run with its counts; ``error`` marks it failed. Commits."""
    run.counts = dict(counts)
    run.finished_at = now
    run.status = "failed" if error else "succeeded"
    run.error = error
    session.commit()
    return run


def recent_runs(session: Session, *, limit: int = 50) -> list[JobRun]:
    """The latest runs of every job, newest first."""
    return list(session.scalars(select(JobRun).order_by(JobRun.started_at.desc(), JobRun.id.desc()).limit(limit)))
