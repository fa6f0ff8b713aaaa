"""Lasting risk factors are background (CLINICAL.md, "Combinations that raise the tier"): asked
once, recorded, never a hold by themselves, not asked again at the weekly check-in, and
counted by the red-flag net in its combinations, so new leg weakness after a cancer is an
emergency with the cancer team's advice."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from content.bundle import Content
from content.redflags import Combination
from dialogs.dialog import Dialog
from dialogs.engine import Engine
from dialogs.machine import HOLD, PLAN
from dialogs.messages import Alert, ButtonPress, Reply, Sender, TextMessage
from dialogs.ports import UserKey, UserRecord
from dialogs.safety import SafetyNet
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import START, FakeClock
from tests.plan_kit import record_of, user_with_answers
from tests.typing_kit import at_question, record_data, state

LEGS = "my legs have gone weak and numb since Monday"
ONE_LEG = "my left leg has gone weak since Monday"
CANCER_TEAM = "cancer team or acute oncology line"
BACKGROUND_QUESTION = "ever applied to you"
SCREENING = ["saddle_bladder", "both_legs_accident", "unwell_history"]
SCREENING += ["constant_or_injury", "worsening_leg"]


def advice(replies: list[Reply]) -> str:
    return "\n".join(r.text for r in replies)


def read_json(path: str) -> dict:  # type: ignore[type-arg]
    return json.loads(Path(path).read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def alerts(chat: Chat) -> set[Alert]:
    return {r.alert for r in chat.last}


async def test_a_past_cancer_is_recorded_with_one_calm_line_and_the_interview_goes_on(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "background")
    assert BACKGROUND_QUESTION in chat.text() and "None of these" in chat.buttons()
    replies = await chat.press("background.cancer_history")
    assert await state(chat) == "q_care", "not held: the next question is asked"
    line = replies[0]
    assert CANCER_TEAM in line.text and "leg" in line.text and "bladder" in line.text
    assert line.alert is Alert.NONE and not line.buttons, "a calm line, not an alert"
    assert "pregnant" in replies[-1].text
    data = await record_data(chat)
    assert data["background"] == ["cancer_history"]
    assert data["answers"]["background"] == "cancer_history"
    assert "hold" not in data and "flags" not in data


async def test_a_user_with_a_past_cancer_gets_the_plan(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_answers(engine, clock, background="cancer_history")
    assert "Here is your plan" in chat.text()
    record = await record_of(chat)
    assert record.state == PLAN and record.data["background"] == ["cancer_history"]


@pytest.mark.parametrize("text", [LEGS, ONE_LEG])
async def test_new_leg_symptoms_after_a_cancer_are_an_emergency_for_the_cancer_team(
    engine: Engine, clock: FakeClock, text: str
) -> None:
    cancer = await user_with_answers(engine, clock, "carol", background="cancer_history")
    other = await user_with_answers(engine, clock, "olga")
    with_cancer, without = await cancer.send(text), await other.send(text)
    assert Alert.EMERGENCY in alerts(cancer)
    assert CANCER_TEAM in advice(with_cancer)
    assert (await record_of(cancer)).data["hold"]["advice"] == "hold.advice.cancer_nerves"
    assert CANCER_TEAM not in advice(without), "the cancer team's advice needs the background"
    assert advice(without) != advice(with_cancer)


async def test_one_weak_leg_without_the_background_stays_at_the_gentler_tier(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_answers(engine, clock)
    await chat.send(ONE_LEG)
    assert Alert.EMERGENCY not in alerts(chat)


async def test_the_weekly_check_in_asks_the_safety_questions_but_not_the_background(
    engine: Engine, clock: FakeClock, content: Content
) -> None:
    assert not any("background" in s for s in content.interview.checkin_states())
    chat = await user_with_answers(engine, clock, background="cancer_history")
    said = [await chat.send("/checkin")]
    for question in SCREENING:
        said.append(await chat.press(f"{question}.no"))
    for button in ("pain_now.4", "walk_minutes.20"):
        said.append(await chat.press(button))
    texts = [advice(replies) for replies in said]
    assert "fever" in texts[2], "the current signs are asked again"
    assert all(BACKGROUND_QUESTION not in t and CANCER_TEAM not in t for t in texts)
    record = await record_of(chat)
    assert record.state == PLAN and len(record.data["checkins"]) == 1, "the check-in ended"
    assert record.data["background"] == ["cancer_history"], "kept as told, not asked again"


async def test_a_fever_still_holds_the_plan_at_urgent(engine: Engine, clock: FakeClock) -> None:
    chat = await at_question(engine, clock, "unwell_history")
    assert "fever" in chat.text() and "cancer" not in chat.text()
    await chat.press("unwell_history.yes")
    assert await state(chat) == HOLD
    assert (await record_data(chat))["hold"]["tier"] == "urgent"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("no", []),
        ("none of those", []),
        ("nope, never had any of that", []),
        ("I've never had cancer", []),
        ("I had breast cancer 10 years ago", ["cancer_history"]),
        ("prednisolone every day for my arthritis", ["steroid_use"]),
        ("I had cancer and I take steroids", ["cancer_history"]),
        ("osteoporosis", ["osteoporosis"]),
    ],
)
async def test_typed_answers_are_read_by_the_shared_answer_layer(
    engine: Engine, clock: FakeClock, typed: str, kept: list[str]
) -> None:
    chat = await at_question(engine, clock, "background")
    replies = await chat.send(typed)
    assert await state(chat) == "q_care", (typed, advice(replies))
    assert (await record_data(chat))["background"] == kept
    assert Alert.URGENT not in alerts(chat) and Alert.EMERGENCY not in alerts(chat)


async def test_a_new_sign_told_with_the_answer_is_still_an_alarm(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "background")
    await chat.send("I had cancer and now my legs have gone weak")
    assert await state(chat) == HOLD
    assert Alert.EMERGENCY in alerts(chat) and CANCER_TEAM in chat.text()


async def test_export_shows_the_background_in_plain_words(
    tmp_path: Path, sqlite_store: SqlStore, content: Content, clock: FakeClock
) -> None:
    engine = Engine(sqlite_store, content, files_dir=tmp_path)
    chat = await user_with_answers(engine, clock, background="osteoporosis")
    replies = await chat.send("/export")
    exported = read_json(replies[0].document or "")
    assert exported["answers_explained"]["background"] == {
        "code": "osteoporosis",
        "means": "Osteoporosis",
    }
    assert exported["kept"]["background"] == ["osteoporosis"]


def test_the_background_alone_is_never_a_finding(content: Content) -> None:
    net = SafetyNet(content.redflags)
    everything = content.interview.risk_factors()
    assert everything == {
        "cancer_history",
        "steroid_use",
        "osteoporosis",
        "immune_suppression",
        "injected_drugs",
    }
    assert net.check("I walked to the shops today", background=everything) is None
    both = Combination(
        "two_factors",
        "emergency",
        "two risk factors",
        (frozenset({"cancer_history"}), frozenset({"steroid_use"})),
    )
    rules = replace(content.redflags, combinations=(*content.redflags.combinations, both))
    finding = SafetyNet(rules).check("I have a fever", background=everything)
    assert finding is not None and finding.sign != "two_factors", "the message says none of it"


def sender() -> Sender:
    return Sender("console", "old", "chat-old", "en")


def old_record(state_name: str, answers: dict[str, str]) -> UserRecord:
    data = {"answers": answers, "consent": {"at": START.isoformat()}, "started": "2026-01-05"}
    return UserRecord(UserKey("console", "old"), "chat-old", state_name, data)


def test_an_old_record_held_mid_interview_at_the_old_question_goes_on(content: Content) -> None:
    dialog = Dialog(content)
    earlier = {"saddle_bladder": "no", "both_legs_accident": "no"}
    record = old_record("rf_unwell_history", earlier)
    result = dialog.step(ButtonPress(sender(), START, "unwell_history.no"), record)
    assert result.record is not None and result.record.state == "rf_constant_or_injury"
    assert "background" not in result.record.data


def test_an_old_yes_to_the_old_question_is_kept_and_nothing_is_asked_again(
    content: Content,
) -> None:
    dialog = Dialog(content)
    old = {"saddle_bladder": "no", "both_legs_accident": "no", "unwell_history": "yes"}
    old |= {"constant_or_injury": "no", "worsening_leg": "no", "age_band": "65_to_74"}
    result = dialog.step(ButtonPress(sender(), START, "care.none"), old_record("q_care", old))
    assert result.record is not None and result.record.state == "q_floor"
    assert result.record.data["answers"]["unwell_history"] == "yes"
    later = dialog.step(TextMessage(sender(), START, ONE_LEG), result.record)
    assert later.record is not None
    assert all(CANCER_TEAM not in r.text for r in later.replies), "no background: none assumed"


async def test_a_past_cancer_told_in_passing_is_kept_as_background_not_held(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_answers(engine, clock, "pat")
    replies = await chat.send("by the way I had breast cancer ten years ago")
    assert CANCER_TEAM in advice(replies)
    assert all(r.alert is Alert.NONE for r in replies)
    record = await record_of(chat)
    assert record.state == PLAN and record.data["background"] == ["cancer_history"]
    await chat.send(ONE_LEG)  # the background now sharpens a new sign
    assert Alert.EMERGENCY in alerts(chat)
