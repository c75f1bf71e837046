"""Plan weeks and training days in the client's own time zone (DOMAIN.md section 9).

A plan week runs Monday to Sunday in the client's zone. Next week's draft must exist by
Friday evening local time. The clock is always an argument: callers pass an aware UTC
``datetime`` and the client's IANA zone name.

Product decision recorded here: the training days of a week, with the rest days spread
as evenly as the count allows (full-body sessions want a day of rest between them where
possible) and Sunday always free.

====  ==============================
days  training days
====  ==============================
2     Mon, Thu
3     Mon, Wed, Fri
4     Mon, Tue, Thu, Fri
5     Mon, Tue, Wed, Fri, Sat
====  ==============================
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: Weekday offsets from Monday (0 = Monday) for each number of training days a week.
TRAINING_WEEKDAYS: dict[int, tuple[int, ...]] = {
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 4, 5),
}

#: Friday, as ``date.weekday()`` numbers it.
FRIDAY = 4


def _zone(tz: str | ZoneInfo) -> ZoneInfo:
    return tz if isinstance(tz, ZoneInfo) else ZoneInfo(tz)


def _require_aware(now_utc: datetime) -> None:
    if now_utc.tzinfo is None or now_utc.utcoffset() is None:
        raise ValueError("now_utc must be an aware datetime (UTC), not a naive one")


def week_start(d: date) -> date:
    """The Monday of the week containing ``d``."""
    return d - timedelta(days=d.weekday())


def local_now(now_utc: datetime, tz: str | ZoneInfo) -> datetime:
    """``now_utc`` seen on the client's wall clock."""
    _require_aware(now_utc)
    return now_utc.astimezone(_zone(tz))


def local_date(now_utc: datetime, tz: str | ZoneInfo) -> date:
    """The client's calendar date at the instant ``now_utc``."""
    return local_now(now_utc, tz).date()


def local_week_start(now_utc: datetime, tz: str | ZoneInfo) -> date:
    """The Monday of the client's current plan week at the instant ``now_utc``."""
    return week_start(local_date(now_utc, tz))


def next_week_start(now_utc: datetime, tz: str | ZoneInfo) -> date:
    """The Monday of the client's next plan week at the instant ``now_utc``."""
    return local_week_start(now_utc, tz) + timedelta(days=7)


def draft_due_utc(week: date, tz: str | ZoneInfo, hour: int = 18) -> datetime:
    """The UTC instant by which the draft for the week starting ``week`` must exist.

    That is the Friday before ``week`` at ``hour``:00 on the client's wall clock.
    """
    friday = week_start(week) - timedelta(days=7 - FRIDAY)
    return datetime.combine(friday, time(hour), tzinfo=_zone(tz)).astimezone(ZoneInfo("UTC"))


def is_past_friday_evening(now_utc: datetime, tz: str | ZoneInfo, hour: int = 18) -> bool:
    """Whether the client's local time is Friday ``hour``:00 or later in its week.

    From that moment until Sunday midnight, next week's draft should exist.
    """
    local = local_now(now_utc, tz)
    weekday = local.weekday()
    return weekday > FRIDAY or (weekday == FRIDAY and local.hour >= hour)


def training_week_number(started_on: date, week: date) -> int:
    """Which training week of the client ``week`` is: 1 for the week containing ``started_on``.

    Weeks before the start count as 0 or less.
    """
    return (week_start(week) - week_start(started_on)).days // 7 + 1


def training_days(week: date, days_per_week: int) -> tuple[date, ...]:
    """The dates of the training days in the week starting ``week`` (see the module table)."""
    try:
        offsets = TRAINING_WEEKDAYS[days_per_week]
    except KeyError:
        raise ValueError(f"days_per_week must be 2 to 5, not {days_per_week}") from None
    monday = week_start(week)
    return tuple(monday + timedelta(days=offset) for offset in offsets)
