"""The one place the running app reads the time; everything below takes it as an argument."""

from __future__ import annotations

from datetime import UTC, date, datetime

from .domain.weeks import local_date


def now() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


def today_in(timezone: str, at: datetime | None = None) -> date:
    """The calendar date in ``timezone`` at ``at`` (default: now)."""
    return local_date(at or now(), timezone)
