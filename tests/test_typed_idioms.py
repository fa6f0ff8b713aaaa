"""Typed answers whose words look like another answer: an everyday "no worries" that says yes,
a number that is the time of a wait ("back in 5"), and the like: each is read for what it
means, or asks, and never saves the value its words look like."""

from __future__ import annotations

import calendar

import pytest

from dialogs.engine import Engine
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.typing_kit import (
    ORDER,
    answers,
    at_question,
    question_state,
    record_data,
    saved_at,
    state,
    typed_at,
    with_plan,
)


@pytest.mark.parametrize("typed", ["no worries, go on then", "no problem", "no bother at all"])
async def test_a_no_before_a_word_of_trouble_agrees(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    await chat.send(typed)
    assert await state(chat) == question_state(ORDER[0])


async def test_no_problem_at_a_safety_question_is_still_a_no(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "saddle_bladder")
    await chat.send("no problems")
    assert (await answers(chat)).get("saddle_bladder") == "no"


@pytest.mark.parametrize(
    ("qid", "typed"),
    [
        ("pain_now", "the doorbell, back in 2"),
        ("sitting_hours", "give me 5"),
        ("walk_minutes", "hold on, give me 20 mins"),
        ("pain_now", "hang on"),
    ],
)
async def test_the_time_of_a_wait_is_no_answer(
    engine: Engine, clock: FakeClock, qid: str, typed: str
) -> None:
    chat = await typed_at(engine, clock, qid, typed)
    assert qid not in await answers(chat)


def _month_back(clock: FakeClock, months: int) -> str:
    today = clock.now().date()
    return calendar.month_name[(today.month - 1 - months) % 12 + 1]


@pytest.mark.parametrize("back", [8, 9])
async def test_a_month_named_outside_the_period_asked_is_not_that_option(
    engine: Engine, clock: FakeClock, back: int
) -> None:
    chat = await at_question(engine, clock, "care")
    await chat.send(f"our baby was born in {_month_back(clock, back)}")
    assert "care" not in await answers(chat)


async def test_a_month_named_inside_the_period_asked_is_that_option(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "care")
    await chat.send(f"had a baby in {_month_back(clock, 1)}")
    assert (await answers(chat)).get("care") == "recent_birth"


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("6 hours at work and 3 in the car", "over_8"),  # the parts add up past the edge
        ("10 at the desk then the sofa", "over_8"),  # more besides, past the edge anyway
    ],
)
async def test_hours_told_in_parts_add_up(
    engine: Engine, clock: FakeClock, typed: str, meant: str
) -> None:
    chat = await at_question(engine, clock, "sitting_hours")
    await chat.send(typed)
    assert (await answers(chat)).get("sitting_hours") == meant


@pytest.mark.parametrize(
    "typed", ["7 at work and then gaming at home", "6 on weekdays and 3 at weekends"]
)
async def test_hours_in_parts_across_an_edge_ask(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "sitting_hours")
    await chat.send(typed)
    assert "sitting_hours" not in await answers(chat)


@pytest.mark.parametrize(
    "typed", ["I get a bit of a leak when I sneeze, does that count?", "yes, would that matter?"]
)
async def test_an_answer_that_asks_whether_it_counts_asks(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "saddle_bladder")
    await chat.send(typed)
    assert "saddle_bladder" not in await answers(chat)


# A zone's abbreviation that other countries use for another clock names no one zone.
@pytest.mark.parametrize(
    ("typed", "zone"), [("cst", None), ("PST", None), ("edt", "America/New_York")]
)
async def test_an_abbreviation_other_countries_share_offers_its_zones(
    engine: Engine, clock: FakeClock, typed: str, zone: str | None
) -> None:
    chat = await with_plan(engine, clock)
    replies = await chat.send(f"/timezone {typed}")
    assert (await record_data(chat)).get("tz") == zone
    assert zone is not None or any(b.id.startswith("tz.") for r in replies for b in r.buttons)


# A number taken back in the same message: the one that replaced it; no number after, or one
# that reads as no answer alone, leaves the whole message to be read (and asked).
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("pain_now", "5. no sorry, 4", "4"),
        ("walk_minutes", "about 10 - no, I mean 5", "5"),
        ("walk_minutes", "30 mins, or rather an hour", "60"),
        ("pain_now", "3, no, it's more than that", None),
    ],
)
async def test_a_number_corrected_in_the_message_is_the_later_one(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


# A word of its own is never a typo of a number: "there" is no "three", "then" no "ten".
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("walk_minutes", "the ache is there from the start", "1"),
        ("pain_now", "there, more or less a 6", "6"),
        ("walk_minutes", "thre minutes", "3"),  # a typo of the number itself still is one
    ],
)
async def test_a_word_of_its_own_is_no_typo_of_a_number(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


# Words that only say how much, beside an option, leave the option ("a bench helps heaps").
async def test_a_word_of_how_much_leaves_the_option(engine: Engine, clock: FakeClock) -> None:
    assert await saved_at(engine, clock, "eases", "a bench to sit on helps heaps") == "sitting"


# Going back with an apology around it, or to change an earlier answer, is going back.
@pytest.mark.parametrize(
    "typed", ["oh sorry can I go back please", "I'd like to go back and fix my sitting answer"]
)
async def test_going_back_to_mend_an_answer_goes_back(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await typed_at(engine, clock, "eases", typed)
    assert await state(chat) == question_state(ORDER[ORDER.index("eases") - 1])


# A handful of steps is under a minute of walking: the shortest time offered. Many steps, or
# steps beside another distance, still ask for minutes.
@pytest.mark.parametrize(
    ("typed", "meant"),
    [("only a couple of steps", "1"), ("after 3 or 4 paces", "1"), ("200 steps", None)],
)
async def test_a_handful_of_steps_is_the_shortest_time(
    engine: Engine, clock: FakeClock, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, "walk_minutes", typed) == meant


# A term of address after a yes or a no names no one ("nope, pal"); "my mate" still is another
# person. A yes and a no said at once ("yeah no") is the no.
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("saddle_bladder", "nope pal", "no"),
        ("background", "no, my mate had cancer", "none"),  # a friend's, not the user's
        ("saddle_bladder", "yeah no, nothing like that", "no"),
    ],
)
async def test_a_term_of_address_names_no_one(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


# An answer said twice, once in words not known ("5 semaines, 5 weeks"): the clause that can be
# read, when the other only repeats its number; another number there still asks.
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("duration", "depuis 5 semaines, 5 weeks", "under_6_weeks"),
        ("walk_minutes", "10 minuti, 10 min", "10"),
        ("duration", "depuis 3 semaines, 5 weeks", None),
    ],
)
async def test_an_answer_repeated_in_another_language_is_read(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant
