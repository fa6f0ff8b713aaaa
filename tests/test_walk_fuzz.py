"""Any mix of walk buttons (offered, forged, replayed), typed walks and time passing never
fails a step, never has a walk waiting for two things at once, and never records a walk that
could not be:
each is within the time that passed, its pain onset within the walk, its score 0-10."""

from __future__ import annotations

import itertools
import logging
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.walk_kit import walk_data, walker, walks_stored

USERS = itertools.count()
PRESSES = [
    "walk.start",
    "walk.pain",
    "walk.end",
    "walk.stop",
    "walk.score.0",
    "walk.score.7",
    "walk.score.10",
    "walk.score.11",
    "walk.len.14",
    "walk.len.28",
    "walk.len.0",
    "walk.len.99",
    "walk.yes",
    "walk.no",
    "walk.prompts.off",
    "walk.prompts.on",
    "walk.",
    "walk.start.now",
]
TEXTS = [
    "walked 25 min, pain came on after 15",
    "walked 10 min, pain after 15",
    "walked 400 min",
    "about 20",
    "5",
    "yes",
    "no",
    "/walk",
    "/walk prompts off",
    "hello",
]
WAITING = ("asking", "pending", "ended")  # a length, a confirming tap, a score


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    actions=st.lists(
        st.one_of(
            st.tuples(st.just("press"), st.sampled_from(PRESSES)),
            st.tuples(st.just("last"), st.integers(0, 20)),
            st.tuples(st.just("text"), st.sampled_from(TEXTS)),
            st.tuples(st.just("wait"), st.integers(0, 6 * 60)),  # minutes
        ),
        max_size=14,
    )
)
async def test_any_mix_of_walk_input_saves_nothing_wrong(
    engine: Engine, caplog: pytest.LogCaptureFixture, actions: list[tuple[str, object]]
) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    clock = FakeClock(start)
    user = f"walkfuzz{next(USERS)}"
    chat = await walker(engine, clock, user_id=user)
    with caplog.at_level(logging.WARNING):
        for kind, value in actions:
            if kind == "wait":
                clock.advance(minutes=int(value))  # type: ignore[call-overload]
                continue
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
            assert not any("couldn't handle" in r.text for r in replies)
            data = await walk_data(engine, user)
            assert sum(part in data for part in WAITING) <= 1, data
            assert not ("open" in data and ("asking" in data or "ended" in data)), data
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    elapsed = (clock.now() - start) / timedelta(minutes=1)
    for walk in await walks_stored(engine, user):
        value = walk["value"]
        told = value["how"] != "timed"
        assert 0 < value["minutes"] <= (24 * 60 if told else elapsed + 0.1)
        assert value["pain_onset"] is None or 0 <= value["pain_onset"] <= value["minutes"] + 0.1
        assert value["pain"] is None or 0 <= value["pain"] <= 10
