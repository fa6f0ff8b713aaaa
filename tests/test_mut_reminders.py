"""The reminder's buttons and /remind as a user meets them: the status line and its Turn off
button, pain scores (0 counts, one a day), Skip, This evening in the user's own zone, a snooze
before anything was sent, and the time-zone buttons. Written where mutation testing showed that
a broken reminder still passed every test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel, user_with_plan

ALICE = UserKey("console", "alice")
TEN_MIN = timedelta(minutes=10)
BERLIN = ZoneInfo("Europe/Berlin")


async def reminded(
    engine: Engine, clock: FakeClock, zone: str, at: str, until: datetime
) -> tuple[Chat, RecordingSender, Dispatcher, str]:
    """A user with a plan and a daily reminder that has come once; and that reminder's day."""
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send(f"/timezone {zone}")
    await chat.send(f"/remind {at}")
    await travel(dispatcher, clock, until, TEN_MIN)
    [(_, reminder)] = sender.reminders()
    done = next(b.id for b in reminder.reply.buttons if b.id.startswith("rem.done."))
    return chat, sender, dispatcher, done.removeprefix("rem.done.")


async def test_status_names_time_and_zone_and_its_turn_off_button_stops_reminders(
    engine: Engine,
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone Europe/Berlin")
    await chat.send("/remind 09:15")
    [status] = await chat.send("/remind")
    assert status.text.startswith("Your daily reminder is at 09:15 (Europe/Berlin).")
    assert "paused" not in status.text
    assert [b.label for b in status.buttons][-1] == "Turn off"
    await chat.tap("Turn off")
    assert "Reminders are off" in chat.text()
    await travel(dispatcher, clock, datetime(2026, 6, 3, 12, 0, tzinfo=UTC), TEN_MIN)
    assert sender.reminders() == []
    [status] = await chat.send("/remind")
    assert status.text.startswith("You have no daily reminder.")
    assert "Turn off" not in [b.label for b in status.buttons]


async def test_status_while_paused_says_until_when(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await chat.send("/pause 3")
    [status] = await chat.send("/remind")
    assert status.text == ("Your daily reminder is at 06:00 (UTC), paused until 2026-06-04.")


async def test_a_pain_of_zero_is_saved(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    chat, _, _, day = await reminded(
        engine, clock, "UTC", "06:00", datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    )
    await chat.press(f"rem.done.{day}")
    await chat.press(f"rem.pain.{day}:0")
    assert chat.text() == "Thanks, I noted 0/10 for today."
    history = await engine.store.history(ALICE, "pain")
    assert [h["value"] for h in history] == [{"score": 0}]
    assert [h["value"] for h in await engine.store.history(ALICE, "done")] == [{}]


async def test_a_second_pain_score_the_same_day_keeps_the_first(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    chat, _, _, day = await reminded(
        engine, clock, "UTC", "06:00", datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    )
    await chat.press(f"rem.done.{day}")
    await chat.press(f"rem.pain.{day}:3")
    await chat.press(f"rem.pain.{day}:8")
    assert chat.text() == "You already told me today's pain (3/10). Thanks!"
    history = await engine.store.history(ALICE, "pain")
    assert [h["value"] for h in history] == [{"score": 3}]
    record = await engine.store.load(ALICE)
    assert record is not None and record.data["last_pain"] == {"date": day, "score": 3}


async def test_skip_today_says_when_the_next_one_comes_and_only_once(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    chat, sender, dispatcher, day = await reminded(
        engine, clock, "UTC", "06:00", datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    )
    replies = await chat.press(f"rem.skip.{day}")
    assert [r.text for r in replies] == ["No problem. Rest well; see you tomorrow at 06:00."]
    replies = await chat.press(f"rem.skip.{day}")
    assert [r.text for r in replies] == [
        "You've already skipped today; I'll remind you again tomorrow."
    ]
    assert [h["date"] for h in await engine.store.history(ALICE, "skip")] == [day]
    await travel(dispatcher, clock, datetime(2026, 6, 2, 6, 30, tzinfo=UTC), TEN_MIN)
    assert [at.date().isoformat() for at, _ in sender.reminders()] == [day, "2026-06-02"]


async def test_this_evening_means_seven_in_the_users_own_zone(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    chat, sender, dispatcher, _ = await reminded(
        engine, clock, "Europe/Berlin", "08:00", datetime(2026, 6, 1, 6, 30, tzinfo=UTC)
    )
    [evening] = [b for b in sender.reminders()[0][1].reply.buttons if "evening" in b.label]
    await chat.press(evening.id)
    assert chat.text() == "OK, I'll remind you again at 19:00."
    await travel(dispatcher, clock, datetime(2026, 6, 1, 18, 0, tzinfo=UTC), TEN_MIN)
    times = [at.astimezone(BERLIN).strftime("%H:%M") for at, _ in sender.reminders()]
    assert times == ["08:00", "19:00"]


async def test_this_evening_after_seven_means_in_an_hour(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 18, 0, tzinfo=UTC))
    chat, _, _, _ = await reminded(
        engine, clock, "UTC", "20:00", datetime(2026, 6, 1, 20, 5, tzinfo=UTC)
    )
    await chat.press("rem.snooze.evening")
    assert chat.text() == "OK, I'll remind you again at 21:10."


async def test_snooze_before_any_reminder_was_sent_is_refused(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:00")
    await chat.press("rem.snooze.15")
    assert chat.text().startswith("That button belongs to an earlier message.")
    await travel(dispatcher, clock, datetime(2026, 6, 1, 8, 30, tzinfo=UTC), TEN_MIN)
    assert sender.reminders() == []


async def test_the_zone_buttons_name_cities_plainly(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("/remind 07:00")
    assert chat.buttons() == ["London", "Berlin", "New York", "UTC"]
    assert chat.button_ids() == [
        "tz.Europe/London",
        "tz.Europe/Berlin",
        "tz.America/New_York",
        "tz.UTC",
    ]


async def test_a_late_catch_up_is_held_back_in_the_users_night(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))  # 14:00 in Tokyo
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone Asia/Tokyo")
    await chat.send("/remind 21:50")
    clock.advance(hours=8, minutes=40)  # down at 21:50 Tokyo time, back at 22:40
    await dispatcher.tick()
    assert sender.reminders() == [], "a late reminder does not wake anyone at night"
    await travel(dispatcher, clock, datetime(2026, 6, 2, 13, 0, tzinfo=UTC), TEN_MIN)
    tokyo = ZoneInfo("Asia/Tokyo")
    assert [at.astimezone(tokyo).strftime("%m-%d %H:%M") for at, _ in sender.reminders()] == [
        "06-02 21:50"
    ]


async def test_days_answered_with_done_never_stop_the_reminders(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    for day in range(1, 6):
        await travel(dispatcher, clock, datetime(2026, 6, day, 6, 30, tzinfo=UTC), TEN_MIN)
        await chat.press(f"rem.done.2026-06-0{day}")
    assert len(sender.reminders()) == 5
    assert not any("stopped the daily reminders" in t for t in sender.texts())
    history = await engine.store.history(ALICE, "reminder")
    assert [h["value"] for h in history] == [{"late_s": 0}] * 5


async def test_stopping_after_three_silent_days_is_kept_in_the_history(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await travel(dispatcher, clock, datetime(2026, 6, 5, 7, 0, tzinfo=UTC), TEN_MIN)
    history = await engine.store.history(ALICE, "reminders_stopped")
    assert [(h["date"], h["value"]) for h in history] == [("2026-06-04", {})]


async def test_a_late_reminder_records_how_late_it_was(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:00")
    clock.advance(hours=4, minutes=40)  # down at 09:00, back at 09:40
    await dispatcher.tick()
    assert [h["value"] for h in await engine.store.history(ALICE, "reminder")] == [{"late_s": 2400}]


async def test_a_reminder_before_the_plan_asks_to_finish_the_questions(
    engine: Engine, clock: FakeClock
) -> None:
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    question = chat.last[-1].text
    await chat.send("/timezone UTC")
    await chat.send("/remind 09:30")
    await travel(dispatcher, clock, clock.now() + timedelta(hours=1), TEN_MIN)
    assert sender.texts() == [
        "It's your reminder time. Let's finish the questions first, so I can make your plan:",
        question,
    ]


async def test_a_reminder_during_a_hold_asks_about_the_check_up(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await chat.send("I have lost control of my bowels")
    await travel(dispatcher, clock, datetime(2026, 6, 1, 6, 30, tzinfo=UTC), TEN_MIN)
    assert sender.texts()[0] == "Your daily check-in:"


async def test_a_time_without_a_zone_is_not_a_reminder_yet(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("/remind 07:00")
    [status] = await chat.send("/remind")
    assert status.text.startswith("You have no daily reminder.")


async def test_a_time_set_in_its_own_minute_comes_now_and_a_minute_later_tomorrow(
    engine: Engine,
) -> None:
    for user, at in (("alice", "06:00:59"), ("bob", "06:01:00")):
        h, m, s = (int(p) for p in at.split(":"))
        clock = FakeClock(datetime(2026, 6, 1, h, m, s, tzinfo=UTC))
        sender = RecordingSender(clock=clock)
        dispatcher = Dispatcher(engine, {"console": sender}, clock)
        chat = await user_with_plan(engine, clock, user_id=user)
        await chat.send("/timezone UTC")
        await chat.send("/remind 06:00")
        await dispatcher.tick()
        days = [o.reply.text for _, o in sender.reminders() if o.user_id == user]
        assert len(days) == (1 if user == "alice" else 0), at


async def test_a_reminder_claimed_for_a_user_who_then_left_sends_nothing(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("/forget")
    await chat.tap("delete")
    assert await engine.store.load(ALICE) is None
    assert await engine.reminder_due(ALICE, clock.now()) == []
    assert await engine.store.load(ALICE) is None


async def test_this_evening_is_the_users_own_evening_when_utc_is_a_day_behind(
    engine: Engine,
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 20, 0, tzinfo=UTC))  # 05:00 on 2 June in Tokyo
    chat, _, _, day = await reminded(
        engine, clock, "Asia/Tokyo", "08:00", datetime(2026, 6, 1, 23, 30, tzinfo=UTC)
    )
    assert day == "2026-06-02"
    await chat.press("rem.snooze.evening")
    assert chat.text() == "OK, I'll remind you again at 19:00."


async def test_three_silent_days_are_counted_from_the_last_answer(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 5, 0, tzinfo=UTC))
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 06:00")
    await travel(dispatcher, clock, datetime(2026, 6, 1, 6, 30, tzinfo=UTC), TEN_MIN)
    await chat.press("rem.done.2026-06-01")
    await travel(dispatcher, clock, datetime(2026, 6, 8, 7, 0, tzinfo=UTC), TEN_MIN)
    days = [at.date().isoformat() for at, _ in sender.reminders()]
    assert days == ["2026-06-01", "2026-06-02", "2026-06-03", "2026-06-04"]
    [(stopped_at, _)] = [(at, o) for at, o in sender.sent if "stopped the daily" in o.reply.text]
    assert stopped_at.date().isoformat() == "2026-06-05"
