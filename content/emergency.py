"""Emergency numbers by country, and the country a time zone belongs to (tzdata's zone.tab)."""

from __future__ import annotations

import importlib.resources
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from content.errors import ContentError
from content.texts import CONTENT_DIR, read_yaml


@dataclass(frozen=True)
class EmergencyNumber:
    country: str
    number: str
    advice_key: str | None = None


def load_emergency_numbers(directory: Path = CONTENT_DIR) -> dict[str, EmergencyNumber]:
    file = "emergency.yaml"
    raw = read_yaml(directory / file)
    if not isinstance(raw, dict):
        raise ContentError(file, "-", "expected a mapping of country codes")
    table = {}
    for country, spec in raw.items():
        if not (isinstance(country, str) and len(country) == 2 and country.isupper()):
            raise ContentError(file, str(country), "country must be a two-letter ISO code")
        if not isinstance(spec, dict) or not str(spec.get("number", "")).isdigit():
            raise ContentError(file, country, "needs a number made of digits")
        advice = spec.get("advice")
        table[country] = EmergencyNumber(country, str(spec["number"]), advice)
    return table


@lru_cache(maxsize=1)
def zone_countries() -> dict[str, str]:
    """IANA zone name -> ISO country code, from the tzdata package."""
    tab = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    table = {}
    for line in tab.splitlines():
        if line and not line.startswith("#"):
            country, _coords, zone = line.split("\t")[:3]
            table[zone] = country
    return table


def country_for_zone(zone: str | None) -> str | None:
    return zone_countries().get(zone) if zone else None


def country_for_locale(locale: str | None) -> str | None:
    """The region of a locale such as "en-GB" or "de_AT", when it names one."""
    if not locale:
        return None
    parts = locale.replace("_", "-").split("-")
    region = parts[-1].upper() if len(parts) > 1 else ""
    return region if len(region) == 2 and region.isalpha() else None


@lru_cache(maxsize=1)
def _zones_by_country() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for zone_name, country in zone_countries().items():
        table.setdefault(country, []).append(zone_name)
    return {country: tuple(zones) for country, zones in table.items()}


def zones_of_country(country: str) -> tuple[str, ...]:
    """The country's zones in tzdata's order (the most populous usually first)."""
    return _zones_by_country().get(country, ())
