"""A guided session on Telegram (the real adapter against the fake Bot API): each exercise is a
photo with its text as the caption and the session's buttons under it, and every press is
answered."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.pictures.book import PictureBook
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.fake_telegram import (
    FakeTelegram,
    TelegramChat,
    buttons_of,
    interview_to_plan,
    telegram_bot,
)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == [], "the bot sent requests the Bot API would refuse"


async def test_a_session_arrives_as_photos_with_captions_and_buttons(
    picture_engine: Engine, pictures: PictureBook, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(picture_engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=601)
        await interview_to_plan(chat)
        pressed_before = len(fake.calls_to("answerCallbackQuery"))
        await chat.tap("Start session")
        intro, first = chat.last
        assert "about" in intro["text"] and "photo" not in intro
        photos = [first]
        while "photo" in chat.last[-1]:
            step = chat.last[-1]
            assert step["caption"].startswith(f"{len(photos)} of 3 · ")
            labels = [b["text"] for b in buttons_of(step)]
            assert labels[0] == "✅ Done" and labels[-2:] == ["😣 It hurts", "⏭ Skip"]
            await chat.tap("Done")
            if "photo" in chat.last[-1]:
                photos.append(chat.last[-1])
        assert len(photos) == 3
        assert "How is your back pain now" in chat.text()
        await chat.tap("7")
        assert "7/10" in chat.text()

    record = await picture_engine.store.load(UserKey("telegram", "601"))
    assert record is not None
    versions = [i["version"] for i in record.data["plan"]["items"]]
    sizes = [Path(str(pictures.picture(v))).stat().st_size for v in versions]  # noqa: ASYNC240
    assert [c.params["photo"]["bytes"] for c in fake.calls_to("sendPhoto")] == sizes
    presses = fake.calls_to("answerCallbackQuery")[pressed_before:]
    assert len(presses) == 5, "Start, three Done and the pain score: every press is answered"
