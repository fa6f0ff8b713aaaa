"""Two bot processes on one database: one user's messages are all applied, none lost."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.ports import UserKey
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock

pytestmark = pytest.mark.slow
MESSAGES_EACH = 120


async def consent(url: str, content: Content, user: str) -> None:
    database = open_database(url)
    await migrate(database)
    chat = Chat(Engine(SqlStore(database), content), FakeClock(), user_id=user)
    for press in ("start.begin", "start.agree"):
        await chat.press(press)
    await database.dispose()


async def seq_of(url: str, user: str) -> int:
    database = open_database(url)
    record = await SqlStore(database).load(UserKey("console", user))
    await database.dispose()
    assert record is not None
    return record.seq


def test_two_processes_on_one_database_lose_no_update(
    database_url: str, content: Content, bot_process: Any
) -> None:
    asyncio.run(consent(database_url, content, "shared"))
    bots = [bot_process(database_url, user="shared") for _ in range(2)]
    for bot in bots:
        for _ in range(MESSAGES_EACH):
            bot.send(text="/help")
    outputs: dict[int, str] = {}

    def finish(index: int) -> None:
        outputs[index] = bots[index].close(timeout=120)

    threads = [threading.Thread(target=finish, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for index, bot in enumerate(bots):
        assert bot.proc.returncode == 0
        assert outputs[index].count('"text": "Here is what I can do') == MESSAGES_EACH
    assert asyncio.run(seq_of(database_url, "shared")) == 1 + 2 * MESSAGES_EACH


async def test_one_users_messages_are_applied_in_arrival_order(engine: Engine) -> None:
    chat = Chat(engine, FakeClock(), user_id="olga")
    await chat.press("start.begin")
    await chat.press("start.agree")
    answers = ["no"] * 5 + ["40 to 64", "none", "none", "yes easily"]
    answers += ["7", "20", "calf", "sitting", "2 months", "all day", "both", "sway"]
    await asyncio.gather(*(chat.send(a) for a in answers))
    record = await engine.store.load(UserKey("console", "olga"))
    assert record is not None and record.state == "plan"
    assert record.data["answers"]["pain_now"] == "7"
    assert record.data["answers"]["walk_minutes"] == "20"
    assert record.data["answers"]["gait"] == "sway"
