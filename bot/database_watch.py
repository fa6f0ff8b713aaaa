"""The database as the bot runs on it.

- Start-up: a database that cannot be opened or migrated stops the bot with one line naming
  DATABASE_URL (never its password).
- After start-up an SQLite file is opened read-write only, never created: a file removed
  while the bot runs is an outage, not a fresh empty database that silently loses everything.
- An outage (the server gone, the file gone or read-only) is logged once, as CRITICAL, and its
  end once; the engine's per-event error lines are held back meanwhile and counted."""

from __future__ import annotations

import logging
import os
from collections.abc import Awaitable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.settings import SettingsError
from dialogs.messages import Outgoing
from dialogs.ports import DueReminder, JsonDict, Step, Store, UserKey, UserRecord
from storage.database import migrate, open_database

log = logging.getLogger(__name__)
T = TypeVar("T")

ENGINE_LOGGER = "dialogs.engine"  # logs one ERROR per event the database failed


class DatabaseGone(Exception):
    """The SQLite file the bot started with is no longer there."""


async def opened_database(url: str) -> AsyncEngine:
    """The database, migrated; a failure is one SettingsError line naming DATABASE_URL."""
    try:
        database = open_database(url)
    except OSError as exc:  # the SQLite file's folder cannot be made
        raise SettingsError(_cannot_open(url, exc)) from None
    try:
        await migrate(database)
    except Exception as exc:
        await database.dispose()
        raise SettingsError(_cannot_open(url, exc)) from None
    path = sqlite_path(database)
    if path is not None:
        _open_existing_only(database, path)
    return database


def sqlite_path(database: AsyncEngine) -> Path | None:
    name = database.url.database
    if database.dialect.name != "sqlite" or not name or name == ":memory:":
        return None
    return Path(name).resolve()


def _open_existing_only(database: AsyncEngine, path: Path) -> None:
    @event.listens_for(database.sync_engine, "do_connect")
    def _read_write_only(_dialect: Any, _record: Any, cargs: list[Any], cparams: Any) -> None:
        cargs[:1] = [f"file:{quote(str(path))}?mode=rw"]
        cparams["uri"] = True


def _cannot_open(url: str, exc: BaseException) -> str:
    parsed = make_url(url)
    reason = _reason(exc)
    if parsed.get_backend_name() == "sqlite":
        return (
            f"Setting DATABASE_URL: cannot create or open the SQLite file {parsed.database} "
            f"({reason}); choose a path in a folder the bot can write to"
        )
    where = f"{parsed.host or 'localhost'}:{parsed.port or 5432}/{parsed.database or ''}"
    return (
        f"Setting DATABASE_URL: cannot open the PostgreSQL database {where} ({reason}); "
        "check that the server runs there and that the user, password and database are right"
    )


def _reason(exc: BaseException) -> str:
    """The root cause's type, and its text when that cannot hold SQL or user data."""
    root = exc
    for _ in range(10):
        inner = getattr(root, "orig", None) or root.__cause__
        if not isinstance(inner, BaseException):
            break
        root = inner
    text = ""
    if isinstance(root, OSError):
        text = root.strerror or str(root)
    elif type(root).__module__.startswith("asyncpg"):
        text = str(root)
    text = " ".join(text.split())[:200]
    return f"{type(root).__name__}: {text}" if text else type(root).__name__


class Outage:
    """Whether the database is failing, reported once when it starts and once when it ends."""

    def __init__(self) -> None:
        self.active = False
        self.held_back = 0

    def failed(self, exc: BaseException) -> None:
        if self.active:
            return
        self.active = True
        what = str(exc) if isinstance(exc, DatabaseGone) else type(exc).__name__
        log.critical(
            "the database cannot be used (%s): users are asked to try again; check the "
            "database server, or that the SQLite file is there and writable",
            what,
        )

    def worked(self) -> None:
        if self.active:
            self.active, held_back = False, self.held_back
            self.held_back = 0
            log.warning("the database works again; %d events failed meanwhile", held_back)

    def filter(self, record: logging.LogRecord) -> bool:
        """Hold back the engine's per-event errors while the outage is reported."""
        if self.active and record.levelno >= logging.ERROR:
            self.held_back += 1
            return False
        return True

    def install(self) -> None:
        logging.getLogger(ENGINE_LOGGER).addFilter(self.filter)

    def remove(self) -> None:
        logging.getLogger(ENGINE_LOGGER).removeFilter(self.filter)


class WatchedStore:
    """A Store that reports outages, and refuses to go on when its SQLite file vanished."""

    def __init__(self, store: Store, database: AsyncEngine, outage: Outage) -> None:
        self._store = store
        self._database = database
        self._outage = outage
        self._path = sqlite_path(database)
        self._identity = self._file_identity()

    async def apply(self, key: UserKey, step: Step, now: datetime) -> list[Outgoing]:
        await self._check_file()
        result = await self._watched(self._store.apply(key, step, now))
        self._outage.worked()
        return result

    async def mark_sent(self, outbox_ids: list[int]) -> None:
        if not outbox_ids:  # an apology, never saved
            return
        await self._check_file()
        await self._watched(self._store.mark_sent(outbox_ids))
        self._outage.worked()

    async def claim_unsent(
        self, platform: str, now: datetime, older_than_s: float, user_id: str | None = None
    ) -> list[Outgoing]:
        await self._check_file()
        return await self._watched(self._store.claim_unsent(platform, now, older_than_s, user_id))

    async def load(self, key: UserKey) -> UserRecord | None:
        await self._check_file()
        return await self._watched(self._store.load(key))

    async def claim_due_reminders(
        self, now: datetime, limit: int, lease_s: float, platform: str, user_id: str | None = None
    ) -> list[DueReminder]:
        await self._check_file()
        claim = self._store.claim_due_reminders(now, limit, lease_s, platform, user_id)
        return await self._watched(claim)

    async def history(self, key: UserKey, kind: str | None = None) -> list[JsonDict]:
        await self._check_file()
        return await self._watched(self._store.history(key, kind))

    async def _watched(self, operation: Awaitable[T]) -> T:
        try:
            return await operation
        except Exception as exc:
            if is_outage(exc):
                self._outage.failed(exc)
            raise

    def _file_identity(self) -> tuple[int, int] | None:
        if self._path is None:
            return None
        try:
            status = os.stat(self._path)
        except FileNotFoundError:
            return None
        return status.st_dev, status.st_ino

    async def _check_file(self) -> None:
        """Pooled connections would go on writing to a removed file, which is lost at the
        next start: stop when it is gone, and reconnect when it was put back."""
        if self._path is None:
            return
        identity = self._file_identity()
        if identity is None:
            exc = DatabaseGone(f"the SQLite file {self._path} is gone")
            self._outage.failed(exc)
            raise exc
        if identity != self._identity:
            self._identity = identity
            await self._database.dispose()  # drop connections to the old file
            log.warning("the SQLite file was put back while the bot ran; reconnected to it")


def is_outage(exc: BaseException) -> bool:
    """The database failing, as opposed to a bug in a step or a refused duplicate."""
    if isinstance(exc, IntegrityError):
        return False
    return isinstance(exc, DBAPIError | OSError | TimeoutError | DatabaseGone)
