"""`python -m bot run` with a Telegram token serves users through any Bot-API-compatible server
(here the fake on 127.0.0.1): the composition root wires settings, engine, adapter, dispatcher."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from tests.conftest import sqlite_url
from tests.fake_telegram import FakeTelegram
from tests.process import ROOT

pytestmark = pytest.mark.slow


async def wait_until(predicate, within_s: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(within_s / 0.05)):
        if predicate():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def test_make_run_serves_telegram_through_the_configured_base_url(tmp_path: Path) -> None:
    async with FakeTelegram() as fake:
        env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
        env |= {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_BASE_URL": fake.base_url,
            "DATABASE_URL": sqlite_url(tmp_path),
            "LOG_LEVEL": "DEBUG",
        }
        bot = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            "run",
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            await wait_until(lambda: fake.calls_to("setMyCommands"))
            user = fake.user(4242)
            fake.push(fake.message_update(user, "/start"))
            await wait_until(lambda: fake.messages_to(4242))
            greeting = fake.messages_to(4242)[0]
            assert "not a doctor" in greeting["text"]
            buttons = [
                b["callback_data"]
                for row in greeting["reply_markup"]["inline_keyboard"]
                for b in row
            ]
            assert buttons == ["start.begin"]
        finally:
            bot.send_signal(signal.SIGINT)
            _, stderr = await asyncio.wait_for(bot.communicate(), timeout=20)
        assert bot.returncode == 0, "SIGINT stops the bot in order, not half-way"
        logs = stderr.decode()
        assert fake.token not in logs and fake.token.split(":")[1] not in logs
        assert "not a doctor" not in logs, "no message text in the logs"
        assert fake.problems == []
