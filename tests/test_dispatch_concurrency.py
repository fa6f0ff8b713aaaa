"""Two dispatchers (each with its own engine and connection pool, as two processes would have)
share one database and 10,000 due reminders: every user gets exactly one."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from storage.database import migrate, open_database
from tests.conftest import FakeClock, opened_store
from tests.reminder_kit import RecordingSender, seed_due_reminders

pytestmark = pytest.mark.slow
USERS = 10_000
NOW = datetime(2026, 6, 1, 9, 1, tzinfo=UTC)


async def seed(url: str) -> None:
    database = open_database(url)
    await migrate(database)
    due = NOW - timedelta(minutes=1)
    await seed_due_reminders(database, "console", {f"u{i}": due for i in range(USERS)})
    await database.dispose()


async def run_dispatcher(url: str, content: Content, sender: RecordingSender) -> None:
    async with opened_store(url) as store:
        dispatcher = Dispatcher(Engine(store, content), {"console": sender}, FakeClock(NOW))
        while await dispatcher.tick():
            pass


async def test_two_dispatchers_send_each_reminder_exactly_once(
    database_url: str, content: Content
) -> None:
    await seed(database_url)
    senders = [RecordingSender(), RecordingSender()]
    await asyncio.gather(*(run_dispatcher(database_url, content, s) for s in senders))
    per_user = Counter(o.user_id for s in senders for _, o in s.reminders())
    assert len(per_user) == USERS, f"{USERS - len(per_user)} users got no reminder"
    assert max(per_user.values()) == 1, "a reminder was sent twice"
    assert all(s.reminders() for s in senders), "both dispatchers shared the work"
