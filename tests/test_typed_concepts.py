"""Typed answers that name something close to an option but are not it: a question about an
option's word, another person's condition, care for another part of the body, a thing that is
none of the options (no "neither"): each asks or explains rather than saves a value."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.test_typed_prompts import reminded
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

EXPLAIN_TIGHTNESS = "Hamstrings are the muscles at the back of your thighs"


@pytest.mark.parametrize(
    ("qid", "typed"),
    [
        ("eases", "when I lie on the sofa"),  # lying is no option, and no "neither"
        ("eases", "a hot water bottle, the heat"),
        ("gait", "I kind of shuffle along"),  # a way of walking the options lack
        ("background", "my mother had breast cancer"),  # another person's condition
        ("background", "my husband takes methotrexate"),
        ("background", "a steroid inhaler for asthma"),  # no tablets: the option is tablets
        ("background", "my scan showed osteopenia"),  # thinner bones, not yet osteoporosis
        ("background", "osteoporosis no"),  # a "no" after an item denies it alone
        ("background", "steroids no. cancer no"),  # two denied, the others not answered
        ("care", "my sister is pregnant"),
        ("care", "I see a physio for my shoulder"),  # care, but not for the back
        ("care", "had an operation on my hip in the summer"),
    ],
)
async def test_near_misses_of_an_option_save_nothing(
    engine: Engine, clock: FakeClock, qid: str, typed: str
) -> None:
    chat = await typed_at(engine, clock, qid, typed)
    assert qid not in await answers(chat)
    assert await state(chat) == question_state(qid)


# Guards: the option itself, said of the user, is still read (most passed before the change).
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("eases", "nothing helps at all", "neither"),
        ("background", "my dad had cancer, I have osteoporosis", "osteoporosis"),  # my own
        ("background", "my doctor says I have osteoporosis", "osteoporosis"),
        ("care", "a physio for my back and knee", "specialist"),  # the back named too
        ("care", "my baby is 2 months old", "recent_birth"),  # the baby is another person
        ("gait", "my wife says I sway", "sway"),  # told by someone else, of the user
    ],
)
async def test_the_option_itself_is_still_read(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


@pytest.mark.parametrize(
    ("qid", "typed"),
    [
        ("tightness", "whats a hamstring"),
        ("tightness", "no idea what hip flexors are"),
        ("background", "what's prednisolone"),
        ("background", "dunno what osteoporosis is"),
    ],
)
async def test_a_question_about_an_options_word_gets_the_question_explained(
    engine: Engine, clock: FakeClock, qid: str, typed: str
) -> None:
    chat = await at_question(engine, clock, qid)
    replies = await chat.send(typed)
    assert qid not in await answers(chat)
    assert "unsure" not in await record_data(chat)
    if qid == "tightness":
        assert EXPLAIN_TIGHTNESS in "\n".join(r.text for r in replies)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("39, 40 in March", "16_to_39"),  # the age of now, beside the one to come
        ("74 now, 75 next year", "65_to_74"),
        ("40 next year", "16_to_39"),  # still to be reached: one less now
    ],
)
async def test_an_age_of_a_time_to_come_is_not_the_age_now(
    engine: Engine, clock: FakeClock, typed: str, meant: str
) -> None:
    chat = await at_question(engine, clock, "age_band")
    await chat.send(typed)
    assert (await answers(chat)).get("age_band") == meant


async def test_a_clause_asking_to_go_back_beats_a_question_beside_it(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "floor")
    await chat.send("what did you ask before that? go back")
    assert await state(chat) == question_state("care"), "the question before, not its help"


@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("walk_minutes", "as soon as I take a step", "1"),  # a step named, no distance counted
        ("walk_minutes", "I can go for hours", "60"),  # hours uncounted: an hour or more
        ("care", "no to any of the three", "none"),  # a number word after "no" names nothing
        ("care", "a jab in my back 3 weeks ago", "surgery"),  # an injection by its other name
        ("care", "back op last month", "surgery"),
        ("floor", "I can get down there but getting up again is not pretty", "hard"),  # a "but"
    ],
)
async def test_everyday_words_for_an_option_pick_it(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


async def test_a_pause_word_that_is_also_an_option_beside_other_news_asks_which(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "eases")
    await chat.send("gotta pause, the phone's ringing")  # pausing also eases it: which?
    assert "eases" not in await answers(chat)
    await chat.send("just stop, the pain goes")  # beside words of the pain: the answer
    assert (await answers(chat)).get("eases") == "standing_still"


@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("both_legs_accident", "legs r fine n no accident", "no"),  # "r" is are, "n" is and
        ("worsening_leg", "pins n needles in my left leg", "yes"),
        ("both_legs_accident", "n", "no"),  # alone, "n" is still a no
    ],
)
async def test_text_speak_between_words_is_the_word_it_stands_for(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("8-10 mins", "10"),  # both ends nearest "about 10 min"
        ("30 or 35 minutes", "30"),
        ("10-15 mins", None),  # 15 is as near 20 as 10: across two buttons
        ("5 to 10", None),
    ],
)
async def test_a_range_whose_ends_are_nearest_one_button_is_that_button(
    engine: Engine, clock: FakeClock, typed: str, meant: str | None
) -> None:
    chat = await at_question(engine, clock, "walk_minutes")
    await chat.send(typed)
    assert (await answers(chat)).get("walk_minutes") == meant


@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("duration", "three months now", None),  # 12 or 13 weeks: across the 12-week edge
        ("duration", "almost three months", "6_to_12_weeks"),  # said to be short of it
        ("duration", "five months", "over_12_weeks"),
        ("sitting_hours", "in my armchair for most of the day", None),  # a share, no hours
        ("sitting_hours", "sat down the whole day", "over_8"),
        ("walk_minutes", "three hours easily", None),  # past "an hour or more": that button?
        ("walk_minutes", "about an hour", "60"),
        ("where", "my thigh, occasionally my calf", None),  # the calf at times: not mostly
        ("where", "my thigh and my calf", "calf"),
        ("pain_now", "3 resting, but a 7 once I walk", None),  # each of its own time, not now
        ("pain_now", "a 3 right now, 7 when I walk", "3"),
    ],
)
async def test_an_answer_no_one_button_fits_asks(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


# A wish that nothing be done, said with "rather" or "prefer" and a negation, declines consent.
@pytest.mark.parametrize("typed", ["I would prefer you not save my answers", "rather you wouldn't"])
async def test_a_wish_that_nothing_be_kept_declines_consent(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    replies = await chat.send(typed)
    assert await state(chat) is None
    assert "haven't kept anything" in replies[-1].text


# Small talk, a question about the prompt, or a pause, at the prompts outside the interview: its
# reply and the buttons again; nothing is saved, and the prompt still takes its answer after.
@pytest.mark.parametrize(("typed", "reply"), [("hiya!", "Hello"), ("cheers", "welcome")])
async def test_small_talk_at_a_reminder_is_answered_and_the_reminder_waits(
    engine: Engine, clock: FakeClock, typed: str, reply: str
) -> None:
    chat, _ = await reminded(engine, clock)
    replies = await chat.send(typed)
    assert reply in replies[-1].text and any(
        b.id.startswith("rem.done") for b in replies[-1].buttons
    )
    assert not (await record_data(chat)).get("done_days")
    replies = await chat.send("done")
    assert "in a row" in replies[-1].text


async def test_a_question_at_the_pain_score_explains_the_scale(
    engine: Engine, clock: FakeClock
) -> None:
    chat, _ = await reminded(engine, clock)
    await chat.send("done")
    replies = await chat.send("what is 0 supposed to be?")
    assert "no pain at all" in replies[-1].text
    await chat.send("3")
    assert (await record_data(chat))["last_pain"]["score"] == 3


@pytest.mark.parametrize(
    ("typed", "reply"), [("why do you ask?", "local time"), ("busy, later", "No rush")]
)
async def test_a_question_or_a_pause_at_the_zone_prompt(
    engine: Engine, clock: FakeClock, typed: str, reply: str
) -> None:
    chat = await with_plan(engine, clock)
    await chat.send("/timezone")
    replies = await chat.send(typed)
    assert reply in replies[-1].text
    await chat.send("Berlin")
    assert (await record_data(chat))["tz"] == "Europe/Berlin"


async def test_a_hello_before_consent_gets_a_hello_and_the_greeting_again(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    replies = await chat.send("hey there")
    assert await state(chat) is None
    assert replies[0].text == "Hello! 👋" and "start.begin" in [b.id for b in replies[-1].buttons]
    await chat.press("start.begin")
    await chat.send("ok")
    assert await state(chat) == question_state(ORDER[0])


async def test_a_bare_yes_to_a_reminder_is_an_acknowledgement_not_done(
    engine: Engine, clock: FakeClock
) -> None:
    chat, _ = await reminded(engine, clock)
    replies = await chat.send("yep 👌")
    assert replies[-1].text == "OK." and any(
        b.id.startswith("rem.done") for b in replies[-1].buttons
    )
    assert not (await record_data(chat)).get("done_days")
