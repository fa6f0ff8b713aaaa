"""Group commit on a real SQLite file, as callers and the operator see it: writes that arrive
together share one commit (one fsync), one user's writes never share a transaction and keep
their order, a write that fails alone fails only its caller, and a failing after-commit step
is logged while every caller still gets its result. Written where mutation testing showed
gaps."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from storage.database import migrate, open_database
from storage.group_commit import MAX_BATCH, GroupCommitter
from tests.conftest import sqlite_url

NOTES = sa.table("notes", sa.column("owner"), sa.column("n"))


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = open_database(sqlite_url(tmp_path))
    await migrate(engine)
    async with engine.begin() as conn:
        await conn.execute(sa.text("CREATE TABLE notes (owner INTEGER, n INTEGER)"))
    yield engine
    await engine.dispose()


class Commits:
    def __init__(self) -> None:
        self.count = 0

    async def __call__(self) -> None:
        self.count += 1


def note(owner: int, n: int):  # type: ignore[no-untyped-def]
    async def work(conn: AsyncConnection) -> int:
        await conn.execute(sa.insert(NOTES).values(owner=owner, n=n))
        rows = await conn.execute(sa.select(NOTES.c.n).where(NOTES.c.owner == owner))
        return len(rows.all())

    return work


async def notes(database: AsyncEngine) -> list[tuple[int, int]]:
    async with database.connect() as conn:
        rows = await conn.execute(sa.select(NOTES.c.owner, NOTES.c.n).order_by(sa.text("rowid")))
        return [(r.owner, r.n) for r in rows]


async def test_writes_that_arrive_together_share_one_commit(database: AsyncEngine) -> None:
    commits = Commits()
    writer = GroupCommitter(database, advisory_locks=False, after_commit=commits)
    results = await asyncio.gather(*(writer.run(note(i, 1), lock_key=i) for i in range(50)))
    assert results == [1] * 50
    assert commits.count == 1
    assert len(await notes(database)) == 50


async def test_a_burst_larger_than_a_batch_takes_more_commits_and_loses_nothing(
    database: AsyncEngine,
) -> None:
    commits = Commits()
    writer = GroupCommitter(database, advisory_locks=False, after_commit=commits)
    count = MAX_BATCH + 1
    await asyncio.gather(*(writer.run(note(i, 1)) for i in range(count)))
    assert commits.count == 2
    assert len(await notes(database)) == count


async def test_one_users_writes_take_turns_in_order(database: AsyncEngine) -> None:
    commits = Commits()
    writer = GroupCommitter(database, advisory_locks=False, after_commit=commits)
    results = await asyncio.gather(*(writer.run(note(7, n), lock_key=7) for n in range(3)))
    assert results == [1, 2, 3], "each write sees the ones before it, committed"
    assert commits.count == 3
    assert await notes(database) == [(7, 0), (7, 1), (7, 2)]


async def test_a_write_that_fails_fails_only_its_own_caller(database: AsyncEngine) -> None:
    commits = Commits()
    writer = GroupCommitter(database, advisory_locks=False, after_commit=commits)

    async def broken(conn: AsyncConnection) -> None:
        await conn.execute(sa.text("INSERT INTO no_such_table VALUES (1)"))

    results = await asyncio.gather(
        writer.run(note(1, 1)), writer.run(broken), writer.run(note(2, 1)), return_exceptions=True
    )
    assert results[0] == 1 and results[2] == 1
    assert isinstance(results[1], sa.exc.OperationalError)
    assert sorted(await notes(database)) == [(1, 1), (2, 1)]
    assert commits.count == 2, "the good ones committed one by one after the failed batch"


async def test_a_failing_after_commit_step_is_logged_and_results_still_arrive(
    database: AsyncEngine, caplog: pytest.LogCaptureFixture
) -> None:
    async def checkpoint() -> None:
        raise OSError("disk")

    writer = GroupCommitter(database, advisory_locks=False, after_commit=checkpoint)
    with caplog.at_level(logging.WARNING, logger="storage.group_commit"):
        results = await asyncio.gather(writer.run(note(1, 1)), writer.run(note(2, 1)))
    assert results == [1, 1]
    assert [r.getMessage() for r in caplog.records] == ["after a commit: OSError"]
    assert len(await notes(database)) == 2


async def test_idle_waits_for_every_write_handed_in(database: AsyncEngine) -> None:
    writer = GroupCommitter(database, advisory_locks=False)
    pending = [asyncio.ensure_future(writer.run(note(i, 1), lock_key=1)) for i in range(5)]
    await asyncio.sleep(0)
    await writer.idle()
    assert all(p.done() for p in pending)
    assert len(await notes(database)) == 5


async def test_writes_queued_behind_a_failed_batch_still_commit(database: AsyncEngine) -> None:
    writer = GroupCommitter(database, advisory_locks=False)

    async def broken(conn: AsyncConnection) -> None:
        await conn.execute(sa.text("INSERT INTO no_such_table VALUES (1)"))

    burst = asyncio.gather(
        writer.run(broken, lock_key=1),
        writer.run(note(1, 1), lock_key=1),  # same user: waits for the next batch
        return_exceptions=True,
    )
    results = await asyncio.wait_for(burst, timeout=10)
    assert isinstance(results[0], sa.exc.OperationalError) and results[1] == 1
    assert await notes(database) == [(1, 1)]
