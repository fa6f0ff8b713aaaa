"""The store as the sweep and /export see it: a redelivered reply is the reply that was queued
(buttons, labels, file), each platform's sweep takes only its own replies, in order and in
bounded batches, and the history keeps when each entry was told. Written where mutation
testing showed that a broken store still passed every test."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from dialogs.messages import Alert, Button, Reply
from dialogs.ports import HistoryEntry, StepResult, UserKey, UserRecord
from storage.sql_store import OUTBOX_BATCH, SqlStore
from tests.conftest import START
from tests.reminder_kit import seed_due_reminders

ALICE = UserKey("console", "alice")
LATER = START + timedelta(minutes=5)


def replying(key: UserKey, *replies: Reply, history: tuple[HistoryEntry, ...] = ()):  # type: ignore[no-untyped-def]
    def step(record: UserRecord | None) -> StepResult:
        seq = record.seq + 1 if record else 1
        new = UserRecord(key, f"chat-{key.user_id}", "plan", {}, seq, "en")
        return StepResult(new, replies, f"chat-{key.user_id}", history)

    return step


async def test_a_redelivered_reply_has_its_buttons_labels_and_file(store: SqlStore) -> None:
    reply = Reply(
        "Here is your export",
        (Button("rem.done.2026-03-02", "✅ Done"), Button("rem.stop", "Stop")),
        Alert.SOON,
        "/data/chart.png",
        "/data/export.json",
    )
    await store.apply(ALICE, replying(ALICE, reply), START)
    [again] = await store.claim_unsent("console", LATER, older_than_s=30)
    assert again.reply == reply
    assert (again.user_id, again.chat_id) == ("alice", "chat-alice")


async def test_each_platform_sweep_takes_only_its_own_replies_in_order(store: SqlStore) -> None:
    tg = UserKey("telegram", "42")
    await store.apply(ALICE, replying(ALICE, Reply("a1"), Reply("a2")), START)
    await store.apply(tg, replying(tg, Reply("t1")), START)
    await store.apply(ALICE, replying(ALICE, Reply("a3")), START)
    console = await store.claim_unsent("console", LATER, older_than_s=30)
    assert [o.reply.text for o in console] == ["a1", "a2", "a3"]
    telegram = await store.claim_unsent("telegram", LATER, older_than_s=30)
    assert [(o.platform, o.reply.text) for o in telegram] == [("telegram", "t1")]


async def test_a_sweep_takes_a_bounded_batch_and_the_rest_next_time(
    sqlite_store: SqlStore,
) -> None:
    many = tuple(Reply(f"r{n}") for n in range(OUTBOX_BATCH + 5))
    await sqlite_store.apply(ALICE, replying(ALICE, *many), START)
    first = await sqlite_store.claim_unsent("console", LATER, older_than_s=30)
    assert [o.reply.text for o in first] == [f"r{n}" for n in range(OUTBOX_BATCH)]
    await sqlite_store.mark_sent([o.outbox_id for o in first])
    rest = await sqlite_store.claim_unsent("console", LATER, older_than_s=30)
    assert [o.reply.text for o in rest] == [f"r{n}" for n in range(OUTBOX_BATCH, len(many))]


async def test_the_history_says_when_each_entry_was_told(store: SqlStore) -> None:
    entry = HistoryEntry("pain", "2026-03-02", {"score": 3}, "pain:2026-03-02")
    await store.apply(ALICE, replying(ALICE, Reply("ok"), history=(entry,)), START)
    assert await store.history(ALICE) == [
        {"kind": "pain", "date": "2026-03-02", "at": START.isoformat(), "value": {"score": 3}}
    ]


async def test_due_reminders_come_earliest_first_and_a_lapsed_claim_is_taken_again(
    sqlite_store: SqlStore,
) -> None:
    due = {"late": START + timedelta(minutes=2), "early": START, "later": LATER}
    await seed_due_reminders(sqlite_store.engine, "console", due)
    now = START + timedelta(minutes=10)
    claimed = await sqlite_store.claim_due_reminders(now, 10, 60, "console")
    assert [d.key.user_id for d in claimed] == ["early", "late", "later"]
    assert await sqlite_store.claim_due_reminders(now, 10, 60, "console") == [], "leased"
    lapsed = now + timedelta(seconds=61)
    again = await sqlite_store.claim_due_reminders(lapsed, 10, 60, "console")
    assert [d.key.user_id for d in again] == ["early", "late", "later"]


async def test_the_console_dispatcher_claims_only_its_own_users_reminder(
    sqlite_store: SqlStore,
) -> None:
    await seed_due_reminders(sqlite_store.engine, "console", {"alice": START, "bob": START})
    now = START + timedelta(minutes=1)
    mine = await sqlite_store.claim_due_reminders(now, 10, 60, "console", user_id="bob")
    assert [d.key.user_id for d in mine] == ["bob"]
    rest = await sqlite_store.claim_due_reminders(now, 10, 60, "console")
    assert [d.key.user_id for d in rest] == ["alice"]


async def test_every_users_history_is_kept_when_their_messages_commit_together(
    store: SqlStore,
) -> None:
    keys = [UserKey("console", f"u{i}") for i in range(20)]

    def scored(key: UserKey, score: int):  # type: ignore[no-untyped-def]
        entry = HistoryEntry("pain", "2026-03-02", {"score": score}, "pain:2026-03-02")
        return replying(key, Reply("noted"), history=(entry,))

    await asyncio.gather(*(store.apply(k, scored(k, i % 11), START) for i, k in enumerate(keys)))
    for i, key in enumerate(keys):
        assert [h["value"] for h in await store.history(key)] == [{"score": i % 11}]


async def test_a_record_in_the_older_shape_still_wakes_the_dispatcher(
    sqlite_store: SqlStore,
) -> None:
    """Records saved before the dialog kept one `wake_at` have it only in their reminder."""
    due = START + timedelta(hours=1)

    def older(record: UserRecord | None) -> StepResult:
        data = {"reminder": {"time": "10:00", "active": True, "wake_at": due.isoformat()}}
        return StepResult(UserRecord(ALICE, "chat", "plan", data, 1, "en"), (), "chat")

    await sqlite_store.apply(ALICE, older, START)
    assert await sqlite_store.claim_due_reminders(START, 10, 60, "console") == []
    [claimed] = await sqlite_store.claim_due_reminders(due, 10, 60, "console")
    assert (claimed.key, claimed.due) == (ALICE, due)
