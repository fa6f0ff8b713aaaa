"""A fake Discord on 127.0.0.1 for the real discord.py client: a REST API (login, command
sync, DM channels, messages) and a gateway websocket (HELLO, IDENTIFY, READY, heartbeats, then
the events a test sends), with the bot pointed at it by DISCORD_BASE_URL and
DISCORD_GATEWAY_URL. It can refuse the next websocket connections (503), as Discord does when
its gateway is unavailable."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.discord_kit import TOKEN

APP_ID = 4242
BOT = {"id": str(APP_ID), "username": "coach", "discriminator": "0", "avatar": None, "bot": True}
HELLO, IDENTIFY, HEARTBEAT, HEARTBEAT_ACK, DISPATCH = 10, 2, 1, 11, 0


@dataclass
class FakeDiscordServer:
    refuse_connections: int = 0  # the next websocket connections get 503
    connection_attempts: int = 0
    sent: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (channel id, body)
    channels: dict[int, int] = field(default_factory=dict)  # user id -> DM channel id
    interaction_calls: list[tuple[str, dict[str, Any] | None]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._ids = itertools.count(900_000_000_000_000_000)
        self._sockets: list[web.WebSocketResponse] = []
        self._sequence = itertools.count(1)
        self._changed = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0

    async def __aenter__(self) -> FakeDiscordServer:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{path:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        for socket in self._sockets:
            await socket.close()
        assert self._runner is not None
        await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    # -- what a test does ---------------------------------------------------------------

    def user(self, user_id: int) -> dict[str, Any]:
        self.channels.setdefault(user_id, next(self._ids))
        return {"id": str(user_id), "username": f"user{user_id}", "discriminator": "0",
                "avatar": None, "global_name": None}  # fmt: skip

    async def dm(self, user: dict[str, Any], text: str) -> None:
        """A text message in the user's DMs, through the open gateway connection."""
        message = {
            "id": str(next(self._ids)),
            "channel_id": str(self.channels[int(user["id"])]),
            "author": user,
            "content": text,
            "timestamp": "2026-03-02T09:00:00+00:00",
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": [],
            "pinned": False,
            "type": 0,
        }
        await self.dispatch("MESSAGE_CREATE", message)

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        [socket] = [s for s in self._sockets if not s.closed][-1:]
        await socket.send_str(
            json.dumps({"op": DISPATCH, "t": event, "s": self._next(), "d": data})
        )

    async def wait_until(self, predicate: Callable[[], bool], within_s: float = 10.0) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_s
        while not predicate():
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                if not predicate():
                    raise AssertionError("the fake Discord never saw that happen") from None

    def identified(self) -> bool:
        return any(not s.closed and getattr(s, "identified", False) for s in self._sockets)

    def texts_to(self, channel_id: int) -> list[str]:
        return [body.get("content") or "" for channel, body in self.sent if channel == channel_id]

    # -- serving ------------------------------------------------------------------------

    def _touch(self) -> None:
        fired, self._changed = self._changed, asyncio.Event()
        fired.set()

    def _next(self) -> int:
        return next(self._sequence)

    async def _gateway(self, request: web.Request) -> web.StreamResponse:
        self.connection_attempts += 1
        self._touch()
        if self.refuse_connections > 0:
            self.refuse_connections -= 1
            return web.Response(status=503, text="upstream connect error")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_str(json.dumps({"op": HELLO, "d": {"heartbeat_interval": 45_000}}))
        async for frame in socket:
            if frame.type != WSMsgType.TEXT:
                break
            payload = json.loads(frame.data)
            if payload["op"] == HEARTBEAT:
                await socket.send_str(json.dumps({"op": HEARTBEAT_ACK}))
            elif payload["op"] == IDENTIFY:
                await socket.send_str(json.dumps(self._ready()))
                socket.identified = True  # type: ignore[attr-defined]
                self._touch()
        return socket

    def _ready(self) -> dict[str, Any]:
        data = {
            "v": 10,
            "user": BOT,
            "guilds": [],
            "session_id": "session-1",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": str(APP_ID), "flags": 0},
        }
        return {"op": DISPATCH, "t": "READY", "s": self._next(), "d": data}

    async def _rest(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else None
        path, method = "/" + request.match_info["path"], request.method
        if request.headers.get("Authorization") != f"Bot {TOKEN}":
            return _json({"message": "401: Unauthorized", "code": 0}, 401)
        if path == "/users/@me":
            return _json(BOT)
        if path == "/oauth2/applications/@me":
            return _json(_application())
        if path == f"/applications/{APP_ID}/commands":
            return _json([{**c, "application_id": str(APP_ID), "id": str(i + 1), "version": "1"}
                          for i, c in enumerate(body or [])])  # fmt: skip
        if path.startswith("/channels/") and path.endswith("/messages") and method == "POST":
            channel_id = int(path.split("/")[2])
            self.sent.append((channel_id, body or {}))
            self._touch()
            return _json(_message(channel_id, body or {}, next(self._ids)))
        return _json({"message": "404: Not Found", "code": 0}, 404)


def _json(data: Any, status: int = 200) -> web.Response:
    """discord.py reads a body as JSON only when the content type is exactly this."""
    body = json.dumps(data).encode()
    return web.Response(body=body, status=status, headers={"Content-Type": "application/json"})


def _application() -> dict[str, Any]:
    owner = {**BOT, "id": "1", "username": "owner", "bot": False}
    return {"id": str(APP_ID), "name": "coach", "description": "", "icon": None,
            "bot_public": True, "bot_require_code_grant": False, "owner": owner,
            "verify_key": "0" * 64, "flags": 0}  # fmt: skip


def _message(channel_id: int, body: dict[str, Any], message_id: int) -> dict[str, Any]:
    return {
        "id": str(message_id),
        "channel_id": str(channel_id),
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
