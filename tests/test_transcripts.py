"""Dialog tests as transcripts: each tests/transcripts/*.yaml is messages in, replies expected.

A step is one of `send: <text>`, `tap: <part of a button label>`, `press: <button id>`,
`advance: {days: 1, hours: 2}` (the fake clock), or `stored: true|false`. A top-level
`locale` (e.g. en-GB) is the platform locale the user writes with. A step's `expect`
lists replies, matched in order against what came back: `text` (fragments that must appear),
`not_text` (fragments that must not), `buttons` (labels that must be offered), `alert`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dialogs.engine import Engine
from dialogs.messages import Reply
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock

TRANSCRIPTS = sorted((Path(__file__).parent / "transcripts").glob("*.yaml"))


def matches(reply: Reply, expected: dict[str, Any]) -> bool:
    fragments = expected.get("text", [])
    if isinstance(fragments, str):
        fragments = [fragments]
    if any(f.lower() not in reply.text.lower() for f in fragments):
        return False
    if any(f.lower() in reply.text.lower() for f in expected.get("not_text", [])):
        return False
    labels = [b.label for b in reply.buttons]
    if any(label not in labels for label in expected.get("buttons", [])):
        return False
    return "alert" not in expected or reply.alert.value == expected["alert"]


def check(replies: list[Reply], expectations: list[dict[str, Any]], where: str) -> None:
    position = 0
    for expected in expectations:
        while position < len(replies) and not matches(replies[position], expected):
            position += 1
        if position == len(replies):
            shown = "\n---\n".join(
                f"[{r.alert.value}] {r.text} {[b.label for b in r.buttons]}" for r in replies
            )
            raise AssertionError(f"{where}: no reply matches {expected}\nreplies were:\n{shown}")
        position += 1


async def run_transcript(name: str, script: dict[str, Any], engine: Engine) -> None:
    clock = FakeClock()
    chat = Chat(engine, clock, user_id=str(script.get("user", "alice")))
    chat.locale = script.get("locale", chat.locale)
    for number, step in enumerate(script["steps"], 1):
        where = f"{name} step {number}"
        if "send" in step:
            replies = await chat.send(str(step["send"]))
        elif "tap" in step:
            replies = await chat.tap(str(step["tap"]))
        elif "press" in step:
            replies = await chat.press(str(step["press"]))
        elif "advance" in step:
            clock.advance(**step["advance"])
            continue
        elif "stored" in step:
            record = await engine.store.load(UserKey(chat.platform, chat.user_id))
            assert (record is not None) == step["stored"], where
            continue
        else:
            raise AssertionError(f"{where}: unknown step {step}")
        check(replies, step.get("expect", []), where)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
async def test_transcript(path: Path, engine: Engine) -> None:
    script = yaml.safe_load(path.read_text(encoding="utf-8"))  # noqa: ASYNC240 (tiny file)
    await run_transcript(path.name, script, engine)
