"""The "This made it worse" button, from /exercises, from the daily reminder and typed.
Leg, saddle or bladder symptoms go to the red-flag hold; otherwise the exercise gets easier,
is swapped or is left out, and the next check-in says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.machine import HOLD, PLAN
from dialogs.messages import Alert
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.plan_kit import record_of, user_with_answers
from tests.reminder_kit import RecordingSender, travel

MONDAY = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)


async def desk_worker(engine: Engine, clock: FakeClock) -> Chat:
    """Glute bridge, a standing hamstring stretch and a standing hip-flexor stretch."""
    return await user_with_answers(engine, clock, sitting_hours="over_8", tightness="hamstrings")


def shown_names(chat: Chat) -> list[str]:
    return [r.text.split(" – ")[0][3:].split(" (")[0] for r in chat.last if "How:" in r.text]


async def test_from_exercises_more_back_pain_makes_that_exercise_easier(engine: Engine) -> None:
    clock = FakeClock()
    chat = await desk_worker(engine, clock)
    await chat.send("/exercises")
    assert "Standing hamstring stretch" in shown_names(chat)
    assert "worse.ex.hamstring_stretch" in chat.button_ids()
    replies = await chat.press("worse.ex.hamstring_stretch")
    assert "What got worse, and where?" in replies[-1].text
    replies = await chat.tap("More pain in my back")
    assert "changed Standing hamstring stretch to an easier version" in replies[0].text
    assert "Lying hamstring stretch, knee bent" in replies[0].text
    await chat.send("/exercises")
    assert "Lying hamstring stretch, knee bent" in shown_names(chat)
    assert "Standing hamstring stretch" not in shown_names(chat)
    [change] = (await record_of(chat)).data["changes"]
    assert change["old"] == "hamstring_stretch" and change["kind"] == "easier"


async def test_at_the_easiest_version_it_is_swapped_or_left_out(engine: Engine) -> None:
    chat = await user_with_answers(engine, FakeClock(), care="surgery")  # all at the easiest
    plan = (await record_of(chat)).data["plan"]
    first = plan["items"][0]
    await chat.press(f"worse.ex.{first['family']}")
    replies = await chat.tap("More pain in my back")
    assert "swapped" in replies[0].text or "taken" in replies[0].text
    after = (await record_of(chat)).data["plan"]
    assert first["version"] not in after["exercises"]
    stale = await chat.press(f"worse.ex.{first['family']}")
    if first["family"] not in {i["family"] for i in after["items"]}:
        assert "earlier message" in stale[0].text


@pytest.mark.parametrize(
    ("label", "alert"),
    [
        ("Pain or tingling down a leg", Alert.SOON),
        ("Numbness between my legs, or bladder or bowel trouble", Alert.EMERGENCY),
    ],
)
async def test_leg_saddle_or_bladder_symptoms_go_straight_to_the_hold(
    engine: Engine, label: str, alert: Alert
) -> None:
    chat = await desk_worker(engine, FakeClock())
    await chat.press("worse.ex.glute_bridge")
    replies = await chat.tap(label)
    assert max(r.alert.rank for r in replies) == alert.rank
    record = await record_of(chat)
    # the soon tier keeps the plan going gently, with its advice; emergency holds it
    expected = "plan" if alert is Alert.SOON else HOLD
    assert record.state == expected and "changes" not in record.data, "the plan is not touched"


async def test_typed_in_the_plan_it_asks_which_and_what(engine: Engine) -> None:
    chat = await desk_worker(engine, FakeClock())
    replies = await chat.send("I think the exercises made it worse")
    assert "Which exercise was it?" in replies[-1].text
    assert "Not sure which" in chat.buttons()
    await chat.send("the glute bridge")
    assert "What got worse, and where?" in chat.text()
    await chat.send("my lower back")
    assert "changed Glute bridge to an easier version: Small bridge" in chat.text()
    assert (await record_of(chat)).state == PLAN


async def test_typed_tingling_down_the_leg_is_caught_by_the_safety_net_first(
    engine: Engine,
) -> None:
    chat = await desk_worker(engine, FakeClock())
    await chat.send("this made it worse")
    await chat.send("not sure")
    replies = await chat.send("tingling spreading down my leg")
    assert replies[0].alert is Alert.SOON and (await record_of(chat)).state == "plan"
    assert "soon" in (await record_of(chat)).data, "its advice is kept for the reminders"


async def test_a_question_left_unanswered_does_not_swallow_what_is_typed_later(
    engine: Engine,
) -> None:
    clock = FakeClock()
    chat = await desk_worker(engine, clock)
    await chat.send("this made it worse")
    await chat.send("I'm in agony, can't move")
    assert "Is any of this new" in chat.text(), "a flare comes first"
    await chat.send("this made it worse")
    clock.advance(days=1)
    await chat.send("what a lovely day")
    assert "didn't understand" in chat.text()
    stale = await chat.press("worse.what.any.back")
    assert "earlier message" in stale[0].text


async def test_the_reminder_after_a_session_offers_it_and_the_check_in_reports_it(
    engine: Engine,
) -> None:
    clock = FakeClock(MONDAY)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await desk_worker(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    await travel(dispatcher, clock, MONDAY + timedelta(hours=3), timedelta(minutes=30))
    assert "worse.start" not in [b.id for _, o in sender.sent for b in o.reply.buttons]
    await chat.press("rem.done.2026-03-02")
    await travel(dispatcher, clock, MONDAY + timedelta(days=1, hours=3), timedelta(minutes=30))
    last_day = [o for at, o in sender.sent if at > MONDAY + timedelta(days=1)]
    assert any(b.id == "worse.start" for o in last_day for b in o.reply.buttons)
    await chat.press("worse.start")
    assert "Which exercise was it?" in chat.text()
    await chat.tap("Not sure which")
    await chat.tap("Something else")
    assert chat.text().count("to an easier version") == 2, "the two that have one"
    assert "taken Standing hip-flexor stretch out of your plan" in chat.text(), "at its easiest"
    clock.advance(days=6)
    await chat.send("/checkin")
    for _ in range(5):
        await chat.tap("No, none")
    await chat.press("pain_now.4")
    replies = await chat.send("20")
    report = replies[0].text
    assert "Since your last check-in:" in report
    assert "Glute bridge made things worse, so it became Small bridge" in report
