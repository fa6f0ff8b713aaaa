"""Typed answers whose words look like an answer but say something else: a number of another
time than now, a pause told as a later, a yes to another question than the one asked, the
back of a leg, another person's illness. Each asks, or reads what was meant."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan
from tests.test_holds_follow_up import FEVER, START, state_and_flags
from tests.test_typed_prompts import reminded
from tests.typing_kit import answers, record_data, saved_at, state, typed_at


# A number tied to a usual or an extreme time is not the pain of now: with none of now, it asks.
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("typically a 7 but I feel alright this minute", None),
        ("7 at its worst", None),
    ],
)
async def test_a_pain_score_of_another_time_is_not_the_pain_now(
    engine: Engine, clock: FakeClock, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, "pain_now", typed) == meant


async def test_a_pain_after_done_of_a_bad_day_asks(engine: Engine, clock: FakeClock) -> None:
    chat, _ = await reminded(engine, clock)
    await chat.send("done")
    await chat.send("normally 6, fine at the moment")
    assert "last_pain" not in await record_data(chat)


# In a red-flag hold, a yes alone may be a check booked as well as one had: it asks which, and
# the hold stays. Words of being seen still release it; being seen told beside a mistake, or
# a check someone else had, asks.
@pytest.mark.parametrize(
    ("typed", "held"),
    [
        ("yep", True),
        ("the GP said it was fine, and I misunderstood the question anyway", True),
        ("my husband saw the doc, all clear", True),
        ("went to my GP this morning", False),
    ],
)
async def test_a_yes_in_a_hold_asks_booked_or_seen(engine: Engine, typed: str, held: bool) -> None:
    clock = FakeClock(START)
    chat = await user_with_plan(engine, clock)
    await chat.send(FEVER)
    replies = await chat.send(typed)
    state, _ = await state_and_flags(engine)
    assert (state == "hold") is held
    assert ("already been seen" in replies[-1].text) is (typed == "yep")


# "The back of" a part of the leg names that part, not the lower back; the back itself is
# not named, and care "for the back of the knee" is care for the knee.
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("where", "only the back of the knees", None),
        ("where", "at the back of one leg", None),
        ("care", "a physio for the back of the knee", None),
    ],
)
async def test_the_back_of_a_leg_part_is_that_part(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


# An illness of the family, told after it ("runs in the family"), is not the user's own; a
# "never had it" after it denies that one only, so the other points are asked.
@pytest.mark.parametrize(
    "typed", ["osteoporosis runs in the family", "lymphoma in my family, I've never had it"]
)
async def test_an_illness_in_the_family_is_not_the_users_own(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    assert await saved_at(engine, clock, "background", typed) is None


# A message that asks whether what it tells counts as an option is a question, not the option.
@pytest.mark.parametrize(
    "typed",
    ["they cut out a small melanoma once, would that count", "chemo years ago, does it count?"],
)
async def test_asking_whether_it_counts_is_no_answer(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    assert await saved_at(engine, clock, "background", typed) is None


# Before consent, a time to come back at is a pause: no refusal, the consent again.
@pytest.mark.parametrize("typed", ["not today, maybe another day", "I'll be back in the evening"])
async def test_a_time_to_come_back_at_consent_is_a_pause(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    replies = await chat.send(typed)
    assert await state(chat) is None
    assert "No rush" in replies[0].text and "haven't kept anything" not in replies[-1].text
    assert "start.agree" in [b.id for b in replies[-1].buttons]


# "Not yet" in Tagalog keeps the hold and says not yet.
@pytest.mark.parametrize("typed", ["wala pa, sa Monday pa", "hindi pa nga eh"])
async def test_not_yet_mixed_in_another_language_keeps_the_hold(engine: Engine, typed: str) -> None:
    clock = FakeClock(START)
    chat = await user_with_plan(engine, clock)
    await chat.send(FEVER)
    replies = await chat.send(typed)
    state, _ = await state_and_flags(engine)
    assert state == "hold" and "Please don't leave it" in replies[0].text


# Past the knee is below it: the furthest place named.
@pytest.mark.parametrize("typed", ["it shoots past my knee", "bum and thigh and beyond the knee"])
async def test_past_the_knee_is_below_the_knee(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    assert await saved_at(engine, clock, "where", typed) == "below_knee"


# "I wouldn't say no" says yes: a double negative never declines the consent.
async def test_a_double_negative_at_consent_is_no_refusal(engine: Engine, clock: FakeClock) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    replies = await chat.send("well I wouldn't say no")
    assert "haven't kept anything" not in chat.text()
    assert await state(chat) is not None or "start.agree" in [b.id for b in replies[-1].buttons]


# Hindi "nahi" after the word denies it: "koi accident nahi hua" raises no hold and saves no yes.
async def test_a_denial_in_hindi_after_the_word_is_no_report(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await typed_at(engine, clock, "both_legs_accident", "accident nahi hua, pair theek")
    assert (await answers(chat)).get("both_legs_accident") != "yes"
    assert "hold" not in str(await state(chat))


# An answer that changes with the day asks which day is meant; a sign told in it is the net's.
@pytest.mark.parametrize(
    ("qid", "typed"),
    [("floor", "depends on the day, some days no bother"), ("both_legs_accident", "it depends")],
)
async def test_an_answer_that_depends_on_the_day_asks(
    engine: Engine, clock: FakeClock, qid: str, typed: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) is None


# A year of birth is an age in whole years: on the tests' day (2 March 2026) 1962 is 63 or 64,
# 1961 either side of 65; a start told by the calendar is as long ago as it was, whatever
# "started" says.
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("age_band", "born in 1962", "40_to_64"),
        ("age_band", "I was born 1961", None),
        ("duration", "it started after christmas", None),
        ("duration", "started in early august", "over_12_weeks"),
        ("where", "right across the bottom of my back", "back"),
    ],
)
async def test_dates_and_the_bottom_of_the_back_are_read_as_meant(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


# Words that looked like something else: "back in" a year is the past, no pause; "can" is no
# cane; a number beside one said to have been so at another time; an approximate age on a
# band's edge; last year, more than 6 months before the tests' day (2 March 2026).
@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("background", "bowel cancer back in 2015", "cancer_history"),
        ("care", "had an operation on my back in 2019, nothing since", "none"),
        ("gait", "I stomp, you can hear me coming", "heel_first"),
        ("gait", "I walk normally", "not_sure"),
        ("floor", "yes, fine", "easy"),
        ("pain_now", "about a 6, it was 8 this morning", "6"),
        ("pain_now", "8 this morning, it was 6 yesterday", None),
        ("age_band", "about 40", None),
        ("care", "I had my baby last year", None),
        # a number by voice before the scale, the scale alone; nothing new told at a
        # question about what is new; a yes and a no alone; text-speak at the end; an
        # injection of a medicine, and of drugs; a word typed in two
        ("pain_now", "ate out of ten", "8"),
        ("pain_now", "out of ten", None),
        ("worsening_leg", "same as always", "no"),
        ("constant_or_injury", "had a fatty lump for 20 yrs nothing new", "no"),
        ("worsening_leg", "pain is about the same as always", None),
        ("saddle_bladder", "yes no", None),
        ("saddle_bladder", "nope thank u", "no"),
        ("background", "I inject insulin", None),
        ("background", "used to inject, years ago", "injected_drugs"),
        ("tightness", "ham strings", "hamstrings"),
    ],
)
async def test_words_that_look_like_another_answer_are_read_as_meant(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant
