"""A client's calorie targets from their profile and latest weigh-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.calories import CalorieTargets, calorie_targets
from ..models import Client, WeighIn


@dataclass(frozen=True)
class CaloriePanel:
    """Targets when they can be worked out; otherwise ``missing`` says what is needed, in words."""

    targets: CalorieTargets | None
    weight_kg: float | None
    weighed_on: date | None
    missing: str | None = None


def latest_weigh_in(session: Session, client_id: int) -> WeighIn | None:
    """The client's most recent weigh-in, if any."""
    return session.scalars(
        select(WeighIn).where(WeighIn.client_id == client_id).order_by(WeighIn.date.desc()).limit(1)
    ).first()


def calorie_panel(session: Session, client: Client, *, today: date) -> CaloriePanel:
    """BMR, maintenance and target for ``client`` on ``today`` from their latest weigh-in."""
    weigh_in = latest_weigh_in(session, client.id)
    if weigh_in is None:
        return CaloriePanel(None, None, None, "Log a first weigh-in to see calorie targets.")
    try:
        targets = calorie_targets(
            weight_kg=weigh_in.weight_kg,
            height_cm=client.height_cm,
            birth_date=client.birth_date,
            sex=client.sex,
            activity=client.activity_level,
            weekly_goal_lb=client.weekly_goal_lb,
            on=today,
        )
    except ValueError as error:
        return CaloriePanel(None, weigh_in.weight_kg, weigh_in.date, f"No targets: {error}.")
    return CaloriePanel(targets, weigh_in.weight_kg, weigh_in.date)
