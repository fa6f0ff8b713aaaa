"""The reminder dispatcher: claims due reminders from the database and hands each to its
platform. Several bot processes can run one each on the same database: a claim is a lease,
and the reminder itself is sent at most once per local day (a unique key in the history)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.clock import Clock
from bot.delivery import PlatformSender, deliver, pause_unless_stopped
from dialogs.engine import Engine
from dialogs.ports import DueReminder

log = logging.getLogger(__name__)

TICK_EVERY_S = 5.0
CLAIM_BATCH = 200
CLAIM_LEASE_S = 60.0
IN_FLIGHT = 16  # reminders run side by side (their sends go one at a time)


@dataclass(frozen=True)
class _Lanes:
    running: asyncio.Semaphore
    sending: asyncio.Lock


class Dispatcher:
    def __init__(
        self,
        engine: Engine,
        senders: Mapping[str, PlatformSender],
        clock: Clock,
        user_id: str | None = None,
        batch: int = CLAIM_BATCH,
    ) -> None:
        self.engine = engine
        self.senders = senders
        self.clock = clock
        self.user_id = user_id  # the console serves one user only
        self.batch = batch

    async def tick(self) -> int:
        """Claim the reminders due now on each platform, run each, and deliver the result.
        Returns the largest number claimed on one platform (a full batch means: go again)."""
        now = self.clock.now()
        most = 0
        for platform, sender in self.senders.items():
            due = await self.engine.store.claim_due_reminders(
                now, self.batch, CLAIM_LEASE_S, platform, self.user_id
            )
            lanes = _Lanes(asyncio.Semaphore(IN_FLIGHT), asyncio.Lock())
            await asyncio.gather(*(self._remind(r, sender, now, lanes) for r in due))
            most = max(most, len(due))
        return most

    async def _remind(
        self, reminder: DueReminder, sender: PlatformSender, now: datetime, lanes: _Lanes
    ) -> None:
        """One reminder: run it, then send what it says. A few run side by side, so that their
        commits share transactions; they are sent one at a time, each marked sent before the
        next goes, so a crash leaves at most one that went out but is not marked."""
        async with lanes.running:
            try:
                outgoing = await self.engine.reminder_due(reminder.key, now)
            except Exception as exc:  # the claim lapses and a later tick retries it
                log.warning("reminder failed: %s", type(exc).__name__)
                return
            async with lanes.sending:
                await deliver(self.engine, sender, outgoing, self.clock)

    async def run(self, stop: asyncio.Event | None = None, every_s: float = TICK_EVERY_S) -> None:
        while stop is None or not stop.is_set():
            try:
                claimed = await self.tick()
            except Exception as exc:  # the database is away for a moment: keep going
                log.warning("dispatch tick failed: %s", type(exc).__name__)
                claimed = 0
            if claimed < self.batch and await pause_unless_stopped(stop, every_s):
                return
