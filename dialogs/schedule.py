"""Local times to UTC instants, with the daylight-saving rules decided and tested here:
a local time that does not exist that day (spring forward) fires at the first valid minute
after it; one that occurs twice (fall back) fires once, at its first occurrence."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from dialogs.zones import ZoneFound, find_place, offset_zone

_HHMM = re.compile(r"^\s*(\d{1,2})[:.h]?(\d{2})?\s*(am|pm)?\s*$", re.IGNORECASE)
_REGIONS = {
    "Africa",
    "America",
    "Antarctica",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
}
QUIET_START = time(22, 0)
QUIET_END = time(7, 0)


def parse_hhmm(text: str) -> time | None:
    """ "07:30", "7.30", "730", "7pm", "19h30" -> a local time; anything else -> None."""
    match = _HHMM.match(text)
    if not match:
        return None
    digits, minutes, half = match.groups()
    if minutes is None and len(digits) > 2:
        return None
    hour, minute = int(digits), int(minutes or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half.lower() == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of `at` on `day` in `tz`, by the rules in this module's docstring."""
    wall = datetime.combine(day, at)
    for minutes in range(0, 3 * 60):
        candidate = (wall + timedelta(minutes=minutes)).replace(tzinfo=tz, fold=0)
        back = candidate.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
        if back == candidate.replace(tzinfo=None):
            return candidate.astimezone(UTC)
    return wall.replace(tzinfo=tz).astimezone(UTC)  # no zone has a gap this long


def next_occurrence(
    at: time, tz: ZoneInfo, after: datetime, not_before: date | None = None
) -> datetime:
    """The first instant of the daily local time `at` that is later than `after`, on a local
    date no earlier than `not_before` (a pause)."""
    day = after.astimezone(tz).date() - timedelta(days=1)
    if not_before is not None and not_before > day:
        day = not_before
    while True:
        instant = local_instant(day, at, tz)
        if instant > after:
            return instant
        day += timedelta(days=1)


def in_quiet_hours(instant: datetime, tz: ZoneInfo) -> bool:
    wall = instant.astimezone(tz).time()
    return wall >= QUIET_START or wall < QUIET_END


def after_quiet_hours(instant: datetime, tz: ZoneInfo) -> datetime:
    """`instant`, moved to the end of quiet hours if it falls inside them."""
    if not in_quiet_hours(instant, tz):
        return instant
    local = instant.astimezone(tz)
    day = local.date() + timedelta(days=1) if local.time() >= QUIET_START else local.date()
    return local_instant(day, QUIET_END, tz)


@lru_cache(maxsize=1)
def _zones_by_city() -> dict[str, str]:
    table: dict[str, str] = {"utc": "UTC"}
    for name in sorted(available_timezones()):
        if name.split("/")[0] not in _REGIONS:
            continue  # old names kept for compatibility ("Japan", "US/Hawaii")
        if "/" in name and not name.startswith(("Etc/", "SystemV/")):
            city = name.rsplit("/", 1)[1].replace("_", " ").lower()
            table.setdefault(city, name)
        table.setdefault(name.lower(), name)
    return table


def _zone_named(text: str) -> str | None:
    """An IANA zone from its name ("Europe/Berlin", any case) or its city ("new york")."""
    key = " ".join(text.strip().replace("_", " ").split()).lower()
    table = _zones_by_city()
    return table.get(key) or table.get(key.replace(" ", "_"))


def lookup_zone(
    text: str, aliases: dict[str, str] | None = None, filler: frozenset[str] = frozenset()
) -> ZoneFound | None:
    """What a typed place or zone stands for: a zone name, an offset from UTC ("UTC+1"),
    an abbreviation or country in `aliases` ("EST", "uk"), or a city, country or US state
    ("munich", "berlin germany", "japan", "hawaii"); options when it is ambiguous."""
    if (offset := offset_zone(text)) is not None:
        return offset
    named = _zone_named(text)
    if named is not None:
        return ZoneFound(named)
    words = [w for w in text.lower().split() if w not in filler]
    if filler and not words:
        return None  # only words around a name ("no", "same as"): no place is named
    return find_place(" ".join(words) or text, aliases)


def find_zone(text: str) -> str | None:
    """The one zone a typed place or zone name stands for, or None."""
    found = lookup_zone(text)
    return found.zone if found is not None else None


def local_date(instant: datetime, tz: ZoneInfo | None) -> date:
    return instant.astimezone(tz).date() if tz else instant.astimezone(UTC).date()
