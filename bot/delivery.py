"""Sending replies through a platform, the same way for every platform and for the console.

A platform adapter implements `PlatformSender.send`. Replies are marked sent only after the
platform took them; ones left unsent by a crash are picked up by `sweep_outbox`."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Sequence
from typing import Protocol

from bot.clock import Clock
from dialogs.engine import Engine
from dialogs.messages import Outgoing

log = logging.getLogger(__name__)

SWEEP_EVERY_S = 10.0


class Unreachable(Exception):
    """The user blocked the bot or closed their DMs: stop trying until they write again."""


class PlatformSender(Protocol):
    platform: str

    async def send(self, item: Outgoing) -> None:
        """Send one reply. Honour rate limits and retry-after inside; raise Unreachable when
        the user cannot be reached; any other exception leaves the reply for a later sweep."""
        ...


async def deliver(
    engine: Engine, sender: PlatformSender, items: Sequence[Outgoing], clock: Clock
) -> None:
    """Send in order; mark each reply sent (or dropped, for an unreachable user) as it goes."""
    for item in items:
        try:
            await sender.send(item)
        except Unreachable:
            log.info("%s user unreachable; their reminders are paused", item.platform)
            await _recorded(engine.unreachable(item.platform, item.user_id, clock.now()))
        except Exception as exc:  # network trouble: the sweep retries it later
            log.warning("could not send on %s: %s", item.platform, type(exc).__name__)
            continue
        else:
            await _recorded(engine.delivered([item]))


async def _recorded(note: Awaitable[None]) -> None:
    """Noting a delivery needs the database; while it is away the reply stays in the outbox
    and the sweep sends it again later (at least once), and the chat goes on."""
    try:
        await note
    except Exception as exc:
        log.warning("could not record a delivery: %s", type(exc).__name__)


async def pause_unless_stopped(stop: asyncio.Event | None, seconds: float) -> bool:
    """Wait `seconds`, or less if `stop` is set; True when it is time to stop. Background
    loops stop this way, between database operations: cancelling one in the middle of an
    aiosqlite call can leave the connection pool unable to close."""
    if stop is None:
        await asyncio.sleep(seconds)
        return False
    try:
        await asyncio.wait_for(stop.wait(), timeout=seconds)
    except TimeoutError:
        return False
    return True


async def sweep_outbox(
    engine: Engine,
    sender: PlatformSender,
    clock: Clock,
    user_id: str | None = None,
    stop: asyncio.Event | None = None,
) -> None:
    """Forever: send replies that were committed but never sent (a crash between commit and
    send). Only rows older than a grace period are claimed, so a live process's replies are
    left to it, and a claim is a lease, so two processes do not both send one reply."""
    while stop is None or not stop.is_set():
        try:
            unsent = await engine.undelivered(sender.platform, clock.now(), user_id=user_id)
            await deliver(engine, sender, unsent, clock)
        except Exception as exc:  # the database is away for a moment: try again next round
            log.warning("outbox sweep failed: %s", type(exc).__name__)
        if await pause_unless_stopped(stop, SWEEP_EVERY_S):
            return


class OutboxSweep:
    """`sweep_outbox` as a background task that, when stopped, finishes the round it is in
    rather than being cancelled in the middle of a database call."""

    def __init__(
        self, engine: Engine, sender: PlatformSender, clock: Clock, user_id: str | None = None
    ) -> None:
        self._args = (engine, sender, clock, user_id)
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.create_task(sweep_outbox(*self._args, stop=self._stop))

    async def stop(self, within_s: float = 15.0) -> None:
        if self._task is None:
            return
        self._stop.set()
        try:
            await asyncio.wait_for(asyncio.shield(self._task), within_s)
        except TimeoutError:  # a send stuck on the network: give up on it
            self._task.cancel()
        self._task = None
