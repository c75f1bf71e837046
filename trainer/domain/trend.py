"""Body weight: the smoothed trend, its weekly rate, and the goal line (DOMAIN.md section 5).

Trend (The Hacker's Diet): T = T' + a (W - T'), with a = 1 - 0.9^d across a gap of d days
(a = 0.1 for consecutive days). The first weigh-in starts the trend.

Decisions:
- Several weigh-ins on one day count as one, their mean: the trend moves per day, and a
  gap of 0 days would otherwise give them no weight at all. "At least N weigh-ins" counts
  such days.
- A rate over "the last N days" uses the trend points dated ``today - (N - 1)`` to ``today``
  (the trend itself is computed from the whole history, so it is warmed up): the change
  from the first to the last of them, per 7 days. It is also given as a % of body weight,
  taking the trend at the start of the window as the body weight. No rate is given from
  fewer than 2 points or a span shorter than ``rules.rate_min_span_days`` (7): a few days
  of water-weight noise is not a rate.
- The goal line is straight: the start weight plus the weekly goal (lb, converted to kg)
  per 7 days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from trainer.domain.rules import DEFAULT_RULES, CoachingRules
from trainer.domain.units import lb_to_kg


@dataclass(frozen=True)
class WeighIn:
    """One body-weight reading on a date, in kg."""

    on: date
    weight_kg: float


@dataclass(frozen=True)
class TrendPoint:
    """A day with a weigh-in: its raw weight and the trend after it, in kg."""

    on: date
    raw_kg: float
    trend_kg: float


@dataclass(frozen=True)
class WeightRate:
    """How fast the trend moved between two trend points (negative = losing)."""

    start: date
    end: date
    weigh_ins: int
    start_trend_kg: float
    end_trend_kg: float

    @property
    def days(self) -> int:
        """Days between the first and last point used."""
        return (self.end - self.start).days

    @property
    def change_kg(self) -> float:
        """Trend change over the span, in kg."""
        return self.end_trend_kg - self.start_trend_kg

    @property
    def kg_per_week(self) -> float:
        """Trend change per 7 days, in kg."""
        return self.change_kg / self.days * 7

    @property
    def pct_per_week(self) -> float:
        """Trend change per 7 days, as a % of the body weight at the start."""
        return self.kg_per_week / self.start_trend_kg * 100


def daily_weights(weigh_ins: Iterable[WeighIn]) -> list[WeighIn]:
    """One weigh-in per day (the mean of that day's readings), oldest first."""
    by_day: dict[date, list[float]] = defaultdict(list)
    for weigh_in in weigh_ins:
        by_day[weigh_in.on].append(weigh_in.weight_kg)
    return [WeighIn(day, sum(values) / len(values)) for day, values in sorted(by_day.items())]


def smooth(weigh_ins: Iterable[WeighIn], rules: CoachingRules = DEFAULT_RULES) -> list[TrendPoint]:
    """The trend after each day's weigh-in, oldest first."""
    return continue_trend(None, weigh_ins, rules)


def continue_trend(
    previous: TrendPoint | None, weigh_ins: Iterable[WeighIn], rules: CoachingRules = DEFAULT_RULES
) -> list[TrendPoint]:
    """The trend after each day's weigh-in that follows ``previous`` (None: the first weigh-in starts it).

    ``weigh_ins`` must all be later than ``previous``; the result equals the tail of ``smooth``
    over the whole history, so a stored trend can be updated from the first changed day on.
    """
    points: list[TrendPoint] = []
    keep = 1 - rules.trend_smoothing
    last = previous
    for weigh_in in daily_weights(weigh_ins):
        if last is None:
            trend = weigh_in.weight_kg
        else:
            if weigh_in.on <= last.on:
                raise ValueError(f"weigh-in of {weigh_in.on} does not follow the trend point of {last.on}")
            a = 1 - keep ** (weigh_in.on - last.on).days
            trend = last.trend_kg + a * (weigh_in.weight_kg - last.trend_kg)
        last = TrendPoint(weigh_in.on, weigh_in.weight_kg, trend)
        points.append(last)
    return points


def chart_rows(points: Iterable[TrendPoint]) -> list[tuple[date, float, float]]:
    """(date, raw kg, trend kg) rows for a chart: raw weigh-ins as points, the trend as a line."""
    return [(p.on, p.raw_kg, p.trend_kg) for p in points]


def points_in_window(points: Iterable[TrendPoint], today: date, days: int) -> list[TrendPoint]:
    """The points dated in the last ``days`` days, today included."""
    start = today - timedelta(days=days - 1)
    return [p for p in points if start <= p.on <= today]


def rate_over(
    points: Sequence[TrendPoint], today: date, days: int, rules: CoachingRules = DEFAULT_RULES
) -> WeightRate | None:
    """The trend's rate over the last ``days`` days, or None when the data is too thin (see module notes)."""
    window = points_in_window(points, today, days)
    if len(window) < 2 or (window[-1].on - window[0].on).days < rules.rate_min_span_days:
        return None
    first, last = window[0], window[-1]
    return WeightRate(first.on, last.on, len(window), first.trend_kg, last.trend_kg)


def goal_weight_on(start_on: date, start_kg: float, weekly_goal_lb: float, on: date) -> float:
    """The weight in kg the weekly goal projects for the date ``on``, from ``start_kg`` on ``start_on``."""
    return start_kg + lb_to_kg(weekly_goal_lb) * (on - start_on).days / 7


def goal_line(start_on: date, start_kg: float, weekly_goal_lb: float, end_on: date) -> list[tuple[date, float]]:
    """The goal line's two ends, (date, kg), from ``start_on`` to ``end_on``."""
    return [
        (start_on, start_kg),
        (end_on, goal_weight_on(start_on, start_kg, weekly_goal_lb, end_on)),
    ]
