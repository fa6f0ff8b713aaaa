"""Buttons are capabilities: a press counts only if that button was offered to that user and is
still current. Forged days, replays and a /forget confirmation never shown get the stale-button
reply, change nothing, and log no error."""

from __future__ import annotations

import itertools
import logging
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, user_with_plan

STALE = "That button belongs to an earlier message"


async def reminded(engine: Engine, clock: FakeClock) -> tuple[Chat, str]:
    """A user whose reminder for today (2026-03-02) has just been sent."""
    chat = await user_with_plan(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    clock.advance(hours=2)
    await Dispatcher(engine, {"console": RecordingSender(clock=clock)}, clock).tick()
    return chat, "2026-03-02"


def kept(data: dict[str, object]) -> dict[str, object]:
    """What a press could change; that the user wrote at all (it answers the reminder) aside."""
    reminder = dict(data["reminder"])  # type: ignore[call-overload]
    reminder.pop("answered")
    rest = {k: v for k, v in data.items() if k != "prompt"}  # the latest prompt lasts a message
    return {**rest, "reminder": reminder}


async def history_kinds(engine: Engine) -> list[str]:
    return [h["kind"] for h in await engine.store.history(UserKey("console", "alice"))]


@pytest.mark.parametrize(
    "forged",
    [
        "rem.done.2099-12-31",
        "rem.done.2026-03-01",  # yesterday: no reminder was sent for it
        "rem.done.0001-01-01",
        "rem.pain.2099-12-31:10",
        "rem.pain.2026-03-02:10",  # today, but Done was never pressed
        "rem.pain.2026-03-02:²",
        "rem.skip.2099-12-31",
        "forget.yes",  # the confirmation was never shown
    ],
)
async def test_forged_buttons_get_the_stale_reply_and_change_nothing(
    engine: Engine, caplog: pytest.LogCaptureFixture, forged: str
) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    chat, _ = await reminded(engine, clock)
    before = (await engine.store.load(UserKey("console", "alice")), await history_kinds(engine))
    with caplog.at_level(logging.WARNING):
        replies = await chat.press(forged)
    assert replies[0].text.startswith(STALE)
    after = (await engine.store.load(UserKey("console", "alice")), await history_kinds(engine))
    assert after[1] == before[1]
    assert after[0] is not None and before[0] is not None
    assert kept(after[0].data) == kept(before[0].data)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


async def test_replayed_skips_leave_one_row(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    chat, day = await reminded(engine, clock)
    for _ in range(3):
        await chat.press(f"rem.skip.{day}")
    assert (await history_kinds(engine)).count("skip") == 1
    assert "already skipped" in chat.text()


async def test_the_real_buttons_of_todays_reminder_still_work(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    chat, day = await reminded(engine, clock)
    assert "in a row" in (await chat.press(f"rem.done.{day}"))[0].text
    assert "4/10" in (await chat.press(f"rem.pain.{day}:4"))[0].text


async def test_forget_yes_counts_only_right_after_the_prompt(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    chat = await user_with_plan(engine, clock)
    await chat.send("/forget")
    await chat.send("/posture")  # something else happened in between
    assert (await chat.press("forget.yes"))[0].text.startswith(STALE)
    assert await engine.store.load(UserKey("console", "alice")) is not None
    await chat.send("/forget")
    await chat.press("forget.yes")
    assert await engine.store.load(UserKey("console", "alice")) is None


FUZZ_USERS = itertools.count()  # a fresh user for every example
FORGED_POOL = [
    "rem.done.2026-03-02",
    "rem.done.2026-03-01",
    "rem.pain.2026-03-02:3",
    "rem.pain.2026-03-02:11",
    "rem.skip.2026-03-02",
    "rem.snooze.15",
    "rem.snooze.evening",
    "rem.stop",
    "rem.set.07:00",
    "forget.no",
    "forget.yes",
    "hold.checked",
    "hold.mistake",
    "hold.summary",
    "ci.start",
    "pain_now.4",
    "walk_minutes.10",
    "safety.yes",
    "safety.no",
    "tz.Europe/Berlin",
    "back.pain_now",
]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actions=st.lists(
        st.one_of(
            st.tuples(st.just("press"), st.sampled_from(FORGED_POOL)),
            st.tuples(st.just("press"), st.text(max_size=40)),
            st.tuples(st.just("last"), st.integers(0, 20)),  # a button of the latest replies
            st.tuples(
                st.just("text"),
                st.sampled_from(["/checkin", "/forget", "I had a fever yesterday", "4", "no"]),
            ),
        ),
        max_size=10,
    )
)
async def test_any_mix_of_real_forged_and_replayed_presses_never_fails(
    engine: Engine, caplog: pytest.LogCaptureFixture, actions: list[tuple[str, object]]
) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    chat = await user_with_plan(engine, clock, user_id=f"fuzz{next(FUZZ_USERS)}")
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    clock.advance(hours=2)
    await Dispatcher(engine, {"console": RecordingSender(clock=clock)}, clock).tick()
    with caplog.at_level(logging.WARNING):
        for kind, value in actions:
            if kind == "last":
                ids = chat.button_ids()
                if not ids:
                    continue
                replies = await chat.press(ids[int(value) % len(ids)])  # type: ignore[call-overload]
            elif kind == "press":
                replies = await chat.press(str(value))
            else:
                replies = await chat.send(str(value))
            assert replies and all(r.text.strip() for r in replies)
            assert not any(
                "couldn't handle" in r.text or "reach my records" in r.text for r in replies
            )
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
