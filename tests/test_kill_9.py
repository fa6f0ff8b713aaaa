"""kill -9 of the real bot at random points during interviews, restarting each time: every
answer the bot acknowledged is still there, the state is exactly what the answers lead to, and
nobody is left stuck. On Telegram (`python -m bot run` polling the fake Bot API) the kills come
just after an answer is fetched: an update Telegram was told it may forget (the next offset) is
already committed. KILL_POINTS sets how many kills (default 50), KILL_ROUNDS how many Telegram
kills (default 8)."""

from __future__ import annotations

import asyncio
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.ports import UserKey, UserRecord
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock, load_user, sqlite_url
from tests.fake_telegram import FakeTelegram
from tests.process import ROOT

pytestmark = pytest.mark.slow
KILLS = int(os.environ.get("KILL_POINTS", "50"))
TELEGRAM_KILLS = int(os.environ.get("KILL_ROUNDS", "8"))
TELEGRAM_USER = 4242
KILL_WINDOW_S = 0.12  # after the fake hands an answer out; a commit takes 20-60 ms
ONE_INTERVIEW = (
    [{"button": f"{q}.no"} for q in ("saddle_bladder", "both_legs_accident", "unwell_history",
                                     "constant_or_injury", "worsening_leg")]
    + [{"button": "age_band.65_to_74"}, {"button": "background.none"}, {"button": "care.none"}]
    + [{"button": "floor.hard"}]
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


def answers(message: dict[str, Any], state: str, url: str, count: int) -> bool:
    """Whether a printed reply is the answer to message number `count`: it asks what `state`
    asks and was printed once that message had committed. The same question asked before the
    commit is an older reply sent again: a reply left unmarked by a kill is resent by the
    outbox sweep once it is 30 s old, and the interview asks each question again every 18
    messages."""
    if not asks(message, state):
        return False
    record = asyncio.run(load_user(url, "kim"))
    return record is not None and record.seq - 1 >= count


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
            bot.read_until(lambda m, n=applied + 1: answers(m, expected[n][0], url, n))
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


async def start_telegram_bot(fake: FakeTelegram, url: str, log: Path) -> asyncio.subprocess.Process:
    # A token of its own for each process: a late request of a killed one is refused (401).
    fake.token = f"123456789:kill-{len(fake.calls):06d}"
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    env |= {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_BASE_URL": fake.base_url,
        "TELEGRAM_RATE_PER_S": "1000",
        "DATABASE_URL": url,
    }
    with log.open("a") as stderr:
        return await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "bot", "run"),
            cwd=ROOT,
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=stderr,
        )


class TelegramUser:
    """One user pressing answer buttons through the fake, as update after update."""

    def __init__(self, fake: FakeTelegram) -> None:
        self.fake = fake
        self.user = fake.user(TELEGRAM_USER)

    def push(self, message: dict[str, str]) -> int:
        if "text" in message:
            return self.fake.push(self.fake.message_update(self.user, message["text"]))
        latest = self.fake.messages_to(TELEGRAM_USER)[-1]
        on_screen = self.fake.message(TELEGRAM_USER, latest["message_id"])
        return self.fake.push(self.fake.press_update(self.user, on_screen, message["button"]))

    async def answered(self, mark: int, state: str, url: str, count: int) -> None:
        """Wait for a reply (after call number `mark`) that asks what `state` asks, sent once
        answer number `count` had committed (the same question before that is a resent one)."""
        while True:
            await self.shown(mark, lambda m: asks(m, state))
            record = await telegram_record(url)
            if record is not None and record.seq - 1 >= count:
                return
            mark = len(self.fake.calls)

    async def shown(self, mark: int, predicate: Any, within_s: float = 30.0) -> None:
        for _ in range(int(within_s / 0.005)):
            if any(predicate(as_console(m)) for m in self.fake.messages_to(TELEGRAM_USER, mark)):
                return
            await asyncio.sleep(0.005)
        raise AssertionError("the expected reply never came")


def as_console(message: dict[str, Any]) -> dict[str, Any]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    buttons = [{"id": b.get("callback_data", "")} for row in rows for b in row]
    return {"text": message.get("text", ""), "buttons": buttons}


async def telegram_record(url: str) -> UserRecord | None:
    database = open_database(url)
    try:
        return await SqlStore(database).load(UserKey("telegram", str(TELEGRAM_USER)))
    finally:
        await database.dispose()


def state_of(record: UserRecord | None) -> tuple[str, Any]:
    assert record is not None
    return record.state, record.data.get("answers")


async def test_kill_9_on_telegram_just_after_a_fetch_loses_no_acknowledged_answer(
    tmp_path: Path, content: Content
) -> None:
    rng = random.Random(20261125)
    expected = await expected_states(content, tmp_path / "clean", 3 * TELEGRAM_KILLS + 10)
    url, log = sqlite_url(tmp_path), tmp_path / "bot.log"
    lost = 0
    async with FakeTelegram() as fake:
        user = TelegramUser(fake)
        bot = await start_telegram_bot(fake, url, log)
        for message, next_button in (
            ({"text": "/start"}, "start.begin"),
            ({"button": "start.begin"}, "start.agree"),
            ({"button": "start.agree"}, "saddle_bladder.no"),
        ):
            mark = len(fake.calls)
            user.push(message)
            await user.shown(mark, lambda m, b=next_button: b in [x["id"] for x in m["buttons"]])
        bot.kill()
        await bot.wait()
        applied = 0  # answers after consent that the database holds
        in_flight: int | None = None
        for _ in range(TELEGRAM_KILLS):
            bot = await start_telegram_bot(fake, url, log)
            if in_flight is not None:  # not acknowledged before the kill: fetched again now
                await fake.confirmed(within_s=30)
                applied += 1
            for _ in range(rng.randint(0, 2)):
                mark = len(fake.calls)
                user.push(messages(applied + 1)[applied])
                await user.answered(mark, expected[applied + 1][0], url, applied + 1)
                applied += 1
            in_flight = user.push(messages(applied + 1)[applied])
            await fake.handed(in_flight)
            if rng.random() < 0.5:  # at once when Telegram is told it may forget the answer
                await fake.acknowledged(in_flight)
                await asyncio.sleep(rng.uniform(0, 0.005))
            else:
                await asyncio.sleep(rng.uniform(0, KILL_WINDOW_S))
            bot.kill()
            assert await bot.wait() == -9
            await asyncio.sleep(0.05)  # a request already on the wire reaches the fake
            now = state_of(await telegram_record(url))
            if fake.acknowledged_below > in_flight:
                if now != expected[applied + 1]:
                    lost += 1
                    in_flight = user.push(messages(applied + 1)[applied])  # the user repeats it
                else:
                    applied, in_flight = applied + 1, None
            else:
                assert now in (expected[applied], expected[applied + 1]), "a wrong state"
        bot = await start_telegram_bot(fake, url, log)
        if in_flight is not None:
            await fake.confirmed(within_s=30)
            applied += 1
        assert state_of(await telegram_record(url)) == expected[applied]
        bot.kill()
        await bot.wait()
    assert lost == 0, f"{lost} of {TELEGRAM_KILLS} kills lost an acknowledged answer"
    errors = [line for line in log.read_text().splitlines() if " ERROR " in line]
    assert errors == [], errors
