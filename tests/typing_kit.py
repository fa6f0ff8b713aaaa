"""Helpers for the typed-answer tests: bring a user to any question by taps, read what was kept,
and get a reminder (and its Done) without the dispatcher."""

from __future__ import annotations

from typing import Any

from content.bundle import load_content
from content.interview import Kind
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock

CONTENT = load_content()
QUESTIONS = {q.id: q for q in CONTENT.interview.questions}
ORDER = [q.id for q in CONTENT.interview.questions]


async def consented(engine: Engine, clock: FakeClock, user: str = "alice") -> Chat:
    chat = Chat(engine, clock, user_id=user)
    await chat.send("/start")
    await chat.press("start.begin")
    await chat.press("start.agree")
    return chat


async def at_question(engine: Engine, clock: FakeClock, qid: str, user: str = "alice") -> Chat:
    """A consented user who tapped through every question before `qid`."""
    chat = await consented(engine, clock, user)
    for earlier in ORDER[: ORDER.index(qid)]:
        question = QUESTIONS[earlier]
        value = "no" if question.kind is Kind.YESNO else question.options[1]
        if earlier == "background":
            value = "none"  # a risk factor would change what the net makes of later signs
        await chat.press(f"{earlier}.{value}")
    assert await state(chat) == question_state(qid)
    return chat


async def typed_at(engine: Engine, clock: FakeClock, qid: str, typed: str) -> Chat:
    """A user brought to question `qid` who then typed `typed`."""
    chat = await at_question(engine, clock, qid)
    await chat.send(typed)
    return chat


async def saved_at(engine: Engine, clock: FakeClock, qid: str, typed: str) -> str | None:
    """What a user brought to question `qid` has saved there after typing `typed` (None: no
    answer saved yet)."""
    return (await answers(await typed_at(engine, clock, qid, typed))).get(qid)


def question_state(qid: str) -> str:
    return QUESTIONS[qid].state


async def record_data(chat: Chat) -> dict[str, Any]:
    record = await chat.engine.store.load(UserKey(chat.platform, chat.user_id))
    assert record is not None
    return dict(record.data)


async def state(chat: Chat) -> str | None:
    record = await chat.engine.store.load(UserKey(chat.platform, chat.user_id))
    return None if record is None else record.state


async def answers(chat: Chat) -> dict[str, str]:
    return dict((await record_data(chat)).get("answers", {}))


async def with_plan(engine: Engine, clock: FakeClock, user: str = "alice") -> Chat:
    chat = await at_question(engine, clock, ORDER[-1], user)
    await chat.press(f"{ORDER[-1]}.{QUESTIONS[ORDER[-1]].options[0]}")
    assert "Here is your plan" in chat.text()
    return chat
