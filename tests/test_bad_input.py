"""Bad input gets a clear, kind reply, raises nothing, and changes no state."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.engine import Engine
from dialogs.ports import UserKey
from dialogs.talk import RETRY_KEY
from tests.chat import Chat
from tests.conftest import FakeClock

BAD_TEXTS = [
    "",
    "   ",
    "\x00\x01\x02\x1b[31m",
    "x" * 100_000,
    "🙂🙃🔥💀" * 50,
    "\u202e\u200b\ufeff",
    "Robert'); DROP TABLE users;--",
]
BAD_BUTTONS = [
    "",
    "nonsense",
    "pain_now.11",
    "saddle_bladder.maybe",
    "hold.checked",
    "forget",
    "start.begin" + "x" * 5000,
    "../../../etc/passwd",
    "where.calf",  # a real button, but of a later question
]
JUNK_COMMANDS = ["/help me please now", "/start 💥💥", "/nosuchcommand", "/" + "x" * 300, "/🙂"]


async def consented(engine: Engine, clock: FakeClock, user: str = "alice") -> Chat:
    chat = Chat(engine, clock, user_id=user)
    await chat.send("/start")
    await chat.press("start.begin")
    await chat.press("start.agree")
    return chat


async def snapshot(engine: Engine, user: str = "alice") -> tuple[str, dict[str, object]] | None:
    """State and data, less the count of unclear answers in a row (which shortens the next
    prompt): bad input changes nothing else."""
    record = await engine.store.load(UserKey("console", user))
    if record is None:
        return None
    return record.state, {k: v for k, v in record.data.items() if k != RETRY_KEY}


@pytest.mark.parametrize("text", BAD_TEXTS, ids=lambda t: repr(t[:12]))
async def test_bad_text_gets_a_reply_and_changes_nothing(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    chat = await consented(engine, clock)
    before = await snapshot(engine)
    replies = await chat.send(text)
    assert replies and all(r.text.strip() for r in replies)
    assert await snapshot(engine) == before


@pytest.mark.parametrize("button_id", BAD_BUTTONS)
async def test_unknown_or_stale_buttons_are_refused_kindly(
    engine: Engine, clock: FakeClock, button_id: str
) -> None:
    chat = await consented(engine, clock)
    before = await snapshot(engine)
    replies = await chat.press(button_id)
    assert "button" in replies[0].text.lower()
    assert replies[-1].buttons, "the current question is asked again, with its buttons"
    assert await snapshot(engine) == before


@pytest.mark.parametrize("line", JUNK_COMMANDS)
async def test_commands_with_junk_get_a_clear_reply(
    engine: Engine, clock: FakeClock, line: str
) -> None:
    chat = await consented(engine, clock)
    before = await snapshot(engine)
    replies = await chat.send(line)
    assert replies and all(len(r.text) < 2000 for r in replies)
    assert await snapshot(engine) == before


async def test_another_users_buttons_touch_nothing_of_theirs(
    engine: Engine, clock: FakeClock
) -> None:
    alice = await consented(engine, clock, "alice")
    for _ in range(5):
        await alice.tap("No,")
    alice_buttons = alice.button_ids()
    alice_before = await snapshot(engine, "alice")
    bob = await consented(engine, clock, "bob")
    bob_before = await snapshot(engine, "bob")
    for button_id in alice_buttons:
        replies = await bob.press(button_id)
        assert "button" in replies[0].text.lower()
    assert await snapshot(engine, "alice") == alice_before
    assert await snapshot(engine, "bob") == bob_before


async def test_a_stranger_pressing_consent_buttons_stores_nothing_without_agreeing(
    engine: Engine, clock: FakeClock
) -> None:
    stranger = Chat(engine, clock, user_id="mallory")
    await stranger.press("forget.yes")
    await stranger.press("pain_now.5")
    assert await snapshot(engine, "mallory") is None


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actions=st.lists(
        st.one_of(
            st.tuples(st.just("text"), st.text(max_size=300)),
            st.tuples(st.just("button"), st.text(max_size=80)),
            st.tuples(st.just("button"), st.sampled_from(BAD_BUTTONS)),
        ),
        max_size=6,
    )
)
async def test_random_input_in_any_state_never_raises(
    engine: Engine, clock: FakeClock, actions: list[tuple[str, str]]
) -> None:
    chat = await consented(engine, clock, "fuzz")
    for kind, value in actions:
        replies = await (chat.send(value) if kind == "text" else chat.press(value))
        assert replies, f"no reply to {kind} {value!r}"
        assert not any("try again in a moment" in r.text for r in replies), "an internal error"
