"""Four simulated weeks of walking on an injected clock: daily reminders that carry the day's
walk, walks timed from the reminder's Start button with the bout prompts coming through the
dispatcher, good weeks and a flare; the prescription and its one-line explanations follow the
rules. And a walking time that falls two weeks running brings the soon advice, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.charts import MatplotlibCharts
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from dialogs.messages import Alert
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel
from tests.walk_kit import first_bytes, pdf_pages, walk_data, walker, walks_stored

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday
STEP = timedelta(seconds=30)

# Per day of each week: None for a rest day, else (minutes walked, pain after, score, stop).
GOOD = [(35, None, 2, False)] * 5 + [None, None]
FLARE = [(30, None, 3, False), (12, None, 7, True), (20, None, 7, False), None, None, None, None]
MIXED = [(30, None, 7, False), (30, None, 3, False), (30, None, 3, False), None]
MIXED += [(30, None, 3, False), None, None]
WEEKS = [GOOD, GOOD, FLARE, MIXED]


class Walker:
    def __init__(self, chat: Chat, clock: FakeClock, sender: RecordingSender, dispatch: Dispatcher):
        self.chat, self.clock, self.sender, self.dispatch = chat, clock, sender, dispatch
        self.walk_lines: list[str] = []

    async def morning(self, day: int) -> None:
        """The day's reminder, answered: Done and a pain score; its walk line kept."""
        await travel(
            self.dispatch, self.clock, START + timedelta(days=day, hours=2, minutes=5), STEP * 120
        )
        reminder = self.sender.reminders()[-1][1].reply
        done = next(b.id for b in reminder.buttons if b.id.startswith("rem.done."))
        await self.chat.press(done)
        await self.chat.press(f"rem.pain.{done.removeprefix('rem.done.')}:3")
        walk = next(o.reply for _, o in reversed(self.sender.sent) if o.reply.text.startswith("🚶"))
        assert [b.id for b in walk.buttons] == ["walk.start"]
        self.walk_lines.append(walk.text)

    async def walk(self, minutes: int, pain_after: int | None, score: int, stop: bool) -> int:
        """A walk started from the reminder; returns how many prompts came during it."""
        before = len(self.sender.sent)
        await self.chat.press("walk.start")
        started = self.clock.now()
        if pain_after is not None:
            await travel(self.dispatch, self.clock, started + timedelta(minutes=pain_after), STEP)
            await self.chat.press("walk.pain")
        await travel(self.dispatch, self.clock, started + timedelta(minutes=minutes), STEP)
        await self.chat.press("walk.stop" if stop else "walk.end")
        await self.chat.press(f"walk.score.{score}")
        assert "Saved" in self.chat.text()
        return len(self.sender.sent) - before


async def test_four_weeks_of_walking_follow_the_rules_and_say_why(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(START)
    engine = Engine(sqlite_store, content, MatplotlibCharts(tmp_path), tmp_path)
    sender = RecordingSender(clock=clock)
    dispatch = Dispatcher(engine, {"console": sender}, clock)
    chat = await walker(engine, clock)
    await chat.send("/remind 08:00")
    days = Walker(chat, clock, sender, dispatch)
    prompts_per_walk = []
    for week, plan in enumerate(WEEKS):
        for weekday, walk in enumerate(plan):
            await days.morning(7 * week + weekday)
            if walk is not None:
                prompts_per_walk.append(await days.walk(*walk))
    await days.morning(28)

    lines = days.walk_lines
    assert lines[0].startswith("🚶 Today's walk: 4 × 7 min")
    assert "This week" not in lines[0] and "This week" not in lines[1]
    assert lines[7].startswith("🚶 Today's walk: 4 × 8 min") and (
        "This week: bouts go up from 7 to 8 minutes, because your 5 walks this week stayed "
        "within what's fine." in lines[7]
    )
    assert "This week" not in lines[8], "a change is explained once"
    assert lines[14].startswith("🚶 Today's walk: 3 × 9 min") and "from 8 to 9 minutes" in lines[14]
    assert lines[21].startswith("🚶 Today's walk: 4 × 7 min")
    assert "bouts go down from 9 to 7 minutes, because this week's walks were too much" in lines[21]
    assert (
        "bouts stay at 7 minutes, because this week was mixed: the pain went above 6/10"
        in (lines[28])
    )
    assert prompts_per_walk[:5] == [7] * 5, "4 bouts of 7 and 3 rests: all 7 within 35 min"
    assert prompts_per_walk[5:10] == [6] * 5, "4 of 8: the last prompt is at 38 min"
    assert prompts_per_walk[10] == 4, "3 of 9 in 30 min: 9, 11, 20 and 22 min"

    weeks = (await walk_data(engine))["weeks"]
    assert [(w["decision"], w["reason"], w["after"]) for w in weeks] == [
        ("up", "good", 8),
        ("up", "good", 9),
        ("back", "flare", 7),
        ("hold", "mixed", 7),
    ]
    stored = await walks_stored(engine)
    assert len(stored) == 5 + 5 + 3 + 4
    assert [w["value"]["stopped"] for w in stored].count(True) == 1

    progress = (await chat.send("/progress"))[0]
    # four walks of 30 minutes, each with three rests of 2 minutes: 4 x 24 minutes of walking
    assert "Walking in the week of 2026-03-23: 96 min, on 4 days." in progress.text
    assert first_bytes(progress.image, 4) == b"\x89PNG"
    report = (await chat.send("/report"))[0]
    assert first_bytes(report.document, 5) == b"%PDF-" and pdf_pages(report.document) == 1


async def test_a_walking_time_falling_two_weeks_running_brings_the_soon_advice_once(
    engine: Engine,
) -> None:
    clock = FakeClock(START)
    chat = await walker(engine, clock)
    for week, onset in enumerate((12, 10, 8)):
        for day in (0, 2, 4):
            go(clock, START + timedelta(days=7 * week + day, hours=4))
            await chat.send(f"walked 20 min, pain after {onset}, 3/10")
            assert "Saved" in chat.text()
    go(clock, START + timedelta(days=21, hours=4))
    replies = await chat.send("/walk")
    advice = [r for r in replies if r.alert is Alert.SOON]
    assert len(advice) == 1 and "falling week after week (12 → 8 min)" in advice[0].text
    assert "bouts are 6 minutes now (they were 8)" in replies[-1].text
    again = await chat.send("/walk")
    assert not [r for r in again if r.alert is Alert.SOON], "said once"
    weeks = (await walk_data(engine))["weeks"]
    assert [w["reason"] for w in weeks] == ["good", "falling", "capped"] and weeks[-1]["worse"]


def go(clock: FakeClock, when: datetime) -> None:
    clock.advance(seconds=(when - clock.now()).total_seconds())
