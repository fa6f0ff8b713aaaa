"""Load: 1,000 users writing at once through the real Telegram adapter and the fake Bot API:
every message is answered exactly once, and each user's answers come in order."""

from __future__ import annotations

import asyncio

import pytest

from bot.clock import SystemClock
from dialogs.engine import Engine
from tests.fake_telegram import FakeTelegram, telegram_bot

pytestmark = pytest.mark.slow
USERS = 1000


async def test_a_thousand_users_at_once_each_answered_once_in_order(engine: Engine) -> None:
    async with FakeTelegram() as fake, telegram_bot(engine, SystemClock(), fake, rate_per_s=2000.0):
        people = [fake.user(700_000 + i) for i in range(USERS)]
        for text in ("/start", "/help"):  # all first messages, then all second ones
            for person in people:
                fake.push(fake.message_update(person, text))
        for _ in range(1200):
            if sum(1 for c in fake.calls_to("sendMessage") if c.status == 200) >= 2 * USERS:
                break
            await asyncio.sleep(0.05)
        await asyncio.sleep(0.2)  # anything extra would show up now
    for person in people:
        texts = [m["text"] for m in fake.messages_to(person["id"])]
        assert len(texts) == 2, f"user {person['id']} got {len(texts)} answers"
        assert "not a doctor" in texts[0] and "Here is what I can do" in texts[1]
    assert fake.problems == []
