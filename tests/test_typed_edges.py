"""Typed answers at the edge of what they say: an age whose units are left unsaid, a task done
only in part, a sign explained away; each saves what it means, or asks when that is unsure."""

from __future__ import annotations

from datetime import UTC, datetime

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
)


@pytest.mark.parametrize(
    "typed",
    [
        "sixty something",  # 60 to 69: across the edge of 64 and 65, so it asks
        "seventy-odd",  # 70 to 79: across 74 and 75
        "60 something",
    ],
)
async def test_a_tens_age_with_its_units_unsaid_spans_the_ten_years(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    assert await saved_at(engine, clock, "age_band", typed) is None


@pytest.mark.parametrize(
    "typed",
    [
        "I can get down but not back up again",  # the up of "down and up again" denied
        "yes but I'd never get up",
        "I can get down but not up",
    ],
)
async def test_a_part_of_the_floor_task_denied_after_a_but_is_no_floor(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    assert await saved_at(engine, clock, "floor", typed) == "not_possible"


@pytest.mark.parametrize(
    "typed",
    [
        "did the bridges, couldn't do the rocks",  # a doing denied beside a Done
        "did the tilts, couldn't manage the bridges",
        "done, never managed the tilts though",
    ],
)
async def test_a_done_beside_a_doing_denied_at_a_reminder_asks_and_keeps_no_done(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat, _ = await reminded(engine, clock)
    replies = await chat.send(typed)
    assert not (await record_data(chat)).get("done_days")
    assert any(b.id.startswith("rem.done") for b in replies[-1].buttons)


@pytest.mark.parametrize(
    ("now", "typed"),
    [
        (datetime(2026, 7, 10, 9, tzinfo=UTC), "since last summer"),  # in July: the summer before
        (datetime(2026, 12, 5, 9, tzinfo=UTC), "since last winter"),  # in December: not this one
        (datetime(2026, 3, 2, 9, tzinfo=UTC), "since last march"),
    ],
)
async def test_a_last_season_or_month_said_while_in_it_is_the_one_before(
    engine: Engine, now: datetime, typed: str
) -> None:
    assert await saved_at(engine, FakeClock(now), "duration", typed) == "over_12_weeks"


@pytest.mark.parametrize(
    ("question", "typed"),
    [
        ("pain_now", "can we stop now and finish this tonight?"),  # when it carries on
        ("floor", "one moment, the phone, can we pick it up tomorrow"),  # a number of a wait
        ("eases", "I'm going to pause for today"),
    ],
)
async def test_a_pause_that_says_when_it_carries_on_pauses(
    engine: Engine, clock: FakeClock, question: str, typed: str
) -> None:
    chat = await at_question(engine, clock, question)
    replies = await chat.send(typed)
    assert await state(chat) == question_state(question)
    assert "/start" in replies[-1].text
    assert question not in await answers(chat)


async def test_going_back_a_step_goes_back(engine: Engine, clock: FakeClock) -> None:
    chat = await at_question(engine, clock, "eases")
    await chat.send("could we go one step back")
    assert await state(chat) == question_state("where")


@pytest.mark.parametrize("typed", ["you still there?", "hello, are you still there"])
async def test_asking_whether_the_bot_is_still_there_is_a_hello(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "duration")
    replies = await chat.send(typed)
    assert replies[0].text == "Hello! 👋"
    assert await state(chat) == question_state("duration")


async def test_hello_typed_first_of_all_gets_one_greeting(engine: Engine, clock: FakeClock) -> None:
    replies = await Chat(engine, clock).send("hello")
    assert [r.text.count("Hello!") for r in replies] == [1, 0]  # the hello, then the intro
    assert replies[-1].text.startswith("I'm a coach")
    assert "start.begin" in [b.id for b in replies[-1].buttons]


@pytest.mark.parametrize("typed", ["just my back", "just the back"])
async def test_back_after_a_word_of_whose_is_the_body_not_going_back(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "both_legs_accident")
    await chat.send(typed)
    assert await state(chat) != question_state(ORDER[ORDER.index("both_legs_accident") - 1])


@pytest.mark.parametrize(
    ("qid", "typed", "meant"),
    [
        ("pain_now", "4, is that normal?", "4"),  # the number, then a question about it
        ("walk_minutes", "20, is that bad?", "20"),
    ],
)
async def test_a_number_then_a_question_about_it_is_the_number(
    engine: Engine, clock: FakeClock, qid: str, typed: str, meant: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == meant


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("the back of my knee", None),  # a side of the knee, not the lower back: it asks
        ("back of the leg", None),
        ("back and bum, at times the back of the thigh", "buttock_thigh"),
    ],
)
async def test_the_back_of_another_place_is_a_side_of_it_not_the_lower_back(
    engine: Engine, clock: FakeClock, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, "where", typed) == meant


@pytest.mark.parametrize(
    ("qid", "typed"),
    [
        ("constant_or_injury", "no fall but the pain is there all the time"),  # a no, then a sign
        ("worsening_leg", "no tingling but my leg is getting weaker"),
    ],
)
async def test_a_sign_after_a_no_and_a_but_is_a_yes(
    engine: Engine, clock: FakeClock, qid: str, typed: str
) -> None:
    assert await saved_at(engine, clock, qid, typed) == "yes"
