"""Helpers for walking tests: a user with a plan and a time zone, a walk timed by taps on an
injected clock, and the walks the database holds."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.chat import Chat
from tests.conftest import FakeClock

ANSWERS = {"pain_now": "4", "walk_minutes": "10", "where": "back", "eases": "sitting"}


async def walker(engine: Engine, clock: FakeClock, user_id: str = "alice", **answers: str) -> Chat:
    """Consent and the interview by taps, then the time zone (UTC)."""
    told = ANSWERS | answers
    chat = Chat(engine, clock, user_id=user_id)
    await chat.press("start.begin")
    await chat.press("start.agree")
    for question in ("saddle_bladder", "both_legs_accident", "unwell_history"):
        await chat.press(f"{question}.no")
    for question in ("constant_or_injury", "worsening_leg"):
        await chat.press(f"{question}.no")
    for button in ("age_band.40_to_64", "background.none", "care.none", "floor.easy"):
        await chat.press(button)
    await chat.press(f"pain_now.{told['pain_now']}")
    await chat.press(f"walk_minutes.{told['walk_minutes']}")
    for question, value in (("where", told["where"]), ("eases", told["eases"])):
        await chat.press(f"{question}.{value}")
    for button in ("duration.over_12_weeks", "sitting_hours.4_to_8", "tightness.neither"):
        await chat.press(button)
    await chat.press("gait.not_sure")
    assert "Here is your plan" in chat.text()
    plan_replies = [r for r in chat.last if "What next?" not in r.text]
    await chat.send("/timezone UTC")
    chat.last = plan_replies
    return chat


async def timed_walk(
    chat: Chat,
    clock: FakeClock,
    minutes: float,
    pain_after: float | None = None,
    score: int | None = 3,
    stop: bool = False,
) -> None:
    """Start, Pain started (if it came), Finished or Stop, and the pain score, by taps."""
    await chat.press("walk.start")
    assert "walk.end" in chat.button_ids(), chat.text()
    if pain_after is not None:
        clock.advance(minutes=pain_after)
        await chat.press("walk.pain")
    clock.advance(minutes=minutes - (pain_after or 0))
    await chat.press("walk.stop" if stop else "walk.end")
    if score is not None:
        await chat.press(f"walk.score.{score}")
        assert "Saved" in chat.text(), chat.text()


async def walks_stored(engine: Engine, user_id: str = "alice") -> list[dict[str, Any]]:
    return await engine.store.history(UserKey("console", user_id), "walk")


async def walk_data(engine: Engine, user_id: str = "alice") -> dict[str, Any]:
    record = await engine.store.load(UserKey("console", user_id))
    assert record is not None
    return dict(record.data.get("walk") or {})


def read_json(path: str | None) -> Any:
    return json.loads(Path(path or "").read_text(encoding="utf-8"))


def pdf_pages(path: str | None) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", Path(path or "").read_bytes()))


def first_bytes(path: str | None, count: int) -> bytes:
    return Path(path or "").read_bytes()[:count]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


def file_mode(path: str | None) -> int:
    return Path(path or "").stat().st_mode & 0o777
