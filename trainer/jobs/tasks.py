"""The scheduled jobs: each a few lines that call one service with the run's time."""

from __future__ import annotations

from datetime import datetime

from ..extensions import db
from ..services import plans


def weekly_plans(*, at: datetime, progress=None) -> dict:
    """Draft the plans that are due and missing (see ``services.plans``)."""
    return plans.create_weekly_plans(db.session, now=at, progress=progress)


def publish_plans(*, at: datetime, progress=None) -> dict:
    """Publish untouched drafts whose week has begun."""
    return plans.publish_due_drafts(db.session, now=at)
