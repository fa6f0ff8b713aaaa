"""Who the plan is for (age, pregnancy, recent surgery, a specialist), the circulation pattern,
and a bad flare, as a user meets them in the chat."""

from __future__ import annotations

from dataclasses import replace

from dialogs.engine import Engine
from dialogs.machine import HOLD, PLAN
from dialogs.messages import Alert
from dialogs.ports import StepResult, UserKey, UserRecord
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.plan_kit import SCREENING, record_of, user_with_answers


async def test_the_greeting_says_no_clinician_reads_the_messages(engine: Engine) -> None:
    replies = await Chat(engine, FakeClock()).send("/start")
    assert "no doctor or physiotherapist reads these messages" in replies[0].text
    assert "16 and over" in replies[0].text


async def test_under_16_is_told_who_to_ask_and_nothing_is_kept(engine: Engine) -> None:
    chat = Chat(engine, FakeClock(), user_id="kit")
    await chat.press("start.begin")
    await chat.press("start.agree")
    for question in [*SCREENING, "worsening_leg"]:
        await chat.press(f"{question}.no")
    assert "Under 16" in chat.buttons()
    replies = await chat.tap("Under 16")
    assert "parent" in replies[-1].text and "doctor" in replies[-1].text
    assert "Here is your plan" not in chat.text()
    assert await engine.store.load(UserKey("console", "kit")) is None
    await chat.send("/exercises")
    assert "We haven't made your plan yet" in chat.text() or "/start" in chat.text()


async def test_pregnancy_leaves_out_lying_on_the_back_and_names_the_midwife(
    engine: Engine,
) -> None:
    chat = await user_with_answers(engine, FakeClock(), care="pregnant", duration="over_12_weeks")
    assert "midwife" in chat.text() and "antenatal" in chat.text()
    shown = await chat.send("/exercises")
    steps = [r.text for r in shown if "How:" in r.text]
    assert steps and not any("lie on your back" in s.lower() for s in steps)
    assert any("Sit to stand" in s or "Seated" in s for s in steps)


async def test_recent_surgery_starts_every_exercise_at_its_easiest_and_defers_to_the_team(
    engine: Engine,
) -> None:
    chat = await user_with_answers(engine, FakeClock(), care="surgery")
    assert "follow your surgical team" in chat.text()
    assert "every exercise is at its easiest version" in chat.text()
    plan = (await record_of(chat)).data["plan"]
    families = engine.content.plans.catalogue.families
    for item in plan["items"]:
        assert item["version"] == families[item["family"]].versions[0].id


async def test_under_a_specialist_their_advice_comes_first(engine: Engine) -> None:
    chat = await user_with_answers(engine, FakeClock(), care="specialist")
    assert "their advice comes first" in chat.text()


async def test_the_circulation_pattern_is_a_soon_alert_asks_about_smoking_and_blames_no_muscle(
    engine: Engine,
) -> None:
    chat = await user_with_answers(
        engine,
        FakeClock(),
        where="calf",
        eases="standing_still",
        sitting_hours="over_8",
        tightness="both",
        gait="sway",
        duration="over_12_weeks",
    )
    plan = next(r for r in chat.last if "not a diagnosis):" in r.text)
    advice = next(r for r in chat.last if "check the circulation" in r.text)
    question = next(r for r in chat.last if "do you smoke" in r.text)
    assert "check the circulation" in advice.text and advice.alert is Alert.SOON
    assert plan.alert is Alert.NONE
    told = plan.text.split("not a diagnosis):")[1].split("Your exercises:")[0]
    assert "blood flow" in told
    for blame in ("sitting", "tight", "sway", "muscles", "nerve", "posture"):
        assert blame not in told
    assert "Walk relaxed and upright" not in plan.text
    assert "smoke" in question.text and "diabetes" in question.text
    await chat.tap("I smoke")
    assert "Stopping smoking" in chat.text()
    assert (await record_of(chat)).data["risk_factors"] == "smoke"
    await chat.send("/why")
    assert "The circulation: because your leg pain eases by just standing still" in chat.text()


async def test_back_only_pain_eased_by_standing_is_not_the_circulation_pattern(
    engine: Engine,
) -> None:
    chat = await user_with_answers(engine, FakeClock(), where="back", eases="standing_still")
    assert all(r.alert is Alert.NONE for r in chat.last)
    assert "circulation" not in chat.text()


async def test_a_typed_answer_about_smoking_and_diabetes(engine: Engine) -> None:
    chat = await user_with_answers(engine, FakeClock(), where="calf", eases="standing_still")
    await chat.send("I'm diabetic and I smoke")
    assert (await record_of(chat)).data["risk_factors"] == "both"


async def test_a_bad_flare_gets_a_short_plan_a_recheck_and_the_gentlest_plan_for_days(
    engine: Engine,
) -> None:
    clock = FakeClock()
    chat = await user_with_answers(engine, clock, duration="over_12_weeks", sitting_hours="over_8")
    usual = (await record_of(chat)).data["plan"]["exercises"]
    replies = await chat.send("I'm in agony, can't move")
    assert "didn't understand" not in chat.text()
    assert "comfortable" in replies[0].text or "position that eases it" in replies[0].text
    assert "pharmacist" in replies[0].text and "doctor" in replies[0].text
    assert "Is any of this new" in replies[-1].text
    replies = await chat.tap("No, none")
    assert "your plan is at its gentlest" in replies[-1].text
    during = (await record_of(chat)).data["plan"]["exercises"]
    assert len(during) <= 2 and during != usual
    families = engine.content.plans.catalogue.families
    easiest = {f.versions[0].id for f in families.values()} | {"bird_dog_counter"}
    assert set(during) <= easiest
    await chat.send("/exercises")
    assert "You're in a flare" in chat.text()
    clock.advance(days=3)
    await chat.send("/why")
    assert (await record_of(chat)).data["plan"]["exercises"] == usual


async def test_a_flare_with_a_new_saddle_or_bladder_sign_goes_to_the_emergency_hold(
    engine: Engine,
) -> None:
    chat = await user_with_answers(engine, FakeClock())
    await chat.send("my back has flared up, I can barely move")
    replies = await chat.tap("Yes, one of these")
    assert replies[-1].alert is Alert.EMERGENCY
    assert (await record_of(chat)).state == HOLD


async def test_other_typed_words_in_the_plan_still_change_nothing(engine: Engine) -> None:
    chat = await user_with_answers(engine, FakeClock())
    before = (await record_of(chat)).data
    await chat.send("what a lovely day")
    after = await record_of(chat)
    assert "didn't understand" in chat.text() and after.state == PLAN and after.data == before


async def test_a_plan_kept_in_the_old_shape_is_rebuilt_from_the_answers(engine: Engine) -> None:
    clock = FakeClock()
    chat = await user_with_answers(engine, clock, eases="sitting")
    old = {"exercises": ["glute_bridge"], "reasons": {}, "tips": ["chest_up"], "level": 1}
    old |= {"contributors": ["weak_glutes_core"], "high_pain": False}

    def keep_the_old_plan(record: UserRecord | None) -> StepResult:
        assert record is not None
        return StepResult(replace(record, data={**record.data, "plan": old}), (), "chat")

    await engine.store.apply(UserKey("console", "alice"), keep_the_old_plan, clock.now())
    await chat.send("/posture")
    assert "forward lean is fine" in chat.text() and "chest" not in chat.text()
    assert "items" in (await record_of(chat)).data["plan"]
