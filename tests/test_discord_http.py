"""The adapter on discord.py's real HTTP client, against a small fake of Discord's REST API on
127.0.0.1: login and command sync, rate limits left to discord.py with a bounded wait, closed
DMs as Discord reports them, and logs without the token or any message text."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiohttp import web

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.delivery import deliver
from bot.discord.adapter import DiscordAdapter, DiscordConfig
from bot.settings import SettingsError
from dialogs.engine import Engine
from dialogs.messages import ButtonPress, Command, Sender
from dialogs.ports import UserKey
from tests.conftest import FakeClock

APP_ID = 4242
USER_ID = 5151
DM_ID = 6161
BOT = {"id": str(APP_ID), "username": "coach", "discriminator": "0", "avatar": None, "bot": True}


@dataclass
class FakeRestApi:
    """Records requests; `script` holds canned failures for the next message sends."""

    requests: list[tuple[float, str, str, Any]] = field(default_factory=list)
    script: list[web.Response] = field(default_factory=list)
    token_ok: bool = True

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_route("*", "/api/v10/{path:.*}", self.handle)
        return app

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.json() if request.can_read_body else None
        path = "/" + request.match_info["path"]
        self.requests.append((time.monotonic(), request.method, path, body))
        if request.headers.get("Authorization") != f"Bot {kit.TOKEN}" or not self.token_ok:
            return json_response({"message": "401: Unauthorized", "code": 0}, status=401)
        if path == "/users/@me":
            return json_response(BOT)
        if path == "/oauth2/applications/@me":
            return json_response(application_info())
        if path == f"/applications/{APP_ID}/commands":
            ids = {"application_id": str(APP_ID), "version": "1"}
            return json_response([{**c, **ids, "id": str(i + 1)} for i, c in enumerate(body)])
        if path == f"/channels/{DM_ID}/messages":
            if self.script:
                return self.script.pop(0)
            return json_response(message_data(body))
        return json_response({"message": "404: Not Found", "code": 0}, status=404)

    def sends(self) -> list[tuple[float, Any]]:
        return [
            (at, body) for at, method, path, body in self.requests if path.endswith("/messages")
        ]


def json_response(
    data: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    """discord.py reads a body as JSON only when the content type is exactly this."""
    headers = {**(headers or {}), "Content-Type": "application/json"}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=headers)


def application_info() -> dict[str, Any]:
    owner = {**BOT, "id": "1", "username": "owner", "bot": False}
    return {
        "id": str(APP_ID),
        "name": "coach",
        "description": "",
        "icon": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "owner": owner,
        "verify_key": "0" * 64,
        "flags": 0,
    }


def message_data(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": "777",
        "channel_id": str(DM_ID),
        "author": BOT,
        "content": body.get("content") or "",
        "timestamp": "2026-03-02T09:00:00+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": body.get("embeds") or [],
        "components": body.get("components") or [],
        "pinned": False,
        "type": 0,
    }


def rate_limited(retry_after: float) -> web.Response:
    headers = {"Via": "1.1 google", "X-RateLimit-Scope": "user"}  # no Via: Cloudflare's 429
    body = {"message": "You are being rate limited.", "retry_after": retry_after, "global": False}
    return json_response(body, status=429, headers=headers)


def dms_closed() -> web.Response:
    body = {"message": "Cannot send messages to this user", "code": 50007}
    return json_response(body, status=403)


@pytest.fixture
async def api(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeRestApi]:
    fake = FakeRestApi()
    runner = web.AppRunner(fake.app())
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    monkeypatch.setattr(kit.discord.http.Route, "BASE", f"http://127.0.0.1:{port}/api/v10")
    try:
        yield fake
    finally:
        await runner.cleanup()


@asynccontextmanager
async def started(
    engine: Engine, clock: FakeClock, monkeypatch: pytest.MonkeyPatch, shards: int | None = None
) -> AsyncIterator[DiscordAdapter]:
    config = DiscordConfig(kit.TOKEN, shard_count=shards, max_ratelimit_wait_s=30)
    adapter = DiscordAdapter(engine, clock, config)
    # the gateway is the one part not served here
    kit.fake_gateway(adapter.client, monkeypatch)
    async with adapter:
        yield adapter


async def help_for_alice(engine: Engine, clock: FakeClock) -> list[Any]:
    sender = Sender("discord", str(USER_ID), str(DM_ID), "en-GB")
    return await engine.handle(Command(sender, clock.now(), "help"))


async def test_login_registers_the_commands_and_a_reply_reaches_the_dm(
    engine: Engine, clock: FakeClock, api: FakeRestApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with started(engine, clock, monkeypatch) as bot:
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
    paths = [(method, path) for _, method, path, _ in api.requests]
    assert paths[:3] == [
        ("GET", "/users/@me"),
        ("GET", "/oauth2/applications/@me"),
        ("PUT", f"/applications/{APP_ID}/commands"),
    ]
    [(_, body)] = api.sends()
    assert "/forget" in body["content"]
    assert await engine.undelivered("discord", clock.advance(minutes=5)) == []


async def test_with_a_shard_count_the_sharded_client_serves_the_same_way(
    engine: Engine, clock: FakeClock, api: FakeRestApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with started(engine, clock, monkeypatch, shards=2) as bot:
        assert isinstance(bot.client, kit.discord.AutoShardedClient)
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
    [(_, body)] = api.sends()
    assert "/forget" in body["content"]


async def test_a_short_rate_limit_is_waited_out_by_discord_py(
    engine: Engine, clock: FakeClock, api: FakeRestApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.script = [rate_limited(0.3)]
    async with started(engine, clock, monkeypatch) as bot:
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
    (refused_at, _), (sent_at, body) = api.sends()
    assert sent_at - refused_at >= 0.3 and "/forget" in body["content"]
    assert await engine.undelivered("discord", clock.advance(minutes=5)) == []


async def test_a_longer_rate_limit_than_the_bound_leaves_the_reply_for_the_sweep(
    engine: Engine, clock: FakeClock, api: FakeRestApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.script = [rate_limited(120.0)]
    async with started(engine, clock, monkeypatch) as bot:
        began = time.monotonic()
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
        assert time.monotonic() - began < 1.0, "no waiting two minutes"
    assert len(api.sends()) == 1
    [left] = await engine.undelivered("discord", clock.advance(minutes=5))
    assert "/forget" in left.reply.text


async def test_closed_dms_as_discord_reports_them_pause_the_user(
    engine: Engine, clock: FakeClock, api: FakeRestApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    sender = Sender("discord", str(USER_ID), str(DM_ID), "en-GB")
    await engine.handle(Command(sender, clock.now(), "start"))
    await engine.handle(ButtonPress(sender, clock.now(), "start.agree"))
    api.script = [dms_closed()]
    async with started(engine, clock, monkeypatch) as bot:
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
    record = await engine.store.load(UserKey("discord", str(USER_ID)))
    assert record is not None and record.data["unreachable_since"] == clock.now().isoformat()


async def test_logs_hold_neither_the_token_nor_any_message_text(
    engine: Engine,
    clock: FakeClock,
    api: FakeRestApi,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    api.script = [rate_limited(0.1), dms_closed()]
    async with started(engine, clock, monkeypatch) as bot:
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
        await deliver(engine, bot, await help_for_alice(engine, clock), clock)
        assert not logging.getLogger("discord.gateway").isEnabledFor(logging.DEBUG)
    assert "We are being rate limited" in caplog.text  # discord.py's own lines are kept
    assert kit.TOKEN not in caplog.text
    assert "Here is what I can do" not in caplog.text and "/forget" not in caplog.text


async def test_a_token_discord_refuses_stops_start_up_with_one_line(
    engine: Engine, clock: FakeClock, api: FakeRestApi, monkeypatch: pytest.MonkeyPatch
) -> None:
    api.token_ok = False
    with pytest.raises(SettingsError, match=r"^Setting DISCORD_BOT_TOKEN was refused by Discord$"):
        async with started(engine, clock, monkeypatch):
            pass
