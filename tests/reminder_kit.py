"""Helpers for reminder tests: a recording sender, a consented user with a plan, and time travel."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery import Unreachable
from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.messages import Outgoing
from storage.tables import reminders, users
from tests.chat import Chat
from tests.conftest import FakeClock


@dataclass
class RecordingSender:
    platform: str = "console"
    sent: list[tuple[datetime, Outgoing]] = field(default_factory=list)
    blocked: set[str] = field(default_factory=set)
    clock: FakeClock | None = None

    async def send(self, item: Outgoing) -> None:
        if item.user_id in self.blocked:
            raise Unreachable(item.user_id)
        self.sent.append((self.clock.now() if self.clock else datetime.min, item))

    def reminders(self, user_id: str | None = None) -> list[tuple[datetime, Outgoing]]:
        return [
            (at, o)
            for at, o in self.sent
            if any(b.id.startswith("rem.done.") for b in o.reply.buttons)
            and (user_id is None or o.user_id == user_id)
        ]

    def texts(self) -> list[str]:
        return [o.reply.text for _, o in self.sent]


async def user_with_plan(engine: Engine, clock: FakeClock, user_id: str = "alice") -> Chat:
    chat = Chat(engine, clock, user_id=user_id)
    await chat.press("start.begin")
    await chat.press("start.agree")
    for answer in ["no"] * 5 + [
        "40 to 64",
        "none of these",
        "none of these",
        "yes easily",
        "4",
        "20",
        "back only",
        "sitting",
        "2 months",
        "all day",
        "both",
        "sway",
    ]:
        await chat.send(answer)
    assert "Here is your plan" in chat.text()
    return chat


async def travel(
    dispatcher: Dispatcher, clock: FakeClock, until: datetime, step: timedelta
) -> None:
    """Move the clock forward in steps, letting the dispatcher run at each."""
    while clock.now() < until:
        clock.advance(seconds=step.total_seconds())
        await dispatcher.tick()


async def seed_due_reminders(
    database: AsyncEngine, platform: str, due: Mapping[str, datetime], tz: str = "UTC"
) -> None:
    """Users (by id) with a plan and a daily reminder next due at the given instant, in bulk."""
    plan = {"exercises": ["glute_bridge", "bird_dog"], "reasons": {}, "tips": []}
    plan |= {"contributors": [], "high_pain": False}
    user_rows, reminder_rows = [], []
    for user_id, at in due.items():
        reminder = {
            "time": at.astimezone(ZoneInfo(tz)).strftime("%H:%M"),
            "active": True,
            "next_due": at.isoformat(),
            "wake_at": at.isoformat(),
            "misses": 0,
            "answered": True,
        }
        user_rows.append(
            {
                "platform": platform,
                "user_id": user_id,
                "chat_id": user_id,
                "locale": "en",
                "state": "plan",
                "data": {"tz": tz, "plan": plan, "reminder": reminder},
                "seq": 1,
                "created_at": at,
                "updated_at": at,
            }
        )
        reminder_rows.append({"platform": platform, "user_id": user_id, "next_due": at})
    async with database.begin() as conn:
        await conn.execute(sa.insert(users), user_rows)
        await conn.execute(sa.insert(reminders), reminder_rows)


async def user_with_progress(engine: Engine, clock: FakeClock, user_id: str = "alice") -> Chat:
    """A user with a plan and a second pain score (a reminder done the same day), so that
    /progress has enough to draw."""
    chat = await user_with_plan(engine, clock, user_id)
    await chat.send("/timezone UTC")
    at = clock.now() + timedelta(minutes=2)
    await chat.send(f"/remind {at:%H:%M}")
    clock.advance(minutes=3)
    await Dispatcher(engine, {"console": RecordingSender(clock=clock)}, clock).tick()
    day = clock.now().date().isoformat()
    await chat.press(f"rem.done.{day}")
    await chat.press(f"rem.pain.{day}:3")
    return chat
