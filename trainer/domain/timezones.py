"""Time zones a person can choose: the IANA names this machine knows."""

from __future__ import annotations

from functools import cache
from zoneinfo import available_timezones

#: Names in the IANA database that are not places a person lives in.
_NOT_PLACES = frozenset({"Factory", "localtime"})


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every IANA time zone name a person can pick, sorted (``UTC`` included)."""
    return tuple(sorted(available_timezones() - _NOT_PLACES))


def is_time_zone(name: str | None) -> bool:
    """Whether ``name`` is one of those IANA time zone names (exact spelling)."""
    return bool(name) and name in time_zone_names()
