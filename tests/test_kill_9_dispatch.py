"""kill -9 of the real bot (`python -m bot run`, Telegram through the fake Bot API server) at
random points while it sends a morning's reminders (DISPATCH_KILLS, default 20; 50 for a long
run), restarting each time; then one recovery round, a few minutes later by an injected clock,
runs what the dead processes left: every user gets their reminder, the database holds exactly
one per user, and a second copy only ever follows a first one that was on the wire when the
process died."""

from __future__ import annotations

import asyncio
import os
import random
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from bot.delivery import deliver
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from storage.database import migrate, open_database
from storage.tables import history, outbox
from tests.conftest import FakeClock, opened_store, sqlite_url
from tests.fake_telegram import Call, FakeTelegram
from tests.process import ROOT
from tests.reminder_kit import RecordingSender, seed_due_reminders

pytestmark = pytest.mark.slow
KILLS = int(os.environ.get("DISPATCH_KILLS", "20"))
USERS = 10_000  # each run claims a batch of 200 and dies early in it: fresh work for every run
FIRST_ID = 500_000
ON_THE_WIRE = 1  # sent but maybe not yet marked: the dispatcher's last, and the sweep's


@dataclass
class Run:
    calls: list[Call]  # what the fake received from this process, in order


def midday_zone(now: datetime) -> str:
    """A fixed-offset zone where it is about noon, so quiet hours never hold a late one back."""
    offset = (12 - now.hour + 11) % 24 - 11
    return "Etc/GMT" if offset == 0 else f"Etc/GMT{-offset:+d}"


def reminder_chats(calls: list[Call]) -> list[int]:
    return [
        c.params["chat_id"]
        for c in calls
        if c.method == "sendMessage" and c.status == 200 and "rem.done." in str(c.params)
    ]


async def start_bot(fake: FakeTelegram, url: str, log: Path) -> asyncio.subprocess.Process:
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


async def wait_for(predicate, log: Path, within_s: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    for _ in range(int(within_s / 0.002)):
        if predicate():
            return
        await asyncio.sleep(0.002)
    tail = (await asyncio.to_thread(log.read_text))[-3000:]
    raise AssertionError(f"the bot never got there; its log:\n{tail}")


async def kill_during_dispatch(fake: FakeTelegram, url: str, rng: random.Random, log: Path) -> Run:
    # A token of its own for each process: a request of a killed one that reaches the fake
    # late is refused (401), never counted as the next process's send.
    fake.token = f"123456789:run-{rng.getrandbits(64):016x}-{len(fake.calls)}"
    first = len(fake.calls)
    bot = await start_bot(fake, url, log)
    await wait_for(lambda: any(c.method == "getUpdates" for c in fake.calls[first:]), log)
    sends = rng.choice([0, 0, 1, 2, 5, 10, 20, 40])  # 0: while claiming or committing
    await wait_for(lambda: len(reminder_chats(fake.calls[first:])) >= sends, log)
    await asyncio.sleep(rng.uniform(0, 0.02))
    bot.kill()
    assert await bot.wait() == -9
    await asyncio.sleep(0.05)  # a request already on the wire reaches the fake's list
    return Run(fake.calls[first:])


async def recover(url: str, content: Content, sender: RecordingSender, now: datetime) -> None:
    """What the next process would do once the dead ones' leases had lapsed."""
    async with opened_store(url) as store:
        engine = Engine(store, content)
        clock = FakeClock(now)
        dispatcher = Dispatcher(engine, {"telegram": sender}, clock)
        while await dispatcher.tick():
            pass
        while unsent := await engine.undelivered("telegram", clock.now()):
            await deliver(engine, sender, unsent, clock)


async def stored_rows(url: str) -> tuple[Counter[str], int]:
    database = open_database(url)
    async with database.connect() as conn:
        kinds = (await conn.execute(sa.select(history.c.user_id, history.c.kind))).all()
        unsent = (await conn.execute(sa.select(sa.func.count()).select_from(outbox))).scalar()
    await database.dispose()
    return Counter(user for user, kind in kinds if kind == "reminder"), int(unsent or 0)


def assert_duplicates_only_from_the_wire(runs: list[Run], recovered: list[int]) -> None:
    """Every copy but a user's last was among the final sends of a run that was killed."""
    copies: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)  # chat -> (run, rank)
    for number, run in enumerate(runs):
        chats = reminder_chats(run.calls)
        for rank, chat in enumerate(reversed(chats)):  # rank 0: the last this run sent
            copies[chat].append((number, rank))
    for chat in recovered:
        copies[chat].append((len(runs), 0))
    repeated = {chat: places for chat, places in copies.items() if len(places) > 1}
    for chat, places in repeated.items():
        for _run, rank in sorted(places)[:-1]:
            assert rank <= ON_THE_WIRE, f"chat {chat}: a second copy of a reminder marked sent"


async def test_kill_9_during_reminder_dispatch_loses_and_repeats_nothing(
    tmp_path: Path, content: Content
) -> None:
    rng = random.Random(20261124)
    url = sqlite_url(tmp_path)
    now = datetime.now(UTC)
    database = open_database(url)
    await migrate(database)
    chats = list(range(FIRST_ID, FIRST_ID + USERS))
    due = {str(chat): now - timedelta(minutes=1) for chat in chats}
    await seed_due_reminders(database, "telegram", due, midday_zone(now))
    await database.dispose()

    log = tmp_path / "bot.log"
    async with FakeTelegram() as fake:
        for chat in chats:
            fake.user(chat)
        runs = [await kill_during_dispatch(fake, url, rng, log) for _ in range(KILLS)]
    sender = RecordingSender(platform="telegram")
    await recover(url, content, sender, datetime.now(UTC) + timedelta(minutes=3))

    recovered = [int(o.chat_id) for _, o in sender.reminders()]
    received = {c for run in runs for c in reminder_chats(run.calls)} | set(recovered)
    assert received == set(chats), f"{len(set(chats) - received)} users never got a reminder"
    per_user, unsent = await stored_rows(url)
    assert set(per_user.values()) == {1} and len(per_user) == USERS, "one per user per day"
    assert unsent == 0, "nothing left in the outbox"
    assert_duplicates_only_from_the_wire(runs, recovered)
