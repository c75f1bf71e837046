"""Strong's CSV export: where it keeps each piece of a set, its dates and its "Set Order" cells."""

from __future__ import annotations

import re
from datetime import datetime

from ..units import WeightUnit
from .rows import ImportSource, WorkoutFile
from .values import clock, parse_number
from .workouts import Format, read_export

_STRONG_START = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]m)?)?$", re.IGNORECASE
)


def _strong_start(raw: str) -> datetime | None:
    match = _STRONG_START.match(raw.replace("\u202f", " ").replace("\xa0", " "))
    if not match:
        return None
    year, month, day, hour, minute, second, half = match.groups()
    try:
        return datetime(int(year), int(month), int(day), *clock(hour, minute, second, half))
    except ValueError:
        return None


def _strong_marker(raw: str) -> tuple[str, float | None] | str:
    """("set", order) for a working set, ("skip", None) with a reason, or an error message."""
    marker = raw.strip().casefold()
    if marker == "w":
        return "warm-up"
    if marker == "rest timer":
        return "rest"
    if marker in ("d", "f", ""):
        return ("set", None)
    number = parse_number(marker)
    if number is None:
        return "bad"
    return ("set", number)


STRONG = Format(
    source=ImportSource.STRONG,
    date="Date",
    name="Workout Name",
    exercise="Exercise Name",
    marker="Set Order",
    reps="Reps",
    rpe="RPE",
    notes="Workout Notes",
    seconds="Seconds",
    distances=("Distance",),
    parse_start=_strong_start,
    date_example="2026-11-21 07:30:00",
    read_marker=_strong_marker,
)


def read_strong(text: str, *, unit: WeightUnit | str | None) -> WorkoutFile:
    """Workouts from Strong's CSV export; ``unit`` is what its Weight column is in (Strong writes the user's unit).

    An older export's per-row "Weight Unit" column, when present, wins over ``unit``.
    """
    return read_export(text, STRONG, WeightUnit(unit) if unit else None)
