"""The webhook server: Telegram's POSTs of updates, on aiohttp.

A request without the right secret header (X-Telegram-Bot-Api-Secret-Token) is refused with
403 before a byte of its body is read, and a body over MAX_BODY_BYTES (a real update is a few
kilobytes) with 413, so nobody can make the bot hold large bodies in memory. An update is
answered 200 only once its event is committed: until then Telegram would deliver it again."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from bot.settings import SettingsError
from bot.telegram.polling import Commits

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY_BYTES = 1 << 20


class WebhookServer:
    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        commits: Commits,
        *,
        listen: str,
        port: int,
        path: str,
        secret: str,
    ) -> None:
        self.application = application
        self.commits = commits
        self.listen, self.port, self.path = listen, port, "/" + path.lstrip("/")
        self._secret = secret.encode()
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        app = web.Application(client_max_size=MAX_BODY_BYTES)
        app.router.add_post(self.path, self._on_post, expect_handler=self._on_expect)
        # lingering_time=0: the rest of a refused body is not read (and thrown away) either
        self._runner = web.AppRunner(app, access_log=None, lingering_time=0)
        await self._runner.setup()
        try:
            await web.TCPSite(self._runner, self.listen, self.port).start()
        except OSError as exc:
            await self.stop()
            raise SettingsError(
                f"Setting TELEGRAM_WEBHOOK_PORT: cannot listen on {self.listen}:{self.port} "
                f"({exc.strerror or type(exc).__name__}); choose a free port, or check "
                "TELEGRAM_WEBHOOK_LISTEN"
            ) from None

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _on_expect(self, request: web.Request) -> web.StreamResponse | None:
        """Expect: 100-continue is refused before the client even starts sending the body."""
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        if request.headers.get("Expect", "").lower() != "100-continue":
            return web.Response(status=417)
        await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        request.writer.output_size = 0  # as aiohttp's own handler: the response has not begun
        return None

    async def _on_post(self, request: web.Request) -> web.StreamResponse:
        refusal = self._refusal(request)
        if refusal is not None:
            return refusal
        try:
            body = await request.read()  # at most MAX_BODY_BYTES, also without a length
        except web.HTTPRequestEntityTooLarge:
            return _refused(413)
        update = self._update(body)
        if update is not None:
            await self.commits.handed_over([update], self.application.update_queue.put)
        return web.Response(status=200)

    def _refusal(self, request: web.Request) -> web.StreamResponse | None:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "surrogateescape")
        if not hmac.compare_digest(given, self._secret):
            return _refused(403)
        length = request.content_length
        if length is not None and length > MAX_BODY_BYTES:
            return _refused(413)
        return None

    def _update(self, body: bytes) -> Update | None:
        try:
            return Update.de_json(json.loads(body), self.application.bot)
        except Exception as exc:  # answered 200 all the same: Telegram would only send it again
            log.warning("a webhook update could not be read: %s", type(exc).__name__)
            return None


def _refused(status: int) -> web.Response:
    response = web.Response(status=status)
    response.force_close()  # and the rest of the body is never read
    return response
