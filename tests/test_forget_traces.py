"""After /forget no copy of the user's data is left in the SQLite file or its WAL, and no log
line at any level carries SQL parameters (they hold health data and message text)."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from content.bundle import Content
from dialogs.engine import Engine
from storage.database import is_sqlite
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan

KEPT = b"Pacific/Chatham"  # kept in the user's record
ECHOED = b"Qwertzuiopland"  # only in a reply, which is deleted once sent


def on_disk(folder: Path) -> bytes:
    return b"".join(
        (folder / name).read_bytes()
        for name in ("bot.db", "bot.db-wal")
        if (folder / name).exists()
    )


def checkpoint(database: Path) -> None:
    other = sqlite3.connect(database)
    try:
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        other.close()


async def test_forget_leaves_no_copy_in_the_database_file_or_its_wal(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock()
    engine = Engine(sqlite_store, content)
    alice = await user_with_plan(engine, clock)
    await alice.send("/timezone Pacific/Chatham")
    await alice.send("/timezone Qwertzuiopland")
    assert "I don't know the time zone Qwertzuiopland" in alice.text()
    await user_with_plan(engine, clock, user_id="bob")
    assert KEPT in on_disk(tmp_path) and ECHOED in on_disk(tmp_path), "the test sees them"
    checkpoint(tmp_path / "bot.db")  # as SQLite does every 1000 pages
    assert KEPT in (tmp_path / "bot.db").read_bytes(), "now in the database file itself"

    await alice.send("/forget")
    await alice.tap("Yes, delete everything")
    assert "everything I kept about you is deleted" in alice.text()
    left = on_disk(tmp_path)
    assert KEPT not in left and ECHOED not in left
    assert await Chat(engine, clock, user_id="bob").send("/help"), "the others carry on"


async def refuse_the_reply(store: SqlStore) -> None:
    """A statement error whose parameters hold what the user typed."""
    async with store.engine.begin() as conn:
        if is_sqlite(store.engine):
            await conn.execute(
                text(
                    "CREATE TRIGGER refuse BEFORE INSERT ON outbox"
                    " WHEN NEW.payload LIKE '%Qwertz%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
                )
            )
        else:  # PostgreSQL's error says "Failing row contains (...)", with the values
            await conn.execute(
                text(
                    "ALTER TABLE outbox ADD CONSTRAINT refuse"
                    " CHECK (CAST(payload AS text) NOT LIKE '%Qwertz%')"
                )
            )


async def test_no_log_line_carries_sql_parameters_even_at_debug(
    store: SqlStore, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    engine = Engine(store, content)
    alice = await user_with_plan(engine, clock)
    await refuse_the_reply(store)
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="sqlalchemy.engine")  # as when debugging the SQL
    replies = await alice.send("/timezone Qwertzuiopland")
    assert "try again in a moment" in replies[0].text
    assert any(r.levelno == logging.ERROR and r.name == "dialogs.engine" for r in caplog.records)
    assert any("details" in r.getMessage() for r in caplog.records), "the trace is still logged"
    formatter = logging.Formatter()
    for record in caplog.records:
        assert ECHOED.decode() not in formatter.format(record), record.name
