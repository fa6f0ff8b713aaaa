"""Wording: proper plurals, reasons as a list rather than one run-on line, and an /export that
says in plain words what each code means and when consent was given."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.ports import UserKey
from dialogs.progress import ProgressSeries, summary
from dialogs.report import build_report
from dialogs.walk_plan import why_text
from dialogs.walk_week import review
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.plan_kit import user_with_answers
from tests.test_typed_prompts import reminded
from tests.test_walk_rules import walks as walk_list
from tests.typing_kit import at_question, with_plan
from tests.walk_kit import timed_walk, walker


async def test_one_day_in_a_row_is_said_without_brackets(engine: Engine, clock: FakeClock) -> None:
    chat, _ = await reminded(engine, clock)
    replies = await chat.send("done")
    assert "1 day in a row" in replies[-1].text


def test_a_one_point_change_is_one_point(content: Content) -> None:
    series = ProgressSeries((("2026-03-02", 5), ("2026-03-09", 4)), (), ())
    text = summary(content.texts, "en", series)
    assert "1 point lower" in text and "point(s)" not in text


async def test_why_gives_reasons_as_a_list_not_one_run_on_line(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "eases")
    for button in ("eases.sitting", "duration.over_12_weeks", "sitting_hours.over_8"):
        await chat.press(button)
    await chat.press("tightness.both")
    await chat.press("gait.lean_forward")
    text = (await chat.send("/why"))[0].text
    assert all(line.count(" and ") < 2 for line in text.splitlines()), text


async def test_export_has_plain_labels_beside_codes_and_the_consent_time(
    tmp_path: Path, sqlite_store: SqlStore, content: Content, clock: FakeClock
) -> None:
    engine = Engine(sqlite_store, content, files_dir=tmp_path)
    await with_plan(engine, clock)
    clock.advance(minutes=5)
    replies = await Chat(engine, clock).send("/export")
    exported = json.loads(Path(replies[0].document or "").read_text(encoding="utf-8"))  # noqa: ASYNC240
    explained = exported["answers_explained"]
    assert explained["where"] == {"code": "buttock_thigh", "means": "Buttock or thigh"}
    assert exported["consent_given_at"] == (clock.now() - timedelta(minutes=5)).isoformat()


def test_no_text_counts_with_brackets(content: Content) -> None:
    """ "1 day(s)" is never said: a counted text has its one: and other: forms."""
    for key, text in content.texts.by_language["en"].items():
        assert not re.search(r"\w\((s|es)\)", text), key


async def test_a_walk_says_one_bout_or_two_bouts(engine: Engine) -> None:
    clock = FakeClock()
    chat = await walker(engine, clock)
    await chat.send("walked 20 min, pain after 12")
    assert "Well done: 20 min of walking in 1 bout, the pain coming on" in chat.text()
    await chat.press("walk.score.4")
    await chat.press("walk.start")
    clock.advance(minutes=12)
    await chat.press("walk.end")
    assert "Well done: 10 min of walking in 2 bouts, with no pain coming on." in chat.text()


async def test_progress_says_one_day_or_two_days_of_walking(engine: Engine) -> None:
    clock = FakeClock()
    chat = await walker(engine, clock)
    await timed_walk(chat, clock, minutes=3, pain_after=1, score=4)
    progress = (await chat.send("/progress"))[0].text
    assert "Walking in the week of 2026-03-02: 3 min, on 1 day. The aim" in progress
    clock.advance(days=1)
    await timed_walk(chat, clock, minutes=3, pain_after=1, score=4)
    progress = (await chat.send("/progress"))[0].text
    assert "Walking in the week of 2026-03-02: 6 min, on 2 days. The aim" in progress


def test_a_thin_week_says_one_walk_or_two_walks(content: Content) -> None:
    t = partial(content.texts.get, "en")
    for count, said in ((1, "you recorded 1 walk this week"), (2, "you recorded 2 walks")):
        week = review(content.walking, "2026-03-02", walk_list(count), 8, 4, [])
        assert week.reason == "few"
        assert said in why_text(t, content.walking, week, 4, None)


async def test_the_report_counts_in_words_a_person_would_use(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock()
    engine = Engine(sqlite_store, content, files_dir=tmp_path)
    chat = await walker(engine, clock)
    await timed_walk(chat, clock, minutes=3, pain_after=1, score=4)
    lines = await report_lines(engine, content, clock)
    assert "Pain (0-10): 4, the only score so far." in lines, lines
    assert "Walking in the latest week: 3 min on 1 day." in lines
    assert "Exercise sessions done: 0 of 1 day so far." in lines
    assert any(
        line.startswith("Walks recorded: 1 in the last 4 weeks, on 1 day (") for line in lines
    )
    assert any(", once a day, 5 days a week" in line for line in lines), lines
    clock.advance(days=1)
    await timed_walk(chat, clock, minutes=3, pain_after=1, score=5)
    told = {"kind": "pain", "date": "2026-03-03", "value": {"score": 5}}  # after a Done
    lines = await report_lines(engine, content, clock, told=[told])
    assert "Pain (0-10): 4 at the start, 5 most recently (2 scores)." in lines
    assert "Walking in the latest week: 6 min on 2 days." in lines
    assert "Exercise sessions done: 0 of the last 2 days." in lines
    assert any(
        line.startswith("Walks recorded: 2 in the last 4 weeks, on 2 days (") for line in lines
    )
    await walker(engine, clock, user_id="bea", walk_minutes="5")  # short bouts: twice a day
    lines = await report_lines(engine, content, clock, "bea")
    assert any(
        line.startswith("Walking: 4 bouts of 3 min with 2 min rests, twice a day, 5")
        for line in lines
    )


async def report_lines(
    engine: Engine,
    content: Content,
    clock: FakeClock,
    user: str = "alice",
    told: list[dict[str, Any]] | None = None,
) -> list[str]:
    key = UserKey("console", user)
    record = await engine.store.load(key)
    assert record is not None
    history = [*await engine.store.history(key), *(told or [])]
    report = build_report(content, "en", record, history, clock.now())
    return [line for _, lines in report.sections for line in lines]


async def test_the_flare_says_for_today_or_for_the_next_days(engine: Engine) -> None:
    clock = FakeClock()
    for user, wait, said in (("ann", 0, "For the next 3 days"), ("ben", 2, "For today")):
        chat = await user_with_answers(engine, clock, user_id=user)
        await chat.send("I'm in agony, can't move")
        clock.advance(days=wait)
        replies = await chat.tap("No, none")
        assert f"Thank you. {said} your plan is at its gentlest" in replies[-1].text
