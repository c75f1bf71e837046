"""The Jobs page: when the scheduled jobs run, how their last runs went, and what they did for you."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import current_user

from .. import clock
from ..extensions import db
from ..services import job_status
from .access import trainer_required

bp = Blueprint("jobs", __name__)


@bp.get("/jobs")
@trainer_required
def jobs():
    """Each job's schedule and recent runs, and this week's and next week's plans for the trainer's clients."""
    now = clock.now()
    weeks = job_status.this_and_next_week(clock.today_in(current_user.timezone, now))
    return render_template(
        "jobs.html",
        statuses=job_status.job_statuses(db.session, now=now),
        weeks=weeks,
        plan_counts=job_status.plan_counts(db.session, current_user, weeks=weeks),
        active_clients=job_status.active_clients(db.session, current_user),
    )
