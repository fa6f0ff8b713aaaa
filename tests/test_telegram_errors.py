"""What Telegram's errors do to the adapter: a blocked user pauses their reminders, flood
waits are honoured, server errors retried, and nothing a single update holds stops the bot."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from bot.delivery import deliver
from bot.dispatcher import Dispatcher
from bot.settings import SettingsError
from bot.telegram.adapter import TelegramAdapter, TelegramConfig
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, TelegramChat, interview_to_plan, telegram_bot


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == [], "the bot sent requests the Bot API would refuse"


async def test_a_blocked_user_is_noted_unreachable_so_their_reminders_pause(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=601)
        await interview_to_plan(chat)
        await chat.send("/timezone UTC")
        await chat.send(f"/remind {clock.now().hour + 1}:00")
        fake.block(601)
        clock.advance(hours=1)
        await Dispatcher(engine, {"telegram": bot}, clock).tick()

    assert fake.calls_to("sendMessage")[-1].status == 403
    record = await engine.store.load(UserKey("telegram", "601"))
    assert record is not None
    assert record.data["unreachable_since"] == clock.now().isoformat()


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


async def test_a_refused_message_is_logged_by_method_without_its_text_and_dropped(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=605)
        fake.fail("sendMessage", 400)
        await chat.send("/help")
        clock.advance(minutes=5)
        assert await engine.undelivered("telegram", clock.now()) == [], "not retried forever"

    assert "Telegram refused sendMessage: Chat not found" in caplog.text
    assert "/forget" not in caplog.text
    assert len(fake.calls_to("sendMessage")) == 1


async def test_when_retries_run_out_the_reply_waits_in_the_outbox_for_the_sweep(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=606)
        fake.fail("sendMessage", 500, times=3)  # every try of the first send
        fake.fail("sendMessage", 429, retry_after=30)  # too long a wait to hold a send for
        assert await chat.send("/help") == []
        assert await chat.send("/posture") == []
        clock.advance(minutes=5)
        await deliver(engine, bot, await engine.undelivered("telegram", clock.now()), clock)

    statuses = [c.status for c in fake.calls_to("sendMessage")]
    assert statuses == [500, 500, 500, 429, 200, 200]
    texts = [m["text"] for m in fake.messages_to(606)]
    assert "/forget" in texts[0] and "When you walk" in texts[1]


async def test_a_token_telegram_refuses_stops_start_up_without_showing_it(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    config = TelegramConfig(token="42:some-other-token-value", base_url=fake.base_url)
    adapter = TelegramAdapter(engine, clock, config)
    with pytest.raises(SettingsError, match="TELEGRAM_BOT_TOKEN") as raised:
        await adapter.start()
    assert "some-other-token-value" not in str(raised.value)
    assert raised.value.__suppress_context__


async def test_polling_goes_on_after_telegram_reports_a_second_poller(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=607)
        fake.fail("getUpdates", 409)  # PTB waits a second before it polls again
        await chat.send("/help")

    assert "/forget" in chat.text()
    assert "another process polls with this token" in caplog.text
