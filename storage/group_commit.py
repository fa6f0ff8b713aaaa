"""Group commit: the writes that arrive together run in ONE transaction, so one commit (one
fsync on SQLite) serves many messages. Every caller still gets its own result only after the
commit, so a reply is never sent before the state change behind it is durable.

Work comes in two forms: a plain function of the connection, or a payload of a batched kind,
whose handler takes all the kind's payloads in the batch at once (set-based SQL). A batch never
holds two items with the same lock key: the later one waits for the next batch, so one user's
changes are applied one at a time and in order.

A handler fails one item alone by giving `Failed` as its outcome: that caller gets the error and
the rest of the batch commits. Anything raised fails the whole transaction, whose items are then
retried one transaction each, so that one bad write does not fail the others."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

Work = Callable[[AsyncConnection], Awaitable[Any]]
AfterCommit = Callable[[], Awaitable[None]]
BatchHandler = Callable[[AsyncConnection, list[Any]], Awaitable[list[Any]]]
MAX_BATCH = 256
log = logging.getLogger(__name__)
_LOCK_IN_ORDER = text(
    "SELECT pg_advisory_xact_lock(k)"
    " FROM unnest(CAST(:keys AS bigint[])) WITH ORDINALITY AS t(k, n) ORDER BY n"
)  # one statement for the whole batch, taking the locks in the order given


@dataclass(frozen=True)
class Failed:
    """A batch handler's outcome for an item that failed on its own (the others still commit)."""

    error: Exception


@dataclass
class _Pending:
    kind: str | None  # None: `work` is a plain function of the connection
    work: Any
    lock_key: int | None
    done: asyncio.Future[Any]


class GroupCommitter:
    def __init__(
        self,
        engine: AsyncEngine,
        advisory_locks: bool,
        batched: Mapping[str, BatchHandler] | None = None,
        after_commit: AfterCommit | None = None,
    ) -> None:
        self._engine = engine
        self._after_commit = after_commit  # before the callers get their results
        self._advisory_locks = advisory_locks  # PostgreSQL: per-user locks across processes
        self._batched = dict(batched or {})
        self._queue: list[_Pending] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, work: Work, lock_key: int | None = None) -> Any:
        """Run `work` in the next transaction; return its result once that has committed."""
        return await self._enqueue(None, work, lock_key)

    async def run_batched(self, kind: str, payload: Any, lock_key: int | None = None) -> Any:
        return await self._enqueue(kind, payload, lock_key)

    async def _enqueue(self, kind: str | None, work: Any, lock_key: int | None) -> Any:
        done: asyncio.Future[Any] = asyncio.get_running_loop().create_future()
        self._queue.append(_Pending(kind, work, lock_key, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        return await done

    async def idle(self) -> None:
        """Wait until every write handed in so far has committed (before closing the pool)."""
        while self._writer is not None and not self._writer.done():
            await asyncio.wait([self._writer])

    def _next_batch(self) -> list[_Pending]:
        batch: list[_Pending] = []
        keys: set[int] = set()
        later: list[_Pending] = []
        for pending in self._queue:
            if len(batch) >= MAX_BATCH or (
                pending.lock_key is not None and pending.lock_key in keys
            ):
                later.append(pending)
                continue
            batch.append(pending)
            if pending.lock_key is not None:
                keys.add(pending.lock_key)
        self._queue = later
        return batch

    async def _drain(self) -> None:
        """Commit batches until nothing waits; the task ends when idle (nothing left behind)."""
        while self._queue:
            batch = self._next_batch()
            try:
                results = await self._transaction(batch)
            except Exception:
                await self._one_by_one(batch)  # one bad item must not fail the others
                continue
            await self._committed()
            for pending, result in zip(batch, results, strict=True):
                _settle(pending, result)

    async def _committed(self) -> None:
        if self._after_commit is None:
            return
        try:
            await self._after_commit()
        except Exception as exc:  # what committed stays committed: never undone or retried
            log.warning("after a commit: %s", type(exc).__name__)

    async def _transaction(self, batch: list[_Pending]) -> list[Any]:
        results: dict[int, Any] = {}
        async with self._engine.begin() as conn:
            if self._advisory_locks:
                keys = sorted({p.lock_key for p in batch if p.lock_key is not None})
                if keys:  # in one order everywhere: no deadlock between processes
                    await conn.execute(_LOCK_IN_ORDER, {"keys": keys})
            for kind, handler in self._batched.items():
                members = [p for p in batch if p.kind == kind]
                if members:
                    outcomes = await handler(conn, [p.work for p in members])
                    results.update(zip(map(id, members), outcomes, strict=True))
            for pending in batch:
                if pending.kind is None:
                    results[id(pending)] = await pending.work(conn)
        return [results[id(p)] for p in batch]

    async def _one_by_one(self, batch: list[_Pending]) -> None:
        for pending in batch:
            try:
                [result] = await self._transaction([pending])
            except Exception as exc:
                result = Failed(exc)
            else:
                await self._committed()
            _settle(pending, result)


def _settle(pending: _Pending, result: Any) -> None:
    if pending.done.done():
        return
    if isinstance(result, Failed):
        pending.done.set_exception(result.error)
    else:
        pending.done.set_result(result)
