"""Every prompt with buttons also understands the obvious typed equivalents of its buttons:
consent, a reminder, the pain score after Done, the /forget confirmation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel
from tests.typing_kit import ORDER, question_state, record_data, state, with_plan


@pytest.mark.parametrize("typed", ["yes", "Yes, let's go", "ok go ahead", "👍"])
async def test_typed_consent_agrees(engine: Engine, clock: FakeClock, typed: str) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    await chat.send(typed)
    assert await state(chat) == question_state(ORDER[0])


@pytest.mark.parametrize("typed", ["no thanks", "nope", "not now"])
async def test_typed_refusal_keeps_nothing(engine: Engine, clock: FakeClock, typed: str) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    await chat.press("start.begin")
    replies = await chat.send(typed)
    assert await state(chat) is None
    assert "haven't kept anything" in replies[-1].text


async def reminded(engine: Engine, clock: FakeClock) -> tuple[Chat, RecordingSender]:
    chat = await with_plan(engine, clock)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    await chat.send("/timezone UTC")
    await chat.send(f"/remind {(clock.now() + timedelta(minutes=30)):%H:%M}")
    await travel(dispatcher, clock, clock.now() + timedelta(hours=1), timedelta(minutes=10))
    assert sender.reminders()
    return chat, sender


async def test_done_typed_in_reply_to_a_reminder_records_it_and_typed_pain_is_kept(
    engine: Engine, clock: FakeClock
) -> None:
    chat, _ = await reminded(engine, clock)
    replies = await chat.send("done!")
    assert "in a row" in replies[-1].text
    assert (await record_data(chat))["done_days"]
    await chat.send("4, a bit sore")
    assert (await record_data(chat))["last_pain"]["score"] == 4


async def test_a_typed_number_after_another_command_is_not_an_old_pain_prompt(
    engine: Engine, clock: FakeClock
) -> None:
    chat, _ = await reminded(engine, clock)
    await chat.send("done")
    await chat.send("/why")
    await chat.send("2")
    assert "last_pain" not in await record_data(chat)


async def test_typed_yes_at_forget_asks_for_the_tap_and_says_so(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await with_plan(engine, clock)
    await chat.send("/forget")
    replies = await chat.send("yes")
    assert await state(chat) is not None, "typing never deletes"
    assert "tap" in replies[-1].text.lower()
    assert "forget.yes" in [b.id for b in replies[-1].buttons]
    replies = await chat.send("no, keep it")
    assert "nothing was deleted" in replies[-1].text


@pytest.mark.parametrize("typed", ["go back please", "can we go back"])
async def test_going_back_at_forget_is_no_yes(engine: Engine, clock: FakeClock, typed: str) -> None:
    chat = await with_plan(engine, clock)
    await chat.send("/forget")
    replies = await chat.send(typed)
    assert await state(chat) is not None
    assert "didn't catch whether" in replies[-1].text, "the question again, not 'tap to delete'"
