"""On Telegram, through the real adapter and the fake Bot API on an injected clock: a walk by
buttons alone, its bout prompt from the dispatcher, and /report arriving as a PDF document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.charts import MatplotlibCharts
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from dialogs.ports import UserKey
from storage.sql_store import SqlStore
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, TelegramChat, interview_to_plan, telegram_bot
from tests.walk_kit import first_bytes, pdf_pages


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server


async def test_a_walk_by_buttons_and_the_report_as_a_pdf_document(
    tmp_path: Path, sqlite_store: SqlStore, content: Content, clock: FakeClock, fake: FakeTelegram
) -> None:
    engine = Engine(sqlite_store, content, MatplotlibCharts(tmp_path), tmp_path)
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=601)
        await interview_to_plan(chat)
        await chat.send("/timezone UTC")
        await chat.send("/walk")
        assert "▶️ Start a walk" in chat.buttons()
        await chat.tap("Start a walk")
        assert "Walk started" in chat.text() and "😣 Pain started" in chat.buttons()
        dispatcher = Dispatcher(engine, {"telegram": bot}, clock)
        clock.advance(minutes=7, seconds=10)
        await dispatcher.tick()
        assert "Bout 1 of 4 done" in fake.messages_to(601)[-1]["text"]
        await chat.tap("Pain started")
        assert "the pain came on 7 min into bout 1" in chat.text()
        clock.advance(minutes=2)
        await chat.tap("Finished")
        await chat.tap("4")
        # 7 min of the first bout, the 2 min rest left out, 10 s into the second
        assert "Saved: 7.2 min of walking" in chat.text() and "pain 4/10" in chat.text()
        await chat.send("/report")
        [document] = fake.calls_to("sendDocument")
    upload = document.params["document"]
    assert upload["upload"].endswith(".pdf") and upload["bytes"] > 2000
    assert "one-page summary" in document.params["caption"]
    [walk] = await engine.store.history(UserKey("telegram", "601"), "walk")
    assert (walk["value"]["pain_onset"], walk["value"]["pain"]) == (7.0, 4)
    [path] = (tmp_path / "reports").glob("report-*.pdf")
    assert first_bytes(str(path), 5) == b"%PDF-" and pdf_pages(str(path)) == 1
    assert path.stat().st_mode & 0o777 == 0o600
