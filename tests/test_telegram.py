"""The Telegram adapter end to end: the real PTB Application polling a fake Bot API server on
127.0.0.1, the real engine on an SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from dialogs.dialog import COMMANDS
from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, TelegramChat, buttons_of, telegram_bot


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == [], "the bot sent requests the Bot API would refuse"


async def test_the_command_menu_is_registered_at_start(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake):
        pass
    [call] = fake.calls_to("setMyCommands")
    texts = engine.content.texts
    expected = [{"command": n, "description": texts.get("en", f"commands.{n}")} for n in COMMANDS]
    assert call.params["commands"] == expected
    assert "language_code" not in call.params


async def test_a_whole_interview_by_button_presses_ends_in_the_plan(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=501)
        await chat.send("/start")
        assert chat.buttons() == ["Let's begin"]
        await chat.tap("Let's begin")
        await chat.tap("Yes, let's go")
        assert "bladder" in chat.text()
        for _ in range(5):
            await chat.tap("No, none")
        assert chat.buttons()[:11] == [str(n) for n in range(11)]
        for label in ("4", "About 10", "Buttock", "Sitting", "More than 12", "More than 8"):
            await chat.tap(label)
        await chat.tap("Backs of thighs")
        await chat.tap("I lean forward")
        assert "Here is your plan" in chat.text()

    presses = fake.calls_to("answerCallbackQuery")
    assert len(presses) == 15, "every button press is answered"
    edits = fake.calls_to("editMessageReplyMarkup")
    assert len(edits) == 15 and all("reply_markup" not in e.params for e in edits)
    still_pressable = [
        m for m in fake.messages_to(501) if buttons_of(fake.message(501, m["message_id"]))
    ]
    assert still_pressable == []
