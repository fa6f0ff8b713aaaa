"""Faults: the database away for a while, and random input in every state of the machine."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.machine import PLAN
from dialogs.ports import StepResult, UserKey, UserRecord
from dialogs.router import PROMPT_KEY
from dialogs.talk import PAUSED_KEY
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock, sqlite_url
from tests.test_interview_paths import QUESTIONS, path_to, perform

TRY_AGAIN = "try again in a moment"


async def test_a_locked_database_gets_an_apology_and_the_bot_recovers(
    tmp_path: Path, content: Content
) -> None:
    database = open_database(sqlite_url(tmp_path), busy_timeout_ms=200)
    await migrate(database)
    engine = Engine(SqlStore(database), content)
    chat = Chat(engine, FakeClock())
    await chat.press("start.begin")
    await chat.press("start.agree")
    before = await engine.store.load(UserKey("console", "alice"))

    other_process = sqlite3.connect(tmp_path / "bot.db", isolation_level=None)
    other_process.execute("BEGIN EXCLUSIVE")  # another process holds the file's write lock
    try:
        replies = await chat.tap("No, none")
        assert len(replies) == 1 and TRY_AGAIN in replies[0].text
        replies = await chat.send("/help")
        assert TRY_AGAIN in replies[0].text, "still locked: still a kind answer, no crash"
    finally:
        other_process.execute("ROLLBACK")
        other_process.close()
    assert await engine.store.load(UserKey("console", "alice")) == before, "nothing half-done"

    replies = await chat.press("saddle_bladder.no")  # the lock is gone: it works again
    assert "BOTH legs" in replies[0].text
    await database.dispose()


async def test_an_unreachable_postgres_gets_an_apology(content: Content) -> None:
    database = open_database("postgresql+asyncpg://bot:none@127.0.0.1:9/nowhere")
    engine = Engine(SqlStore(database), content)
    replies = await Chat(engine, FakeClock()).send("/start")
    assert TRY_AGAIN in replies[0].text
    await database.dispose()


STATES = [*QUESTIONS, PLAN]
RANDOM_INPUT = st.one_of(
    st.tuples(st.just("text"), st.text(max_size=200)),
    st.tuples(st.just("button"), st.text(max_size=70)),
    st.tuples(
        st.just("button"), st.from_regex(r"[a-z_]{1,20}\.[a-z0-9_.:-]{0,20}", fullmatch=True)
    ),
)


@pytest.mark.parametrize("state", STATES)
@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
@given(action=RANDOM_INPUT)
async def test_random_input_in_every_state(
    state: str, engine: Engine, action: tuple[str, str]
) -> None:
    """Thousands of random texts and button ids in all: nothing raises, every one is answered,
    and a button that the state did not offer changes nothing."""
    user = f"fuzz-{state}"
    chat = Chat(engine, FakeClock(), user_id=user)
    key = UserKey("console", user)
    if await engine.store.load(key) is None:
        for step in path_to(state):
            await perform(chat, step)
    before = await engine.store.load(key)
    assert before is not None
    kind, value = action
    replies = await (chat.send(value) if kind == "text" else chat.press(value))
    assert replies and not any(TRY_AGAIN in r.text for r in replies), "an internal error"
    after = await engine.store.load(key)
    refusals = ("don't recognise that button", "belongs to an earlier message")
    refused = kind == "button" and any(r in replies[0].text for r in refusals)
    if refused:
        assert after is not None and after.state == before.state
        assert lasting(after.data) == lasting(before.data)
    if after is None or after.state != state:  # a valid answer moved on: start again next time
        await engine.store.apply(key, forget, chat.clock.now())


def lasting(data: dict[str, object]) -> dict[str, object]:
    """What a message may not change: a pause ("stop", "later") and a prompt last only until
    the next message, whatever it is (dialogs/talk.py, Context.awaits)."""
    return {k: v for k, v in data.items() if k not in (PAUSED_KEY, PROMPT_KEY)}


def forget(record: UserRecord | None) -> StepResult:
    return StepResult(None, (), "")
