"""Keeping the Discord gateway connected, and where discord.py finds Discord.

discord.py 2.7 cannot retry a first connection that failed: its retry path reads
`self.ws.sequence` while `ws` is still None (discord.py issue #10520), so the gateway task died
and the bot stayed offline for good. Here a failure to open the first websocket is raised past
that path, and the keeper tries again with a back-off of 1 s doubling to 60 s until the bot
stops (an AttributeError from the same bug, on a failure just after the websocket opened, is
retried the same way). Once connected, discord.py reconnects and resumes by itself. An outage
is logged once, and its end once."""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route

from bot.clock import Sleep, sleep_unless_stopped

log = logging.getLogger(__name__)

FIRST_BACKOFF_S = 1.0
MAX_BACKOFF_S = 60.0
# Close codes after which trying again cannot help: authentication failed, bad shard or intents
FATAL_CLOSE_CODES = {4004, 4010, 4011, 4012, 4013, 4014}


class Endpoints:
    """Point discord.py at another REST base and gateway (a local stand-in), and back."""

    def __init__(self, base_url: str | None, gateway_url: str | None) -> None:
        self.base_url = base_url
        self.gateway_url = gateway_url
        self._saved: tuple[str, yarl.URL] | None = None

    def apply(self) -> None:
        if self.base_url is None or self.gateway_url is None or self._saved is not None:
            return
        self._saved = (Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY)
        Route.BASE = self.base_url.rstrip("/")
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)

    def restore(self) -> None:
        if self._saved is not None:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = self._saved
            self._saved = None


class FirstConnectionFailed(Exception):
    """The first gateway websocket could not be opened (raised past discord.py's retry)."""


class GatewayKeeper:
    """Runs the client's gateway connection until `stop()`."""

    def __init__(self, client: discord.Client, sleep: Sleep = asyncio.sleep) -> None:
        self.client = client
        self._sleep = sleep
        self._stopping = asyncio.Event()
        self._delay = FIRST_BACKOFF_S
        self._down = False
        client.event(self.on_connect)
        _fail_fast_until_connected(client)

    def stop(self) -> None:
        """Call before closing the client, so that its close is not taken for an outage."""
        self._stopping.set()

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.client.connect(reconnect=True)  # returns once the client is closed
            except Exception as exc:
                if self._stopping.is_set():
                    return
                if self.client.is_closed() or is_fatal(exc):  # e.g. a revoked token
                    log.critical("the Discord gateway stopped: %s", type(exc).__name__)
                    return
                self._failed(exc)
                if await sleep_unless_stopped(self._stopping, self._delay, self._sleep):
                    return
                self._delay = min(self._delay * 2, MAX_BACKOFF_S)

    async def on_connect(self) -> None:
        """discord.py's event: the gateway said READY."""
        self._delay = FIRST_BACKOFF_S
        if self._down:
            self._down = False
            log.warning("the Discord gateway is connected again")

    def _failed(self, exc: Exception) -> None:
        if self._down:
            log.debug("the Discord gateway is still away: %s", type(exc.__cause__ or exc).__name__)
            return
        self._down = True
        log.error(
            "the Discord gateway cannot be reached (%s): trying again, at most every %.0f s, "
            "until it can",
            type(exc.__cause__ or exc).__name__,
            MAX_BACKOFF_S,
        )


def _fail_fast_until_connected(client: discord.Client) -> None:
    """Until a first websocket exists, a failure to open one leaves Client.connect() at once,
    instead of entering the retry path that needs that websocket."""
    http = client.http
    ws_connect = http.ws_connect

    async def guarded(url: str, *, compress: int = 0) -> aiohttp.ClientWebSocketResponse:
        try:
            return await ws_connect(url, compress=compress)
        except Exception as exc:
            if client.ws is None:
                raise FirstConnectionFailed from exc
            raise

    http.ws_connect = guarded  # type: ignore[method-assign]


def is_fatal(exc: BaseException) -> bool:
    if isinstance(exc, discord.LoginFailure | discord.PrivilegedIntentsRequired):
        return True
    return isinstance(exc, discord.ConnectionClosed) and exc.code in FATAL_CLOSE_CODES


def unreachable(base_url: str | None, exc: BaseException) -> str:
    """One line for a Discord API that cannot be reached at start-up."""
    if not base_url:
        return (
            f"Setting DISCORD_BASE_URL is empty and Discord's API cannot be reached "
            f"({type(exc).__name__}): check this machine's network"
        )
    address = yarl.URL(base_url)
    return (
        f"Setting DISCORD_BASE_URL: no Discord API answers at {address.host}:{address.port} "
        f"({type(exc).__name__}): check that it runs there, or leave DISCORD_BASE_URL and "
        "DISCORD_GATEWAY_URL empty for Discord's own"
    )
