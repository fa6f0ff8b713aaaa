"""What Telegram's errors do to the adapter: a blocked user pauses their reminders, flood
waits are honoured, server errors retried, and nothing a single update holds stops the bot."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.delivery import deliver
from dialogs.engine import Engine
from dialogs.messages import Command, Sender
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, TelegramChat, telegram_bot


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == [], "the bot sent requests the Bot API would refuse"


async def consented(chat: TelegramChat) -> None:
    await chat.send("/start")
    await chat.tap("Let's begin")
    await chat.tap("Yes, let's go")


async def test_a_blocked_user_is_noted_unreachable_so_reminders_pause(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=601)
        await consented(chat)
        sender = Sender("telegram", "601", "601", "en")
        # the way the reminder dispatcher sends: the engine's replies, through deliver()
        outgoing = await engine.handle(Command(sender, clock.now(), "posture"))
        await deliver(engine, bot, outgoing, clock)
        assert "chest" in fake.messages_to(601)[-1]["text"]

        fake.block(601)
        outgoing = await engine.handle(Command(sender, clock.now(), "help"))
        await deliver(engine, bot, outgoing, clock)

    record = await engine.store.load(UserKey("telegram", "601"))
    assert record is not None
    assert record.data["unreachable_since"] == clock.now().isoformat()
    assert fake.calls_to("sendMessage")[-1].status == 403


async def test_a_flood_wait_is_honoured_before_sending_again(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=602)
        fake.fail("sendMessage", 429, retry_after=1)
        await chat.send("/help")
        assert "/forget" in chat.text()

    refused, sent = fake.calls_to("sendMessage")
    assert (refused.status, sent.status) == (429, 200)
    assert sent.at - refused.at >= 1.0


async def test_a_server_error_is_retried_and_the_reply_arrives_once(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=603)
        fake.fail("sendMessage", 500)
        replies = await chat.send("/help")

    assert [c.status for c in fake.calls_to("sendMessage")] == [500, 200]
    assert len(replies) == 1


async def test_unreadable_updates_do_not_stop_the_bot(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=604)
        # PTB cannot read these at all: no date, no chat_instance
        fake.push({"message": {"message_id": 1, "text": "private words", "chat": {"id": 604}}})
        fake.push({"callback_query": {"id": "9", "from": chat.user, "data": "x"}})
        # PTB reads these, but they lack what a message from a person has
        fake.push({"message": {"message_id": 2, "date": 0, "text": "private words"}})
        fake.push({"message": {"message_id": 3, "date": 0, "chat": {"id": 604, "type": "private"}}})
        await chat.settle()
        replies = await chat.send("/help")

    assert "/forget" in chat.text() and len(replies) == 1
    assert "private words" not in caplog.text
    assert "could not be read: KeyError" in caplog.text
    assert "a Telegram update failed: AttributeError" in caplog.text
