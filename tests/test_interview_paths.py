"""Every transition of the conversation's machine, driven through the engine like a user would.

The cases are generated from the machine itself, so a new question or transition is covered
without writing a test: for each (trigger, source, dest) the user is brought to `source` by
the shortest path, performs the action that fires `trigger`, and must end in `dest`."""

from __future__ import annotations

from collections import deque

import pytest

from content.bundle import load_content
from content.interview import Kind
from dialogs.conversation import NEW
from dialogs.engine import Engine
from dialogs.machine import HOLD, PLAN, build_machine
from dialogs.messages import Alert
from dialogs.ports import UserKey
from dialogs.talk import RETRY_KEY
from tests.chat import Chat
from tests.conftest import FakeClock

CONTENT = load_content()
MACHINE = build_machine(CONTENT.interview)
QUESTIONS = CONTENT.interview.by_state()
RED_FLAG_TEXT = "I suddenly can't control my bladder"

Edge = tuple[str, str, str, tuple[str, ...]]  # trigger, source, dest, condition names


def edges() -> list[Edge]:
    found = []
    for name, event in MACHINE.events.items():
        for source, transitions in event.transitions.items():
            for t in transitions:
                found.append((name, source, t.dest, tuple(c.func for c in t.conditions)))
    return found


def ends_interview(edge: Edge) -> bool:
    return any(str(c) == "ends_interview" for c in edge[3])


def path_to(target: str) -> list[Edge]:
    """Shortest path from a new user to `target`, over the moves a user makes directly (an
    answer that ends the interview keeps nothing, so no path goes through it)."""
    moves = [e for e in edges() if e[0] in ("agree", "answer", "back", "checkin")]
    moves = [e for e in moves if not ends_interview(e)]
    previous: dict[str, Edge | None] = {NEW: None}
    queue = deque([NEW])
    while queue:
        here = queue.popleft()
        for edge in moves:
            if edge[1] == here and edge[2] not in previous:
                previous[edge[2]] = edge
                queue.append(edge[2])
    steps: list[Edge] = []
    while (edge := previous[target]) is not None:
        steps.insert(0, edge)
        target = edge[1]
    return steps


async def perform(chat: Chat, edge: Edge) -> None:
    trigger, source, _dest, conditions = edge
    question = QUESTIONS.get(source)
    if trigger == "agree":
        await chat.press("start.begin")
        await chat.press("start.agree")
    elif trigger == "answer" and question is not None:
        if "answered_yes" in conditions:
            value = "yes"
        elif ends_interview(edge):
            value = question.ends[0]
        else:
            value = next(o for o in question.options if o not in question.ends)
            value = "no" if question.kind is Kind.YESNO else value
        await chat.press(f"{question.id}.{value}")
    elif trigger == "back" and question is not None:
        await chat.press(f"back.{question.id}")
    elif trigger == "restart":
        await chat.send("/interview")
    elif trigger == "checkin":
        await chat.send("/checkin")
    elif trigger == "flag":
        await chat.send(RED_FLAG_TEXT)
    else:
        raise AssertionError(f"no user action for {edge}")


async def state_of(chat: Chat) -> str:
    record = await chat.engine.store.load(UserKey(chat.platform, chat.user_id))
    return NEW if record is None else record.state


@pytest.mark.parametrize("edge", edges(), ids=lambda e: f"{e[0]}:{e[1]}->{e[2]}")
async def test_every_transition_is_reachable_by_a_user(edge: Edge, engine: Engine) -> None:
    chat = Chat(engine, FakeClock())
    trigger, source, dest, _ = edge
    if trigger == "resume":  # the hold was raised while at `dest`; "not what I meant" returns
        for step in path_to(dest):
            await perform(chat, step)
        await perform(chat, ("flag", dest, HOLD, ()))
        assert await state_of(chat) == HOLD
        await chat.press("hold.mistake")
    else:
        for step in path_to(source):
            await perform(chat, step)
        assert await state_of(chat) == source
        await perform(chat, edge)
    if ends_interview(edge):  # not for this person: they are told who to ask, nothing is kept
        dest = NEW
        assert "I haven't kept any of your answers" in chat.text()
    assert await state_of(chat) == dest
    assert chat.last, "every move gets a reply"


async def test_a_yes_at_a_soon_screening_question_gives_its_advice_and_the_interview_goes_on(
    engine: Engine,
) -> None:
    clock = FakeClock()
    chat = Chat(engine, clock)
    [state] = [q.state for q in CONTENT.interview.questions if q.tier == "soon"]
    for step in path_to(state):
        await perform(chat, step)
    replies = await chat.press(f"{QUESTIONS[state].id}.yes")
    assert any(r.alert is Alert.SOON for r in replies)
    assert "in the next few days" in chat.text()
    next_state = await state_of(chat)
    assert next_state not in (HOLD, state) and next_state in QUESTIONS


@pytest.mark.parametrize(
    "state", [q.state for q in CONTENT.interview.questions if q.tier and q.tier != "soon"]
)
async def test_a_yes_at_each_screening_question_stops_with_advice_at_its_tier(
    state: str, engine: Engine
) -> None:
    clock = FakeClock()
    chat = Chat(engine, clock)
    for step in path_to(state):
        await perform(chat, step)
    question = QUESTIONS[state]
    replies = await chat.press(f"{question.id}.yes")
    assert replies[-1].alert is Alert(question.tier)
    assert "📋 Summary for a clinician" in chat.buttons()
    await chat.send("/exercises")
    assert "Exercise" not in chat.text() and "sets of" not in chat.text()
    summary = await chat.press("hold.summary")
    assert "not a medical assessment" in summary[0].text
    clock.advance(days=1)
    await chat.send("hello")
    assert "Were you able to get it checked?" in chat.text()
    await chat.tap("Not yet")
    assert await state_of(chat) == HOLD
    await chat.tap("I've been checked")
    next_state = await state_of(chat)
    assert next_state != HOLD and next_state != state


@pytest.mark.parametrize("state", [*QUESTIONS, PLAN])
async def test_an_unexpected_answer_changes_nothing_and_asks_again(
    state: str, engine: Engine
) -> None:
    chat = Chat(engine, FakeClock())
    for step in path_to(state):
        await perform(chat, step)
    before = await chat.engine.store.load(UserKey(chat.platform, chat.user_id))
    replies = await chat.send("purple elephants")
    after = await chat.engine.store.load(UserKey(chat.platform, chat.user_id))
    assert before is not None and after is not None
    kept = {k: v for k, v in after.data.items() if k != RETRY_KEY}  # shortens the next prompt
    assert (after.state, kept) == (before.state, before.data)
    if state in QUESTIONS:
        assert replies[-1].buttons, "the question is asked again with its buttons"


async def test_a_new_user_reaches_a_plan_in_under_20_taps(engine: Engine) -> None:
    chat = Chat(engine, FakeClock())
    await chat.send("/start")
    steps = path_to(PLAN)
    taps = sum(2 if step[0] == "agree" else 1 for step in steps)
    for step in steps:
        await perform(chat, step)
    assert await state_of(chat) == PLAN
    assert "Here is your plan" in chat.text()
    assert taps < 20, taps
