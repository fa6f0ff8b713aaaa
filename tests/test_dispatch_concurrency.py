"""Two dispatchers (each with its own engine and connection pool, as two processes would have)
share one database and 10,000 due reminders: every user gets exactly one."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa

from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from storage.tables import reminders, users
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender

pytestmark = pytest.mark.slow
USERS = 10_000
NOW = datetime(2026, 6, 1, 9, 1, tzinfo=UTC)


async def seed(url: str) -> None:
    database = open_database(url)
    await migrate(database)
    due = NOW - timedelta(minutes=1)
    data = {
        "tz": "UTC",
        "plan": {
            "exercises": ["glute_bridge", "bird_dog"],
            "reasons": {},
            "tips": [],
            "contributors": [],
            "high_pain": False,
        },
        "reminder": {
            "time": "09:00",
            "active": True,
            "next_due": due.isoformat(),
            "wake_at": due.isoformat(),
            "misses": 0,
            "answered": True,
        },
    }
    user_rows = [
        {
            "platform": "console",
            "user_id": f"u{i}",
            "chat_id": f"u{i}",
            "locale": "en",
            "state": "plan",
            "data": data,
            "seq": 1,
            "created_at": NOW,
            "updated_at": NOW,
        }
        for i in range(USERS)
    ]
    reminder_rows = [
        {"platform": "console", "user_id": f"u{i}", "next_due": due} for i in range(USERS)
    ]
    async with database.begin() as conn:
        await conn.execute(sa.insert(users), user_rows)
        await conn.execute(sa.insert(reminders), reminder_rows)
    await database.dispose()


async def run_dispatcher(url: str, content: Content, sender: RecordingSender) -> None:
    database = open_database(url)
    try:
        clock = FakeClock(NOW)
        dispatcher = Dispatcher(Engine(SqlStore(database), content), {"console": sender}, clock)
        while await dispatcher.tick():
            pass
    finally:
        await database.dispose()


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
