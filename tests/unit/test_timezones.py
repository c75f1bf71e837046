"""The time zones a person can choose."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from trainer.domain.timezones import is_time_zone, time_zone_names


def test_names_are_sorted_and_include_utc_and_common_places():
    names = time_zone_names()
    assert list(names) == sorted(names)
    assert {"UTC", "Europe/London", "America/New_York", "Asia/Tokyo"} <= set(names)


def test_every_name_loads_as_a_zone():
    for name in time_zone_names():
        ZoneInfo(name)


def test_unknown_misspelled_or_empty_names_are_not_time_zones():
    assert is_time_zone("Europe/London")
    for name in ("Mars/Olympus_Mons", "europe/london", "Europe/London ", "", None, "Factory", "localtime"):
        assert not is_time_zone(name)
