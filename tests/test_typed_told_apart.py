"""Typed answers whose words look like an answer but say something else: a number of another
time than now, a pause told as a later, a yes to another question than the one asked, the
back of a leg, another person's illness. Each asks, or reads what was meant."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.test_typed_prompts import reminded
from tests.typing_kit import record_data, saved_at


# A number tied to a usual or an extreme time is not the pain of now: with none of now, it asks.
@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("typically a 7 but I feel alright this minute", None),
        ("7 at its worst", None),
    ],
)
async def test_a_pain_score_of_another_time_is_not_the_pain_now(
    engine: Engine, clock: FakeClock, typed: str, meant: str | None
) -> None:
    assert await saved_at(engine, clock, "pain_now", typed) == meant


async def test_a_pain_after_done_of_a_bad_day_asks(engine: Engine, clock: FakeClock) -> None:
    chat, _ = await reminded(engine, clock)
    await chat.send("done")
    await chat.send("normally 6, fine at the moment")
    assert "last_pain" not in await record_data(chat)
