"""Run one job for one moment: take the lock, claim the ledger row, do the work, record it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from werkzeug.utils import import_string

from .. import clock
from ..extensions import db
from ..services import job_runs
from .locks import job_lock
from .schedule import JOBS, period_key

log = logging.getLogger("trainer.jobs")

Progress = Callable[[int, int], None]


@dataclass
class RunOutcome:
    """What a run did: its status, counts, and why it was skipped or failed."""

    job_id: str
    period: str
    status: str  # succeeded | failed | skipped
    counts: dict = field(default_factory=dict)
    message: str = ""


def run_job(job_id: str, at: datetime, *, force: bool = False, progress: Progress | None = None) -> RunOutcome:
    """Run ``job_id`` as if at ``at`` (aware UTC) inside the current app context.

    Skips when another process holds the job's lock or the period already ran (unless
    ``force``). Never raises for a failing job: the failure is recorded in the ledger.
    """
    spec = JOBS[job_id]
    period = period_key(spec, at)
    task = import_string(spec.task)
    with job_lock(db.engine, job_id) as held:
        if not held:
            return RunOutcome(job_id, period, "skipped", message="another process is running this job")
        locked = db.engine.dialect.name == "postgresql"
        run = job_runs.claim(db.session, job_id, period, now=clock.now(), force=force, locked=locked)
        if run is None:
            return RunOutcome(job_id, period, "skipped", message=f"already ran for {period}")
        log.info("job started", extra={"fields": {"job": job_id, "period": period, "at": at.isoformat()}})
        try:
            counts = task(at=at, progress=progress)
        except Exception:  # recorded, not raised: the scheduler must keep going
            db.session.rollback()
            error = traceback.format_exc(limit=5)
            job_runs.finish(db.session, run, {}, now=clock.now(), error=error)
            log.error("job failed", extra={"fields": {"job": job_id, "period": period, "error": error}})
            return RunOutcome(job_id, period, "failed", message=error.strip().splitlines()[-1])
        job_runs.finish(db.session, run, counts, now=clock.now())
        log.info("job finished", extra={"fields": {"job": job_id, "period": period, "counts": counts}})
        return RunOutcome(job_id, period, "succeeded", counts)
