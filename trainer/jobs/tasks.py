"""The scheduled jobs: each a few lines that call one service with the run's time."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from ..extensions import db
from ..services import login_sessions, plans


def weekly_plans(*, at: datetime, progress=None) -> dict:
    """Draft the plans that are due and missing (see ``services.plans``)."""
    return plans.create_weekly_plans(db.session, now=at, progress=progress)


def publish_plans(*, at: datetime, progress=None) -> dict:
    """Publish untouched drafts whose week has begun."""
    return plans.publish_due_drafts(db.session, now=at)


def prune_login_sessions(*, at: datetime, progress=None) -> dict:
    """Delete sign-in sessions that ended or lapsed (see ``services.login_sessions.prune``)."""
    deleted = login_sessions.prune(db.session, now=at, max_idle=current_app.permanent_session_lifetime)
    return {"sessions_deleted": deleted}
