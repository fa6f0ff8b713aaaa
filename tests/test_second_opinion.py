"""The second opinion: two small shipped models that may ask one question where the rules let
a message pass (crisis: `safety.yes` gives the crisis reply; a warning sign: `safety.yes`
gives the emergency advice; `safety.no` a kind line and the way back), never a tier of their
own; and the weights shipped are those of the development sets."""

from __future__ import annotations

from dialogs.engine import Engine
from dialogs.messages import Alert
from dialogs.ports import UserKey
from dialogs.second_opinion import SecondOpinion
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan
from tests.train_second_opinion import development, digest

# a farewell in words no crisis rule holds (the blind set's own example is caught by the rules
# since they learned that giving things away with a will is a farewell)
UNSEEN_BY_RULES = (
    "i have sorted everything out so nobody has to deal with my mess when i go, which wont be long"
)
CRISIS_MARK = "Are you safe right now?"
# said in a blind set, missed by the red-flag rules when it was first scored
SIGN_UNSEEN_BY_RULES = (
    "Tried to get out of the bath and my legs just weren't there. Both of them. "
    "Like standing on two pool noodles. Never had that."
)


def test_the_shipped_weights_come_from_the_development_sets_as_they_are() -> None:
    model = SecondOpinion.load("en")
    assert model is not None
    import json
    from pathlib import Path

    from content.texts import CONTENT_DIR

    shipped = json.loads((Path(CONTENT_DIR) / "en" / "second_opinion.json").read_text("utf-8"))
    assert shipped["trained_on"] == digest(development()), "retrain: the sets changed"


async def test_where_the_rules_pass_it_asks_and_yes_gives_the_crisis_reply(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    asked = await chat.send(UNSEEN_BY_RULES)
    assert [b.id for b in asked[-1].buttons] == ["safety.yes", "safety.no"]
    assert "thoughts of ending your life" in asked[-1].text
    assert not any(CRISIS_MARK in r.text for r in asked), "a question first, not a verdict"
    assert any(CRISIS_MARK in r.text for r in await chat.press("safety.yes"))


async def test_no_gives_a_kind_line_and_nothing_else(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send(UNSEEN_BY_RULES)
    replies = await chat.send("no, I'm safe")
    assert "/helpline" in replies[0].text
    assert not any(CRISIS_MARK in r.text for r in replies)
    record = await engine.store.load(UserKey("console", chat.user_id))
    assert record is not None and "crisis" not in record.data


async def test_everyday_words_get_no_question(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    for text in ("this pain is killing me", "walked 20 minutes today", "fed up with this back"):
        replies = await chat.send(text)
        assert not any(b.id.startswith("safety.") for r in replies for b in r.buttons), text


async def test_before_consent_the_crisis_reply_is_given_and_nothing_kept(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock, user_id="new", locale="en-GB")
    replies = await chat.send(UNSEEN_BY_RULES)
    assert any(CRISIS_MARK in r.text for r in replies)
    assert await engine.store.load(UserKey("console", "new")) is None


async def test_a_sign_the_rules_pass_gets_the_list_and_yes_is_the_emergency_advice(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    asked = await chat.send(SIGN_UNSEEN_BY_RULES)
    assert [b.id for b in asked[-1].buttons] == ["safety.yes", "safety.no"]
    assert "new in the last two weeks" in asked[-1].text and "cold and pale" in asked[-1].text
    assert all(r.alert is not Alert.EMERGENCY for r in asked), "a question, not a verdict"
    replies = await chat.press("safety.yes")
    assert Alert.EMERGENCY in [r.alert for r in replies]
    record = await engine.store.load(UserKey("console", chat.user_id))
    assert record is not None and record.data["hold"]["words"].startswith("Tried to")


async def test_no_to_the_list_holds_nothing(engine: Engine, clock: FakeClock) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send(SIGN_UNSEEN_BY_RULES)
    replies = await chat.send("no, none of those")
    assert all(r.alert is Alert.NONE for r in replies)
    record = await engine.store.load(UserKey("console", chat.user_id))
    assert record is not None and "hold" not in record.data and record.state == "plan"


async def test_a_plain_answer_to_the_question_asked_is_not_second_guessed(
    engine: Engine, clock: FakeClock
) -> None:
    from tests.typing_kit import at_question

    chat = await at_question(engine, clock, "where")
    assert SecondOpinion.load("en") is not None
    text = "back and down the left leg to the ankle"  # the model alone would ask about it
    replies = await chat.send(text)
    assert not any(b.id.startswith("safety.") for r in replies for b in r.buttons)
    assert all(r.alert is Alert.NONE for r in replies)
