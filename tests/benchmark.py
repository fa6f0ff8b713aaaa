"""`make bench`: the figures of issue 8, measured in one run, printed as a table and, last,
as one JSON line. Real parts throughout: the engine on an SQLite file, the real Telegram
adapter against the fake Bot API server on 127.0.0.1, the real `python -m bot` for start-up."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import deque
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiosqlite
import asyncpg
import sqlalchemy as sa

from bot.app import freeze_startup_objects
from bot.clock import SystemClock
from bot.dispatcher import Dispatcher
from content.bundle import load_content
from dialogs.engine import Engine
from dialogs.messages import ButtonPress, Incoming, Sender, TextMessage
from dialogs.safety import net_of
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from storage.tables import reminders
from tests.conftest import reset_postgres
from tests.fake_telegram import Failure, FakeTelegram, telegram_bot
from tests.reminder_kit import seed_due_reminders

ROOT = Path(__file__).resolve().parent.parent
INTERVIEW = ["b:start.begin", "b:start.agree"] + ["t:no"] * 5
INTERVIEW += [
    "t:40 to 64",
    "t:none of these",
    "t:yes easily",
    "t:4",
    "t:20",
    "t:back only",
    "t:sitting",
    "t:2 months",
    "t:all day",
    "t:both",
    "t:sway",
]
DAILY = ["t:/timezone UTC", "t:/remind 08:00"] + [f"b:rem.done.2026-06-0{d}" for d in range(1, 6)]


def event(user: str, step: str, platform: str = "console") -> Incoming:
    kind, value = step.split(":", 1)
    sender = Sender(platform, user, user, "en")
    now = datetime.now(UTC)
    return ButtonPress(sender, now, value) if kind == "b" else TextMessage(sender, now, value)


async def new_engine(url: str) -> tuple[Engine, Any]:
    database = open_database(url)
    await migrate(database)
    engine = Engine(SqlStore(database), load_content())
    freeze_startup_objects()  # as the bot does once started
    return engine, database


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


async def bench_engine(url: str, users: int = 300) -> dict[str, float]:
    """Many users at once: whole interviews, then daily reminders set and sessions done."""
    engine, database = await new_engine(url)
    latencies: list[float] = []

    async def one_user(name: str) -> None:
        for step in INTERVIEW + DAILY:
            started = time.perf_counter()
            replies = await engine.handle(event(name, step))
            latencies.append(time.perf_counter() - started)  # the reply is durable: send it
            await engine.delivered(replies)  # marked sent after the send, off the reply's path

    started = time.perf_counter()
    await asyncio.gather(*(one_user(f"u{i}") for i in range(users)))
    elapsed = time.perf_counter() - started
    await database.dispose()
    return {
        "engine_msgs_per_s": len(latencies) / elapsed,
        "engine_p50_ms": percentile(latencies, 0.50) * 1000,
        "engine_p99_ms": percentile(latencies, 0.99) * 1000,
    }


async def bench_ceiling(folder: Path, commits: int = 3000) -> float:
    """Plain aiosqlite, one single-row upsert and commit at a time, same file settings."""
    async with aiosqlite.connect(folder / "ceiling.db") as db:
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        await db.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)")
        await db.commit()
        started = time.perf_counter()
        for i in range(commits):
            await db.execute(
                "INSERT INTO t VALUES (?, 1) ON CONFLICT(k) DO UPDATE SET v = v + 1",
                (f"k{i % 500}",),
            )
            await db.commit()
        return commits / (time.perf_counter() - started)


async def bench_pg_ceiling(url: str, commits: int = 3000) -> float:
    """Plain asyncpg, one single-row upsert committed at a time (autocommit)."""
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        await connection.execute("CREATE TABLE ceiling (k TEXT PRIMARY KEY, v INTEGER)")
        upsert = (
            "INSERT INTO ceiling VALUES ($1, 1) ON CONFLICT (k) DO UPDATE SET v = ceiling.v + 1"
        )
        started = time.perf_counter()
        for i in range(commits):
            await connection.execute(upsert, f"k{i % 500}")
        return commits / (time.perf_counter() - started)
    finally:
        await connection.close()


async def bench_steady(url: str, rate: float = 100.0, seconds: float = 6.0) -> float:
    """Open-loop arrivals at a steady rate, each from its own user: the p99 latency."""
    engine, database = await new_engine(url)
    latencies: list[float] = []

    async def one(i: int) -> None:
        started = time.perf_counter()
        replies = await engine.handle(event(f"s{i % 200}", "t:/help"))
        latencies.append(time.perf_counter() - started)
        await engine.delivered(replies)

    for i in range(200):  # the users exist already: a message reads and writes their row
        await engine.handle(event(f"s{i}", "b:start.agree"))
    tasks, start = [], time.perf_counter()
    for i in range(int(rate * seconds)):
        await asyncio.sleep(max(0.0, start + i / rate - time.perf_counter()))
        tasks.append(asyncio.create_task(one(i)))
    await asyncio.gather(*tasks)
    await database.dispose()
    return percentile(latencies, 0.99) * 1000


async def seed_reminders(
    url: str, count: int, platform: str, spread: timedelta, base: datetime
) -> None:
    """`count` users whose reminders fall due evenly over `spread` from `base`."""
    database = open_database(url)
    await migrate(database)
    due = {str(10_000 + i): base + spread * i / count for i in range(count)}
    await seed_due_reminders(database, platform, due)
    await database.dispose()


async def bench_claim(url: str, count: int = 100_000) -> tuple[float, int]:
    """100,000 reminders over a day: claiming one minute's worth, per 1,000 due."""
    base = datetime(2026, 6, 1, tzinfo=UTC)
    await seed_reminders(url, count, "telegram", timedelta(days=1), base)
    database = open_database(url)
    store = SqlStore(database)
    timings, due = [], 0
    for minute in range(60, 71):
        now = base + timedelta(minutes=minute)
        started = time.perf_counter()
        claimed = await store.claim_due_reminders(now, 10_000, 60, "telegram")
        if minute > 60:  # the first round clears the hour before it: not a steady minute
            timings.append(time.perf_counter() - started)
            due += len(claimed)
        await fire(database, [c.key.user_id for c in claimed], now + timedelta(days=1))
    await database.dispose()
    return sum(timings) * 1000 / max(due, 1) * 1000, due


