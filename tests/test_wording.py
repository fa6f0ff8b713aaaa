"""Wording: proper plurals, reasons as a list rather than one run-on line, and an /export that
says in plain words what each code means and when consent was given."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.progress import ProgressSeries, summary
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.test_typed_prompts import reminded
from tests.typing_kit import at_question, with_plan


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
