"""The body-weight trend, its weekly rate and the goal line (trainer.domain.trend)."""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.domain.trend import (
    TrendPoint,
    WeighIn,
    chart_rows,
    continue_trend,
    daily_weights,
    goal_line,
    goal_weight_on,
    rate_over,
    smooth,
)

D0 = date(2025, 3, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def test_the_first_weigh_in_starts_the_trend():
    assert smooth([WeighIn(D0, 80)]) == [TrendPoint(D0, 80, 80)]


def test_the_trend_moves_a_tenth_of_the_way_each_day():
    # 80 + 0.1 x (81 - 80) = 80.1
    points = smooth([WeighIn(day(0), 80), WeighIn(day(1), 81)])
    assert points[1].trend_kg == pytest.approx(80.1)


def test_a_gap_of_d_days_uses_1_minus_0_9_to_the_d():
    # day 1: 80.1; two days later a = 1 - 0.81 = 0.19; 80.1 + 0.19 x (79 - 80.1) = 80.1 - 0.209 = 79.891
    points = smooth([WeighIn(day(0), 80), WeighIn(day(1), 81), WeighIn(day(3), 79)])
    assert points[2].trend_kg == pytest.approx(79.891)


def test_weigh_ins_are_put_in_date_order():
    points = smooth([WeighIn(day(1), 81), WeighIn(day(0), 80)])
    assert [p.on for p in points] == [day(0), day(1)]


def test_weigh_ins_of_one_day_count_once_as_their_mean():
    assert daily_weights([WeighIn(D0, 80), WeighIn(D0, 81)]) == [WeighIn(D0, 80.5)]
    assert smooth([WeighIn(D0, 80), WeighIn(D0, 81)]) == [TrendPoint(D0, 80.5, 80.5)]


def test_chart_rows_are_date_raw_trend():
    points = smooth([WeighIn(day(0), 80), WeighIn(day(1), 81)])
    assert chart_rows(points) == [(day(0), 80, 80), (day(1), 81, pytest.approx(80.1))]


def trend_points(*pairs: tuple[int, float]) -> list[TrendPoint]:
    return [TrendPoint(day(n), trend, trend) for n, trend in pairs]


def test_the_rate_is_the_trend_change_per_week_inside_the_window():
    # last 14 days of day 14 are days 1..14: day 0 is outside.
    # day 7 -> day 14: 79 -> 78, -1 kg in 7 days = -1 kg/week; -1 / 79 = -1.266% a week
    rate = rate_over(trend_points((0, 80), (7, 79), (14, 78)), today=day(14), days=14)
    assert (rate.start, rate.end, rate.weigh_ins, rate.days) == (day(7), day(14), 2, 7)
    assert rate.kg_per_week == pytest.approx(-1)
    assert rate.pct_per_week == pytest.approx(-1.26582, abs=1e-5)


def test_a_wider_window_takes_in_the_earlier_point():
    # day 0 -> day 14: 80 -> 78, -2 kg in 14 days = -1 kg/week = -1.25% of 80 kg
    rate = rate_over(trend_points((0, 80), (7, 79), (14, 78)), today=day(14), days=15)
    assert rate.kg_per_week == pytest.approx(-1)
    assert rate.pct_per_week == pytest.approx(-1.25)


def test_no_rate_from_a_span_under_seven_days():
    assert rate_over(trend_points((8, 80), (14, 79)), today=day(14), days=14) is None


def test_no_rate_from_a_single_point():
    assert rate_over(trend_points((14, 80)), today=day(14), days=14) is None


def test_points_after_today_are_ignored():
    rate = rate_over(trend_points((0, 80), (7, 79), (8, 60)), today=day(7), days=14)
    assert rate.end_trend_kg == 79


def test_the_goal_line_projects_the_weekly_goal():
    # -1 lb/week for 14 days: 80 - 2 x 0.45359237 = 79.09281526
    assert goal_weight_on(day(0), 80, -1, day(14)) == pytest.approx(79.09281526)
    assert goal_line(day(0), 80, -1, day(14)) == [(day(0), 80), (day(14), pytest.approx(79.09281526))]


def test_a_maintenance_goal_line_is_flat():
    assert goal_weight_on(day(0), 80, 0, day(100)) == 80


@given(st.lists(st.floats(min_value=40, max_value=200), min_size=1, max_size=30), st.data())
@settings(max_examples=50)
def test_the_trend_stays_between_the_lowest_and_highest_weigh_in(weights, data):
    gaps = data.draw(st.lists(st.integers(1, 10), min_size=len(weights), max_size=len(weights)))
    dates = [D0 + timedelta(days=sum(gaps[: i + 1])) for i in range(len(weights))]
    points = smooth([WeighIn(d, w) for d, w in zip(dates, weights, strict=True)])
    assert all(min(weights) - 1e-9 <= p.trend_kg <= max(weights) + 1e-9 for p in points)


@given(st.floats(min_value=40, max_value=200), st.lists(st.integers(1, 30), min_size=1, max_size=20))
@settings(max_examples=50)
def test_a_steady_weight_has_a_flat_trend(weight, gaps):
    dates = [D0 + timedelta(days=sum(gaps[: i + 1])) for i in range(len(gaps))]
    assert all(p.trend_kg == pytest.approx(weight) for p in smooth([WeighIn(d, weight) for d in dates]))


def test_continuing_the_trend_from_a_stored_point_gives_the_same_tail():
    # From the stored point of day 1 (80.1), day 3's 79 gives 80.1 + 0.19 x (79 - 80.1) = 79.891.
    [point] = continue_trend(TrendPoint(day(1), 81, 80.1), [WeighIn(day(3), 79)])
    assert (point.on, point.raw_kg, point.trend_kg) == (day(3), 79, pytest.approx(79.891))
    assert continue_trend(None, [WeighIn(D0, 80)]) == [TrendPoint(D0, 80, 80)]
    with pytest.raises(ValueError, match="does not follow"):
        continue_trend(TrendPoint(day(3), 79, 79.891), [WeighIn(day(3), 78)])


@given(
    st.lists(st.tuples(st.integers(0, 60), st.floats(40, 150)), min_size=2, max_size=30, unique_by=lambda r: r[0]),
    st.data(),
)
@settings(max_examples=50)
def test_any_tail_of_the_trend_continues_from_the_point_before_it(readings, data):
    points = smooth([WeighIn(day(n), kg) for n, kg in readings])
    cut = data.draw(st.integers(1, len(points) - 1))
    tail = continue_trend(points[cut - 1], [WeighIn(p.on, p.raw_kg) for p in points[cut:]])
    assert [p.on for p in tail] == [p.on for p in points[cut:]]
    assert [p.trend_kg for p in tail] == pytest.approx([p.trend_kg for p in points[cut:]])
