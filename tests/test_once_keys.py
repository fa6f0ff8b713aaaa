"""A history entry whose once_key the user already has is skipped, not refused: the event's
record and replies still commit, so an answer never turns into a permanent apology."""

from __future__ import annotations

from content.bundle import Content
from dialogs.engine import Engine
from dialogs.messages import Reply
from dialogs.ports import HistoryEntry, StepResult, UserKey, UserRecord
from storage.sql_store import SqlStore
from tests.conftest import START, FakeClock
from tests.reminder_kit import user_with_plan

ALICE = UserKey("console", "alice")
BOB = UserKey("console", "bob")
TRY_AGAIN = "try again in a moment"


def scoring_step(key: UserKey, score: int):  # type: ignore[no-untyped-def]
    """Today's pain, twice in one event: the same once_key as any earlier score today."""

    def step(record: UserRecord | None) -> StepResult:
        seq = record.seq + 1 if record else 1
        new = UserRecord(key, "chat", "plan", {"score": score}, seq)
        entry = HistoryEntry("pain", "2026-03-02", {"score": score}, "pain:2026-03-02")
        return StepResult(new, (Reply(f"noted {score}"),), "chat", (entry, entry))

    return step


async def test_a_repeated_once_key_is_skipped_and_the_event_still_commits(
    store: SqlStore,
) -> None:
    first = await store.apply(ALICE, scoring_step(ALICE, 6), START)
    again = await store.apply(ALICE, scoring_step(ALICE, 2), START)
    other = await store.apply(BOB, scoring_step(BOB, 5), START)
    assert [o.reply.text for o in first + again + other] == ["noted 6", "noted 2", "noted 5"]
    alice = await store.load(ALICE)
    assert alice is not None and alice.data == {"score": 2} and alice.seq == 2
    assert [h["value"] for h in await store.history(ALICE)] == [{"score": 6}], "the first kept"
    assert [h["value"] for h in await store.history(BOB)] == [{"score": 5}], "per user"


async def check_in(engine: Engine, clock: FakeClock) -> str:
    from tests.chat import Chat

    chat = Chat(engine, clock)
    await chat.send("/checkin")
    for _ in range(5):  # the safety questions come first
        await chat.tap("No, none")
    await chat.press("pain_now.3")
    await chat.send("15 minutes")
    return chat.text()


async def test_two_check_ins_on_one_day_both_end_with_the_summary(
    store: SqlStore, content: Content
) -> None:
    clock = FakeClock()
    engine = Engine(store, content)
    await user_with_plan(engine, clock)
    first = await check_in(engine, clock)
    clock.advance(hours=2)
    second = await check_in(engine, clock)
    for summary in (first, second):
        assert "Walking before the pain starts: 20 min at the start" in summary
        assert "15 min now." in summary
        assert TRY_AGAIN not in summary
    record = await store.load(ALICE)
    assert record is not None and len(record.data["checkins"]) == 2
    assert record.state == "plan"
