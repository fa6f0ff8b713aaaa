"""Opening the database named by a URL, and bringing its schema up to date with Alembic."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from dialogs.private_files import PRIVATE_FILE, private_folder

DEFAULT_SQLITE_URL = "sqlite+aiosqlite:///data/bot.db"
SQLITE_BUSY_TIMEOUT_MS = 10_000
_MIGRATIONS = Path(__file__).parent / "migrations"
_MIGRATION_LOCK_KEY = 724_311_902  # any constant shared by every process of this bot
_OUTSIDE_TRANSACTION = "backwalk_outside_transaction"  # an execution option: no BEGIN IMMEDIATE

log = logging.getLogger(__name__)


class DatabaseUrlError(ValueError):
    pass


def normalise_url(url: str) -> str:
    """Accept the usual spellings and pick the async driver: aiosqlite or asyncpg."""
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DatabaseUrlError(f"cannot parse {_redacted(url)!r}") from exc
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return parsed.set(drivername="sqlite+aiosqlite").render_as_string(hide_password=False)
    if backend in ("postgresql", "postgres"):
        return parsed.set(drivername="postgresql+asyncpg").render_as_string(hide_password=False)
    raise DatabaseUrlError(f"unsupported database {backend!r}: use sqlite or postgresql")


def _redacted(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:
        return "<unparsable url>"


def open_database(url: str, busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS) -> AsyncEngine:
    url = normalise_url(url)
    parsed = make_url(url)
    # Parameters hold health data and message text: never in a log line or an error's text.
    if parsed.get_backend_name() == "postgresql":
        return create_async_engine(
            url, pool_size=5, max_overflow=5, pool_pre_ping=True, hide_parameters=True
        )
    if parsed.database and parsed.database != ":memory:":
        _make_private(Path(parsed.database))
    _hold_driver_debug_log()
    engine = create_async_engine(
        url, connect_args={"timeout": busy_timeout_ms / 1000}, hide_parameters=True
    )
    _configure_sqlite(engine, busy_timeout_ms)
    return engine


class _AboveDebug(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno > logging.DEBUG


def _hold_driver_debug_log() -> None:
    """aiosqlite logs every statement with its parameters at DEBUG: those lines are dropped."""
    driver_log = logging.getLogger("aiosqlite")
    if not any(isinstance(f, _AboveDebug) for f in driver_log.filters):
        driver_log.addFilter(_AboveDebug())


def _make_private(database: Path) -> None:
    """The database file and its -wal and -shm hold health data. SQLite gives -wal and -shm the
    database file's permissions, so that file is created 0600 before SQLite opens it; files
    from an older run that others could read are made private too."""
    private_folder(database.parent)
    os.close(os.open(database, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE))  # empty: a new database
    for path in (database, *(database.with_name(database.name + s) for s in ("-wal", "-shm"))):
        if path.exists():
            os.chmod(path, PRIVATE_FILE)


def _configure_sqlite(engine: AsyncEngine, busy_timeout_ms: int) -> None:
    """WAL, a busy timeout, and BEGIN IMMEDIATE: a transaction takes the write lock when it
    starts, so two processes never both read a row and then both write it (no lost update)."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA secure_delete=ON")  # deleted rows are overwritten, not just freed
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if not conn.get_execution_options().get(_OUTSIDE_TRANSACTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")


async def checkpoint_wal(engine: AsyncEngine) -> None:
    """Copy the SQLite WAL into the database file and truncate it to nothing, so that no old
    copy of deleted rows stays in it (after /forget). A checkpoint runs outside a transaction."""
    async with engine.connect() as conn:
        await conn.execution_options(**{_OUTSIDE_TRANSACTION: True})
        result = await conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = result.scalar()
    if busy:
        log.warning("the WAL could not be emptied: another connection was reading")


def is_sqlite(engine: AsyncEngine) -> bool:
    return engine.dialect.name == "sqlite"


async def migrate(engine: AsyncEngine) -> None:
    """Apply every Alembic migration, once even when several processes start together."""
    async with engine.begin() as conn:
        if not is_sqlite(engine):
            await conn.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})"))
        await conn.run_sync(_upgrade_to_head)


def _upgrade_to_head(connection: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")
