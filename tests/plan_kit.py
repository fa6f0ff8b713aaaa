"""A user who answers the interview by buttons, with answers chosen per test."""

from __future__ import annotations

from dialogs.engine import Engine
from dialogs.ports import UserKey, UserRecord
from tests.chat import Chat
from tests.conftest import FakeClock

SCREENING = ["saddle_bladder", "both_legs_accident", "unwell_history", "constant_or_injury"]
DEFAULTS = {
    "age_band": "40_to_64",
    "background": "none",
    "care": "none",
    "floor": "easy",
    "pain_now": "4",
    "walk_minutes": "20",
    "where": "back",
    "eases": "neither",
    "duration": "6_to_12_weeks",
    "sitting_hours": "under_4",
    "tightness": "neither",
    "gait": "not_sure",
}


async def user_with_answers(
    engine: Engine, clock: FakeClock, user_id: str = "alice", **answers: str
) -> Chat:
    chat = Chat(engine, clock, user_id=user_id)
    await chat.press("start.begin")
    await chat.press("start.agree")
    for question in [*SCREENING, "worsening_leg"]:
        await chat.press(f"{question}.no")
    for question, default in DEFAULTS.items():
        await chat.press(f"{question}.{answers.get(question, default)}")
    return chat


async def record_of(chat: Chat) -> UserRecord:
    record = await chat.engine.store.load(UserKey(chat.platform, chat.user_id))
    assert record is not None
    return record
