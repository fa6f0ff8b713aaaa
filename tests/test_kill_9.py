"""kill -9 of the real bot at 50 random points during interviews, restarting each time: every
answer the bot acknowledged is still there, the state is exactly what the answers lead to, and
nobody is left stuck."""

from __future__ import annotations

import asyncio
import random
import time
from pathlib import Path
from typing import Any

import pytest

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.ports import UserKey
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock, load_user, sqlite_url

pytestmark = pytest.mark.slow
KILLS = 50
ONE_INTERVIEW = (
    [{"button": f"{q}.no"} for q in ("saddle_bladder", "both_legs_accident", "unwell_history",
                                     "constant_or_injury", "worsening_leg")]
    + [{"button": "age_band.65_to_74"}, {"button": "care.none"}, {"button": "floor.hard"}]
    + [{"button": "pain_now.6"}, {"button": "walk_minutes.10"}, {"button": "where.calf"},
       {"button": "eases.sitting"}, {"button": "duration.over_12_weeks"},
       {"button": "sitting_hours.over_8"}, {"button": "tightness.both"}, {"button": "gait.sway"},
       {"text": "/interview"}]
)  # fmt: skip


def messages(count: int) -> list[dict[str, str]]:
    return [ONE_INTERVIEW[i % len(ONE_INTERVIEW)] for i in range(count)]


async def expected_states(content: Content, folder: Path, count: int) -> list[tuple[str, Any]]:
    """The state and answers after each number of messages, from a clean run without crashes."""
    database = open_database(sqlite_url(folder))
    await migrate(database)
    engine = Engine(SqlStore(database), content)
    chat = Chat(engine, FakeClock(), user_id="kim")
    await chat.press("start.begin")
    await chat.press("start.agree")
    states = []
    for message in messages(count):
        record = await engine.store.load(UserKey("console", "kim"))
        assert record is not None
        states.append((record.state, record.data.get("answers")))
        await (chat.press(message["button"]) if "button" in message else chat.send(message["text"]))
    await database.dispose()
    return states


def asks(message: dict[str, Any], state: str) -> bool:
    """Whether a printed reply is the one that asks what `state` asks."""
    if state == "plan":
        return "Here is your plan" in message["text"]
    question = state.split("_", 1)[1]
    return any(b["id"].startswith(f"{question}.") for b in message["buttons"])


def test_kill_9_at_random_points_loses_no_acknowledged_answer(
    tmp_path: Path, content: Content, bot_process: Any
) -> None:
    rng = random.Random(20261124)
    expected = asyncio.run(expected_states(content, tmp_path / "clean", 4 * KILLS + 10))
    url = sqlite_url(tmp_path)
    bot = bot_process(url, user="kim")
    for message in ({"button": "start.begin"}, {"button": "start.agree"}):
        bot.send(**message)
        bot.read()
    bot.kill()
    applied = 0  # messages after consent that the database holds
    for _ in range(KILLS):
        bot = bot_process(url, user="kim")
        for _ in range(rng.randint(0, 3)):  # acknowledged: a reply means it was committed
            bot.send(**messages(applied + 1)[applied])
            next_state = expected[applied + 1][0]
            bot.read_until(lambda m, s=next_state: asks(m, s))  # not an old reply resent
            applied += 1
        bot.send(**messages(applied + 1)[applied])  # in flight when the kill comes
        time.sleep(rng.uniform(0, 0.02))
        bot.kill()
        record = asyncio.run(load_user(url, "kim"))
        assert record is not None
        in_flight_applied = record.seq - 1 - applied
        assert in_flight_applied in (0, 1), "an acknowledged answer was lost, or one applied twice"
        applied += in_flight_applied
        assert (record.state, record.data.get("answers")) == expected[applied]
    bot = bot_process(url, user="kim")
    bot.send(text="/start")
    # A reply committed but not printed before the last kill is printed first, on restart.
    bot.read_until(lambda m: "Welcome back" in m["text"])
    current = bot.read_until(lambda m: m["buttons"] or "Here is your plan" in m["text"])[-1]
    assert asks(current, expected[applied][0]), "nobody is left stuck"
    bot.close()
