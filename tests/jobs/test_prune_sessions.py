"""The prune-sessions job deletes only sign-in sessions that can never be used again."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from trainer.jobs.runner import run_job
from trainer.models import LoginSession

NOW = datetime(2026, 11, 25, 3, 25, tzinfo=UTC)


def _session(session, user, name: str, *, seen_days_ago: float, revoked_days_ago: float | None = None) -> None:
    seen = NOW - timedelta(days=seen_days_ago)
    revoked = None if revoked_days_ago is None else NOW - timedelta(days=revoked_days_ago)
    session.add(
        LoginSession(
            user_id=user.id,
            key_hash=name.ljust(64, "0"),
            user_agent=name,
            created_at=seen,
            last_seen_at=seen,
            revoked_at=revoked,
        )
    )


def test_ended_and_lapsed_sessions_go_and_the_others_stay(app_ctx, session, make_trainer):
    user = make_trainer()
    _session(session, user, "in-use", seen_days_ago=0.1)
    _session(session, user, "idle-30-days", seen_days_ago=30)  # the cookie (31 days) still works
    _session(session, user, "idle-32-days", seen_days_ago=32)  # refused at sign-in already
    _session(session, user, "logged-out-last-week", seen_days_ago=7, revoked_days_ago=7)
    _session(session, user, "logged-out-in-october", seen_days_ago=40, revoked_days_ago=31)
    session.commit()

    outcome = run_job("prune-sessions", NOW)
    assert (outcome.status, outcome.counts) == ("succeeded", {"sessions_deleted": 2})
    left = set(session.scalars(select(LoginSession.user_agent)))
    assert left == {"in-use", "idle-30-days", "logged-out-last-week"}

    # Twelve hours later nothing more has lapsed: nothing else goes. A day later the 30-day-idle one has.
    assert run_job("prune-sessions", NOW + timedelta(hours=12)).counts == {"sessions_deleted": 0}
    assert set(session.scalars(select(LoginSession.user_agent))) == left
    assert run_job("prune-sessions", NOW + timedelta(days=1)).counts == {"sessions_deleted": 1}
    assert set(session.scalars(select(LoginSession.user_agent))) == {"in-use", "logged-out-last-week"}
