"""Hevy's CSV export: where it keeps each piece of a set, its dates and its ``set_type`` cells."""

from __future__ import annotations

import re
from datetime import datetime

from .rows import ImportSource, WorkoutFile
from .values import clock
from .workouts import Format, read_export

_MONTHS = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_HEVY_START = re.compile(r"^(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4}),? (\d{1,2}):(\d{2})(?::(\d{2}))?$", re.IGNORECASE)


def _hevy_start(raw: str) -> datetime | None:
    match = _HEVY_START.match(raw)
    if match:
        day, month_name, year, hour, minute, second = match.groups()
        month = _MONTHS.get(month_name[:3].lower())
        try:
            return datetime(int(year), month or 0, int(day), *clock(hour, minute, second, None))
        except ValueError:
            return None
    try:
        started = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return started if started.tzinfo is None else None


def _hevy_marker(raw: str) -> tuple[str, float | None] | str:
    marker = raw.strip().casefold()
    if marker == "warmup":
        return "warm-up"
    if marker in ("normal", "dropset", "failure", ""):
        return ("set", None)
    return "bad"


HEVY = Format(
    source=ImportSource.HEVY,
    date="start_time",
    name="title",
    exercise="exercise_title",
    marker="set_type",
    reps="reps",
    rpe="rpe",
    notes="description",
    seconds="duration_seconds",
    distances=("distance_km", "distance_miles"),
    parse_start=_hevy_start,
    date_example="21 Nov 2026, 07:30",
    read_marker=_hevy_marker,
)


def read_hevy(text: str) -> WorkoutFile:
    """Workouts from Hevy's CSV export (``weight_kg`` or ``weight_lbs`` column)."""
    return read_export(text, HEVY, None)
