"""Long polling that tells Telegram it may forget an update only once the update's event is
committed.

Telegram forgets every update below the offset of the next getUpdates. PTB's own Updater asks
for the next batch (with the next offset) as soon as it has queued the last one, so a crash a
few milliseconds later lost answers that were acknowledged but never applied. Here a batch is
handed to the application, and the next getUpdates waits until each of its updates has been
committed (or handled without anything to commit)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from telegram import Update
from telegram.error import Conflict, TelegramError
from telegram.ext import Application

from bot.clock import Sleep, sleep_unless_stopped

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]
POLL_TIMEOUT_S = 10  # how long Telegram holds a getUpdates open
FIRST_BACKOFF_S = 0.25  # after a failed getUpdates; doubles each time
MAX_BACKOFF_S = 30.0


class Commits:
    """The updates handed to the application whose events are not committed yet."""

    def __init__(self) -> None:
        self._pending: dict[int, asyncio.Future[None]] = {}

    def expect(self, update_id: int) -> asyncio.Future[None]:
        future = self._pending.get(update_id)
        if future is None:
            future = asyncio.get_running_loop().create_future()
            self._pending[update_id] = future
        return future

    def committed(self, update: object) -> None:
        """The update's event is in the database, or there was nothing to commit. Idempotent."""
        if isinstance(update, Update):
            future = self._pending.pop(update.update_id, None)
            if future is not None and not future.done():
                future.set_result(None)

    async def handed_over(
        self, updates: Sequence[Update], put: Callable[[Update], Awaitable[None]]
    ) -> None:
        """Queue the updates in order and wait until every one is committed."""
        waits = [self.expect(update.update_id) for update in updates]
        for update in updates:
            await put(update)
        await asyncio.gather(*waits)


class Poller:
    """getUpdates, hand the batch over, wait for its commits, then the next getUpdates."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        commits: Commits,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.application = application
        self.commits = commits
        self._sleep = sleep
        self._offset: int | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="telegram-polling")

    async def stop(self) -> None:
        """Stop fetching; updates already fetched are committed and acknowledged first."""
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None

    async def _run(self) -> None:
        backoff = FIRST_BACKOFF_S
        acknowledged = True  # whether Telegram has been sent the current offset
        while not self._stop.is_set():
            try:
                updates = await self._fetch()
            except Exception as exc:
                _log_polling_error(exc)
                if await sleep_unless_stopped(self._stop, backoff, self._sleep):
                    break
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            if updates is None:  # stopped while Telegram held the request: see below
                break
            backoff, acknowledged = FIRST_BACKOFF_S, True
            if updates:
                await self.commits.handed_over(updates, self.application.update_queue.put)
                self._offset, acknowledged = updates[-1].update_id + 1, False
        if not acknowledged:
            await self._acknowledge()

    async def _fetch(self) -> list[Update] | None:
        """The next batch, or None when stopped while Telegram held the request open."""
        fetch = asyncio.ensure_future(
            self.application.bot.get_updates(
                offset=self._offset, timeout=POLL_TIMEOUT_S, allowed_updates=ALLOWED_UPDATES
            )
        )
        stopping = asyncio.ensure_future(self._stop.wait())
        await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        if not fetch.done():
            fetch.cancel()
            await asyncio.gather(fetch, return_exceptions=True)
            return None
        return list(fetch.result())

    async def _acknowledge(self) -> None:
        """At a clean stop: the offset past the last committed batch, so it is not fetched
        (and applied) again after the restart."""
        try:
            await self.application.bot.get_updates(offset=self._offset, timeout=0, limit=1)
        except TelegramError as exc:
            log.warning("could not acknowledge the last updates: %s", type(exc).__name__)


def _log_polling_error(exc: Exception) -> None:
    if isinstance(exc, Conflict):
        log.error("another process polls with this token: several processes need a webhook")
    else:
        log.warning("polling Telegram failed: %s", type(exc).__name__)
