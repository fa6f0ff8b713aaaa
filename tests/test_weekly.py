"""The weekly numbers: a change in pain that matters, the decision, and the check-in's order and
what a clinician's summary shows after it."""

from __future__ import annotations

import pytest

from content.bundle import load_content
from dialogs.engine import Engine
from dialogs.weekly import Week, decide, meaningful, pain_key, worsening
from tests.conftest import FakeClock
from tests.plan_kit import record_of, user_with_answers

RULES = load_content().plans.progression


@pytest.mark.parametrize(
    ("first", "now", "matters"),
    [
        (3, 2, False),  # 1 point, 33 %: a small change
        (3, 1, True),  # 2 points, 67 %
        (8, 6, False),  # 2 points but 25 %
        (8, 5.5, True),  # 2.5 points, 31 %
        (6, 4.1, False),  # 1.9 points
        (0, 0, False),
        (4, 6, True),  # worse by as much counts too
    ],
)
def test_a_change_matters_only_at_2_points_and_30_percent(
    first: float, now: float, matters: bool
) -> None:
    assert meaningful(first, now) is matters


def test_pain_keys_say_small_changes_are_small() -> None:
    assert pain_key(3, 2) == "better"
    assert pain_key(5, 3) == "better_mic"
    assert pain_key(5, 5) == "same"
    assert pain_key(5, 5.1) == "worse"


def week(**changed: float) -> Week:
    values = {"first": 5, "last": 5, "now": 5, "walk_last": 20, "walk_now": 20, "days_done": 6}
    values |= changed
    return Week(**values)  # type: ignore[arg-type]


def test_a_good_week_steps_up() -> None:
    assert decide(RULES, week(now=4.5)) == ("up", [])


@pytest.mark.parametrize(
    ("changed", "expected"),
    [
        ({"now": 7}, ("back", ["start"])),  # 2 above the first week
        ({"first": 3, "last": 3, "now": 4.9}, ("keep", ["rising"])),  # 1.9: not yet back
        ({"first": 4, "last": 2, "now": 4}, ("back", ["last"])),  # 2 above the last check-in
        ({"walk_now": 15}, ("keep", ["walk"])),
        ({"days_done": 3}, ("keep", ["days"])),
        ({"last": 4, "now": 5}, ("keep", ["rising"])),
    ],
)
def test_no_step_up_while_pain_is_up_or_walking_falls(
    changed: dict[str, float], expected: tuple[str, list[str]]
) -> None:
    assert decide(RULES, week(**changed)) == expected


def test_worsening_means_rising_at_each_check_in_and_by_a_point_in_all() -> None:
    assert worsening([4, 4.5, 5.1], 2, 1)
    assert not worsening([4, 4.1, 4.2], 2, 1), "creeping up by 0.2 is not worsening"
    assert not worsening([4, 5, 5], 2, 1)
    assert not worsening([4, 5], 2, 1), "not enough check-ins yet"


async def test_the_check_in_asks_the_safety_questions_first_and_the_summary_shows_the_latest(
    engine: Engine,
) -> None:
    clock = FakeClock()
    chat = await user_with_answers(engine, clock, pain_now="6", walk_minutes="10")
    replies = await chat.send("/checkin")
    assert "In the past two weeks, has any of this started or got worse?" in replies[-1].text
    for _ in range(5):
        await chat.tap("No, none")
    assert "How bad is it right now" in chat.text()
    await chat.press("pain_now.3")
    await chat.send("30 minutes")
    record = await record_of(chat)
    assert record.data["answers"]["pain_now"] == "3"
    assert record.data["baseline"]["pain"] == "6", "the start is kept as it was told"
    await chat.send("I've had a fever since yesterday")
    summary = await chat.tap("Summary for a clinician")
    assert "pain now 3/10; walking 30 min" in summary[0].text
