"""Reading one cell: numbers, reps, dates, times of day and weight units.

Decisions:
- A number may use a decimal comma ("62,5"), as Strong writes in many locales.
"""

from __future__ import annotations

import re
from datetime import date

from ..units import WeightUnit

_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UNITS = {"kg": WeightUnit.KG, "kgs": WeightUnit.KG, "lb": WeightUnit.LB, "lbs": WeightUnit.LB}


def parse_number(raw: str) -> float | None:
    return float(raw.replace(",", ".")) if _NUMBER.match(raw) else None


def parse_reps(raw: str) -> int | str | None:
    """Whole reps, None for none (blank or 0), or a message."""
    value = parse_number(raw) if raw else 0.0
    if value is None:
        return f"must be a whole number of reps, not “{raw}”."
    if value != int(value):
        return f"must be a whole number of reps, not {raw}."
    return int(value) or None


def parse_iso_date(raw: str) -> date | None:
    if not _ISO_DATE.match(raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def clock(hour: str | None, minute: str | None, second: str | None, half: str | None) -> tuple[int, int, int]:
    h, m, s = int(hour or 0), int(minute or 0), int(second or 0)
    if half:
        if not 1 <= h <= 12:
            raise ValueError("hour")
        h = h % 12 + (12 if half.lower() == "pm" else 0)
    return h, m, s


def unreadable(raw: str, rule: str, missing: str = "is missing.") -> str:
    """The message for a cell that cannot be read: the ``rule`` it breaks, or ``missing`` when it is blank."""
    return f"{rule}, not “{raw}”." if raw else missing
