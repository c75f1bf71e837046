"""The scheduler process (the Procfile's ``clock``): APScheduler in its own process, UTC.

Never started by ``create_app`` or a web worker: one scheduler per gunicorn worker would
run every job once per worker.
"""

from __future__ import annotations

import logging
from datetime import UTC

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from flask import Flask

from .. import clock
from .runner import run_job
from .schedule import SCHEDULE

log = logging.getLogger("trainer.jobs")

JOB_DEFAULTS = {"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600}


def build_trigger(spec: dict):
    """An APScheduler trigger (in UTC) from the schedule's plain description."""
    options = {k: v for k, v in spec.items() if k != "type"}
    if spec["type"] == "cron":
        return CronTrigger(timezone=UTC, **options)
    if spec["type"] == "interval":
        return IntervalTrigger(timezone=UTC, **options)
    raise ValueError(f"unknown trigger type {spec['type']!r}")


def _run_in_app(app: Flask, job_id: str) -> None:
    with app.app_context():
        run_job(job_id, clock.now())


def catch_up(app: Flask) -> None:
    """Run every job once now, so a restart at the wrong moment misses no week."""
    for spec in SCHEDULE:
        _run_in_app(app, spec.id)


def build_scheduler(app: Flask, *, background: bool = False) -> BaseScheduler:
    """A scheduler with every job of the schedule added (not started)."""
    kind = BackgroundScheduler if background else BlockingScheduler
    scheduler = kind(timezone=UTC, job_defaults=JOB_DEFAULTS)
    for spec in SCHEDULE:
        scheduler.add_job(
            _run_in_app,
            trigger=build_trigger(spec.trigger),
            args=[app, spec.id],
            id=spec.id,
            name=spec.description,
            replace_existing=True,
        )
    return scheduler
