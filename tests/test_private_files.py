"""Everything the bot writes holds health data: the database and its -wal and -shm, exports and
charts are readable by the bot's own user only (files 0600, folders 0700), whatever the umask."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.charts import MatplotlibCharts
from content.bundle import Content
from dialogs.engine import Engine
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.conftest import FakeClock, sqlite_url
from tests.reminder_kit import user_with_progress


@contextmanager
def umask(mask: int) -> Iterator[None]:
    old = os.umask(mask)
    try:
        yield
    finally:
        os.umask(old)


def modes_under(folder: Path) -> dict[str, int]:
    paths = [folder, *folder.rglob("*")]
    return {str(p.relative_to(folder.parent)): stat.S_IMODE(p.stat().st_mode) for p in paths}


def not_private(modes: dict[str, int], root: Path) -> dict[str, str]:
    wrong = {}
    for name, mode in modes.items():
        want = 0o700 if (root.parent / name).is_dir() else 0o600
        if mode != want:
            wrong[name] = oct(mode)
    return wrong


async def test_the_database_exports_and_charts_are_private_with_umask_022(
    tmp_path: Path, content: Content
) -> None:
    data = tmp_path / "data" / "bot"
    with umask(0o022):
        database = open_database(sqlite_url(data))
        await migrate(database)
        store = SqlStore(database)
        try:
            engine = Engine(store, content, MatplotlibCharts(data), data)
            chat = await user_with_progress(engine, FakeClock())
            exported = await chat.send("/export")
            drawn = await chat.send("/progress")
            modes = modes_under(tmp_path / "data")
        finally:
            await store.close()
            await database.dispose()
    assert exported[0].document and drawn[0].image
    expected = {"bot.db", "bot.db-wal", "bot.db-shm", "exports", "charts"}
    assert expected <= {Path(name).name for name in modes}, sorted(modes)
    assert any(name.endswith(".json") for name in modes) and any(n.endswith(".png") for n in modes)
    assert not_private(modes, tmp_path / "data") == {}


async def test_an_older_database_readable_by_others_is_made_private_when_opened(
    tmp_path: Path,
) -> None:
    with umask(0o022):
        older = sqlite3.connect(tmp_path / "bot.db")
        older.execute("PRAGMA journal_mode=WAL")
        older.execute("CREATE TABLE t (x)")
        older.execute("INSERT INTO t VALUES (1)")
        older.commit()
        try:
            assert stat.S_IMODE((tmp_path / "bot.db-wal").stat().st_mode) == 0o644
            database = open_database(sqlite_url(tmp_path))
            await migrate(database)
            await database.dispose()
            modes = {n: oct(m) for n, m in modes_under(tmp_path).items() if ".db" in n}
        finally:
            older.close()
    assert set(modes.values()) == {"0o600"} and len(modes) == 3, modes
