"""A typed answer at an interview question means what a person means by it: a number is a
number, never a button's position; units, bands, plurals, lists, "not sure" and negations."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.machine import HOLD
from tests.conftest import FakeClock
from tests.typing_kit import (
    answers,
    at_question,
    question_state,
    record_data,
    saved_at,
    state,
    typed_at,
)


async def test_a_typed_pain_score_is_the_score(engine: Engine, clock: FakeClock) -> None:
    chat = await at_question(engine, clock, "pain_now")
    await chat.send("3")
    assert (await answers(chat))["pain_now"] == "3"


@pytest.mark.parametrize(("typed", "band"), [("3", "under_4"), ("2", "under_4"), ("1", "under_4")])
async def test_a_typed_number_of_hours_is_hours_not_a_button_position(
    engine: Engine, clock: FakeClock, typed: str, band: str
) -> None:
    chat = await at_question(engine, clock, "sitting_hours")
    await chat.send(typed)
    assert (await answers(chat))["sitting_hours"] == band


async def test_a_bare_number_at_the_duration_question_gets_one_short_question(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "duration")
    replies = await chat.send("2")
    assert "duration" not in await answers(chat)
    assert await state(chat) == question_state("duration")
    assert "2 weeks, months or years?" in replies[-1].text
    assert replies[-1].buttons, "the choices are still offered"
    await chat.send("months")
    assert (await answers(chat))["duration"] == "6_to_12_weeks"


CASES = [
    ("where", "buttocks and thighs", "buttock_thigh"),
    ("where", "calves", "calf"),
    ("where", "both calves", "calf"),
    ("where", "not sure", "not_sure"),
    ("tightness", "both", "both"),
    ("tightness", "🤷", "not_sure"),
    ("tightness", "hamstrings and hip flexors", "both"),
    ("sitting_hours", "6", "4_to_8"),
    ("sitting_hours", "8 hours", "4_to_8"),
    ("sitting_hours", "11 hours", "over_8"),
    ("sitting_hours", "about 4 hours", "4_to_8"),
    ("duration", "2 months", "6_to_12_weeks"),  # "3 months" lies across the 12-week edge: it asks
    ("duration", "6 weeks", "6_to_12_weeks"),
    ("duration", "2 yrs", "over_12_weeks"),
    ("eases", "I don't bend, I just stand still", "standing_still"),
    ("gait", "idk", "not_sure"),
    ("gait", "not sure", "not_sure"),
    ("walk_minutes", "about 20 min", "20"),
    ("walk_minutes", "1 hour", "60"),  # "2 hours" is past the longest button: it asks
    ("floor", "easily", "easy"),  # the words its hint offers
    ("floor", "with difficulty", "hard"),
    ("floor", "not at all", "not_possible"),
    ("floor", "difficult", "hard"),
    ("floor", "no", "not_possible"),  # "can you get down onto the floor?"
    ("floor", "not easily", "hard"),  # it can be done, with difficulty
    ("care", "no", "none"),
    ("care", "nothing like that", "none"),
    ("age_band", "seventy five", "75_plus"),  # tens and units said in words
    ("age_band", "late 70s", "75_plus"),
    ("pain_now", "8 when I walk but 3 right now", "3"),  # the question asks about now
    ("saddle_bladder", "I do", "yes"),  # "do" and "have" say yes only as the whole answer
    ("age_band", "I'll be 40 in the spring", "16_to_39"),  # an age still to come is one less
    ("age_band", "39 and a half", "16_to_39"),  # whole years
    ("age_band", "seventy-two", "65_to_74"),  # a tens word joins its units with a hyphen
    ("pain_now", "6, 6", "6"),  # the same number said again
    ("sitting_hours", "from 10 till 3", "4_to_8"),  # clock times after "from"
    ("sitting_hours", "from 7 in the morning until 5 at night", "over_8"),  # told apart
    ("background", "prednisolone for a year, for my arthritis", "steroid_use"),
    ("care", "a back op years ago, none of the others", "none"),
    ("floor", "nein", "not_possible"),  # no in another language
]


@pytest.mark.parametrize(
    ("qid", "typed"),
    [
        ("age_band", "5"),  # a slip more likely than a five-year-old: nothing is deleted
        ("saddle_bladder", "can we do this later, i have to go out"),
        ("both_legs_accident", "go back please i pressed no by mistake"),
        ("pain_now", "is 10 the worst?"),
        ("pain_now", "8 when I walk, 3 when I sit"),  # which is now?
        ("pain_now", "not 5"),
        ("saddle_bladder", "my bowels and bladder are both normal"),  # two of four denied
        ("background", "a short course of prednisolone for 2 weeks"),  # not 3 months or more
        ("background", "not sure, nobody ever said"),  # not sure is no "none"
        ("care", "I had an epidural 5 years ago"),  # too long ago, the others unasked
        ("eases", "standing still works, sitting does too"),  # both
        ("tightness", "never noticed"),  # no, or not sure?
    ],
)
async def test_what_is_no_answer_saves_nothing(
    engine: Engine, clock: FakeClock, qid: str, typed: str
) -> None:
    chat = await typed_at(engine, clock, qid, typed)
    assert qid not in await answers(chat)
    assert await state(chat) is not None, "the user and their answers are still kept"


@pytest.mark.parametrize(("qid", "typed", "meant"), CASES, ids=lambda c: str(c))
async def test_free_text_answers_are_read_as_meant(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


@pytest.mark.parametrize("typed", ["about a 3", "about"])
async def test_words_that_name_no_floor_answer_get_a_question_back(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "floor")
    replies = await chat.send(typed)
    assert "floor" not in await answers(chat), "a question back, not a guess"
    assert "Tap one: easily, with difficulty, or not at all." in replies[0].text


@pytest.mark.parametrize("typed", ["👍", "yep"])
async def test_a_thumbs_up_or_yep_is_yes_at_a_safety_question(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "unwell_history")
    await chat.send(typed)
    assert await state(chat) == HOLD


async def test_not_sure_at_a_safety_question_asks_the_items_one_at_a_time(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "saddle_bladder")
    replies = await chat.send("not sure")
    assert await state(chat) == question_state("saddle_bladder")
    assert "1 of 4" in replies[-1].text
    assert "numbness or pins and needles" in replies[-1].text.lower()
    assert "bladder" not in replies[-1].text.lower(), "one item, not the whole list"
    for _ in range(4):
        await chat.send("no")
    assert await state(chat) == question_state("both_legs_accident")
    assert (await answers(chat))["saddle_bladder"] == "no"


async def test_a_yes_to_one_item_on_the_not_sure_path_is_a_yes(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "unwell_history")
    await chat.send("not sure")
    replies = await chat.send("no")
    assert "2 of 2" in replies[-1].text
    await chat.send("yes")
    assert await state(chat) == HOLD
    assert (await record_data(chat))["hold"]["source"] == "screening"
