"""Building the engine and its database inside main(), and running the chosen front ends."""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from bot.charts import MatplotlibCharts
from bot.clock import SystemClock
from bot.console.chat import ConsoleChat, stdin_lines
from bot.database_watch import Outage, WatchedStore, opened_database
from bot.delivery import PlatformSender
from bot.dispatcher import Dispatcher
from bot.pictures.book import PictureBook
from bot.settings import Settings, SettingsError
from content.bundle import load_content
from dialogs.engine import Engine
from storage.sql_store import SqlStore

if TYPE_CHECKING:
    from bot.discord.adapter import DiscordAdapter
    from bot.telegram.adapter import TelegramAdapter

log = logging.getLogger(__name__)

DATA_DIR = Path("data")  # the SQLite file, exports, charts and the exercises' pictures


@asynccontextmanager
async def open_engine(database_url: str) -> AsyncIterator[Engine]:
    content = load_content()  # checked before touching the database: bad content stops here
    pictures = PictureBook(DATA_DIR / "pictures", content)
    await pictures.prepare()  # drawn at the first start, found at the next
    database = await opened_database(database_url)
    store = SqlStore(database)
    outage = Outage()
    outage.install()
    try:
        watched = WatchedStore(store, database, outage)
        engine = Engine(watched, content, MatplotlibCharts(DATA_DIR), DATA_DIR, pictures)
        freeze_startup_objects()
        yield engine
    finally:
        await store.close()
        await database.dispose()
        outage.remove()


def freeze_startup_objects() -> None:
    """Move everything alive after start-up (content, the machine, libraries) out of the
    garbage collector's sight: a full collection then scans only what came later, which
    keeps its pauses to a few milliseconds instead of tens (the p99 reply time)."""
    gc.collect()
    gc.freeze()


async def run_chat(settings: Settings, user_id: str, json_mode: bool) -> None:
    async with open_engine(settings.database_url) as engine:
        await _chat(engine, user_id, json_mode)


async def _chat(engine: Engine, user_id: str, json_mode: bool) -> None:
    chat = ConsoleChat(engine, SystemClock(), user_id, json_mode, sys.stdout)
    await chat.run(stdin_lines())


async def run_platforms(settings: Settings) -> None:
    """Every platform whose token is set, in this one process, with one reminder dispatcher."""
    if settings.telegram_bot_token is None and settings.discord_bot_token is None:
        async with open_engine(settings.database_url) as engine:
            log.info("no platform token set: opening the console chat")
            await _chat(engine, "local", json_mode=False)
        return
    async with open_engine(settings.database_url) as engine, AsyncExitStack() as adapters:
        clock = SystemClock()
        senders: dict[str, PlatformSender] = {}
        if settings.telegram_bot_token is not None:
            senders["telegram"] = await adapters.enter_async_context(
                _telegram(engine, clock, settings)
            )
        if settings.discord_bot_token is not None:
            senders["discord"] = await adapters.enter_async_context(
                _discord(engine, clock, settings)
            )
        log.info("serving %s", ", ".join(senders))
        await Dispatcher(engine, senders, clock).run(stop_on_signals())
        log.info("stopping")


def stop_on_signals() -> asyncio.Event:
    """SIGINT or SIGTERM set an event, so the bot stops between operations, in order: the
    dispatcher, then each adapter, then the database (a cancellation in the middle of a
    database call can leave the connection pool unable to close)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signal_number, stop.set)
    return stop


def _telegram(engine: Engine, clock: SystemClock, settings: Settings) -> TelegramAdapter:
    from bot.telegram.adapter import TelegramAdapter, TelegramConfig  # only when used: fast start

    assert settings.telegram_bot_token is not None
    secret = settings.telegram_webhook_secret
    try:
        config = TelegramConfig(
            token=settings.telegram_bot_token.get_secret_value(),
            base_url=settings.telegram_base_url,
            webhook_url=settings.telegram_webhook_url,
            webhook_secret=secret.get_secret_value() if secret else None,
            webhook_listen=settings.telegram_webhook_listen,
            webhook_port=settings.telegram_webhook_port,
            rate_per_s=settings.telegram_rate_per_s,
        )
    except ValueError as exc:
        raise SettingsError(f"Telegram settings are not valid: {exc}") from None
    return TelegramAdapter(engine, clock, config)


def _discord(engine: Engine, clock: SystemClock, settings: Settings) -> DiscordAdapter:
    from bot.discord.adapter import DiscordAdapter, DiscordConfig  # only when used: fast start

    assert settings.discord_bot_token is not None
    try:
        config = DiscordConfig(
            token=settings.discord_bot_token.get_secret_value(),
            shard_count=settings.discord_shard_count,
            rate_per_s=settings.discord_rate_per_s,
            max_ratelimit_wait_s=settings.discord_max_ratelimit_wait_s,
            base_url=settings.discord_base_url,
            gateway_url=settings.discord_gateway_url,
        )
    except ValueError as exc:
        raise SettingsError(f"Discord settings are not valid: {exc}") from None
    return DiscordAdapter(engine, clock, config)
