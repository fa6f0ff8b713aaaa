"""Weekly check-ins as the user reads them: the days counted, the pain compared with the first
week in each of its four wordings, the plan's doses stepping up to the top and back, and one
check-in a day. Written where mutation testing showed that a broken check-in still passed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel, user_with_plan

START = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)  # a Monday: check-ins fall on Mondays
ALICE = UserKey("console", "alice")


class Weeks:
    """A user with a plan (first-week pain 4/10, walking 20 min) and a reminder at 08:00 UTC
    that they answer with Done every day."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.clock = FakeClock(START)
        self.sender = RecordingSender(clock=self.clock)
        self.dispatcher = Dispatcher(engine, {"console": self.sender}, self.clock)
        self.chat: Chat

    async def begin(self) -> None:
        self.chat = await user_with_plan(self.engine, self.clock)
        await self.chat.send("/timezone UTC")
        await self.chat.send("/remind 08:00")

    async def reminder_of(self, day: int) -> None:
        until = START + timedelta(days=day, hours=2, minutes=5)
        await travel(self.dispatcher, self.clock, until, timedelta(hours=1))

    async def done(self) -> None:
        reminder = self.sender.reminders()[-1][1].reply
        done = next(b.id for b in reminder.buttons if b.id.startswith("rem.done."))
        await self.chat.press(done)

    async def days_done(self, first: int, last: int) -> None:
        for day in range(first, last + 1):
            await self.reminder_of(day)
            await self.done()

    async def check_in(self, pain: int, walk: int) -> str:
        await self.chat.send("/checkin")
        await self.chat.press(f"pain_now.{pain}")
        await self.chat.send(f"{walk} minutes")
        for _ in range(5):
            await self.chat.tap("No, none")
        return self.chat.text()

    async def first_dose(self) -> str:
        replies = await self.chat.send("/exercises")
        return replies[0].text.splitlines()[0]


async def test_good_weeks_step_the_doses_up_to_the_top(engine: Engine) -> None:
    weeks = Weeks(engine)
    await weeks.begin()
    assert await weeks.first_dose() == "1. Pelvic tilt – 2 sets of 10"
    await weeks.days_done(0, 6)
    doses, reports = [], []
    for week in (1, 2, 3, 4):
        await weeks.reminder_of(7 * week)
        reports.append(await weeks.check_in(pain=4, walk=25))
        doses.append(await weeks.first_dose())
        await weeks.done()
        if week < 4:
            await weeks.days_done(7 * week + 1, 7 * week + 6)
    assert doses == [
        "1. Pelvic tilt – 2 sets of 12",
        "1. Pelvic tilt – 2 sets of 14",
        "1. Pelvic tilt – 2 sets of 16",
        "1. Pelvic tilt – 2 sets of 16",
    ]
    for report in reports:
        assert "Pain: 4/10, the same as in your first week." in report
        assert "Walking before the pain starts: 20 min at the start, 25 min now." in report
        assert "You did your exercises on 6 of the last 7 days" in report
    assert all("stepping the plan up" in r for r in reports[:3])
    assert "Your plan is at its highest step, so it stays as it is" in reports[3]
    record = await engine.store.load(ALICE)
    assert record is not None
    assert [c["level"] for c in record.data["checkins"]] == [1, 2, 3, 3]
    assert [c["date"] for c in record.data["checkins"]] == [
        "2026-03-09",
        "2026-03-16",
        "2026-03-23",
        "2026-03-30",
    ]
    assert [p["until"] for p in record.data["past_plans"]] == [
        "2026-03-09",
        "2026-03-16",
        "2026-03-23",
        "2026-03-30",
    ]


async def test_a_pain_rise_steps_back_and_says_by_how_much(engine: Engine) -> None:
    weeks = Weeks(engine)
    await weeks.begin()
    await weeks.days_done(0, 6)
    await weeks.reminder_of(7)
    await weeks.check_in(pain=3, walk=20)  # a step up: level 1
    await weeks.done()
    await weeks.days_done(8, 13)
    await weeks.reminder_of(14)
    report = await weeks.check_in(pain=6, walk=15)
    assert "Pain: 4/10 in your first week, 6/10 now: 2 point(s) higher." in report
    assert "Your pain went up by 3 points since last time" in report
    assert await weeks.first_dose() == "1. Pelvic tilt – 2 sets of 10"


async def test_a_small_drop_is_called_small_and_too_few_days_keep_the_plan(
    engine: Engine,
) -> None:
    weeks = Weeks(engine)
    await weeks.begin()
    await weeks.days_done(0, 1)
    await weeks.reminder_of(7)
    report = await weeks.check_in(pain=3, walk=20)
    assert "Pain: 4/10 in your first week, 3/10 now: 1 point(s) lower. A small change" in report
    assert "Aim for at least 4 days this week" in report
    assert await weeks.first_dose() == "1. Pelvic tilt – 2 sets of 10"


async def test_a_check_in_done_before_the_reminder_is_not_offered_again_that_day(
    engine: Engine,
) -> None:
    weeks = Weeks(engine)
    await weeks.begin()
    await weeks.days_done(0, 6)
    await travel(weeks.dispatcher, weeks.clock, START + timedelta(days=7), timedelta(hours=1))
    await weeks.check_in(pain=4, walk=20)  # 06:00, before the 08:00 reminder
    await weeks.reminder_of(7)
    offered = [b.id for _, o in weeks.sender.sent[-3:] for b in o.reply.buttons]
    assert "ci.start" not in offered


async def test_a_second_check_in_on_one_day_is_kept_once_in_the_history(engine: Engine) -> None:
    weeks = Weeks(engine)
    await weeks.begin()
    await weeks.days_done(0, 6)
    await weeks.reminder_of(7)
    await weeks.check_in(pain=4, walk=20)
    await weeks.check_in(pain=2, walk=30)
    history = await engine.store.history(ALICE, "checkin")
    assert [(h["date"], h["value"]["pain"]) for h in history] == [("2026-03-09", 4)]
