"""Red-flag holds as the user meets them: the clinician summary (by button or typed), typed
answers with apostrophes or none, "not yet" before the follow-up day, where a screening hold
resumes after a check or a mis-tap, and the soon tier's own advice. Written where mutation
testing showed that a broken hold still passed every test."""

from __future__ import annotations

from datetime import UTC, datetime

from dialogs.engine import Engine
from dialogs.messages import Alert
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan

START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
ALICE = UserKey("console", "alice")
NUMB = "I have a new numbness between my legs"
NUMB_LABEL = "numbness or tingling around the bottom, genitals or inner thighs"
SADDLE_QUESTION_LABEL = (
    "numbness around the saddle area, or a change in bladder, bowel or sexual control"
)
CALF = "my calf hurts when I walk and it eases when I stand still"
CIRCULATION = (
    "Please see your doctor for a circulation check in the next week or two.\n"
    "You mentioned calf pain on walking that eases when you stand still."
)
SUMMARY = (
    "Summary to show a clinician\n"
    "Reported on 2026-06-01 to a self-help back-pain coaching app (not a medical assessment):\n"
    f"• {NUMB_LABEL}\n"
    f"• Their own words, on 2026-06-01: “{NUMB}”\n"
    "Their answers: pain now 4/10; walking 20 min before the pain starts; felt in: Lower back "
    "only; eased by: Sitting or bending forward; for 6 to 12 weeks.\n"
    "This person has low back pain that comes on when walking."
)


async def held(engine: Engine) -> Chat:
    chat = await user_with_plan(engine, FakeClock(START))
    await chat.send(NUMB)
    return chat


async def saved_state(engine: Engine) -> tuple[str, dict]:
    record = await engine.store.load(ALICE)
    assert record is not None
    return record.state, record.data


async def test_the_summary_button_and_typed_request_give_the_whole_summary(
    engine: Engine,
) -> None:
    chat = await held(engine)
    await chat.tap("Summary for a clinician")
    assert chat.text() == SUMMARY
    await chat.send("can I have the summary please")
    assert chat.text() == SUMMARY


