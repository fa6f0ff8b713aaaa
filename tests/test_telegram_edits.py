"""Every path that carries a user's words reaches the safety net: an edited message, a
photo's caption and a forwarded message, through the real adapter and the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, TelegramChat, interview_to_plan, telegram_bot

ALARM = "since this morning I can't feel anything when I wipe"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == [], "the bot sent requests the Bot API would refuse"


async def test_an_edit_that_adds_a_warning_sign_is_answered_and_a_plain_edit_is_not(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as adapter:
        chat = TelegramChat(fake, adapter, 501)
        await interview_to_plan(chat)
        sent = fake.message_update(chat.user, "my back is ok today")["message"]
        await chat.push({"edited_message": sent | {"text": "still ok", "edit_date": 1}})
        assert chat.last == []
        await chat.push({"edited_message": sent | {"text": ALARM, "edit_date": 2}})
        assert "emergency department" in chat.text()


async def test_a_caption_and_a_forwarded_message_are_checked(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as adapter:
        chat = TelegramChat(fake, adapter, 502)
        await interview_to_plan(chat)
        photo = fake.message_update(chat.user, "")["message"]
        photo.pop("text")
        photo |= {"photo": [{"file_id": "p1", "file_unique_id": "u1", "width": 9, "height": 9}]}
        await chat.push({"message": photo | {"caption": ALARM}})
        assert "emergency department" in chat.text()
        forwarded = fake.message_update(chat.user, ALARM)["message"]
        origin = {"type": "hidden_user", "sender_user_name": "Ann", "date": 1}
        await chat.push({"message": forwarded | {"forward_origin": origin}})
        assert "If this is about you" in chat.text()
