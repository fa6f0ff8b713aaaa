"""The fake Bot API refuses what the real one would, so the adapter's tests can trust it."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.fake_telegram import FakeTelegram

KEYBOARD = {"inline_keyboard": [[{"text": "OK", "callback_data": "ok"}]]}


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        server.user(42)
        yield server


async def post(fake: FakeTelegram, method: str, token: str | None = None, **form: Any) -> int:
    url = f"{fake.base_url}{token or fake.token}/{method}"
    fields = {k: v if isinstance(v, str) else json.dumps(v) for k, v in form.items()}
    async with aiohttp.ClientSession() as session, session.post(url, data=fields) as response:
        body = await response.json()
        assert body["ok"] is (response.status == 200)
        return response.status


async def test_a_well_formed_message_is_taken_and_remembered(fake: FakeTelegram) -> None:
    assert await post(fake, "sendMessage", chat_id=42, text="hi", reply_markup=KEYBOARD) == 200
    [sent] = fake.messages_to(42)
    assert sent["text"] == "hi" and sent["reply_markup"] == KEYBOARD


@pytest.mark.parametrize(
    ("method", "form"),
    [
        ("sendMessage", {"text": "no chat"}),
        ("sendMessage", {"chat_id": 42, "text": ""}),
        ("sendMessage", {"chat_id": 42, "text": "x" * 4097}),
        ("sendMessage", {"chat_id": 42, "text": "🙂" * 2049}),
        ("sendMessage", {"chat_id": "forty-two?", "text": "hi", "colour": "red"}),
        ("sendMessage", {"chat_id": 42, "text": "hi", "disable_notification": "yes"}),
        (
            "sendMessage",
            {"chat_id": 42, "text": "hi", "reply_markup": {"inline_keyboard": [[{"text": "x"}]]}},
        ),
        (
            "sendMessage",
            {
                "chat_id": 42,
                "text": "hi",
                "reply_markup": {"inline_keyboard": [[{"text": "x", "callback_data": "d" * 65}]]},
            },
        ),
        ("sendPhoto", {"chat_id": 42, "photo": "file-1", "caption": "x" * 1025}),
        ("setMyCommands", {"commands": [{"command": "Start!", "description": "go"}]}),
        ("setMyCommands", {"commands": [{"command": "start", "description": ""}]}),
        ("setWebhook", {"url": "https://x.example/hook", "secret_token": "not ok"}),
        ("editMessageReplyMarkup", {"message_id": 1}),
    ],
)
async def test_what_breaks_the_documented_rules_is_refused(
    fake: FakeTelegram, method: str, form: dict[str, Any]
) -> None:
    assert await post(fake, method, **form) == 400
    assert len(fake.problems) == 1


async def test_unknown_methods_and_tokens_are_refused(fake: FakeTelegram) -> None:
    assert await post(fake, "sendMesage", chat_id=42, text="hi") == 404
    assert await post(fake, "getMe", token="123:wrong") == 401


async def test_sending_to_a_chat_nobody_opened_is_refused_without_blaming_the_bot(
    fake: FakeTelegram,
) -> None:
    assert await post(fake, "sendMessage", chat_id=7, text="hi") == 400
    assert fake.problems == []


async def test_a_long_poll_waits_briefly_then_returns_what_arrived(fake: FakeTelegram) -> None:
    started = time.monotonic()
    assert await post(fake, "getUpdates", timeout=30) == 200
    assert 0.4 < time.monotonic() - started < 2
    fake.push(fake.message_update(fake.user(42), "hello"))
    assert await post(fake, "getUpdates", offset=1, timeout=0) == 200
    [call] = fake.calls_to("getUpdates")[-1:]
    assert [u["message"]["text"] for u in call.result] == ["hello"]
