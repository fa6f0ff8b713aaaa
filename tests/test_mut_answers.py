"""Typed answers in the interview, read as the user meant them and kept so: a pain of 0, walking
times in hours or minutes (from 1 minute to a day), an option by its number. Written where
mutation testing showed that a misreading parser still passed every test."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock


async def at_question(engine: Engine, clock: FakeClock, answers: list[str]) -> Chat:
    """Consented, the five screening questions answered No, then `answers` typed."""
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    for answer in ["no"] * 5 + answers:
        await chat.send(answer)
    return chat


async def saved_answers(engine: Engine) -> dict[str, str]:
    record = await engine.store.load(UserKey("console", "alice"))
    assert record is not None
    return dict(record.data.get("answers", {}))


async def test_a_pain_of_zero_is_an_answer(engine: Engine, clock: FakeClock) -> None:
    await at_question(engine, clock, ["0"])
    assert (await saved_answers(engine))["pain_now"] == "0"


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("2 hours", "120"),
        ("about 20 min", "20"),
        ("1 minute", "1"),
        ("0 minutes", "1"),
        ("24 hours", "1440"),
        ("1450 minutes", None),
    ],
)
async def test_walking_times_are_read_in_hours_or_minutes(
    engine: Engine, clock: FakeClock, typed: str, minutes: str | None
) -> None:
    chat = await at_question(engine, clock, ["4", typed])
    assert (await saved_answers(engine)).get("walk_minutes") == minutes, chat.text()
    if minutes is None:
        assert "walk" in chat.text().lower(), "the question is asked again"


async def test_an_option_can_be_picked_by_its_number(engine: Engine, clock: FakeClock) -> None:
    chat = await at_question(engine, clock, ["4", "20"])
    first = next(q for q in engine.content.interview.questions if q.id == "where").options[0]
    await chat.send("1")
    assert (await saved_answers(engine))["where"] == first
