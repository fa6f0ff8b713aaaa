"""What people say during the interview besides answers: help, back, stop, hello; commands in
the middle; the question counter; the next steps after the plan and /menu."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.plan_kit import user_with_answers
from tests.typing_kit import (
    ORDER,
    answers,
    at_question,
    question_state,
    record_data,
    state,
    with_plan,
)


@pytest.mark.parametrize("typed", ["help", "what?"])
async def test_help_explains_the_question_in_other_words_with_an_example(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "sitting_hours")
    question = (await chat.send("/start"))[-1].text
    replies = await chat.send(typed)
    said = "\n".join(r.text for r in replies)
    assert "for example" in said.lower()
    assert said.strip() != question.strip()
    assert replies[-1].buttons
    assert await answers(chat) == await answers(chat)  # nothing saved
    assert "sitting_hours" not in await answers(chat)


async def test_back_typed_goes_back(engine: Engine, clock: FakeClock) -> None:
    chat = await at_question(engine, clock, "eases")
    await chat.send("go back")
    assert await state(chat) == question_state("where")


@pytest.mark.parametrize("typed", ["stop", "later"])
async def test_stop_or_later_pauses_and_says_how_to_continue(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "where")
    replies = await chat.send(typed)
    assert await state(chat) == question_state("where")
    assert "/start" in replies[-1].text
    assert not replies[-1].buttons


@pytest.mark.parametrize(
    ("question", "typed"),
    [("duration", "later, i need to lie down"), ("saddle_bladder", "pause, continue tomorow")],
)
async def test_a_pause_with_its_reason_pauses_at_any_question(
    engine: Engine, clock: FakeClock, question: str, typed: str
) -> None:
    chat = await at_question(engine, clock, question)
    replies = await chat.send(typed)
    assert await state(chat) == question_state(question)
    assert "/start" in replies[-1].text
    assert question not in await answers(chat)


@pytest.mark.parametrize(
    ("question", "typed"),
    [("age_band", "why do you need my age?"), ("pain_now", "is 10 the worst?")],
)
async def test_a_question_about_the_question_gets_it_explained(
    engine: Engine, clock: FakeClock, question: str, typed: str
) -> None:
    chat = await at_question(engine, clock, question)
    said = "\n".join(r.text for r in await chat.send(typed))
    assert "for example" in said.lower()
    assert question not in await answers(chat)


@pytest.mark.parametrize("typed", ["hello", "thanks", "ok"])
async def test_small_talk_gets_a_short_reply_and_the_question_again(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    chat = await at_question(engine, clock, "where")
    replies = await chat.send(typed)
    assert len(replies) == 2 and len(replies[0].text) < 80
    assert "Where do you feel it" in replies[-1].text and replies[-1].buttons


async def test_a_second_failed_answer_gets_a_shorter_prompt(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "where")
    first = "\n".join(r.text for r in await chat.send("purple elephants"))
    second_replies = await chat.send("purple elephants")
    second = "\n".join(r.text for r in second_replies)
    assert len(second) < len(first) / 2
    assert second_replies[-1].buttons


@pytest.mark.parametrize("command", ["/why", "/exercises", "/posture", "/progress"])
async def test_commands_mid_interview_bring_the_user_back_without_suggesting_a_restart(
    engine: Engine, clock: FakeClock, command: str
) -> None:
    chat = await at_question(engine, clock, "where")
    replies = await chat.send(command)
    assert "/interview" not in "\n".join(r.text for r in replies)
    assert "Where do you feel it" in replies[-1].text and replies[-1].buttons


async def test_checkin_mid_interview_or_mid_check_in_never_suggests_a_restart(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "where")
    replies = await chat.send("/checkin")
    said = "\n".join(r.text for r in replies)
    assert "/interview" not in said and "finish them first" in said
    assert "Where do you feel it" in replies[-1].text and replies[-1].buttons
    planned = await user_with_answers(engine, clock, user_id="bob")
    await planned.send("/checkin")
    await planned.tap("No, none")
    replies = await planned.send("/checkin")
    assert "in the middle of the check-in already" in replies[0].text
    assert "has any of this happened?" in replies[-1].text, "the check-in's own question"


async def test_a_no_after_remind_answers_the_question_not_the_zone(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "saddle_bladder")
    await chat.send("/remind 08:00")
    assert "Which time zone are you in" in chat.text()
    await chat.send("no")  # once read as Norway's country code
    data = await record_data(chat)
    assert "tz" not in data and data["answers"]["saddle_bladder"] == "no"
    await chat.send("/remind 08:00")
    await chat.send("berlin")
    data = await record_data(chat)
    assert data["tz"] == "Europe/Berlin" and await state(chat) == question_state(
        "both_legs_accident"
    )


async def test_a_hold_released_in_words_after_remind_is_released(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "pain_now")
    await chat.send("I've had a fever since yesterday")
    for command in ("/checkin", "/remind 08:00"):
        replies = await chat.send(command)
        assert "/interview" not in "\n".join(r.text for r in replies)
    await chat.send("the hospital said it's fine, they checked me")
    assert "glad you got it checked" in chat.text()
    assert await state(chat) == question_state("pain_now")


async def test_progress_with_one_score_says_what_it_will_show(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "where")
    replies = await chat.send("/progress")
    assert replies[0].image is None
    assert "after a few days" in replies[0].text.lower()


async def test_each_question_shows_where_it_is_in_the_interview(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "eases")
    text = (await chat.send("/start"))[-1].text
    assert f"Question {ORDER.index('eases') + 1} of {len(ORDER)}" in text


async def test_the_plan_ends_with_next_steps_and_menu_shows_the_main_things(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await with_plan(engine, clock)
    ids = [b.id for b in chat.last[-1].buttons]
    assert "menu.remind" in ids and "menu.exercises" in ids
    replies = await chat.press("menu.exercises")
    assert any("How:" in r.text for r in replies)
    replies = await chat.send("/menu")
    ids = [b.id for b in replies[-1].buttons]
    assert {"menu.exercises", "menu.why", "menu.posture", "menu.remind"} <= set(ids)
