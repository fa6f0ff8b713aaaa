"""A typed yes at a safety question that also names its sign answers the question: the user
gets that question's advice once and goes on, instead of a second alarm and the same question
again. The net still comes first: a graver sign told with the answer is escalated at once."""

from __future__ import annotations

import pytest

from dialogs.engine import Engine
from dialogs.machine import HOLD
from dialogs.messages import Alert, TextMessage
from tests.conftest import FakeClock
from tests.typing_kit import answers, at_question, record_data, state


async def test_a_yes_that_names_the_sign_answers_the_question_once(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "constant_or_injury")
    replies = await chat.send("yes it's worse at night")
    assert (await answers(chat))["constant_or_injury"] == "yes"
    assert await state(chat) == HOLD
    assert [r.alert for r in replies if r.alert is not Alert.NONE] == [Alert.URGENT]
    assert not any("And any of these?" in r.text for r in replies), "asked the question again"
    hold = (await record_data(chat))["hold"]
    assert hold["source"] == "screening" and hold["words"] == "yes it's worse at night"
    assert "told" not in await record_data(chat), "the words are kept with the flag only"


async def test_a_graver_sign_told_with_the_answer_is_escalated_first(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "worsening_leg")
    replies = await chat.send("yes, and since yesterday I can't feel the toilet paper")
    assert Alert.EMERGENCY in [r.alert for r in replies]
    assert "worsening_leg" not in await answers(chat)


async def test_an_edited_message_never_answers_the_question(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "constant_or_injury")
    edit = TextMessage(chat.sender, clock.now(), "yes it's worse at night", edited=True)
    replies = await chat._handle(edit)
    assert Alert.SOON in [r.alert for r in replies]  # still read for the sign it names
    assert "constant_or_injury" not in await answers(chat)


async def test_an_unsure_sign_at_its_own_question_goes_through_the_points_without_an_alarm(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "saddle_bladder")
    replies = await chat.send("im not sure, maybe my bladder is a bit different?? hard to tell")
    assert await state(chat) != HOLD
    assert all(r.alert is Alert.NONE for r in replies)
    assert (await record_data(chat))["unsure"] == {"question": "saddle_bladder", "item": 0}


async def test_a_sign_told_firmly_after_not_sure_still_gets_the_alarm_at_once(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "both_legs_accident")
    replies = await chat.send("not sure, both legs went weak suddenly")
    assert await state(chat) == HOLD
    assert Alert.EMERGENCY in [r.alert for r in replies]


async def test_a_sign_taken_back_in_the_same_breath_is_asked_about_not_alarmed(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "unwell_history")
    replies = await chat.send("I lost some weight but I've been on a diet")
    assert await state(chat) != HOLD
    assert all(r.alert is Alert.NONE for r in replies)
    assert "unwell_history" not in await answers(chat)


@pytest.mark.parametrize(
    ("question", "typed", "saved"),
    [
        ("constant_or_injury", "it settles when I rest, no fall, and no lump", "no"),
        ("both_legs_accident", "just my left leg, and no crash", "no"),
        ("worsening_leg", "no its stable, no tingling and my legs are strong", "no"),
        ("worsening_leg", "no weakness", None),  # one point of three: the others?
        ("constant_or_injury", "no, it never settles", None),  # a no, and a sign that applies
        ("unwell_history", "never had cancer", None),  # not what this question asks
        ("saddle_bladder", "not really", "no"),  # no pause: "not now" is no bare "not"
    ],
)
async def test_points_denied_in_other_words_answer_only_when_every_point_is(
    engine: Engine, clock: FakeClock, question: str, typed: str, saved: str | None
) -> None:
    chat = await at_question(engine, clock, question)
    await chat.send(typed)
    assert (await answers(chat)).get(question) == saved


async def test_an_answer_that_also_tells_a_soon_sign_gets_the_advice_and_is_kept(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "eases")
    replies = await chat.send("nothing really helps")
    assert Alert.SOON in [r.alert for r in replies]
    assert (await answers(chat))["eases"] == "neither"
    assert "How long have you had this pain" in replies[-1].text, "the next question, not again"


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("I lost weight on purpose, and no temperature", "no"),  # not without trying
        ("I've gained weight if anything. No fever", "no"),  # no weight lost at all
        ("I feel fine in myself and my weight is the same", "no"),  # each point in other words
        ("I feel fine in myself", None),  # one point of two: the weight?
        ("lost weight with no diet, no temperature", "not no"),  # the other thing denied
    ],
)
async def test_a_sign_said_to_be_another_thing_than_the_one_asked_is_denied(
    engine: Engine, clock: FakeClock, typed: str, saved: str | None
) -> None:
    chat = await at_question(engine, clock, "unwell_history")
    await chat.send(typed)
    got = (await answers(chat)).get("unwell_history")
    assert got != "no" if saved == "not no" else got == saved


@pytest.mark.parametrize(
    ("question", "typed", "saved"),
    [
        ("constant_or_injury", "it doesn't stop when I lie down. no injury", "yes"),
        ("worsening_leg", "no tingling, my foot keeps slapping down", "yes"),
        ("constant_or_injury", "no, it never settles", None),  # a no to the whole question
        ("constant_or_injury", "it stops when I rest, no fall, no lump", "no"),
    ],
)
async def test_a_sign_that_applies_beside_nos_to_other_points_is_a_yes(
    engine: Engine, clock: FakeClock, question: str, typed: str, saved: str | None
) -> None:
    chat = await at_question(engine, clock, question)
    await chat.send(typed)
    assert (await answers(chat)).get(question) == saved
