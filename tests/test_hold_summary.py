"""The clinician summary shows only what is known (no "?", no empty line or bullet) and the
user's own words, shortened, quoted and dated; the words are kept only with the flag, shown
by /export and the /report page, and gone after /forget."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.flags import excerpt
from dialogs.ports import UserKey
from dialogs.report import build_report
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock
from tests.test_forget_traces import checkpoint, on_disk
from tests.typing_kit import at_question, consented, record_data

NUMB = "I have a new numbness between my legs"
NUMB_LABEL = "numbness or tingling around the bottom, genitals or inner thighs"
WORDS = "• Their own words, on 2026-03-02: “I have a new numbness between my legs”"
ALICE = UserKey("console", "alice")


def assert_only_what_is_known(summary: str) -> None:
    assert "?" not in summary, summary
    assert all(line.strip() not in ("", "•") for line in summary.splitlines()), summary


async def summary_after(chat: Chat, words: str) -> str:
    await chat.send(words)
    await chat.tap("Summary for a clinician")
    return chat.text()


async def test_a_hold_in_the_middle_of_the_interview_shows_only_the_answers_given(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "walk_minutes")  # the pain score is given: 1
    summary = await summary_after(chat, NUMB)
    assert summary == (
        "Summary to show a clinician\n"
        "Reported on 2026-03-02 to a self-help back-pain coaching app (not a medical assessment):\n"
        f"• {NUMB_LABEL}\n"
        f"{WORDS}\n"
        "Their answers: pain now 1/10.\n"
        "This person has low back pain that comes on when walking."
    )


async def test_a_hold_during_the_safety_questions_has_no_answers_line_and_no_gap(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "unwell_history")
    summary = await summary_after(chat, NUMB)
    assert_only_what_is_known(summary)
    assert "Their answers" not in summary
    assert f"• {NUMB_LABEL}\n{WORDS}\nThis person has low back pain" in summary


async def test_a_hold_from_a_screening_yes_has_no_words_line(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await consented(engine, clock)
    await chat.press("saddle_bladder.yes")
    await chat.tap("Summary for a clinician")
    assert_only_what_is_known(chat.text())
    assert "Their own words" not in chat.text()
    assert "• numbness around the saddle area" in chat.text()


async def test_a_long_message_is_kept_as_the_stretch_that_raised_the_flag(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "pain_now")
    story = "Went to the shops this morning, then walked the dog along the river " * 3
    long = f"{story}and since yesterday\nI have a new numbness between my legs. {story}"
    summary = await summary_after(chat, long)
    data = await record_data(chat)
    kept = data["hold"]["words"]
    assert kept.startswith("…") and kept.endswith("…") and len(kept) <= 200
    assert "since yesterday I have a new numbness between my legs." in kept
    line = " ".join(long.split())
    at = line.index(kept[1:-1])
    assert line[at - 1] == " " and line[at + len(kept) - 2] in " ,", "cut between words"
    assert f"“{kept}”" in summary
    assert data["flags"][-1]["words"] == kept, "the flag's log keeps the same words"
    assert story.strip() not in json.dumps(data), "never more than the shortened words"


def test_words_are_one_line_and_cut_between_words() -> None:
    ctx: Any = SimpleNamespace(raises_alarm=lambda text: "numb" in text)
    assert excerpt(ctx, "numb\u200b  between\nmy legs\t") == "numb between my legs"
    assert excerpt(ctx, "x" * 300) == "x" * 199 + "…", "no stretch raises it: the start"
    assert excerpt(ctx, "word " * 40 + "end") == ("word " * 40).strip() + "…"
    late = excerpt(ctx, "word " * 100 + "numb legs " + "word " * 100)
    assert late.startswith("…word") and "numb legs" in late and late.endswith("word…")
    assert len(late) <= 200 and excerpt(ctx, late) == late, "an excerpt is its own excerpt"


async def test_the_words_wait_with_the_when_question_and_reach_the_hold(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "pain_now")
    told = "both my legs ache when I walk and it eases when I sit"
    await chat.send(told)
    assert "is this new in the last two weeks" in chat.text()
    await chat.send("yes")  # typed: the words kept are the first message's, not "yes"
    summary = (await chat.tap("Summary for a clinician"))[0].text
    assert f"• Their own words, on 2026-03-02: “{told}”" in summary
    assert_only_what_is_known(summary)


async def test_a_flag_before_consent_quotes_the_words_and_keeps_nothing(
    engine: Engine, clock: FakeClock
) -> None:
    replies = await Chat(engine, clock).send(NUMB)
    assert WORDS in replies[-1].text
    assert await engine.store.load(ALICE) is None


async def test_the_soon_tier_keeps_the_words_with_its_flag(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await at_question(engine, clock, "walk_minutes")
    told = "the pain keeps getting worse week by week"
    await chat.send(told)
    data = await record_data(chat)
    assert data["soon"]["words"] == told and data["flags"][-1]["words"] == told


async def test_export_and_report_show_the_words_and_forget_deletes_them(
    tmp_path: Path, sqlite_store: SqlStore, content: Content, clock: FakeClock
) -> None:
    engine = Engine(sqlite_store, content, files_dir=tmp_path)
    chat = await at_question(engine, clock, "both_legs_accident")
    told = "I have a new numbness between my legs, Quokkaberry"
    await chat.send(told)
    exported = json.loads(Path((await chat.send("/export"))[0].document or "").read_text("utf-8"))  # noqa: ASYNC240
    assert exported["kept"]["flags"][0]["words"] == told
    record = await engine.store.load(ALICE)
    assert record is not None
    report = build_report(content, "en", record, [], clock.now())
    sections = dict(report.sections)
    [flag] = sections["Warning signs reported (with dates)"]
    assert flag.endswith(f"; in their own words: “{told}”")
    assert sections["What they told us at the start"] == (
        "Safety questions at the start: No to each one answered.",
        "4 of the 5 safety questions were not answered yet.",
    )
    checkpoint(tmp_path / "bot.db")
    assert b"Quokkaberry" in on_disk(tmp_path), "the test sees the kept words"
    await chat.send("/forget")
    await chat.tap("Yes, delete everything")
    assert b"Quokkaberry" not in on_disk(tmp_path)
