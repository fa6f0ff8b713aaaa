"""Time zones from what people type: cities, a city with its country, an offset from UTC."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.schedule import find_zone, lookup_zone
from tests.conftest import FakeClock
from tests.typing_kit import record_data, with_plan


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("munich", "Europe/Berlin"),
        ("delhi", "Asia/Kolkata"),
        ("berlin germany", "Europe/Berlin"),
        ("Berlin", "Europe/Berlin"),
        ("new york", "America/New_York"),
        ("Europe/Berlin", "Europe/Berlin"),
    ],
)
def test_cities_and_zone_names_are_found(typed: str, zone: str) -> None:
    assert find_zone(typed) == zone


@pytest.mark.parametrize(
    ("typed", "zone"), [("florida", "America/New_York"), ("colorado", "America/Denver")]
)
def test_a_us_state_outweighs_a_small_town_of_its_name_elsewhere(typed: str, zone: str) -> None:
    assert find_zone(typed) == zone  # towns in Uruguay and Brazil share the names


def test_a_state_and_a_city_of_one_name_on_other_clocks_ask() -> None:
    found = lookup_zone("washington")
    assert found is not None and found.zone is None
    assert {"America/New_York", "America/Los_Angeles"} <= set(found.options)


@pytest.mark.parametrize(("typed", "zone"), [("UTC+1", "Etc/GMT-1"), ("GMT-5", "Etc/GMT+5")])
async def test_an_offset_is_kept_with_a_warning_and_the_matching_zones_offered(
    engine: Engine, clock: FakeClock, typed: str, zone: str
) -> None:
    chat = await with_plan(engine, clock)
    replies = await chat.send(f"/timezone {typed}")
    assert (await record_data(chat))["tz"] == zone
    said = "\n".join(r.text for r in replies)
    assert "daylight saving" in said
    assert any(b.id.startswith("tz.") for r in replies for b in r.buttons)


async def test_a_typed_city_answers_the_zone_question_after_remind(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await with_plan(engine, clock)
    await chat.send("/remind 08:00")
    await chat.send("munich")
    data = await record_data(chat)
    assert data["tz"] == "Europe/Berlin" and data["reminder"]["active"]


@pytest.mark.parametrize("typed", ["no", "it", "in", "yes"])
async def test_a_plain_word_at_the_zone_question_is_no_country_code(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await with_plan(engine, clock)
    await chat.send("/remind 08:00")
    replies = await chat.send(typed)  # not Norway, Italy, India
    assert "tz" not in await record_data(chat)
    assert f"I don't know the time zone {typed}" in replies[0].text


@pytest.mark.parametrize(
    ("typed", "zone"), [("paris tx", "America/Chicago"), ("portland me", "America/New_York")]
)
def test_a_city_with_its_us_states_two_letters_is_found(typed: str, zone: str) -> None:
    assert find_zone(typed) == zone


@pytest.mark.parametrize(("typed", "zone"), [("gmt plus 2", "Etc/GMT-2"), ("-4", "Etc/GMT+4")])
def test_an_offset_with_its_sign_in_words_or_without_utc_is_read(typed: str, zone: str) -> None:
    assert find_zone(typed) == zone


def test_a_signed_half_hour_offset_offers_the_zones_at_it() -> None:
    found = lookup_zone("+09:30")
    assert found is not None and found.zone is None and found.fixed
    assert "Australia/Darwin" in found.options


@pytest.mark.parametrize("typed", ["berlin pls", "Munich, thank you"])
async def test_politeness_beside_a_place_names_no_place(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await with_plan(engine, clock)
    await chat.send("/remind 08:00")
    await chat.send(typed)
    assert (await record_data(chat)).get("tz") == "Europe/Berlin"


@pytest.mark.parametrize("typed", ["IST", "eet"])
def test_an_abbreviation_of_zones_whose_clocks_differ_is_a_question(typed: str) -> None:
    found = lookup_zone(typed)
    assert found is not None and found.zone is None and len(found.options) >= 2


@pytest.mark.parametrize(("typed", "zone"), [("MSK", "Europe/Moscow"), ("pkt", "Asia/Karachi")])
def test_an_abbreviation_of_one_clock_is_its_zone(typed: str, zone: str) -> None:
    assert find_zone(typed) == zone
