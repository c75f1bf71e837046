"""Template filters that show numbers and dates in the viewer's own conventions."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import Flask
from flask_login import current_user

from ..domain.units import format_height, format_weight, format_weight_change
from ..domain.user_agents import describe as device


def _unit(unit: str | None) -> str:
    if unit:
        return unit
    return getattr(current_user, "unit", None) or "kg"


def weight(kg: float | None, unit: str | None = None, decimals: int = 1) -> str:
    """``81.6 kg`` or ``179.9 lb``; an em dash when there is no value."""
    return "—" if kg is None else format_weight(kg, _unit(unit), decimals)


def weight_change(kg: float | None, unit: str | None = None, decimals: int = 1) -> str:
    """``-0.4 kg`` or ``+1.0 lb``."""
    return "—" if kg is None else format_weight_change(kg, _unit(unit), decimals)


def height(cm: float | None, unit: str | None = None) -> str:
    """``172 cm``, or ``5 ft 8 in`` for people who use pounds."""
    if cm is None:
        return "—"
    return format_height(cm, "ft_in" if _unit(unit) == "lb" else "cm")


def day(value: date | None, with_year: bool = True) -> str:
    """``Tue 3 Mar 2026`` (day names make plans and logs easy to scan)."""
    if value is None:
        return "—"
    text = f"{value:%a} {value.day} {value:%b}"
    return f"{text} {value.year}" if with_year else text


def local_time(value: datetime | None, timezone: str | None = None) -> str:
    """A timestamp in the viewer's time zone: ``Tue 3 Mar 2026, 18:05 GMT``."""
    if value is None:
        return "—"
    zone = ZoneInfo(timezone or getattr(current_user, "timezone", None) or "UTC")
    local = value.astimezone(zone)
    return f"{day(local.date())}, {local:%H:%M} {local.tzname()}"


def goal(weekly_goal_lb: float) -> str:
    """``Lose 1 lb a week``, ``Maintain``."""
    if weekly_goal_lb == 0:
        return "Maintain weight"
    verb = "Gain" if weekly_goal_lb > 0 else "Lose"
    return f"{verb} {abs(weekly_goal_lb):g} lb a week"


def init_app(app: Flask) -> None:
    """Register the filters."""
    for name, func in {
        "weight": weight,
        "weight_change": weight_change,
        "height": height,
        "day": day,
        "local_time": local_time,
        "goal": goal,
        "device": device,
    }.items():
        app.add_template_filter(func, name)
