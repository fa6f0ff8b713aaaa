"""Daily reminders through the engine and the real dispatcher, on a real SQLite file, with the
clock injected: days, daylight-saving changes and downtime pass without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.delivery import deliver
from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel, user_with_plan

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
TEN_MIN = timedelta(minutes=10)


def setup(engine: Engine, clock: FakeClock) -> tuple[RecordingSender, Dispatcher]:
    sender = RecordingSender(clock=clock)
    return sender, Dispatcher(engine, {"console": sender}, clock)


def local_times(sent: list[tuple[datetime, object]], tz: ZoneInfo) -> list[str]:
    return [at.astimezone(tz).strftime("%m-%d %H:%M") for at, _ in sent]


async def test_daily_reminder_keeps_local_time_through_spring_forward(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 3, 27, 12, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone Berlin")
    await chat.send("/remind 02:30")  # does not exist on 29 March: fires at 03:00
    await travel(dispatcher, clock, datetime(2026, 3, 30, 12, 0, tzinfo=UTC), TEN_MIN)
    assert local_times(sender.reminders(), BERLIN) == [
        "03-28 02:30",
        "03-29 03:00",
        "03-30 02:30",
    ]


async def test_fall_back_fires_once_in_new_york(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 10, 30, 12, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone new york")
    await chat.send("/remind 1:30")  # 01:30 happens twice on 1 November
    await travel(dispatcher, clock, datetime(2026, 11, 2, 12, 0, tzinfo=UTC), TEN_MIN)
    assert local_times(sender.reminders(), NEW_YORK) == [
        "10-31 01:30",
        "11-01 01:30",
        "11-02 01:30",
    ]


async def test_the_reminder_names_the_plan_and_has_every_button(
    engine: Engine, clock: FakeClock
) -> None:
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:30")
    await travel(dispatcher, clock, clock.now() + timedelta(hours=1), TEN_MIN)
    [(_, reminder)] = sender.reminders()
    assert "Knee to chest" in reminder.reply.text  # eased by sitting: flexion-friendly
    labels = [b.label for b in reminder.reply.buttons]
    assert labels == [
        "✅ Done",
        "▶️ Start session",
        "⏰ 15 min",
        "⏰ 1 hour",
        "🌙 This evening",
        "Skip today",
        "🔕 Stop reminders",
    ]


async def test_done_records_the_session_asks_pain_and_counts_the_streak(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone Europe/Berlin")
    await chat.send("/remind 08:00")
    for day in range(3):
        await travel(dispatcher, clock, datetime(2026, 3, 2 + day, 8, 0, tzinfo=UTC), TEN_MIN)
        done = next(
            b.id for b in sender.reminders()[-1][1].reply.buttons if b.id.startswith("rem.done")
        )
        replies = await chat.press(done)
        assert f"{day + 1} day{'s' if day else ''} in a row" in replies[0].text
        assert [b.label for b in replies[0].buttons] == [str(n) for n in range(11)]
        await chat.press(replies[0].buttons[3].id)
        assert "3/10" in chat.text()
    again = await chat.press(done)
    assert "Already recorded" in again[0].text
    history = await engine.store.history(UserKey("console", "alice"))
    assert [h["kind"] for h in history].count("done") == 3
    assert [h["value"] for h in history if h["kind"] == "pain"] == [{"score": 3}] * 3


async def test_changing_the_zone_moves_the_reminder(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 3, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone Berlin")
    await chat.send("/remind 07:00")
    await chat.send("/timezone New York")  # before it fired: 07:00 New York time instead
    await travel(dispatcher, clock, datetime(2026, 6, 2, 3, 0, tzinfo=UTC), TEN_MIN)
    assert local_times(sender.reminders(), NEW_YORK) == ["06-01 07:00"]


async def test_a_time_change_the_same_day_never_sends_twice_that_day(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await travel(dispatcher, clock, datetime(2026, 6, 1, 9, 0, tzinfo=UTC), TEN_MIN)
    await chat.send("/remind 18:00")  # already reminded today: the new time starts tomorrow
    await travel(dispatcher, clock, datetime(2026, 6, 2, 19, 0, tzinfo=UTC), TEN_MIN)
    assert local_times(sender.reminders(), ZoneInfo("UTC")) == ["06-01 06:00", "06-02 18:00"]


async def test_late_reminders_apologise_and_very_late_ones_are_skipped(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:00")
    clock.advance(hours=4, minutes=40)  # the bot was down at 09:00; back at 09:40
    await dispatcher.tick()
    reminder = sender.texts().index(sender.reminders()[0][1].reply.text)
    assert "Sorry, this reminder is late" in sender.texts()[reminder - 1]
    clock.advance(days=3)  # down for three days; back at 09:40 + 3 days... then 12:40
    clock.advance(hours=3)
    await dispatcher.tick()
    assert len(sender.reminders()) == 1, "no burst of old reminders, and not 3 h late"
    await travel(dispatcher, clock, clock.now() + timedelta(days=1), TEN_MIN)
    assert len(sender.reminders()) == 2


async def test_after_a_long_outage_the_reminder_due_just_now_still_comes(
    engine: Engine,
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:00")
    clock.advance(days=1, hours=4, seconds=15)  # down from before 09:00 until 09:00:15 next day
    await dispatcher.tick()
    assert local_times(sender.reminders(), ZoneInfo("UTC")) == ["06-02 09:00"]
    assert "late" not in sender.texts()[-1]


async def test_a_crash_after_claiming_or_after_committing_loses_nothing(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 8, 55, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:00")
    clock.advance(minutes=6)
    claimed = await engine.store.claim_due_reminders(clock.now(), 10, 60, "console")
    assert len(claimed) == 1  # ...and the process dies before running it
    assert await dispatcher.tick() == 0, "claimed by the dead process: leased for a minute"
    clock.advance(minutes=2)
    outgoing = await engine.reminder_due(claimed[0].key, clock.now())  # committed, then dies
    assert outgoing and not sender.reminders()
    clock.advance(minutes=1)
    unsent = await engine.undelivered("console", clock.now())  # one round of the sweep
    await deliver(engine, sender, unsent, clock)
    assert len(sender.reminders()) == 1
    assert await dispatcher.tick() == 0
    assert len(sender.reminders()) == 1, "never twice"


async def test_a_user_who_blocked_the_bot_is_paused_until_they_write(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    sender.blocked.add("alice")
    await travel(dispatcher, clock, datetime(2026, 6, 4, 7, 0, tzinfo=UTC), TEN_MIN)
    record = await engine.store.load(UserKey("console", "alice"))
    assert record is not None and "unreachable_since" in record.data
    assert record.data["reminder"]["wake_at"] is None, "not retried forever"
    sender.blocked.clear()
    await chat.send("hello again")
    await travel(dispatcher, clock, datetime(2026, 6, 5, 7, 0, tzinfo=UTC), TEN_MIN)
    assert local_times(sender.reminders(), ZoneInfo("UTC")) == ["06-05 06:00"]


async def test_snooze_into_quiet_hours_waits_until_morning(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 19, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 21:30")
    await travel(dispatcher, clock, datetime(2026, 6, 1, 21, 35, tzinfo=UTC), TEN_MIN)
    replies = await chat.press("rem.snooze.60")
    assert "07:00" in replies[0].text
    await travel(dispatcher, clock, datetime(2026, 6, 2, 8, 0, tzinfo=UTC), TEN_MIN)
    times = local_times(sender.reminders(), ZoneInfo("UTC"))
    assert times[:2] == ["06-01 21:30", "06-02 07:00"]


async def test_three_unanswered_days_stop_reminders_with_one_message(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await travel(dispatcher, clock, datetime(2026, 6, 10, 7, 0, tzinfo=UTC), TEN_MIN)
    assert len(sender.reminders()) == 3
    stops = [t for t in sender.texts() if "stopped the daily reminders" in t]
    assert len(stops) == 1 and "/remind" in stops[0]
    await chat.send("/remind 06:00")
    await travel(dispatcher, clock, datetime(2026, 6, 11, 7, 0, tzinfo=UTC), TEN_MIN)
    assert len(sender.reminders()) == 4


async def test_stop_pause_and_status(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    replies = await chat.send("/remind 06:00")
    assert "time zone" in replies[0].text and "UTC" in chat.buttons()
    await chat.tap("UTC")
    assert "every day at 06:00 (UTC)" in chat.text()
    await chat.send("/pause 2")
    assert "paused until 2026-06-03" in chat.text()
    await travel(dispatcher, clock, datetime(2026, 6, 3, 7, 0, tzinfo=UTC), TEN_MIN)
    assert local_times(sender.reminders(), ZoneInfo("UTC")) == ["06-03 06:00"]
    await chat.press("rem.stop")
    await travel(dispatcher, clock, datetime(2026, 6, 6, 7, 0, tzinfo=UTC), TEN_MIN)
    assert len(sender.reminders()) == 1
    await chat.send("/remind")
    assert "no daily reminder" in chat.text() and "07:00" in chat.buttons()
    await chat.send("/remind at teatime")
    assert "couldn't read that time" in chat.text()


async def test_a_red_flag_turns_the_reminder_into_the_check_up_question(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender, dispatcher = setup(engine, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await chat.send("I have lost control of my bowels")
    await travel(dispatcher, clock, datetime(2026, 6, 2, 7, 0, tzinfo=UTC), TEN_MIN)
    day_two = [o.reply for at, o in sender.sent if at.day == 2]
    assert any("Were you able to get it checked?" in r.text for r in day_two)
    assert not any("Glute bridge" in r.text for r in day_two)
