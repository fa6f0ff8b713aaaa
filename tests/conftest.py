"""Shared fixtures: a fake clock, a real SQLite file, a real PostgreSQL (when configured),
and a guard that refuses any network connection outside this machine."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from dialogs.ports import UserKey, UserRecord
from storage.database import migrate, open_database
from storage.sql_store import SqlStore

if TYPE_CHECKING:
    from bot.pictures.book import PictureBook
    from content.bundle import Content
    from dialogs.engine import Engine
    from tests.process import BotProcess

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday morning


class FakeClock:
    def __init__(self, now: datetime = START) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def content() -> Content:
    from content.bundle import load_content

    return load_content()


_real_connect = socket.socket.connect


def _loopback_only(self: socket.socket, address: object) -> object:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0] if isinstance(address, tuple) else str(address)
        try:
            allowed = ipaddress.ip_address(host).is_loopback
        except ValueError:
            allowed = host == "localhost"
        if not allowed:
            raise ConnectionRefusedError(f"tests may not connect outside this machine ({host})")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def no_outside_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _loopback_only)


def postgres_url() -> str | None:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail(
            "CI=true but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI"
        )
    return url


def sqlite_url(directory: Path) -> str:
    return f"sqlite+aiosqlite:///{directory / 'bot.db'}"


async def reset_postgres(url: str) -> None:
    database = open_database(url)
    try:
        async with database.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    finally:
        await database.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return sqlite_url(tmp_path)
    return await fresh_postgres_url()


async def fresh_postgres_url() -> str:
    """TEST_DATABASE_URL with an empty schema; the test is skipped when it is not set."""
    url = postgres_url()
    if url is None:
        pytest.skip("set TEST_DATABASE_URL to run the PostgreSQL tests")
    await reset_postgres(url)
    return url


async def load_user(url: str, user_id: str) -> UserRecord | None:
    """A console user's record, read straight from the database."""
    database = open_database(url)
    try:
        return await SqlStore(database).load(UserKey("console", user_id))
    finally:
        await database.dispose()


@asynccontextmanager
async def opened_store(url: str) -> AsyncIterator[SqlStore]:
    """A migrated database behind a store, closed in order afterwards."""
    database = open_database(url)
    await migrate(database)
    store = SqlStore(database)
    try:
        yield store
    finally:
        await store.close()
        await database.dispose()


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[SqlStore]:
    async with opened_store(database_url) as store:
        yield store


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[SqlStore]:
    async with opened_store(sqlite_url(tmp_path)) as store:
        yield store


@pytest.fixture
def engine(sqlite_store: SqlStore, content: Content) -> Engine:
    from dialogs.engine import Engine

    return Engine(sqlite_store, content)


@pytest.fixture(scope="session")
def pictures(content: Content, tmp_path_factory: pytest.TempPathFactory) -> PictureBook:
    """Every exercise picture, drawn once for the whole test run."""
    from bot.pictures.book import PictureBook

    book = PictureBook(tmp_path_factory.mktemp("pictures"), content)
    book.draw_missing()
    return book


@pytest.fixture
def picture_engine(sqlite_store: SqlStore, content: Content, pictures: PictureBook) -> Engine:
    from dialogs.engine import Engine

    return Engine(sqlite_store, content, pictures=pictures)


@pytest.fixture
def bot_process() -> Iterator[Callable[..., BotProcess]]:
    """Start `python -m bot chat --json` processes; all are stopped when the test ends."""
    from tests.process import BotProcess

    started: list[BotProcess] = []

    def start(*args: object, **kwargs: object) -> BotProcess:
        started.append(BotProcess(*args, **kwargs))  # type: ignore[arg-type]
        return started[-1]

    yield start
    for process in started:
        process.release()
