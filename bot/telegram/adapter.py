"""The Telegram adapter: PTB updates in, the engine's replies out. No dialog logic here.

Polling by default (bot/telegram/polling.py), or a webhook when a webhook URL is configured
(bot/telegram/webhook.py: 403 before reading the body without the secret token, 413 over
1 MiB); either way an update is acknowledged only once its event is committed. Start and
stop it next to other adapters:

    async with TelegramAdapter(engine, clock, config):
        ...
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any
from urllib.parse import urlsplit

from telegram import BotCommand, Message, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackContext,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)

from bot.clock import Clock
from bot.delivery import OutboxSweep, deliver
from bot.rate_limit import RateLimiter
from bot.settings import SettingsError
from bot.telegram.log_guard import LogGuard
from bot.telegram.polling import ALLOWED_UPDATES, Commits, Poller
from bot.telegram.sender import PLATFORM, RetryPolicy, TelegramSender
from bot.telegram.updates import (
    CheckedUpdatesRequest,
    PerUserUpdateProcessor,
    event_from_message,
    press_from_query,
)
from bot.telegram.webhook import WebhookServer
from content.texts import DEFAULT_LANGUAGE
from dialogs.dialog import COMMANDS
from dialogs.engine import Engine
from dialogs.messages import Incoming, Outgoing

log = logging.getLogger(__name__)

SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")  # what setWebhook accepts
BOOTSTRAP_RETRIES = 3  # deleteWebhook / setWebhook at start-up
MAX_COMMAND_DESCRIPTION = 256


@dataclass(frozen=True)
class TelegramConfig:
    token: str = field(repr=False)
    base_url: str | None = None  # a local Bot API server, e.g. http://127.0.0.1:8081/bot
    webhook_url: str | None = None  # None: long polling
    webhook_secret: str | None = field(default=None, repr=False)
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    rate_per_s: float = 25.0

    def __post_init__(self) -> None:
        if not self.token.strip():
            raise ValueError("the Telegram bot token is empty")
        if self.webhook_url and not SECRET_TOKEN.fullmatch(self.webhook_secret or ""):
            raise ValueError(
                "a webhook needs a secret of 1-256 letters, digits, '_' or '-' "
                "(TELEGRAM_WEBHOOK_SECRET)"
            )
        if self.rate_per_s <= 0:
            raise ValueError("the Telegram send rate must be positive")


class TelegramAdapter:
    """Serves Telegram until stopped. It is also the PlatformSender for Telegram: pass it to
    bot.delivery.deliver() to send replies that did not come from an update (reminders)."""

    platform = PLATFORM

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: TelegramConfig,
        *,
        retry: RetryPolicy | None = None,
        limiter: RateLimiter | None = None,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.config = config
        self.limiter = limiter or RateLimiter(config.rate_per_s)
        # Before PTB is built: building it logs URLs that hold the token. stop() removes it.
        self._log_guard = LogGuard([config.token, config.webhook_secret or ""])
        self._log_guard.install()
        self.commits = Commits()
        try:
            self.application = build_application(config, self.commits)
        except BaseException:
            self._log_guard.remove()
            raise
        self.poller = Poller(self.application, self.commits)
        self.webhook = _webhook_server(self.application, self.commits, config)
        self.sender = TelegramSender(self.application.bot, self.limiter, retry)
        self._sweep = OutboxSweep(engine, self, clock)
        self._add_handlers()

    async def send(self, item: Outgoing) -> None:
        await self.sender.send(item)

    async def start(self) -> None:
        try:
            await self._start_application()
        except BaseException:
            await self.stop()
            raise
        self._sweep.start()

    async def stop(self) -> None:
        await self._sweep.stop()
        await self.poller.stop()
        if self.webhook is not None:
            await self.webhook.stop()  # its requests finish first: the application still runs
        app = self.application
        if app.running:
            await app.stop()
        await app.shutdown()
        await app.bot.shutdown()  # its connections, when start-up failed half-way
        self._log_guard.remove()

    async def __aenter__(self) -> TelegramAdapter:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def _start_application(self) -> None:
        app = self.application
        try:
            await app.initialize()  # getMe: checks the token
        except InvalidToken:  # PTB's message holds the token
            raise SettingsError("Setting TELEGRAM_BOT_TOKEN was refused by Telegram") from None
        except NetworkError as exc:
            raise SettingsError(unreachable(self.config.base_url, exc)) from None
        await self._register_commands()
        bot, config = app.bot, self.config
        if self.webhook is None:
            await _bootstrap(bot.delete_webhook)  # polling gets nothing while a webhook is set
            await app.start()
            self.poller.start()
            return
        await app.start()
        await self.webhook.start()
        await _bootstrap(
            lambda: bot.set_webhook(
                url=config.webhook_url or "",
                secret_token=config.webhook_secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        )

    async def _register_commands(self) -> None:
        """The "/" menu, in every language the content has (the default for everyone else)."""
        texts = self.engine.content.texts
        for language in texts.by_language:
            commands = [
                BotCommand(name, texts.get(language, f"commands.{name}")[:MAX_COMMAND_DESCRIPTION])
                for name in COMMANDS
            ]
            code = None if language == DEFAULT_LANGUAGE else language
            try:
                await self._set_commands(commands, code)
            except Exception as exc:  # the bot works without a menu
                log.warning("could not set the command menu: %s", type(exc).__name__)

    async def _set_commands(self, commands: list[BotCommand], language_code: str | None) -> None:
        bot = self.application.bot
        await self.sender.call(
            "setMyCommands", lambda: bot.set_my_commands(commands, language_code=language_code)
        )

    def _add_handlers(self) -> None:
        app = self.application
        private_messages = (
            filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE & ~filters.StatusUpdate.ALL
        )
        app.add_handler(MessageHandler(private_messages, self._on_message))
        edits = filters.UpdateType.EDITED_MESSAGE & filters.ChatType.PRIVATE
        app.add_handler(MessageHandler(edits, self._on_edit))
        app.add_handler(CallbackQueryHandler(self._on_button))
        app.add_error_handler(self._on_error)

    async def _on_message(self, update: Update, context: object) -> None:
        message = update.effective_message
        if message is not None:
            event = event_from_message(message, self.clock.now())
            if event is not None:
                await self._handle(update, event)

    async def _on_edit(self, update: Update, context: object) -> None:
        message = update.edited_message
        if message is not None:
            event = event_from_message(message, self.clock.now(), edited=True)
            if event is not None:
                await self._handle(update, event)

    async def _on_button(self, update: Update, context: object) -> None:
        query = update.callback_query
        if query is None:
            return
        await self.sender.answer(query)
        pressed = query.message
        if isinstance(pressed, Message) and pressed.reply_markup is not None:
            await self.sender.remove_keyboard(pressed.chat.id, pressed.message_id)
        press = press_from_query(query, self.clock.now())
        if press is not None:
            await self._handle(update, press)

    async def _handle(self, update: Update, event: Incoming) -> None:
        outgoing = await self.engine.handle(event)  # committed before anything is sent
        self.commits.committed(update)  # Telegram may now be told to forget the update
        await deliver(self.engine, self, outgoing, self.clock)

    async def _on_error(self, update: object, context: CallbackContext[Any, Any, Any, Any]) -> None:
        """One bad update never stops the bot. Only the exception's type and where it was
        raised are logged: its message could quote what the user wrote."""
        error = context.error
        log.error("a Telegram update failed: %s%s", type(error).__name__, _where(error))


def build_application(
    config: TelegramConfig, commits: Commits
) -> Application[Any, Any, Any, Any, Any, Any]:
    # PTB 22 warns on every flood wait (RetryAfter) unless time periods are opted in to the
    # timedelta type that PTB 23 will use; the sender reads either shape.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    builder = (
        ApplicationBuilder()
        .token(config.token)
        .job_queue(None)  # reminders live in the database, not in PTB's in-memory queue
        .updater(None)  # polling and the webhook are ours: an update is acknowledged once committed
        .concurrent_updates(PerUserUpdateProcessor(commits))
        .get_updates_request(CheckedUpdatesRequest(connection_pool_size=1))
    )
    if config.base_url:
        api_url, file_url = api_urls(config.base_url)
        builder = builder.base_url(api_url).base_file_url(file_url)
    return builder.build()


def _webhook_server(
    application: Application[Any, Any, Any, Any, Any, Any], commits: Commits, config: TelegramConfig
) -> WebhookServer | None:
    if not config.webhook_url:
        return None
    return WebhookServer(
        application,
        commits,
        listen=config.webhook_listen,
        port=config.webhook_port,
        path=urlsplit(config.webhook_url).path,
        secret=config.webhook_secret or "",
    )


async def _bootstrap(call: Callable[[], Awaitable[object]]) -> None:
    """deleteWebhook or setWebhook at start-up, tried a few times."""
    for attempt in range(BOOTSTRAP_RETRIES + 1):
        try:
            await call()
            return
        except TelegramError:
            if attempt == BOOTSTRAP_RETRIES:
                raise
            await asyncio.sleep(1)


def api_urls(base_url: str) -> tuple[str, str]:
    """PTB's base_url and base_file_url for a Bot API server. Accepts PTB's form
    (http://host:8081/bot) or the server's address alone (http://host:8081)."""
    base = base_url.rstrip("/")
    if not base.endswith("/bot") and "/bot{token}" not in base:
        base += "/bot"
    root, _, rest = base.rpartition("/bot")
    return base, f"{root}/file/bot{rest}"


def unreachable(base_url: str | None, exc: NetworkError) -> str:
    """One line for a Bot API server that cannot be reached, without the token in its URL."""
    cause = type(exc.__cause__ or exc).__name__
    if not base_url:
        return (
            f"Setting TELEGRAM_BASE_URL is empty and Telegram's Bot API cannot be reached "
            f"({cause}): check this machine's network, or point it at a local Bot API server"
        )
    parts = urlsplit(base_url)
    port = f":{parts.port}" if parts.port else ""
    return (
        f"Setting TELEGRAM_BASE_URL: no Bot API server answers at {parts.hostname}{port} "
        f"({cause}): check that it runs there, or leave the setting empty for Telegram's own"
    )


def _where(error: BaseException | None) -> str:
    frames = traceback.extract_tb(error.__traceback__) if error is not None else []
    return f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