async def test_a_summary_before_the_interview_is_answered_has_no_answers_line(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    await chat.send(NUMB)  # at the first safety question: its yes, in the user's own words
    await chat.tap("Summary for a clinician")
    assert chat.text().startswith("Summary to show a clinician\nReported on 2026-03-02")
    assert SADDLE_QUESTION_LABEL in chat.text() and NUMB in chat.text()
    assert "Their answers" not in chat.text()


async def test_typed_it_s_fine_releases_with_or_without_the_apostrophe(engine: Engine) -> None:
    for user, words in (("alice", "the doctor said it's fine"), ("bob", "gp said its fine")):
        chat = await user_with_plan(engine, FakeClock(START), user_id=user)
        await chat.send(NUMB)
        await chat.send(words)
        assert chat.last[0].text == "Thank you, I'm glad you got it checked. Let's carry on."
        record = await engine.store.load(UserKey("console", user))
        assert record is not None and record.state == "plan"
        assert "hold" not in record.data, "a released hold is not kept as open"


async def test_a_mistaken_yes_in_screening_asks_that_question_again(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    first = chat.text()
    await chat.send("no")
    second = chat.text()
    await chat.send("yes")
    assert (await saved_state(engine))[0] == "hold"
    held_at = (await saved_state(engine))[1]["hold"]["resume"]
    await chat.tap("I tapped Yes by mistake")
    assert chat.last[0].text == "Thanks for clearing that up. Let's carry on where we were."
    assert chat.text().endswith(second.split("\n")[-1]), "the same question, asked again"
    state, data = await saved_state(engine)
    assert state == held_at and first != second
    assert "plan" not in data and "hold" not in data


async def test_checked_after_a_screening_yes_goes_on_to_the_next_question(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    await chat.send("no")
    await chat.send("yes")  # the second screening question
    held_at = (await saved_state(engine))[1]["hold"]["resume"]
    await chat.tap("Yes, I've been checked")
    state, data = await saved_state(engine)
    order = [q.state for q in engine.content.interview.questions]
    assert state == order[order.index(held_at) + 1]
    assert "plan" not in data


async def test_the_soon_tier_gives_its_advice_with_the_label_and_a_checked_button(
    engine: Engine,
) -> None:
    chat = await user_with_plan(engine, FakeClock(START))
    replies = await chat.send("the pain keeps getting worse week by week")
    [soon] = [r for r in replies if r.alert is Alert.SOON]
    label = (await saved_state(engine))[1]["soon"]["label"]
    assert label and f"You mentioned {label}." in soon.text
    assert [b.label for b in soon.buttons] == ["Yes, I've been checked"]


async def test_a_soon_flag_with_its_own_cause_gets_the_advice_for_that_cause(
    engine: Engine,
) -> None:
    chat = await user_with_plan(engine, FakeClock(START))
    replies = await chat.send(CALF)
    [soon] = [r for r in replies if r.alert is Alert.SOON]
    assert soon.text.startswith(CIRCULATION)
    assert [b.label for b in soon.buttons] == ["Yes, I've been checked"]


async def test_the_hold_offers_not_yet_only_from_the_next_day(engine: Engine) -> None:
    chat = await held(engine)
    assert chat.buttons() == [
        "Yes, I've been checked",
        "📋 Summary for a clinician",
        "That's not what I meant",
    ]


async def test_the_advice_names_the_emergency_number_of_the_users_zone(engine: Engine) -> None:
    chat = await user_with_plan(engine, FakeClock(START))
    await chat.send("/timezone Europe/London")
    await chat.send(NUMB)
    assert f"What you describe ({NUMB_LABEL})" in chat.text()
    assert "call 999" in chat.text() and "you can call 111" in chat.text()


async def test_a_red_flag_before_consent_gets_advice_and_summary_and_nothing_is_kept(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.send("/start")
    replies = await chat.send(NUMB)
    assert replies[0].alert is Alert.EMERGENCY and NUMB_LABEL in replies[0].text
    assert replies[-1].text.startswith("Summary to show a clinician\nReported on 2026-03-02")
    assert await engine.store.load(ALICE) is None


async def test_a_second_flag_while_held_keeps_the_higher_tier_and_where_to_resume(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    asked = (await saved_state(engine))[0]
    await chat.send("I've had a fever since yesterday")
    state, data = await saved_state(engine)
    assert state == "hold" and data["hold"]["tier"] == "urgent"
    replies = await chat.send(NUMB)  # higher: the hold becomes an emergency
    assert replies[0].alert is Alert.EMERGENCY and NUMB_LABEL in replies[0].text
    assert "I tapped Yes by mistake" not in [b.label for b in replies[0].buttons]
    data = (await saved_state(engine))[1]
    assert (data["hold"]["tier"], data["hold"]["label"]) == ("emergency", NUMB_LABEL)
    replies = await chat.send("I've had a fever since yesterday")  # lower: advice, hold stays
    assert replies[0].alert is Alert.URGENT
    assert "hold.checked" in [b.id for b in replies[0].buttons]
    data = (await saved_state(engine))[1]
    assert data["hold"]["tier"] == "emergency"
    assert [f["tier"] for f in data["flags"]] == ["urgent", "emergency", "urgent"]
    await chat.send("sorry, that's not what I meant")
    assert (await saved_state(engine))[0] == asked


async def test_a_summary_before_any_answer_has_no_answers_line_and_no_gap(
    engine: Engine, clock: FakeClock
) -> None:
    chat = Chat(engine, clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    await chat.send(NUMB)
    await chat.tap("Summary for a clinician")
    words = f"• Their own words, on 2026-03-02: “{NUMB}”"
    assert f"• {SADDLE_QUESTION_LABEL}\n{words}\nThis person has low back pain" in chat.text()


async def test_the_summary_the_next_day_gives_the_day_it_was_reported(engine: Engine) -> None:
    clock = FakeClock(START)
    chat = await user_with_plan(engine, clock)
    await chat.send(NUMB)
    clock.advance(days=2)
    await chat.tap("Summary for a clinician")
    assert "Reported on 2026-06-01 to a self-help" in chat.text()
