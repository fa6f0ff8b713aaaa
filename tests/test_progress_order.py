"""/progress reads scores in the order they were told: two on one day are not sorted by value."""

from __future__ import annotations

from content.bundle import Content
from dialogs.engine import Engine
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock

INTERVIEW = ["no"] * 5 + ["40 to 64", "none of these", "none of these", "yes easily"]
INTERVIEW += ["6", "20", "back only", "sitting", "2 months", "all day", "both", "sway"]


async def test_scores_of_one_day_keep_their_order_in_the_summary(
    store: SqlStore, content: Content
) -> None:
    clock = FakeClock()
    chat = Chat(Engine(store, content), clock)
    await chat.press("start.begin")
    await chat.press("start.agree")
    for answer in INTERVIEW:  # pain 6 at the start...
        await chat.send(answer)
    clock.advance(hours=1)
    await chat.send("/checkin")  # ...and 2 at a check-in later that same day
    for _ in range(5):  # the safety questions come first
        await chat.tap("No, none")
    await chat.press("pain_now.2")
    await chat.send("10 minutes")
    replies = await chat.send("/progress")
    assert "Pain: from 6/10 at the start to 2/10 now" in replies[0].text
    assert "Walking before the pain starts: 20 min at the start, 10 min at your last" in (
        replies[0].text
    )
