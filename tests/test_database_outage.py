"""The database failing while the bot runs: users get the apology, the operator gets one loud
line per outage (not one per message), and a vanished SQLite file is never replaced by a fresh
empty one."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.engine import make_url

from bot.database_watch import Outage, WatchedStore, opened_database
from content.bundle import Content
from dialogs.engine import Engine
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock, fresh_postgres_url, sqlite_url
from tests.tcp_proxy import TcpProxy
from tests.test_faults import TRY_AGAIN
from tests.test_pg_outage import asks, say

SQLITE_FILES = ("bot.db", "bot.db-wal", "bot.db-shm")


class ReadOnlySwitch:
    """New connections are read-only while it is on, like a file system remounted read-only."""

    def __init__(self, database: Any) -> None:
        self.database = database
        self.on = False
        event.listen(database.sync_engine, "connect", self._connected)

    def _connected(self, dbapi_connection: Any, _record: Any) -> None:
        if self.on:
            dbapi_connection.execute("PRAGMA query_only=ON")

    async def set(self, on: bool) -> None:
        self.on = on
        await self.database.dispose()


@pytest.fixture
async def watched(tmp_path: Path, content: Content) -> AsyncIterator[tuple[Chat, ReadOnlySwitch]]:
    database = await opened_database(sqlite_url(tmp_path))
    store, outage = SqlStore(database), Outage()
    outage.install()
    engine = Engine(WatchedStore(store, database, outage), content)
    try:
        yield Chat(engine, FakeClock()), ReadOnlySwitch(database)
    finally:
        outage.remove()
        await store.close()
        await database.dispose()


def loud(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


async def test_a_read_only_database_is_reported_once_per_outage(
    watched: tuple[Chat, ReadOnlySwitch], caplog: pytest.LogCaptureFixture
) -> None:
    chat, read_only = watched
    await chat.press("start.begin")
    await chat.press("start.agree")
    for outage in range(2):
        caplog.clear()
        await read_only.set(True)
        for button in ("saddle_bladder.no", "saddle_bladder.no", "saddle_bladder.yes"):
            assert TRY_AGAIN in (await chat.press(button))[0].text
        [line] = loud(caplog)
        assert "the database cannot be used" in line
        await read_only.set(False)
        replies = await chat.press("saddle_bladder.no" if outage == 0 else "both_legs_accident.no")
        assert TRY_AGAIN not in replies[0].text
        assert "the database works again; 3 events failed meanwhile" in caplog.text
        assert len(loud(caplog)) == 1


def test_a_vanished_sqlite_file_is_reported_once_and_not_recreated(
    tmp_path: Path, bot_process: Any
) -> None:
    bot = bot_process(sqlite_url(tmp_path), user="kim")
    bot.send(button="start.begin")
    bot.read()
    aside = tmp_path / "aside"
    aside.mkdir()
    for name in SQLITE_FILES:  # moved away and back: the same file, as a restore would
        if (tmp_path / name).exists():
            (tmp_path / name).rename(aside / name)
    for message in ({"button": "start.agree"}, {"text": "/help"}, {"text": "no"}):
        bot.send(**message)
        assert TRY_AGAIN in bot.read()["text"]
    assert not (tmp_path / "bot.db").exists(), "no empty database in its place"
    for name in SQLITE_FILES:
        if (aside / name).exists():
            (aside / name).rename(tmp_path / name)
    bot.send(button="start.agree")
    assert any(b["id"] == "saddle_bladder.no" for b in bot.read()["buttons"])
    assert bot.close() == ""
    lines = bot.stderr_text.splitlines()
    loud_lines = [line for line in lines if " CRITICAL " in line or " ERROR " in line]
    assert len(loud_lines) == 1 and "bot.db is gone" in loud_lines[0], lines


@pytest.mark.postgres
async def test_postgres_going_away_is_reported_once(bot_process: Any) -> None:
    url = make_url(await fresh_postgres_url())
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    try:
        through_proxy = url.set(host="127.0.0.1", port=proxy.port)
        bot = bot_process(through_proxy.render_as_string(hide_password=False), user="kim")
        await say(bot, button="start.begin")
        await proxy.cut()
        for message in ({"button": "start.agree"}, {"text": "/help"}, {"text": "no"}):
            assert TRY_AGAIN in (await say(bot, **message))["text"]
        await proxy.restore()
        assert asks(await say(bot, button="start.agree"), "saddle_bladder"), "back by itself"
        assert await asyncio.to_thread(bot.close) == ""  # the proxy runs on this loop
    finally:
        await proxy.cut()
    lines = bot.stderr_text.splitlines()
    loud_lines = [line for line in lines if " CRITICAL " in line or " ERROR " in line]
    assert len(loud_lines) == 1 and "the database cannot be used" in loud_lines[0], lines
