"""Webhook mode: PTB's own webhook server, which takes an update only with the secret token."""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from bot.telegram.adapter import TelegramConfig
from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, telegram_bot

SECRET = "hook-Secret_0123456789"
WEBHOOK_URL = "https://bot.example.org/telegram/hook"


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == [], "the bot sent requests the Bot API would refuse"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def post_update(port: int, update: dict[str, Any], headers: dict[str, str]) -> int:
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"http://127.0.0.1:{port}/telegram/hook",
            data=json.dumps(update),
            headers={"Content-Type": "application/json", **headers},
        ) as response,
    ):
        return response.status


@pytest.mark.parametrize(
    "headers",
    [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}, {"X-Telegram-Bot-Api-Secret-Token": ""}],
    ids=["no secret", "wrong secret", "empty secret"],
)
async def test_a_webhook_request_without_the_secret_is_refused(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, headers: dict[str, str]
) -> None:
    port = free_port()
    webhook = {"webhook_url": WEBHOOK_URL, "webhook_secret": SECRET, "webhook_port": port}
    async with telegram_bot(engine, clock, fake, **webhook) as bot:
        update = {"update_id": 1} | fake.message_update(fake.user(701), "/help")
        assert await post_update(port, update, headers) == 403
        await bot.application.update_queue.join()
    assert fake.messages_to(701) == []


async def test_a_webhook_request_with_the_secret_is_answered(
    engine: Engine, clock: FakeClock, fake: FakeTelegram, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    port = free_port()
    webhook = {"webhook_url": WEBHOOK_URL, "webhook_secret": SECRET, "webhook_port": port}
    async with telegram_bot(engine, clock, fake, **webhook) as bot:
        update = {"update_id": 1} | fake.message_update(fake.user(702), "/help")
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        assert await post_update(port, update, headers) == 200
        await bot.application.update_queue.join()

    [reply] = fake.messages_to(702)
    assert "/forget" in reply["text"]
    assert fake.webhook["url"] == WEBHOOK_URL and fake.webhook["secret_token"] == SECRET
    assert fake.webhook["allowed_updates"] == ["message", "edited_message", "callback_query"]
    assert fake.calls_to("getUpdates") == []
    assert SECRET not in caplog.text and fake.token not in caplog.text


@pytest.mark.parametrize("secret", [None, "", "has space", "x" * 257])
def test_a_webhook_needs_a_secret_telegram_accepts(secret: str | None) -> None:
    with pytest.raises(ValueError, match="secret"):
        TelegramConfig(token="1:x", webhook_url=WEBHOOK_URL, webhook_secret=secret)


def test_the_config_does_not_show_its_secrets() -> None:
    config = TelegramConfig(token="1:token-value", webhook_url=WEBHOOK_URL, webhook_secret=SECRET)
    assert "token-value" not in repr(config) and SECRET not in repr(config)
