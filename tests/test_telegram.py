"""The Telegram adapter end to end: the real PTB Application polling a fake Bot API server on
127.0.0.1, the real engine on an SQLite file."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.dispatcher import Dispatcher
from dialogs.dialog import COMMANDS
from dialogs.engine import Engine
from dialogs.messages import Button, Outgoing, Reply
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
        about_you = ["40 to 64", "None of these", "None of these", "Yes, easily"]
        for label in ["No, none"] * 5 + about_you:
            await chat.tap(label)
        assert chat.buttons() == [str(n) for n in range(11)] + ["⬅ Back"]
        rows = chat.last[-1]["reply_markup"]["inline_keyboard"]
        assert [len(row) for row in rows] == [6, 5, 1]
        for label in ("4", "About 10", "Buttock", "Sitting", "More than 12", "More than 8"):
            await chat.tap(label)
        await chat.tap("Backs of thighs")
        await chat.tap("I lean forward")
        assert "Here is your plan" in chat.text()

    presses = fake.calls_to("answerCallbackQuery")
    assert len(presses) == 19, "every button press is answered"
    edits = fake.calls_to("editMessageReplyMarkup")
    assert len(edits) == 19 and all("reply_markup" not in e.params for e in edits)
    shown = [fake.message(501, m["message_id"]) for m in fake.messages_to(501)]
    # only the messages after the plan keep theirs: the walk, a session's offer, next steps
    left = [m for m in shown if buttons_of(m)]
    latest = {m["message_id"] for m in shown[-3:]}
    assert left and {m["message_id"] for m in left} <= latest, "no old ones"
    assert [b["callback_data"] for b in buttons_of(shown[-3])] == ["session.start"]
    assert "What next?" in shown[-1]["text"]


async def test_a_reminder_arrives_with_its_buttons_and_a_tap_answers_it(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=502)
        await interview_to_plan(chat)
        await chat.send("/timezone UTC")
        await chat.send(f"/remind {clock.now().hour}:30")
        clock.advance(minutes=31)
        await Dispatcher(engine, {"telegram": bot}, clock).tick()
        shown = fake.messages_to(502)
        reminder = next(m for m in reversed(shown) if "Time for your back" in m.get("text", ""))
        assert shown[-1]["text"].startswith("🚶 Today's walk"), "the walk comes after it"
        rows = reminder["reply_markup"]["inline_keyboard"]
        assert [[b["text"] for b in row] for row in rows] == [
            ["✅ Done", "▶️ Start session", "⏰ 15 min"],
            ["⏰ 1 hour", "🌙 This evening", "Skip today"],
            ["🔕 Stop reminders"],
        ]
        await chat.tap("Done")
        assert "1 day in a row" in chat.text()


async def test_one_users_messages_are_answered_in_order_while_others_are_served(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        alice, bob = TelegramChat(fake, bot, user_id=511), TelegramChat(fake, bot, user_id=512)
        for text in ("/help", "/start", "/forget"):
            fake.push(fake.message_update(alice.user, text))
        fake.push(fake.message_update(bob.user, "/help"))
        await alice.settle()

    to_alice = [m["text"] for m in fake.messages_to(511)]
    assert [t.split("\n")[0][:20] for t in to_alice] == [
        "Here is what I can d",
        "Hello! I'm a coach f",
        "I don't keep anythin",
    ]
    assert len(fake.messages_to(512)) == 1


async def test_a_second_press_on_the_same_message_is_answered_kindly(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=513)
        await chat.send("/start")
        await chat.tap("Let's begin")
        consent = fake.message(513, chat.last[-1]["message_id"])
        data = buttons_of(consent)[0]["callback_data"]
        fake.push(fake.press_update(chat.user, consent, data))  # two quick taps, before
        fake.push(fake.press_update(chat.user, consent, data))  # the keyboard is gone
        await chat.settle()

    assert len(fake.calls_to("answerCallbackQuery")) == 3
    last = fake.messages_to(513)[-2]["text"]
    assert last.startswith("That button belongs to an earlier message")


async def test_a_long_reply_arrives_in_parts_cut_between_paragraphs(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    fake.user(514)
    paragraphs = [f"Step {n}: " + "breathe out slowly. " * 60 for n in range(12)]
    reply = Reply("\n\n".join(paragraphs), (Button("plan.done", "Done"),))
    async with telegram_bot(engine, clock, fake) as bot:
        await bot.send(Outgoing(0, "telegram", "514", "514", reply))

    parts = fake.messages_to(514)
    assert len(parts) == 4  # three paragraphs of ~1,200 characters fit in 4,096
    assert all(p["text"].startswith("Step ") and p["text"].endswith(". ") for p in parts)
    assert "\n\n".join(p["text"] for p in parts) == reply.text
    assert ["reply_markup" in p for p in parts] == [False, False, False, True]


async def test_an_image_is_sent_as_a_photo_with_its_caption(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.user(515)
    picture = tmp_path / "bridge.png"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with_image = Reply("Lie on your back, knees bent.", (Button("x.ok", "OK"),), image=str(picture))
    missing = Reply("No picture for this one.", image=str(tmp_path / "missing.png"))
    async with telegram_bot(engine, clock, fake) as bot:
        await bot.send(Outgoing(0, "telegram", "515", "515", with_image))
        await bot.send(Outgoing(0, "telegram", "515", "515", missing))

    [photo] = fake.calls_to("sendPhoto")
    assert photo.params["photo"]["bytes"] == 208
    assert photo.params["caption"] == with_image.text and "reply_markup" in photo.params
    assert fake.messages_to(515)[-1]["text"] == missing.text


async def test_an_export_arrives_as_a_file_with_its_name(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, tmp_path: Path
) -> None:
    fake.user(518)
    export = tmp_path / "export-telegram-518.json"
    export.write_text('{"answers": {}}', encoding="utf-8")
    reply = Reply("Here is everything I keep about you.", document=str(export))
    async with telegram_bot(engine, clock, fake) as bot:
        await bot.send(Outgoing(0, "telegram", "518", "518", reply))

    [sent] = fake.calls_to("sendDocument")
    assert sent.params["document"] == {"upload": export.name, "bytes": 15}
    assert sent.params["caption"] == reply.text


async def test_the_logs_of_a_whole_session_hold_no_token_and_no_message_text(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    typed = ["/start", "nope, nothing like that", "about 15 minutes I would say"]
    async with telegram_bot(engine, clock, fake, rate_per_s=25.0) as bot:
        chat = TelegramChat(fake, bot, user_id=516)
        await chat.send(typed[0])
        await chat.tap("Let's begin")
        await chat.tap("Yes, let's go")
        await chat.send(typed[1])
        for _ in range(4):
            await chat.tap("No, none")
        await chat.tap("7")
        await chat.send(typed[2])
        fake.fail("sendMessage", 500)  # errors are logged too
        await chat.send("/help")

    logs = caplog.text
    secret_part = fake.token.split(":")[1]
    assert fake.token not in logs and secret_part not in logs
    sent = [m["text"] for m in fake.messages_to(516)]
    assert len(sent) >= 10
    lines = {line for text in sent for line in text.splitlines() if len(line) >= 12}
    assert [line for line in lines if line in logs] == []
    assert [text for text in typed if text in logs] == []
    assert "sendMessage failed (NetworkError)" in logs  # the logs were captured at all


async def test_a_message_without_text_gets_a_hint_and_a_caption_counts_as_text(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    def textless(user: dict[str, Any], **content: Any) -> dict[str, Any]:
        message = fake.message_update(user, "")["message"]
        del message["text"]
        return {"message": message | content}

    photo = [{"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}]
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=517)
        await chat.push(textless(chat.user, location={"latitude": 52.5, "longitude": 13.4}))
        assert chat.text().startswith("I didn't get any text there")
        await chat.push(textless(chat.user, photo=photo, caption="/help"))
        assert "/forget" in chat.text()


async def test_progress_export_and_forget_work_by_command_and_tap(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    async with telegram_bot(engine, clock, fake) as bot:
        chat = TelegramChat(fake, bot, user_id=519)
        await interview_to_plan(chat)
        assert len(await chat.send("/progress")) == 1
        [export] = await chat.send("/export")
        await chat.send("/forget")
        await chat.tap("Yes, delete")

    assert export["document"]["file_name"].endswith(".json")
    assert fake.calls_to("sendDocument")[0].params["document"]["bytes"] > 0
    assert await engine.store.load(UserKey("telegram", "519")) is None