async def fire(database: Any, user_ids: list[str], next_due: datetime) -> None:
    """What running the claimed reminders does to the index: the next one is tomorrow."""
    statement = sa.update(reminders).where(reminders.c.user_id.in_(user_ids))
    async with database.begin() as conn:
        await conn.execute(statement.values(next_due=next_due, claimed_until=None))


class RateLimitedFake(FakeTelegram):
    """Answers 429 like Telegram would when sends exceed `limit` in any one-second window."""

    limit: float = 25.0

    def _next_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        if method.startswith("send"):
            window = self.__dict__.setdefault("_window", deque())
            now = time.monotonic()
            while window and now - window[0] > 1.0:
                window.popleft()
            if len(window) >= self.limit + 1:  # Telegram tolerates short bursts; one extra
                self.__dict__["too_many"] = self.__dict__.get("too_many", 0) + 1
                return Failure(429, 1)
            window.append(now)
        return super()._next_failure(method, params)


async def bench_dispatch(folder: Path, limit: float = 25.0, count: int = 250) -> tuple[float, int]:
    url = f"sqlite+aiosqlite:///{folder}/dispatch.db"
    await seed_reminders(
        url, count, "telegram", timedelta(seconds=1), datetime.now(UTC) - timedelta(minutes=1)
    )
    engine, database = await new_engine(url)
    async with RateLimitedFake() as fake:
        fake.limit = limit
        for i in range(count):
            fake.user(10_000 + i)
        async with telegram_bot(engine, SystemClock(), fake, rate_per_s=limit) as adapter:
            dispatcher = Dispatcher(engine, {"telegram": adapter}, SystemClock(), batch=count)
            started = time.perf_counter()
            await dispatcher.tick()
            elapsed = time.perf_counter() - started
        sent = len([c for c in fake.calls_to("sendMessage") if c.status == 200])
        too_many = int(fake.__dict__.get("too_many", 0))
    await database.dispose()
    return sent / elapsed / limit, too_many


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


