from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trainer.domain.weeks import (
    draft_due_utc,
    is_past_friday_evening,
    local_date,
    local_week_start,
    next_week_start,
    training_days,
    training_week_number,
    week_start,
)

ZONES = ("UTC", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "Pacific/Kiritimati")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def test_week_start_is_the_monday_of_the_week():
    assert week_start(date(2025, 3, 3)) == date(2025, 3, 3)  # a Monday
    assert week_start(date(2025, 3, 5)) == date(2025, 3, 3)
    assert week_start(date(2025, 3, 9)) == date(2025, 3, 3)  # the Sunday ends it
    assert week_start(date(2025, 3, 10)) == date(2025, 3, 10)


def test_local_date_follows_the_clients_zone_not_utc():
    sunday_night_utc = utc(2025, 3, 2, 23, 30)
    assert local_date(sunday_night_utc, "UTC") == date(2025, 3, 2)
    assert local_date(sunday_night_utc, "Asia/Tokyo") == date(2025, 3, 3)
    assert local_date(sunday_night_utc, ZoneInfo("America/New_York")) == date(2025, 3, 2)


def test_the_plan_week_turns_over_at_local_midnight_on_monday():
    instant = utc(2025, 3, 2, 23, 30)  # already Monday in Tokyo
    assert local_week_start(instant, "Europe/London") == date(2025, 2, 24)
    assert local_week_start(instant, "Asia/Tokyo") == date(2025, 3, 3)
    assert next_week_start(instant, "Asia/Tokyo") == date(2025, 3, 10)


def test_a_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="aware"):
        local_date(datetime(2025, 3, 3, 12), "UTC")


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (utc(2025, 3, 7, 17, 59), False),  # Friday 17:59 in London (GMT)
        (utc(2025, 3, 7, 18, 0), True),
        (utc(2025, 3, 8, 9, 0), True),  # Saturday
        (utc(2025, 3, 9, 23, 59), True),  # Sunday, last minute of the week
        (utc(2025, 3, 10, 0, 0), False),  # Monday: a new week
        (utc(2025, 3, 6, 20, 0), False),  # Thursday evening
    ],
)
def test_friday_evening_in_london(instant, expected):
    assert is_past_friday_evening(instant, "Europe/London") is expected


def test_friday_evening_is_local_time_across_summer_time():
    # London is on BST (UTC+1) from 30 March 2025: 18:00 local is 17:00 UTC.
    assert is_past_friday_evening(utc(2025, 4, 4, 17, 0), "Europe/London")
    assert not is_past_friday_evening(utc(2025, 4, 4, 16, 59), "Europe/London")
    # New York, Friday 18:00 EST is 23:00 UTC.
    assert not is_past_friday_evening(utc(2025, 3, 7, 22, 59), "America/New_York")
    assert is_past_friday_evening(utc(2025, 3, 7, 23, 0), "America/New_York")


def test_friday_evening_hour_is_an_argument():
    assert is_past_friday_evening(utc(2025, 3, 7, 12, 0), "UTC", hour=12)
    assert not is_past_friday_evening(utc(2025, 3, 7, 11, 59), "UTC", hour=12)


def test_draft_due_is_the_previous_friday_at_18_local_in_utc():
    assert draft_due_utc(date(2025, 3, 10), "America/New_York") == utc(2025, 3, 7, 23, 0)
    assert draft_due_utc(date(2025, 3, 31), "Europe/London") == utc(2025, 3, 28, 18, 0)
    assert draft_due_utc(date(2025, 4, 7), "Europe/London") == utc(2025, 4, 4, 17, 0)
    assert draft_due_utc(date(2025, 3, 10), "Asia/Tokyo") == utc(2025, 3, 7, 9, 0)


@pytest.mark.parametrize(
    ("days", "weekdays"),
    [
        (2, ("Mon", "Thu")),
        (3, ("Mon", "Wed", "Fri")),
        (4, ("Mon", "Tue", "Thu", "Fri")),
        (5, ("Mon", "Tue", "Wed", "Fri", "Sat")),
    ],
)
def test_training_days_are_spread_through_the_week(days, weekdays):
    found = training_days(date(2025, 3, 5), days)
    assert tuple(d.strftime("%a") for d in found) == weekdays
    assert all(week_start(d) == date(2025, 3, 3) for d in found)


@pytest.mark.parametrize("days", [0, 1, 6, 7])
def test_training_days_outside_two_to_five_are_refused(days):
    with pytest.raises(ValueError, match="2 to 5"):
        training_days(date(2025, 3, 3), days)


def test_training_week_number_counts_from_the_week_the_client_started():
    started = date(2025, 3, 6)  # a Thursday
    assert training_week_number(started, date(2025, 3, 3)) == 1
    assert training_week_number(started, date(2025, 3, 10)) == 2
    assert training_week_number(started, date(2025, 3, 24)) == 4
    assert training_week_number(started, date(2025, 2, 24)) == 0


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_week_start_is_a_monday_at_most_six_days_before(d):
    monday = week_start(d)
    assert monday.weekday() == 0
    assert timedelta(0) <= d - monday <= timedelta(days=6)


@settings(max_examples=80, deadline=None)
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)),
    st.sampled_from(ZONES),
)
def test_past_friday_evening_exactly_when_the_next_draft_is_due(now, zone):
    due = draft_due_utc(next_week_start(now, zone), zone)
    assert is_past_friday_evening(now, zone) is (now >= due)
