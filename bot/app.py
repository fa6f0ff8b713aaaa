"""Building the engine and its database inside main(), and running the chosen front ends."""

from __future__ import annotations

import logging
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.charts import MatplotlibCharts
from bot.clock import SystemClock
from bot.console import ConsoleChat, stdin_lines
from bot.settings import Settings
from content.bundle import load_content
from dialogs.engine import Engine
from storage.database import migrate, open_database
from storage.sql_store import SqlStore

log = logging.getLogger(__name__)

DATA_DIR = Path("data")  # the SQLite file, exports and charts


@asynccontextmanager
async def open_engine(database_url: str) -> AsyncIterator[Engine]:
    content = load_content()  # checked before touching the database: bad content stops here
    database = open_database(database_url)
    try:
        await migrate(database)
        yield Engine(SqlStore(database), content, MatplotlibCharts(DATA_DIR), DATA_DIR)
    finally:
        await database.dispose()


async def run_chat(settings: Settings, user_id: str, json_mode: bool) -> None:
    async with open_engine(settings.database_url) as engine:
        chat = ConsoleChat(engine, SystemClock(), user_id, json_mode, sys.stdout)
        await chat.run(stdin_lines())


async def run_platforms(settings: Settings) -> None:
    if settings.telegram_bot_token is None and settings.discord_bot_token is None:
        log.info("no platform token set: opening the console chat")
        await run_chat(settings, "local", json_mode=False)
        return
    raise SystemExit("Telegram and Discord adapters are not built yet (issues 5 and 6).")
