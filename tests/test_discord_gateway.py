"""The real discord.py client against a fake Discord (REST and gateway) on 127.0.0.1, pointed
at it by DISCORD_BASE_URL and DISCORD_GATEWAY_URL: a gateway that refuses the first connections
is tried again with a capped back-off until it answers, the outage is logged once, and then the
bot answers a DM."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.discord.adapter import DiscordAdapter, DiscordConfig
from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.discord_gateway import FakeDiscordServer
from tests.test_startup_failures import assert_one_line_naming, closed_port

ALICE = 515_151


async def test_a_refused_first_gateway_connection_is_retried_until_the_bot_answers(
    engine: Engine, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    slept: list[float] = []

    async def injected_sleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(0)

    async with FakeDiscordServer(refuse_connections=8) as server:
        config = DiscordConfig(kit.TOKEN, base_url=server.base_url, gateway_url=server.gateway_url)
        async with DiscordAdapter(engine, clock, config, sleep=injected_sleep):
            await server.wait_until(server.identified)
            alice = server.user(ALICE)
            await server.dm(alice, "/help")
            channel = server.channels[ALICE]
            await server.wait_until(lambda: bool(server.texts_to(channel)))

    assert "/forget" in server.texts_to(channel)[0]
    assert server.connection_attempts == 9
    assert slept == [1, 2, 4, 8, 16, 32, 60, 60], "1 s doubling, capped at 60 s"
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in loud] == ["bot.discord.gateway"], "once per outage, not per retry"
    assert "the Discord gateway cannot be reached" in loud[0].getMessage()
    assert "the Discord gateway is connected again" in caplog.text
    assert kit.TOKEN not in caplog.text


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({"DISCORD_BASE_URL": "http://127.0.0.1:9/api/v10"}, "DISCORD_GATEWAY_URL"),
        ({"DISCORD_GATEWAY_URL": "ws://127.0.0.1:9/gateway"}, "DISCORD_BASE_URL"),
    ],
)
@pytest.mark.slow
def test_one_discord_url_without_the_other_is_refused_in_one_line(
    given: dict[str, str], missing: str
) -> None:
    assert_one_line_naming(given, missing, "set both")


@pytest.mark.slow
def test_an_unreachable_discord_api_at_start_up_is_one_line(tmp_path: Path) -> None:
    port = closed_port()
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "DISCORD_BOT_TOKEN": kit.TOKEN,
        "DISCORD_BASE_URL": f"http://127.0.0.1:{port}/api/v10",
        "DISCORD_GATEWAY_URL": f"ws://127.0.0.1:{port}/gateway",
    }
    line = assert_one_line_naming(env, "DISCORD_BASE_URL", "check that it runs")
    assert kit.TOKEN not in line
