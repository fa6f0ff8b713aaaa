"""Guided sessions: /session walks through the day's exercises one message at a time (picture,
dose, cues, what to feel) with Done, Easier, It hurts and Skip, then asks the pain score, which
records the session and counts the day like the reminder's Done."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.dispatcher import Dispatcher
from bot.pictures.book import PictureBook
from content.bundle import Content
from dialogs.engine import Engine
from dialogs.machine import HOLD, PLAN
from dialogs.messages import Alert, Reply
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.plan_kit import record_of, user_with_answers
from tests.reminder_kit import RecordingSender, travel

MONDAY = datetime(2026, 3, 2, 6, 0, tzinfo=UTC)
STEP_BUTTONS = ["session.done", "session.easier", "session.hurts", "session.skip"]
NONE_EASIER = ["session.done", "session.hurts", "session.skip"]


async def desk_worker(engine: Engine, clock: FakeClock | None = None) -> Chat:
    """A standing hamstring stretch, a standing hip-flexor stretch (the easiest of its family)
    and a glute bridge."""
    clock = clock or FakeClock(MONDAY)
    return await user_with_answers(engine, clock, sitting_hours="over_8", tightness="hamstrings")


def steps(replies: list[Reply]) -> list[Reply]:
    return [r for r in replies if any(b.id == "session.done" for b in r.buttons)]


async def planned(chat: Chat) -> list[str]:
    return [i["version"] for i in (await record_of(chat)).data["plan"]["items"]]


async def history(chat: Chat, kind: str) -> list[dict]:  # type: ignore[type-arg]
    return await chat.engine.store.history(UserKey(chat.platform, chat.user_id), kind)


async def test_each_exercise_comes_alone_with_its_picture_dose_cues_and_feel(
    picture_engine: Engine, pictures: PictureBook
) -> None:
    chat = await desk_worker(picture_engine)
    versions = await planned(chat)
    intro, first = await chat.send("/session")
    assert re.search(rf"{len(versions)} exercises, about \d+ minutes", intro.text)
    seen = [first]
    for _ in versions[1:]:
        seen += steps(await chat.press("session.done"))
    assert [s.image for s in seen] == [pictures.picture(v) for v in versions]
    assert all(s.image and Path(s.image).is_file() for s in seen)  # noqa: ASYNC240
    for number, (step, version) in enumerate(zip(seen, versions, strict=True), 1):
        name = chat.engine.content.texts.get("en", f"exercise.{version}.name")
        assert step.text.startswith(f"{number} of {len(versions)} · {name}")
        assert 2 <= step.text.count("\n• ") <= 3, "two or three form cues"
        assert "You should feel:" in step.text and "Stop if" in step.text
    assert [[b.id for b in s.buttons] for s in seen] == [STEP_BUTTONS, NONE_EASIER, STEP_BUTTONS]
    assert versions == ["hamstring_stretch", "hip_flexor_standing", "glute_bridge"]
    assert "Hold for 6 slow breaths (about 30 seconds) on each side, 2 times." in seen[0].text
    assert "Do 2 sets of 10, with a short rest between sets." in seen[2].text


async def test_easier_shows_the_easier_version_at_once_for_this_session_only(
    picture_engine: Engine, pictures: PictureBook
) -> None:
    chat = await desk_worker(picture_engine)
    await chat.send("/session")
    [eased] = await chat.press("session.easier")
    assert eased.text.startswith("Here is an easier version: Lying hamstring stretch, knee bent.")
    assert "1 of 3 · Lying hamstring stretch, knee bent" in eased.text
    assert eased.image == pictures.picture("hamstring_lying")
    assert [b.id for b in eased.buttons] == NONE_EASIER
    assert "earlier message" in (await chat.press("session.easier"))[0].text, "none easier"
    assert (await planned(chat))[0] == "hamstring_stretch", "the plan itself is not changed"


async def test_the_pain_score_records_the_session_and_counts_the_day_like_done(
    picture_engine: Engine,
) -> None:
    chat = await desk_worker(picture_engine)
    versions = await planned(chat)
    await chat.send("/session")
    await chat.press("session.easier")
    await chat.press("session.done")
    await chat.press("session.skip")
    [last] = await chat.press("session.done")
    assert "1 done, 1 made easier, 1 skipped" in last.text
    assert [b.id for b in last.buttons] == [f"session.pain.{n}" for n in range(11)]
    [saved] = await chat.press("session.pain.3")
    assert "3/10" in saved.text and "1 day in a row" in saved.text
    [session] = await history(chat, "session")
    value = session["value"]
    assert value["exercises"] == versions and value["pain"] == 3
    assert value["done"] == ["hamstring_lying", "glute_bridge"]
    eased = {"family": "hamstring_stretch", "from": "hamstring_stretch", "to": "hamstring_lying"}
    assert value["eased"] == [eased]
    assert value["skipped"] == ["hip_flexor_standing"] and value["counts_for_day"] is True
    assert (await record_of(chat)).data["done_days"] == ["2026-03-02"]
    assert [e["value"]["score"] for e in await history(chat, "pain")] == [3]
    progress = await chat.send("/progress")
    assert "Sessions done in the week of 2026-03-02: 1 of 7 days" in progress[0].text


async def test_the_reminder_offers_a_session_and_its_done_knows_the_day_is_done(
    engine: Engine,
) -> None:
    clock = FakeClock(MONDAY)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await desk_worker(engine, clock)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    await travel(dispatcher, clock, MONDAY + timedelta(hours=3), timedelta(minutes=30))
    [(_, reminder)] = sender.reminders()
    ids = [b.id for b in reminder.reply.buttons]
    assert ids[:2] == ["rem.done.2026-03-02", "session.start"], "Done alone is still there"
    intro, first = await chat.press("session.start")
    assert re.search(r"3 exercises, about \d+ minutes", intro.text) and first.text.startswith(
        "1 of 3"
    )
    for _ in range(3):
        await chat.press("session.done")
    await chat.press("session.pain.2")
    done = await chat.press("rem.done.2026-03-02")
    assert "Already recorded for 2026-03-02" in done[0].text


async def test_it_hurts_asks_what_got_worse_then_goes_on_with_the_next_one(
    picture_engine: Engine, pictures: PictureBook
) -> None:
    chat = await desk_worker(picture_engine)
    versions = await planned(chat)
    await chat.send("/session")
    hurts = await chat.press("session.hurts")
    assert "Stop this one for now" in hurts[0].text
    assert "What got worse, and where?" in hurts[-1].text
    replies = await chat.tap("More pain in my back")
    assert "changed Standing hamstring stretch to an easier version" in replies[0].text
    [step] = steps(replies)
    assert step.text.startswith("Let's go on with the next one.\n\n2 of 3")
    assert step.image == pictures.picture(versions[1])
    assert (await planned(chat))[0] == "hamstring_lying", "the made-it-worse path changed it"
    await chat.press("session.done")
    await chat.press("session.done")
    await chat.press("session.pain.5")
    [session] = await history(chat, "session")
    assert session["value"]["hurt"] == ["hamstring_stretch"]


async def test_pain_down_a_leg_after_it_hurts_stops_the_session_with_the_advice(
    engine: Engine,
) -> None:
    chat = await desk_worker(engine)
    await chat.send("/session")
    await chat.press("session.hurts")
    replies = await chat.tap("Pain or tingling down a leg")
    assert max(r.alert.rank for r in replies) == Alert.SOON.rank
    assert "stop today's session here" in replies[-1].text
    assert steps(replies) == []
    [session] = await history(chat, "session")
    assert session["value"]["stopped"] is True and session["value"]["counts_for_day"] is False
    assert "done_days" not in (await record_of(chat)).data
    assert "earlier message" in (await chat.press("session.done"))[0].text


async def test_a_press_from_an_earlier_step_or_session_gets_the_stale_reply(
    engine: Engine,
) -> None:
    chat = await desk_worker(engine)
    await chat.send("/session")
    await chat.send("/help")  # something in between: the step's buttons are no longer the latest
    stale = await chat.press("session.done")
    assert "earlier message" in stale[0].text
    assert (await record_of(chat)).data["session"]["at"] == 0, "nothing moved on"
    resumed = await chat.send("/session")
    assert resumed[0].text.startswith("Let's carry on where you left off.\n\n1 of 3")
    for forged in ("session.pain.4", "session.nonsense", "session.done.2"):
        assert "earlier message" in (await chat.press(forged))[0].text
    await chat.send("/session")
    for button in ("session.done", "session.done", "session.done", "session.pain.1"):
        await chat.press(button)
    for button in ("session.done", "session.pain.1"):  # the session is over
        assert "earlier message" in (await chat.press(button))[0].text
    assert len(await history(chat, "session")) == 1


async def test_typed_answers_work_at_a_step_and_at_the_pain_question(engine: Engine) -> None:
    chat = await desk_worker(engine)
    await chat.send("/session")
    eased = await chat.send("too hard, make it easier")
    assert "easier version: Lying hamstring stretch" in eased[0].text
    assert "2 of 3" in (await chat.send("done"))[0].text
    assert "3 of 3" in (await chat.send("skip this one"))[0].text
    await chat.send("finished")
    unclear = await chat.send("hmm")
    assert "Tap a number from 0 to 10" in unclear[0].text
    saved = await chat.send("about a 4")
    assert "4/10" in saved[0].text


async def test_an_all_skipped_session_is_kept_but_does_not_count_for_the_day(
    engine: Engine,
) -> None:
    chat = await desk_worker(engine)
    await chat.send("/session")
    for _ in range(3):
        await chat.press("session.skip")
    saved = await chat.press("session.pain.6")
    assert "No exercises done today" in saved[0].text
    [session] = await history(chat, "session")
    assert session["value"]["counts_for_day"] is False
    assert "done_days" not in (await record_of(chat)).data


async def test_the_plan_offers_a_session_and_a_hold_comes_before_one(engine: Engine) -> None:
    chat = await desk_worker(engine)
    offers = [r for r in chat.last if [b.id for b in r.buttons] == ["session.start"]]
    assert len(offers) == 1 and "minutes" in offers[0].text
    await chat.send("I suddenly can't feel anything between my legs when I wipe")
    assert (await record_of(chat)).state == HOLD
    held = await chat.send("/session")
    assert "While we wait for your check-up" in held[0].text and steps(held) == []
    assert "earlier message" in (await chat.press("session.start"))[0].text


async def test_every_exercise_message_fits_a_telegram_caption(content: Content) -> None:
    from dialogs.conversation import Conversation
    from dialogs.messages import Command, Sender
    from dialogs.plan import Item
    from dialogs.session_steps import step_text

    sender = Sender("console", "x", "x", "en")
    conv = Conversation(None, Command(sender, MONDAY, "session"), content.texts)
    lead = conv.t("session.resume") + "\n\n" + conv.t("session.eased", name="x" * 50)
    for family in content.plans.catalogue.families.values():
        for version in family.versions:
            item = Item(family.id, version.id, version.surfaces[0])
            text = step_text(conv, content.plans, item, 3, 3)
            assert len(f"{lead}\n\n{text}".encode("utf-16-le")) // 2 <= 1024, version.id


async def test_exercises_shows_each_exercise_with_its_picture(
    picture_engine: Engine, pictures: PictureBook
) -> None:
    chat = await desk_worker(picture_engine)
    shown = [r for r in await chat.send("/exercises") if r.image]
    assert [r.image for r in shown] == [pictures.picture(v) for v in await planned(chat)]
    assert all("How:" in r.text for r in shown)
    assert (await record_of(chat)).state == PLAN


async def test_before_the_plan_there_is_no_session_to_start(engine: Engine) -> None:
    chat = Chat(engine, FakeClock(MONDAY))
    await chat.press("start.begin")
    await chat.press("start.agree")
    replies = await chat.send("/session")
    assert "haven't made your plan yet" in replies[0].text and steps(replies) == []
    assert "earlier message" in (await chat.press("session.start"))[0].text
