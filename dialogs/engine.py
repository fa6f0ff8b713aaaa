"""The Engine: one entry point that takes an incoming event and returns the replies to send.

Each event runs as one transaction: the user's record is loaded under a lock, advanced by the
Dialog, saved, and its replies queued in the outbox, before anything is sent."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from functools import partial

from content.bundle import Content

from dialogs.dialog import Dialog
from dialogs.messages import Incoming, Outgoing, Reply
from dialogs.ports import Store, UserKey

log = logging.getLogger(__name__)

UNSAVED = 0  # outbox id of a reply that was never stored (an apology when saving failed)


class Engine:
    def __init__(self, store: Store, content: Content) -> None:
        self.store = store
        self.content = content
        self.dialog = Dialog(content)
        self._locks: dict[UserKey, asyncio.Lock] = {}
        self._waiting: dict[UserKey, int] = {}

    async def handle(self, event: Incoming) -> list[Outgoing]:
        key = UserKey(event.sender.platform, event.sender.user_id)
        async with self._user_lock(key):
            try:
                return await self.store.apply(key, partial(self.dialog.step, event), event.at)
            except Exception as exc:  # the database is away, or a bug: apologise, change nothing
                log.error("could not handle %s event: %s", type(event).__name__, type(exc).__name__)
                log.debug("details", exc_info=True)
                return [self._apology(event)]

    async def reminder_due(self, key: UserKey, now: datetime) -> list[Outgoing]:
        """Run the user's reminder if it is due (the dispatcher claimed it): in one transaction
        the reminder is queued, the day is recorded, and the next one is scheduled."""
        async with self._user_lock(key):
            return await self.store.apply(key, partial(self.dialog.reminder_due, now), now)

    async def unreachable(self, platform: str, user_id: str, now: datetime) -> None:
        """The platform says the user blocked the bot or closed their DMs: note it, so that
        reminders pause until the user writes again."""
        key = UserKey(platform, user_id)
        await self.store.apply(key, partial(self.dialog.mark_unreachable, now), now)

    async def delivered(self, sent: list[Outgoing]) -> None:
        await self.store.mark_sent([o.outbox_id for o in sent if o.outbox_id != UNSAVED])

    async def undelivered(
        self, platform: str, now: datetime, older_than_s: float = 30.0, user_id: str | None = None
    ) -> list[Outgoing]:
        """Replies that were committed but never marked sent, e.g. after a crash."""
        return await self.store.claim_unsent(platform, now, older_than_s, user_id)

    def _apology(self, event: Incoming) -> Outgoing:
        sender = event.sender
        texts = self.content.texts
        text = texts.get(texts.language_for(sender.locale), "errors.try_again")
        return Outgoing(UNSAVED, sender.platform, sender.user_id, sender.chat_id, Reply(text))

    @asynccontextmanager
    async def _user_lock(self, key: UserKey) -> AsyncIterator[None]:
        """One user's events are applied one at a time, in arrival order (asyncio locks are
        fair). Locks are dropped when nobody waits, so memory does not grow with users."""
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key]
                del self._locks[key]
