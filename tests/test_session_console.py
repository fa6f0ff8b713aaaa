"""A guided session through the real `python -m bot chat --json`: one message per exercise with
the path of its picture, Done moving on, Easier showing the easier version's picture, and a pain
button that records the session, which /export shows with its parts."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import sqlite_url
from tests.process import ROOT
from tests.test_console_process import tap_to_plan

pytestmark = pytest.mark.slow
PNG = b"\x89PNG\r\n\x1a\n"


def picture(message: dict[str, Any]) -> Path:
    """The message's picture: a PNG file that exists (a relative path is the bot's folder's)."""
    path = ROOT / message["image"]
    assert path.is_file() and path.read_bytes()[:8] == PNG, message["image"]
    return path


def test_a_session_in_the_json_chat_shows_each_picture_and_is_exported_with_its_parts(
    tmp_path: Path, bot_process: Any
) -> None:
    bot = bot_process(sqlite_url(tmp_path), user="gus")
    tap_to_plan(bot)
    bot.send(text="/session")
    intro, first = bot.read(), bot.read()
    assert re.search(r"(\d+) exercises, about \d+ minutes", intro["text"])
    count = int(re.search(r"(\d+) exercises", intro["text"]).group(1))  # type: ignore[union-attr]
    assert first["text"].startswith(f"1 of {count} · ")
    assert [b["id"] for b in first["buttons"]][:2] == ["session.done", "session.easier"]
    planned = picture(first)

    bot.send(button="session.easier")
    eased = bot.read()
    assert eased["text"].startswith("Here is an easier version: ")
    assert picture(eased) != planned, "the easier version's own picture"
    shown = [eased]
    for number in range(2, count + 1):
        bot.send(button="session.done")
        shown.append(bot.read())
        assert shown[-1]["text"].startswith(f"{number} of {count} · ")
    assert len({picture(m) for m in shown}) == count
    bot.send(button="session.done")
    question = bot.read()
    assert [b["id"] for b in question["buttons"]] == [f"session.pain.{n}" for n in range(11)]
    bot.send(button="session.pain.4")
    assert "4/10" in bot.read()["text"]

    bot.send(text="/export")
    exported = json.loads(Path(bot.read()["text"].splitlines()[-1]).read_text(encoding="utf-8"))
    [session] = [e for e in exported["history"] if e["kind"] == "session"]
    parts = session["value"]
    assert parts["pain"] == 4 and len(parts["exercises"]) == count
    assert len(parts["done"]) == count and parts["skipped"] == [] and len(parts["eased"]) == 1
    assert parts["eased"][0]["from"] == parts["exercises"][0]
    assert parts["eased"][0]["to"] == picture(eased).name.rsplit("-", 1)[0]
    assert session["date"] in exported["kept"]["done_days"]
    bot.close()
