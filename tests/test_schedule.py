"""Local reminder times through daylight-saving changes, decided rules, and quiet hours."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dialogs.schedule import (
    after_quiet_hours,
    find_zone,
    local_instant,
    next_occurrence,
    parse_hhmm,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("tz", "day", "at", "expected_utc"),
    [
        # spring forward: 02:30 does not exist; the first valid minute after it is 03:00
        (BERLIN, date(2026, 3, 29), time(2, 30), datetime(2026, 3, 29, 1, 0, tzinfo=UTC)),
        (NEW_YORK, date(2026, 3, 8), time(2, 15), datetime(2026, 3, 8, 7, 0, tzinfo=UTC)),
        # fall back: 02:30 happens twice; it fires at the first one
        (BERLIN, date(2026, 10, 25), time(2, 30), datetime(2026, 10, 25, 0, 30, tzinfo=UTC)),
        (NEW_YORK, date(2026, 11, 1), time(1, 30), datetime(2026, 11, 1, 5, 30, tzinfo=UTC)),
        # ordinary days either side keep the wall-clock time
        (BERLIN, date(2026, 3, 28), time(7, 30), datetime(2026, 3, 28, 6, 30, tzinfo=UTC)),
        (BERLIN, date(2026, 3, 30), time(7, 30), datetime(2026, 3, 30, 5, 30, tzinfo=UTC)),
    ],
)
def test_local_times_across_dst(tz: ZoneInfo, day: date, at: time, expected_utc: datetime) -> None:
    assert local_instant(day, at, tz) == expected_utc


def test_a_repeated_hour_fires_once() -> None:
    first = next_occurrence(time(2, 30), BERLIN, datetime(2026, 10, 24, 23, 0, tzinfo=UTC))
    again = next_occurrence(time(2, 30), BERLIN, first)
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert again.astimezone(BERLIN).date() == date(2026, 10, 26)


def test_a_pause_skips_whole_local_days() -> None:
    after = datetime(2026, 3, 2, 5, 0, tzinfo=UTC)
    due = next_occurrence(time(7, 0), BERLIN, after, not_before=date(2026, 3, 5))
    assert due.astimezone(BERLIN) == datetime(2026, 3, 5, 7, 0, tzinfo=BERLIN)


def test_snoozes_wait_for_the_end_of_quiet_hours() -> None:
    late_evening = datetime(2026, 3, 2, 22, 10, tzinfo=UTC).astimezone(BERLIN)  # 23:10 local
    assert after_quiet_hours(late_evening, BERLIN).astimezone(BERLIN).time() == time(7, 0)
    afternoon = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    assert after_quiet_hours(afternoon, BERLIN) == afternoon


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("730", time(7, 30)),
        ("7pm", time(19)),
        ("19h30", time(19, 30)),
        ("25:00", None),
        ("13pm", None),
        ("soon", None),
        ("", None),
    ],
)
def test_reading_times(text: str, expected: time | None) -> None:
    assert parse_hhmm(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("europe/LONDON", "Europe/London"),
        ("UTC", "UTC"),
        ("Xqzzyvale", None),  # (Atlantis is a town in South Africa, in the city data)
        ("", None),
    ],
)
def test_finding_zones_by_city_or_name(text: str, expected: str | None) -> None:
    assert find_zone(text) == expected


ZONES = st.sampled_from(
    ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]
)


@settings(max_examples=300, deadline=None)
@given(
    zone_name=ZONES,
    hour=st.integers(0, 23),
    minute=st.integers(0, 59),
    start=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 1, 1)),
)
def test_next_occurrence_is_later_on_its_wall_time_and_once_a_day(
    zone_name: str, hour: int, minute: int, start: datetime
) -> None:
    tz, at, after = ZoneInfo(zone_name), time(hour, minute), start.replace(tzinfo=UTC)
    first = next_occurrence(at, tz, after)
    second = next_occurrence(at, tz, first)
    assert first > after
    assert first.astimezone(tz).date() < second.astimezone(tz).date()
    wall = first.astimezone(tz).replace(tzinfo=None)
    intended = datetime.combine(wall.date(), at)
    assert timedelta(0) <= wall - intended <= timedelta(hours=1)  # equal, or just after a gap
