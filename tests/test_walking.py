"""The walking programme in the dialog: the prescription after the plan and on the reminder,
a walk timed from the events' own times, walks told in words, odd input that saves nothing
wrong, a walk left open, and the circulation pattern."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.charts import MatplotlibCharts
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.engine import Engine
from dialogs.messages import Alert
from dialogs.report import build_report
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.reminder_kit import RecordingSender, travel
from tests.walk_kit import (
    file_mode,
    first_bytes,
    pdf_pages,
    read_json,
    timed_walk,
    walk_data,
    walker,
    walks_stored,
)

MORNING = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday


async def test_the_plan_is_followed_by_a_walking_prescription_that_fits(engine: Engine) -> None:
    chat = await walker(engine, FakeClock(MORNING))
    texts = [r.text for r in chat.last]
    plan_at = next(i for i, t in enumerate(texts) if t.startswith("Here is your plan"))
    walking = next(t for t in texts[plan_at:] if "walking programme" in t)
    assert "Walk 4 bouts of 7 minutes, with 2 minutes' rest" in walking
    assert "sit on a bench, or lean forward on a rail" in walking
    assert "Why 7 minutes: it is a little under the 10 minutes" in walking
    assert "on at least 5 days a week" in walking and "up to 6/10" in walking
    assert "towards 30 minutes on 5 days a week" in walking
    assert "Walking poles" in walking and "static bike" in walking


async def test_a_pattern_eased_by_standing_rests_standing_without_lean_aids(
    engine: Engine,
) -> None:
    chat = await walker(engine, FakeClock(MORNING), eases="neither", walk_minutes="1")
    walking = chat.last[-1].text
    assert "Walk 4 bouts of 2 minutes" in walking, "never under 2 minutes"
    assert "stand still and let the pain settle" in walking
    assert "Twice a day" in walking
    assert "static bike" not in walking and "flat, even ground" in walking


async def test_a_timed_walk_is_recorded_from_the_events_own_times(
    engine: Engine,
) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    replies = await chat.send("/walk")
    assert "walk.start" in [b.id for b in replies[-1].buttons]
    await timed_walk(chat, clock, minutes=3, pain_after=1, score=4)
    assert "Saved: 3 min of walking, the pain coming on after 1 min, pain 4/10" in chat.text()
    [walk] = await walks_stored(engine)
    assert walk["date"] == "2026-03-02"
    told = {k: walk["value"][k] for k in ("minutes", "pain_onset", "bouts", "pain")}
    assert told == {"minutes": 3.0, "pain_onset": 1.0, "bouts": 1, "pain": 4}
    exported = read_json((await chat.send("/export"))[0].document)
    assert [h["value"]["pain_onset"] for h in exported["history"] if h["kind"] == "walk"] == [1.0]
    progress = (await chat.send("/progress"))[0].text
    assert "Walking before the pain starts, from your walks: 10 min at the start, 1 min" in progress
    assert "Walking in the week of 2026-03-02: 3 min, on 1 day." in progress


async def test_start_while_running_pain_twice_and_buttons_out_of_turn(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    clock.advance(minutes=4)
    again = await chat.press("walk.start")
    assert "still running: you started it 4 min ago" in again[0].text
    assert "walk.end" in chat.button_ids()
    await chat.press("walk.pain")
    clock.advance(minutes=2)
    await chat.press("walk.pain")
    assert "already noted the pain coming on 4 min into bout 1" in chat.text()
    for forged in ("walk.score.3", "walk.len.30", "walk.yes", "walk.fly"):
        assert "earlier message" in (await chat.press(forged))[0].text, forged
    clock.advance(minutes=1)
    await chat.press("walk.end")
    for forged in ("walk.score.11", "walk.score.-1", "walk.end", "walk.pain"):
        assert "earlier message" in (await chat.press(forged))[0].text, forged
    await chat.press("walk.score.5")
    assert "earlier message" in (await chat.press("walk.score.2"))[0].text, "scored once"
    [walk] = await walks_stored(engine)
    assert (walk["value"]["minutes"], walk["value"]["pain_onset"], walk["value"]["pain"]) == (
        7.0,
        4.0,
        5,
    )


async def test_a_finished_tap_within_seconds_records_nothing(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    clock.advance(seconds=5)
    assert "under a minute" in (await chat.press("walk.end"))[0].text
    assert await walks_stored(engine) == []


async def test_a_typed_walk_is_recorded_like_a_timed_one(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    replies = await chat.send("walked 20 min, pain after 12")
    assert replies[0].alert is Alert.NONE
    assert "20 min of walking in 1 bout, the pain coming on after 12 min" in replies[0].text
    await chat.press("walk.score.4")
    [walk] = await walks_stored(engine)
    value = walk["value"]
    assert (value["minutes"], value["pain_onset"], value["pain"], value["how"]) == (
        20.0,
        12.0,
        4,
        "typed",
    )
    await chat.send("I walked for half an hour, no pain, 2/10")
    assert "Saved: 30 min of walking, with no pain coming on, pain 2/10" in chat.text()
    assert len(await walks_stored(engine)) == 2


async def test_odd_typed_walks_are_saved_only_after_a_tap(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    await chat.send("walked 200 min")
    assert "over 3 hours" in chat.text() and chat.button_ids() == ["walk.yes", "walk.no"]
    await chat.press("walk.no")
    assert "nothing saved" in chat.text()
    await chat.send("walked 10 min, pain after 15")
    assert "Did you mean you walked 15 min and the pain came on after 10?" in chat.text()
    await chat.press("walk.yes")
    await chat.press("walk.score.3")
    [walk] = await walks_stored(engine)
    assert (walk["value"]["minutes"], walk["value"]["pain_onset"]) == (15.0, 10.0)
    assert "earlier message" in (await chat.press("walk.yes"))[0].text, "one tap, once"


async def test_a_walk_left_open_is_closed_by_asking_the_next_time_the_user_writes(
    engine: Engine,
) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    clock.advance(hours=5)
    replies = await chat.send("/help")
    assert replies[0].text.startswith("Did you finish your walk? You started it on 2026-03-02")
    assert "Here is what I can do" in replies[1].text, "and the command is answered too"
    await chat.tap("About 28 min")
    await chat.press("walk.score.3")
    await chat.press("walk.start")
    clock.advance(days=1)
    assert "Did you finish your walk?" in (await chat.send("hello"))[0].text
    await chat.send("about 25 minutes")
    await chat.send("2")
    values = [
        (w["date"], w["value"]["minutes"], w["value"]["how"]) for w in await walks_stored(engine)
    ]
    assert values == [("2026-03-02", 28.0, "told"), ("2026-03-02", 25.0, "told")]


async def test_a_walk_across_midnight_counts_for_the_day_it_started(engine: Engine) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 23, 50, tzinfo=UTC))
    chat = await walker(engine, clock)
    await timed_walk(chat, clock, minutes=30)
    [walk] = await walks_stored(engine)
    assert walk["date"] == "2026-03-02"


async def test_a_warning_sign_in_a_walk_told_in_words_gets_the_safety_reply_first(
    engine: Engine,
) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    replies = await chat.send("walked 20 min and now both my legs have gone numb and weak")
    assert replies[0].alert is Alert.EMERGENCY
    assert await walks_stored(engine) == []


async def test_the_reminder_carries_todays_walk_with_a_start_button(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    sender = RecordingSender(clock=clock)
    chat = await walker(engine, clock)
    await chat.send("/remind 08:00")
    await travel(
        Dispatcher(engine, {"console": sender}, clock),
        clock,
        MORNING + timedelta(days=1),
        timedelta(minutes=30),
    )
    reminder_at = next(
        i for i, (_, o) in enumerate(sender.sent) if o.reply.text.startswith("Time for")
    )
    walk = sender.sent[reminder_at + 1][1].reply
    assert walk.text.startswith("🚶 Today's walk: 4 × 7 min, with 2 min rests (sit or lean")
    assert [b.id for b in walk.buttons] == ["walk.start"]


async def test_bout_prompts_come_once_each_through_the_dispatcher(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    await travel(dispatcher, clock, MORNING + timedelta(minutes=45), timedelta(seconds=20))
    prompts = [(at, o.reply.text) for at, o in sender.sent]
    minutes = [(at - MORNING) // timedelta(minutes=1) for at, _ in prompts]
    assert minutes == [7, 9, 16, 18, 25, 27, 34], "each bout's end and each rest's end, once"
    assert prompts[0][1].startswith("⏸ Bout 1 of 4 done. Rest for 2 minutes: sit")
    assert prompts[1][1].startswith("▶️ Rest over: bout 2 of 4, 7 minutes")
    assert prompts[-1][1].startswith("🏁 That was your last bout")
    await chat.press("walk.end")
    await travel(dispatcher, clock, clock.now() + timedelta(hours=1), timedelta(minutes=1))
    assert len(sender.sent) == 7, "nothing more once the walk is over"


async def test_no_prompt_comes_in_quiet_hours(engine: Engine) -> None:
    start = datetime(2026, 3, 2, 21, 50, tzinfo=UTC)
    clock = FakeClock(start)
    sender = RecordingSender(clock=clock)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    await travel(dispatcher, clock, start + timedelta(minutes=45), timedelta(seconds=20))
    assert [(at - start) // timedelta(minutes=1) for at, _ in sender.sent] == [7, 9], "22:00 on"


async def test_prompts_switched_off_stop_at_once_and_come_back_on(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    await travel(dispatcher, clock, MORNING + timedelta(minutes=8), timedelta(seconds=20))
    assert len(sender.sent) == 1
    await chat.press("walk.prompts.off")
    assert "Timing prompts are off" in chat.text()
    await travel(dispatcher, clock, MORNING + timedelta(minutes=45), timedelta(seconds=20))
    assert len(sender.sent) == 1
    await chat.press("walk.end")
    await chat.press("walk.score.2")
    await chat.send("/walk prompts on")
    assert "Timing prompts are on" in chat.text()
    await chat.press("walk.start")
    await travel(dispatcher, clock, clock.now() + timedelta(minutes=8), timedelta(seconds=20))
    assert len(sender.sent) == 2


async def test_a_late_wake_up_sends_only_the_newest_prompt_that_is_still_fresh(
    engine: Engine,
) -> None:
    clock = FakeClock(MORNING)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    clock.advance(minutes=17)  # the bot was down for the first three prompts
    await dispatcher.tick()
    assert [o.reply.text[:22] for _, o in sender.sent] == ["⏸ Bout 2 of 4 done. Re"]
    clock.advance(minutes=20)  # down again: the last prompt is 3 minutes late, the rest older
    await dispatcher.tick()
    assert sender.sent[-1][1].reply.text.startswith("🏁 That was your last bout")
    clock.advance(minutes=30)
    await dispatcher.tick()
    assert len(sender.sent) == 2


async def test_the_circulation_pattern_gets_a_doctors_check_and_no_walking_target(
    engine: Engine,
) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock, where="calf", eases="standing_still")
    advice = [r for r in chat.last if r.alert is Alert.SOON]
    told = "\n".join(r.text for r in advice)
    assert advice and "circulation check in the next week or two" in told
    assert "posture" not in told.lower()
    assert not any("bouts of" in r.text for r in chat.last), "no walking target"
    replies = await chat.send("/walk")
    assert "Walk only as your doctor advises" in replies[-1].text
    await timed_walk(chat, clock, minutes=6, pain_after=4, score=5)
    assert "the pain coming on after 4 min" in chat.text()
    data = await walk_data(engine)
    assert data["count"] == 1
    record = await engine.store.load(chat_key(chat))
    assert record is not None
    assert [f["label"] for f in record.data["flags"]] == [
        "calf pain on walking that eases when you just stand still"
    ]
    assert "soon" in record.data, "repeated on the reminders until checked"


def chat_key(chat: Chat):  # type: ignore[no-untyped-def]
    from dialogs.ports import UserKey

    return UserKey(chat.platform, chat.user_id)


async def test_the_report_is_one_private_page_a_clinician_can_read(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(MORNING)
    engine = Engine(sqlite_store, content, MatplotlibCharts(tmp_path), tmp_path)
    assert "nothing to report yet" in (await Chat(engine, clock).send("/report"))[0].text
    chat = await walker(engine, clock)
    await chat.send("the pain keeps getting worse week by week")
    await timed_walk(chat, clock, minutes=12, pain_after=5, score=4)
    record = await engine.store.load(chat_key(chat))
    assert record is not None
    history = await engine.store.history(chat_key(chat))
    report = build_report(content, "en", record, history, clock.now())
    text = {heading: lines for heading, lines in report.sections}
    assert "What eases it: Sitting or bending forward" in text["What they told us at the start"]
    assert (
        "Safety questions at the start: all answered No." in text["What they told us at the start"]
    )
    [flag] = text["Warning signs reported (with dates)"]
    assert flag.startswith("2026-03-02, within days:")
    assert "Walks recorded: 1 in the last 4 weeks, on 1 day (" in " ".join(text["Adherence"])
    assert any(line.startswith("Walking: 4 bouts of 7 min") for line in text["Current plan"])
    document = (await chat.send("/report"))[0].document
    assert first_bytes(document, 5) == b"%PDF-" and pdf_pages(document) == 1
    assert file_mode(document) == 0o600
    await chat.send("/forget")
    await chat.press("forget.yes")
    assert not list((tmp_path / "reports").glob("*")), "/forget deletes the report too"


async def test_without_a_drawer_the_report_says_so(engine: Engine) -> None:
    chat = await walker(engine, FakeClock(MORNING))
    assert "can't be made here" in (await chat.send("/report"))[0].text


async def test_a_warning_sign_during_a_walk_stops_its_prompts(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    sender = RecordingSender(clock=clock)
    dispatcher = Dispatcher(engine, {"console": sender}, clock)
    chat = await walker(engine, clock)
    await chat.press("walk.start")
    await travel(dispatcher, clock, MORNING + timedelta(minutes=8), timedelta(seconds=20))
    assert len(sender.sent) == 1
    assert (await chat.send("I've had a fever since yesterday"))[0].alert is Alert.URGENT
    await travel(dispatcher, clock, MORNING + timedelta(minutes=45), timedelta(seconds=20))
    assert not [o for _, o in sender.sent[1:] if "bout" in o.reply.text.lower()]
    await chat.press("walk.end")
    await chat.press("walk.score.4")
    assert len(await walks_stored(engine)) == 1, "the walk itself is still kept"


async def test_the_walk_buttons_can_be_typed(engine: Engine) -> None:
    clock = FakeClock(MORNING)
    chat = await walker(engine, clock)
    assert "Walk started" in (await chat.send("Start walk"))[0].text
    clock.advance(minutes=3)
    assert "the pain came on 3 min into bout 1" in (await chat.send("it hurts"))[0].text
    clock.advance(minutes=2)
    assert "One more tap" in (await chat.send("I'm back!"))[0].text
    await chat.send("six")
    [walk] = await walks_stored(engine)
    assert (walk["value"]["minutes"], walk["value"]["pain"]) == (5.0, 6)
    assert "didn't understand" in (await chat.send("finished"))[0].text, "nothing runs now"


async def test_a_report_that_cannot_be_written_gets_a_clear_reply_and_leaves_nothing(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    from tests.test_disk_full import disk_full_after, files_in

    engine = Engine(sqlite_store, content, MatplotlibCharts(tmp_path), tmp_path)
    chat = await walker(engine, FakeClock(MORNING))
    with disk_full_after(64):
        replies = await chat.send("/report")
    assert replies[0].document is None and "couldn't write the report" in replies[0].text
    assert files_in(tmp_path / "reports") == [], "no partial report, no temporary file"
    assert (await chat.send("/report"))[0].document, "and the next one is written"
