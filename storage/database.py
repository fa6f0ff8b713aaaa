"""Opening the database named by a URL, and bringing its schema up to date with Alembic."""

from __future__ import annotations

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
    if parsed.get_backend_name() == "postgresql":
        return create_async_engine(url, pool_size=5, max_overflow=5, pool_pre_ping=True)
    if parsed.database and parsed.database != ":memory:":
        _make_private(Path(parsed.database))
    engine = create_async_engine(url, connect_args={"timeout": busy_timeout_ms / 1000})
    _configure_sqlite(engine, busy_timeout_ms)
    return engine


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
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


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
