"""The real console chat in a subprocess: the JSON interface, kill -9, and replies left unsent."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from content.bundle import Content
from dialogs.commands import parse_line
from dialogs.engine import Engine
from dialogs.messages import Sender
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.conftest import START, sqlite_url

pytestmark = pytest.mark.slow


def test_json_mode_answers_start_and_help(tmp_path: Path, bot_process: Any) -> None:
    bot = bot_process(sqlite_url(tmp_path))
    bot.send(text="/start")
    greeting = bot.read()
    assert set(greeting) == {"text", "buttons", "alert", "image"}
    assert "not a doctor" in greeting["text"]
    assert greeting["buttons"] == [{"id": "start.begin", "label": "Let's begin"}]
    assert greeting["alert"] is None and greeting["image"] is None
    bot.send(text="/help")
    assert "/start" in bot.read()["text"]
    bot.send(button="start.begin")
    assert [b["id"] for b in bot.read()["buttons"]] == ["start.agree", "start.decline"]
    bot.send(text="this is not json")  # a plain text line is still answered, as a message
    bot.proc.stdin.write("{broken json\n")  # type: ignore[union-attr]
    bot.proc.stdin.flush()  # type: ignore[union-attr]
    assert bot.read()["text"]
    assert "could not read that line" in bot.read()["text"]
    bot.close()
    assert bot.proc.returncode == 0


def test_state_survives_kill_9_and_restart(tmp_path: Path, bot_process: Any) -> None:
    url = sqlite_url(tmp_path)
    bot = bot_process(url, user="dana")
    for message in ({"text": "/start"}, {"button": "start.begin"}, {"button": "start.agree"}):
        bot.send(**message)
        bot.read()
    bot.send(button="saddle_bladder.no")
    assert "BOTH legs" in bot.read()["text"]
    bot.send(button="both_legs_accident.no")
    assert "fever" in bot.read()["text"]
    bot.kill()

    again = bot_process(url, user="dana")
    again.send(button="unwell_history.no")  # the question asked before the crash still works
    assert "all the time" in again.read()["text"]
    again.send(text="/start")
    messages = again.read_until(lambda m: m["buttons"])
    assert "Welcome back" in " ".join(m["text"] for m in messages)
    assert messages[-1]["buttons"][0]["id"] == "constant_or_injury.yes"
    again.close()


def test_a_committed_reply_that_was_never_sent_is_sent_after_restart(
    tmp_path: Path, content: Content, bot_process: Any
) -> None:
    url = sqlite_url(tmp_path)

    async def commit_without_sending() -> None:
        database = open_database(url)
        await migrate(database)
        engine = Engine(SqlStore(database), content)
        sender = Sender("console", "erin", "erin")
        await engine.handle(parse_line(sender, START, "/help"))  # committed; the "crash" is here
        await database.dispose()

    asyncio.run(commit_without_sending())
    bot = bot_process(url, user="erin")
    first = bot.read()
    assert "Here is what I can do" in first["text"]
    bot.close()
    again = bot_process(url, user="erin")
    assert again.close().strip() == "", "a reply is sent once, not again at the next start"


def test_a_new_user_reaches_a_plan_in_under_20_taps_through_the_json_chat(
    tmp_path: Path, bot_process: Any
) -> None:
    bot = bot_process(sqlite_url(tmp_path), user="fay")
    plan, taps = tap_to_plan(bot)
    assert taps < 20
    assert "Your exercises" in plan["text"]
    bot.close()


def tap_to_plan(bot: Any) -> tuple[dict[str, Any], int]:
    """From /start to the plan, tapping "no" on safety questions and else the first button."""
    bot.send(text="/start")
    message, taps = bot.read(), 0
    while "Here is your plan" not in message["text"]:
        ids = [b["id"] for b in message["buttons"]]
        assert ids and taps < 40, f"stuck at: {message['text'][:80]}"
        choice = next((i for i in ids if i.endswith(".no")), ids[0])
        choice = "start.agree" if "start.agree" in ids else choice
        bot.send(button=choice)
        message, taps = bot.read(), taps + 1
    after = bot.read_until(lambda m: "What next?" in m["text"])  # past the walking programme
    assert any([b["id"] for b in m["buttons"]] == ["session.start"] for m in after), "a session"
    assert "What next?" in after[-1]["text"], "the plan is followed by its next steps"
    return message, taps


TYPED = [
    ("/start", "not a doctor"),
    ("Let's begin", "Is that OK?"),
    ("yes, let's go", "Question 1 of 17"),
    *[("no", "Question") for _ in range(4)],
    ("nope", "Question 6 of 17"),
    ("I'm 68", "Question 7 of 17"),
    ("none of those", "Question 8 of 17"),
    ("none of those", "floor"),
    ("yes but it's hard", "Question 10 of 17"),
    ("about a 3", "minutes"),
    ("20 mins or so", "Where"),
    ("buttocks and thighs", "ease"),
    ("I don't bend, I just stand still", "How long"),
    ("2", "weeks, months or years?"),
    ("years", "sitting"),
    ("8 hours", "tight"),
    ("hamstrings and hip flexors", "how you walk"),
    ("idk", "Here is your plan"),
]
MEANT = {
    "age_band": "65_to_74",
    "background": "none",
    "care": "none",
    "floor": "hard",
    "pain_now": "3",
    "walk_minutes": "20",
    "where": "buttock_thigh",
    "eases": "standing_still",
    "duration": "over_12_weeks",
    "sitting_hours": "4_to_8",
    "tightness": "both",
    "gait": "not_sure",
}


def test_a_user_who_types_every_answer_gets_a_plan_and_exports_what_they_meant(
    tmp_path: Path, bot_process: Any
) -> None:
    bot = bot_process(sqlite_url(tmp_path), user="tess")
    for typed, expected in TYPED:
        bot.send(text=typed)
        said = bot.read_until(lambda m: bool(m["buttons"]) or "Here is your plan" in m["text"])
        assert expected in "\n".join(m["text"] for m in said), (typed, said[-1]["text"])
    bot.read_until(lambda m: "What next?" in m["text"])
    bot.send(text="/export")
    exported = json.loads(Path(bot.read()["text"].splitlines()[-1]).read_text(encoding="utf-8"))
    assert exported["kept"]["answers"] == {**{q: "no" for q in SCREENING}, **MEANT}
    explained = exported["answers_explained"]
    assert explained["where"]["means"] == "Buttock or thigh"
    assert all(e["means"] != e["code"] for e in explained.values()), "plain words beside codes"
    assert exported["consent_given_at"]
    bot.close()


SCREENING = (
    "saddle_bladder",
    "both_legs_accident",
    "unwell_history",
    "constant_or_injury",
    "worsening_leg",
)


def test_a_reminder_arrives_in_the_open_json_chat_and_done_records_it(
    tmp_path: Path, bot_process: Any
) -> None:
    bot = bot_process(sqlite_url(tmp_path), user="gus")
    tap_to_plan(bot)
    bot.send(text="/timezone UTC")  # after the plan's walking prescription
    bot.read_until(lambda m: "Time zone set to UTC" in m["text"])
    now = datetime.now(UTC)
    if now.second > 50:  # keep the chosen minute from turning into tomorrow's
        time.sleep(min(1.0, 60 - now.second))
        now = datetime.now(UTC)
    bot.send(text=f"/remind {now:%H:%M}")  # a time set in the current minute is due now
    assert "every day at" in bot.read()["text"]
    arrived = bot.read_until(lambda m: any(b["id"].startswith("rem.done.") for b in m["buttons"]))
    reminder = arrived[-1]
    assert "Time for your back exercises" in reminder["text"]
    done = next(b["id"] for b in reminder["buttons"] if b["id"].startswith("rem.done."))
    bot.send(button=done)  # after the reminder's walking line
    bot.read_until(lambda m: "1 day in a row" in m["text"])
    bot.close()


def test_logs_hold_no_message_text_even_at_debug(tmp_path: Path, bot_process: Any) -> None:
    bot = bot_process(sqlite_url(tmp_path), user="hana", extra_env={"LOG_LEVEL": "DEBUG"})
    bot.send(button="start.begin")
    bot.read()
    bot.send(button="start.agree")
    bot.read()
    bot.send(text="my secret phrase zebra-kumquat")
    bot.read()
    bot.send(text="I have a new numbness between my legs, okapi-rhubarb")
    bot.read_until(lambda m: "hold.summary" in [b["id"] for b in m["buttons"]])
    bot.send(button="hold.summary")
    assert "“I have a new numbness between my legs, okapi-rhubarb”" in bot.read()["text"]
    bot.close()
    assert bot.proc.returncode == 0
    logs = bot.stderr_text
    assert "DEBUG" in logs or "INFO" in logs, "the logs were captured"
    assert "zebra-kumquat" not in logs and "okapi-rhubarb" not in logs, "nor a flag's words"
    assert "Here is" not in logs and "safety questions" not in logs, "no reply text either"
