"""One contract for the Store, run against a real SQLite file and a real PostgreSQL server."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from dialogs.messages import Alert, Button, Reply
from dialogs.ports import StepResult, UserKey, UserRecord
from storage.sql_store import SqlStore
from tests.conftest import START

ALICE = UserKey("console", "alice")
BOB = UserKey("console", "bob")


def counting_step(key: UserKey, text: str = "ok"):  # type: ignore[no-untyped-def]
    def step(record: UserRecord | None) -> StepResult:
        count = (record.data.get("count", 0) if record else 0) + 1
        seq = record.seq + 1 if record else 1
        new = UserRecord(key, "chat", "q_pain_now", {"count": count}, seq, "en")
        return StepResult(new, (Reply(f"{text} {count}"),), "chat")

    return step


def forgetting_step(record: UserRecord | None) -> StepResult:
    return StepResult(None, (Reply("gone"),), "chat")


async def test_nothing_is_stored_when_the_step_keeps_nothing(store: SqlStore) -> None:
    sent = await store.apply(ALICE, forgetting_step, START)
    assert [o.reply.text for o in sent] == ["gone"]
    assert await store.load(ALICE) is None


async def test_a_record_is_saved_and_read_back_with_its_replies(store: SqlStore) -> None:
    reply = Reply("hi", (Button("a.b", "Label ✓"),), Alert.URGENT, None)

    def step(record: UserRecord | None) -> StepResult:
        return StepResult(
            UserRecord(ALICE, "chat-9", "plan", {"x": [1, "ü"]}, 1), (reply,), "chat-9"
        )

    sent = await store.apply(ALICE, step, START)
    assert sent[0].reply == reply and sent[0].chat_id == "chat-9"
    loaded = await store.load(ALICE)
    assert loaded is not None
    assert (loaded.state, loaded.data, loaded.chat_id) == ("plan", {"x": [1, "ü"]}, "chat-9")


async def test_unsent_replies_are_claimed_once_per_lease_and_gone_when_sent(
    store: SqlStore,
) -> None:
    await store.apply(ALICE, counting_step(ALICE, "first"), START)
    await store.apply(ALICE, counting_step(ALICE, "second"), START)
    assert await store.claim_unsent("console", START, older_than_s=30) == []  # too fresh
    later = START + timedelta(seconds=31)
    claimed = await store.claim_unsent("console", later, older_than_s=30)
    assert [o.reply.text for o in claimed] == ["first 1", "second 2"]
    assert await store.claim_unsent("console", later, older_than_s=30) == []  # leased
    after_lease = later + timedelta(minutes=2)
    again = await store.claim_unsent("console", after_lease, older_than_s=30)
    assert [o.outbox_id for o in again] == [o.outbox_id for o in claimed]
    await store.mark_sent([o.outbox_id for o in again])
    assert await store.claim_unsent("console", after_lease + timedelta(hours=1), 30) == []


async def test_forgetting_a_user_deletes_their_row_and_pending_replies_only(
    store: SqlStore,
) -> None:
    await store.apply(ALICE, counting_step(ALICE), START)
    await store.apply(BOB, counting_step(BOB), START)
    await store.apply(ALICE, forgetting_step, START)
    assert await store.load(ALICE) is None
    assert await store.load(BOB) is not None
    pending = await store.claim_unsent("console", START + timedelta(minutes=5), 0)
    assert sorted(o.user_id for o in pending) == ["alice", "bob"]  # bob's reply, alice's "gone"
    assert [o.reply.text for o in pending if o.user_id == "alice"] == ["gone"]


async def test_a_failing_step_changes_nothing(store: SqlStore) -> None:
    await store.apply(ALICE, counting_step(ALICE), START)

    def broken(record: UserRecord | None) -> StepResult:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        await store.apply(ALICE, broken, START)
    loaded = await store.load(ALICE)
    assert loaded is not None and loaded.data == {"count": 1}


async def test_concurrent_updates_of_one_user_lose_nothing(store: SqlStore) -> None:
    await asyncio.gather(*(store.apply(ALICE, counting_step(ALICE), START) for _ in range(40)))
    loaded = await store.load(ALICE)
    assert loaded is not None
    assert loaded.data["count"] == 40 and loaded.seq == 40


async def test_finding_due_reminders_walks_the_index_not_every_user(sqlite_store: SqlStore) -> None:
    from sqlalchemy import text

    async with sqlite_store.engine.connect() as conn:
        plan = (
            await conn.execute(
                text(
                    "EXPLAIN QUERY PLAN SELECT id FROM reminders WHERE platform = 'console' "
                    "AND next_due <= :now ORDER BY next_due LIMIT 200"
                ),
                {"now": "2026-06-01 09:00:00"},
            )
        ).all()
    details = " ".join(str(row[-1]) for row in plan)
    assert "INDEX ix_reminders_platform_due (platform=? AND next_due<?)" in details, details
    assert "TEMP B-TREE" not in details, "the index already gives the order: no sort of all rows"


async def test_one_failing_message_in_a_group_commit_does_not_fail_the_others(
    store: SqlStore,
) -> None:
    def broken(record: UserRecord | None) -> StepResult:
        raise RuntimeError("bug")

    keys = [UserKey("console", f"user{i}") for i in range(30)]
    results = await asyncio.gather(
        *(store.apply(k, counting_step(k), START) for k in keys[:15]),
        store.apply(ALICE, broken, START),
        *(store.apply(k, counting_step(k), START) for k in keys[15:]),
        return_exceptions=True,
    )
    assert sum(isinstance(r, RuntimeError) for r in results) == 1
    for key in keys:
        loaded = await store.load(key)
        assert loaded is not None and loaded.data == {"count": 1}
    assert await store.load(ALICE) is None


async def test_replies_of_a_whole_batch_keep_their_own_ids(store: SqlStore) -> None:
    """Many users' messages committed together, some with several replies: each reply comes
    back with the id of its own outbox row, so marking some sent leaves exactly the others."""
    keys = [UserKey("console", f"u{i}") for i in range(40)]

    def replying(key: UserKey, count: int):  # type: ignore[no-untyped-def]
        def step(record: UserRecord | None) -> StepResult:
            new = UserRecord(key, key.user_id, "plan", {}, (record.seq + 1) if record else 1)
            return StepResult(new, tuple(Reply(f"{key.user_id}/{n}") for n in range(count)), "c")

        return step

    batches = await asyncio.gather(
        *(store.apply(k, replying(k, i % 4), START) for i, k in enumerate(keys))
    )
    sent = [o for outgoing in batches for o in outgoing]
    assert [o.reply.text for o in sent] == [f"u{i}/{n}" for i in range(40) for n in range(i % 4)]
    assert len({o.outbox_id for o in sent}) == len(sent)
    await store.mark_sent([o.outbox_id for o in sent if o.reply.text.endswith("/0")])
    later = START + timedelta(minutes=1)
    unsent = await store.claim_unsent("console", later, older_than_s=30)
    assert sorted(o.reply.text for o in unsent) == sorted(
        o.reply.text for o in sent if not o.reply.text.endswith("/0")
    )
    assert all(o.reply.text.startswith(o.user_id + "/") for o in unsent)
