"""Group commit: the writes that arrive together run in ONE transaction, so one commit (one
fsync on SQLite) serves many messages. Every caller still gets its own result only after the
commit, so a reply is never sent before the state change behind it is durable."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

Work = Callable[[AsyncConnection], Awaitable[Any]]
MAX_BATCH = 256


@dataclass
class _Pending:
    work: Work
    lock_key: int | None
    done: asyncio.Future[Any]


class GroupCommitter:
    def __init__(self, engine: AsyncEngine, advisory_locks: bool) -> None:
        self._engine = engine
        self._advisory_locks = advisory_locks  # PostgreSQL: per-user locks across processes
        self._queue: list[_Pending] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, work: Work, lock_key: int | None = None) -> Any:
        """Run `work` in the next transaction; return its result once that has committed."""
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append(_Pending(work, lock_key, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        return await done

    async def _drain(self) -> None:
        """Commit batches until nothing waits; the task ends when idle (nothing left behind)."""
        while self._queue:
            batch, self._queue = self._queue[:MAX_BATCH], self._queue[MAX_BATCH:]
            try:
                results = await self._transaction(batch)
            except Exception:
                await self._one_by_one(batch)  # one bad item must not fail the others
                continue
            for pending, result in zip(batch, results, strict=True):
                if not pending.done.done():
                    pending.done.set_result(result)

    async def _transaction(self, batch: list[_Pending]) -> list[Any]:
        async with self._engine.begin() as conn:
            if self._advisory_locks:
                keys = sorted({p.lock_key for p in batch if p.lock_key is not None})
                for key in keys:  # in one order everywhere: no deadlock between processes
                    await conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})
            return [await pending.work(conn) for pending in batch]

    async def _one_by_one(self, batch: list[_Pending]) -> None:
        for pending in batch:
            try:
                [result] = await self._transaction([pending])
            except Exception as exc:
                if not pending.done.done():
                    pending.done.set_exception(exc)
            else:
                if not pending.done.done():
                    pending.done.set_result(result)