async def bench_memory(folder: Path) -> tuple[float, float]:
    engine, database = await new_engine(f"sqlite+aiosqlite:///{folder}/memory.db")

    async def chat(first: int, last: int) -> None:
        for start in range(first, last, 500):
            await asyncio.gather(
                *(
                    engine.handle(event(f"m{i}", "b:start.agree"))
                    for i in range(start, min(last, start + 500))
                )
            )

    await chat(0, 1000)
    after_1k = rss_mb()
    await chat(1000, 100_000)
    after_100k = rss_mb()
    await database.dispose()
    return after_1k, after_100k


def bench_startup(folder: Path) -> float:
    """From `python -m bot chat --json` to its first answer, no network, database migrated."""
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    command = [
        sys.executable,
        "-m",
        "bot",
        "chat",
        "--json",
        "--db",
        f"sqlite+aiosqlite:///{folder}/startup.db",
    ]
    subprocess.run(
        command,
        input='{"text": "/help"}\n',
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env
        )
        assert process.stdin and process.stdout
        process.stdin.write('{"text": "/help"}\n')
        process.stdin.flush()
        process.stdout.readline()
        timings.append(time.perf_counter() - started)
        process.communicate()
    return min(timings)


def bench_safety_net(rounds: int = 500) -> tuple[float, float]:
    """The red-flag net's cost: ms per typical message, and ms for a 100 kB paste."""
    net = net_of(load_content().redflags)
    typical = "walked 20 mins today, back ached a bit near the end but sitting eases it"
    started = time.perf_counter()
    for _ in range(rounds):
        net.check(typical)
    per_check = (time.perf_counter() - started) / rounds * 1e3
    huge = ("my back aches after walking, sitting eases it. " * 2200)[:100_000]
    started = time.perf_counter()
    net.check(huge)
    return per_check, (time.perf_counter() - started) * 1e3


async def bench_database(
    label: str, url: Callable[[str], Awaitable[str]], ceiling: Callable[[], Awaitable[float]]
) -> dict[str, float]:
    """The figures that depend on the database, each on a fresh one from `url(name)`."""
    figures = await bench_engine(await url("engine"))
    figures["ceiling_commits_per_s"] = await ceiling()
    figures["engine_vs_ceiling"] = figures["engine_msgs_per_s"] / figures["ceiling_commits_per_s"]
    figures["p99_ms_at_100_per_s"] = await bench_steady(await url("steady"))
    figures["claim_ms_per_1000_due"], due = await bench_claim(await url("claim"))
    print(f"{label}: {due} reminders due in the 10 timed minutes, of 100,000 spread over a day")
    return figures


async def bench_postgres(url: str) -> dict[str, float]:
    async def fresh(_name: str) -> str:
        await reset_postgres(url)
        return url

    async def ceiling() -> float:
        return await bench_pg_ceiling(await fresh("ceiling"))

    figures = await bench_database("PostgreSQL", fresh, ceiling)
    await reset_postgres(url)
    return {f"pg_{name}": value for name, value in figures.items()}


async def main() -> None:
    with tempfile.TemporaryDirectory(
        dir=ROOT / "data" if (ROOT / "data").is_dir() else None
    ) as tmp:
        folder = Path(tmp)

        async def sqlite(name: str) -> str:
            return f"sqlite+aiosqlite:///{folder}/{name}.db"

        figures = await bench_database("SQLite", sqlite, lambda: bench_ceiling(folder))
        figures["dispatch_rate_vs_limit"], figures["dispatch_429s"] = await bench_dispatch(folder)
        figures["rss_mb_1k_users"], figures["rss_mb_100k_users"] = await bench_memory(folder)
        figures["startup_s"] = bench_startup(folder)
        figures["net_ms_per_message"], figures["net_ms_per_100kb"] = bench_safety_net()
        if pg_url := os.environ.get("TEST_DATABASE_URL"):
            figures |= await bench_postgres(pg_url)
    print(f"{'figure':28} value")
    for name, value in figures.items():
        print(f"{name:28} {value:,.3f}")
    print(json.dumps({k: round(v, 3) for k, v in figures.items()}))


if __name__ == "__main__":
    asyncio.run(main())
