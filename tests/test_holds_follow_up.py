"""A red-flag hold is never a trap: "I've been checked" from the first minute, typed answers
understood, a next-day follow-up that comes through the dispatcher even without a daily
reminder, and the soon tier keeps the plan going gently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.messages import Alert
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel, user_with_plan

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
FEVER = "I've had a fever since yesterday"


async def state_and_flags(engine: Engine, user: str = "alice") -> tuple[str, list[dict]]:
    record = await engine.store.load(UserKey("console", user))
    assert record is not None
    return record.state, record.data.get("flags", [])


async def test_checked_is_offered_at_once_and_typed_words_release_the_hold(
    engine: Engine,
) -> None:
    clock = FakeClock(START)
    chat = await user_with_plan(engine, clock)
    replies = await chat.send(FEVER)
    assert "hold.checked" in [b.id for b in replies[0].buttons]
    await chat.send("the hospital said it's fine, they checked me")
    state, flags = await state_and_flags(engine)
    assert state == "plan" and flags[-1]["outcome"] == "checked"


async def test_a_mistake_is_recorded_apart_from_a_check(engine: Engine) -> None:
    clock = FakeClock(START)
    chat = await user_with_plan(engine, clock)
    await chat.send(FEVER)
    await chat.send("sorry, that's not what I meant")
    state, flags = await state_and_flags(engine)
    assert state == "plan" and flags[-1]["outcome"] == "mistake"


async def test_the_next_day_follow_up_comes_without_a_reminder_and_only_once(
    engine: Engine,
) -> None:
    clock = FakeClock(START)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send(FEVER)
    await travel(dispatcher, clock, START + timedelta(days=2), timedelta(minutes=30))
    follow_ups = [
        (at, o) for at, o in sender.sent if "Were you able to get it checked" in o.reply.text
    ]
    assert len(follow_ups) == 1
    at, outgoing = follow_ups[0]
    assert at.date() == (START + timedelta(days=1)).date() and 10 <= at.hour < 11
    assert "hold.notyet" in [b.id for b in outgoing.reply.buttons]


async def test_a_crisis_check_in_comes_the_next_day_through_the_dispatcher(
    engine: Engine,
) -> None:
    clock = FakeClock(START)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("I want to end my life")
    await travel(dispatcher, clock, START + timedelta(days=2), timedelta(minutes=30))
    assert sum("Yesterday you told me" in o.reply.text for _, o in sender.sent) == 1


async def test_the_soon_tier_keeps_the_plan_and_repeats_its_advice_on_the_reminder(
    engine: Engine,
) -> None:
    clock = FakeClock(START)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    replies = await chat.send("the pain keeps getting worse week by week")
    assert replies[0].alert is Alert.SOON
    assert (await state_and_flags(engine))[0] == "plan"
    assert "Here is your plan" not in chat.text()
    exercises = "\n".join(r.text for r in await chat.send("/exercises"))
    assert "How:" in exercises and "paused" not in exercises
    await travel(dispatcher, clock, START + timedelta(days=1), timedelta(minutes=30))
    texts = [o.reply.text for _, o in sender.sent]
    assert any("please book that check" in t for t in texts)
    await chat.press("soon.checked")
    assert (await state_and_flags(engine))[1][-1]["outcome"] == "checked"
