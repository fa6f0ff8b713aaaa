"""Four simulated weeks: daily reminders answered with Done and a pain score, weekly check-ins
(one step up, one step back), and a /progress chart drawn from exactly what the user reported."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from bot.charts import MatplotlibCharts
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from dialogs.ports import UserKey
from dialogs.progress import ProgressSeries
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday: check-ins fall on Mondays


class RecordingCharts(MatplotlibCharts):
    drawn: list[ProgressSeries]

    async def progress_chart(self, series: ProgressSeries, name: str) -> str:
        self.drawn = [*getattr(self, "drawn", []), series]
        return await super().progress_chart(series, name)


async def answer_reminder(chat: Chat, sender: RecordingSender, pain: int) -> str:
    reminder = sender.reminders()[-1][1].reply
    done = next(b.id for b in reminder.buttons if b.id.startswith("rem.done."))
    await chat.press(done)
    await chat.press(f"rem.pain.{done.removeprefix('rem.done.')}:{pain}")
    return done.removeprefix("rem.done.")


async def check_in(chat: Chat, sender: RecordingSender, pain: int, walk: int) -> str:
    assert any(b.id == "ci.start" for _, o in sender.sent[-3:] for b in o.reply.buttons), [
        (at.isoformat(), o.reply.text[:60]) for at, o in sender.sent[-4:]
    ]
    await chat.press("ci.start")
    await chat.press(f"pain_now.{pain}")
    await chat.send(f"{walk} minutes")
    for _ in range(5):
        await chat.tap("No, none")
    return chat.text()


async def test_four_weeks_of_progress(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(START)
    charts = RecordingCharts(tmp_path)
    engine = Engine(sqlite_store, content, charts, tmp_path)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    for answer in ["no"] * 5 + [
        "6",
        "10",
        "back only",
        "neither",
        "over 12 weeks",
        "all day",
        "neither",
        "not sure",
    ]:
        await chat.send(answer)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    reported: list[tuple[str, int]] = [("2026-03-02", 6)]
    weekly_pain = {0: 5, 1: 4, 2: 6, 3: 5}  # week 3 rises by 2 over week 2: a step back
    reports = []
    for day in range(28):
        await travel(
            dispatcher, clock, START + timedelta(days=day, hours=2, minutes=5), timedelta(hours=1)
        )
        week = day // 7
        if day in (7, 14, 21):
            pain = {7: 4, 14: 4, 21: 6}[day]
            reports.append(await check_in(chat, sender, pain, walk=10 + 5 * week))
            reported.append(((START + timedelta(days=day)).date().isoformat(), pain))
        if week == 2 and day % 7 > 2:  # a lazy week: three sessions, then "Skip today"
            skip = next(
                b.id
                for b in sender.reminders()[-1][1].reply.buttons
                if b.id.startswith("rem.skip.")
            )
            await chat.press(skip)
            continue
        done_day = await answer_reminder(chat, sender, weekly_pain[week])
        reported.append((done_day, weekly_pain[week]))

    assert "stepping the plan up" in reports[0]
    assert "Pain: 6/10 in your first week, 4/10 now: 2 points lower" in reports[0]
    assert "Aim for at least 4 days" in reports[1] or "stepping the plan up" in reports[1]
    assert "stepping the plan back" in reports[2] and "doctor or physiotherapist" in reports[2]
    record = await engine.store.load(UserKey("console", "alice"))
    assert record is not None
    assert record.data["checkins"][0]["decision"] == "up"
    assert record.data["checkins"][-1]["decision"] == "back"
    assert len(record.data["past_plans"]) == 3, "every earlier plan is kept as it was"

    replies = await chat.send("/progress")
    image = Path(replies[0].image or "")
    assert image.suffix == ".png" and image_is_png(image)
    [series] = charts.drawn
    assert list(series.pain) == sorted(reported)
    assert [w for _, w in series.walk] == [10, 15, 20, 25]
    weeks = dict(series.done_per_week)
    assert weeks[date(2026, 3, 16).isoformat()] == 3


def image_is_png(path: Path) -> bool:
    return path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
