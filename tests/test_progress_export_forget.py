"""/progress draws a chart from the history, /export gives everything kept, /forget removes
every row about the user from every table."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa

from bot.charts import MatplotlibCharts
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from storage.sql_store import SqlStore
from storage.tables import metadata
from tests.conftest import FakeClock
from tests.process import ROOT
from tests.reminder_kit import RecordingSender, travel, user_with_plan


def read_export(path: Path) -> tuple[int, dict]:  # type: ignore[type-arg]
    return stat.S_IMODE(path.stat().st_mode), json.loads(path.read_text(encoding="utf-8"))


def files_under(directory: Path) -> int:
    return sum(1 for p in directory.rglob("*") if p.is_file())


def first_bytes(path: Path) -> bytes:
    return path.read_bytes()[:8]


async def full_user(engine: Engine, clock: FakeClock) -> None:
    """A user with answers, a plan, a reminder, sessions done, pain scores and a red flag."""
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    for day in range(3):
        await travel(dispatcher, clock, clock.now() + timedelta(days=1), timedelta(hours=1))
        done = next(
            b.id for b in sender.reminders()[-1][1].reply.buttons if b.id.startswith("rem.done")
        )
        replies = await chat.press(done)
        await chat.press(replies[0].buttons[5 - day].id)  # pain 5, 4, 3
    await chat.send("I've had a fever since yesterday")
    await chat.press("hold.mistake")


async def test_export_holds_everything_kept_in_a_private_file(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 6, 0, tzinfo=UTC))
    engine = Engine(sqlite_store, content, files_dir=tmp_path)
    await full_user(engine, clock)
    from tests.chat import Chat

    replies = await Chat(engine, clock).send("/export")
    mode, exported = read_export(Path(replies[0].document or ""))
    assert mode == 0o600, "health data: readable by the bot's user only"
    assert exported["kept"]["answers"]["pain_now"] == "4"
    assert exported["kept"]["tz"] == "UTC"
    kinds = [h["kind"] for h in exported["history"]]
    assert kinds.count("done") == 3 and kinds.count("pain") == 3 and kinds.count("reminder") == 3
    assert exported["kept"]["flags"][0]["tier"] == "urgent"


async def test_progress_sends_a_chart_and_a_summary(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 6, 0, tzinfo=UTC))
    engine = Engine(sqlite_store, content, MatplotlibCharts(tmp_path), tmp_path)
    await full_user(engine, clock)
    from tests.chat import Chat

    replies = await Chat(engine, clock).send("/progress")
    assert "Pain: from 4/10 at the start to 3/10 now" in replies[0].text
    assert "3 of 7 days" in replies[0].text or "2 of 7 days" in replies[0].text
    assert first_bytes(Path(replies[0].image or "")) == b"\x89PNG\r\n\x1a\n"


async def test_forget_removes_every_row_in_every_table(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 6, 0, tzinfo=UTC))
    files = tmp_path / "files"
    engine = Engine(sqlite_store, content, MatplotlibCharts(files), files)
    await full_user(engine, clock)
    await user_with_plan(engine, clock, user_id="bob")
    from tests.chat import Chat

    await Chat(engine, clock).send("/export")
    await Chat(engine, clock).send("/progress")
    assert files_under(files) == 2

    alice = Chat(engine, clock)
    await alice.send("/forget")
    await alice.tap("Yes, delete everything")
    assert "everything I kept about you is deleted" in alice.text()
    async with sqlite_store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            if "user_id" not in table.c:
                continue
            rows = (await conn.execute(sa.select(table).where(table.c.user_id == "alice"))).all()
            assert rows == [], f"{table.name} still holds rows about the user"
        bob = (
            await conn.execute(
                sa.select(metadata.tables["users"]).where(
                    metadata.tables["users"].c.user_id == "bob"
                )
            )
        ).all()
    assert len(bob) == 1, "only the user who asked is forgotten"
    assert files_under(files) == 0, "their export and chart files are gone too"
    assert set(metadata.tables) >= {"users", "outbox", "reminders", "history"}


def test_start_up_does_not_import_matplotlib() -> None:
    probe = "import sys, bot.__main__, bot.app; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, timeout=30
    )
    assert result.stdout.strip() == "False", result.stderr
