"""A message whose dialog step raises fails alone: the others in its group commit still commit
together, in one transaction, and its sender gets a clear reply (not 'can't reach my records')."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from content.bundle import Content
from dialogs.commands import parse_line
from dialogs.engine import Engine
from dialogs.ports import StepResult, UserKey, UserRecord
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import START, FakeClock
from tests.test_store_contract import counting_step

COULD_NOT_HANDLE = "I couldn't handle that message"
TRY_AGAIN = "try again in a moment"


@contextmanager
def counted_transactions(database: AsyncEngine) -> Iterator[list[int]]:
    begun: list[int] = []

    def count(_conn: object) -> None:
        begun.append(1)

    event.listen(database.sync_engine, "begin", count)
    try:
        yield begun
    finally:
        event.remove(database.sync_engine, "begin", count)


def broken(record: UserRecord | None) -> StepResult:
    raise RuntimeError("bug")


async def test_a_raising_step_fails_alone_and_the_rest_commit_in_one_transaction(
    store: SqlStore,
) -> None:
    keys = [UserKey("console", f"user{i}") for i in range(20)]
    failing = UserKey("console", "mallory")
    with counted_transactions(store.engine) as transactions:
        results = await asyncio.gather(
            *(store.apply(k, counting_step(k), START) for k in keys[:10]),
            store.apply(failing, broken, START),
            *(store.apply(k, counting_step(k), START) for k in keys[10:]),
            return_exceptions=True,
        )
    assert isinstance(results[10], RuntimeError)
    others = results[:10] + results[11:]
    assert [[o.reply.text for o in outgoing] for outgoing in others] == [["ok 1"]] * 20  # type: ignore[union-attr]
    assert len(transactions) == 1, "the others were committed in their batch, not one by one"
    for key in keys:
        loaded = await store.load(key)
        assert loaded is not None and loaded.data == {"count": 1}
    assert await store.load(failing) is None


async def with_reminder(engine: Engine, clock: FakeClock, user_id: str) -> Chat:
    from tests.reminder_kit import user_with_plan

    chat = await user_with_plan(engine, clock, user_id=user_id)
    await chat.send("/timezone UTC")
    await chat.send("/remind 08:00")
    return chat


async def test_a_message_the_dialog_cannot_handle_gets_a_clear_reply_and_others_are_served(
    engine: Engine, content: Content, caplog: pytest.LogCaptureFixture
) -> None:
    clock = FakeClock()
    alice = await with_reminder(engine, clock, "alice")
    bob = await with_reminder(engine, clock, "bob")
    caplog.set_level(logging.DEBUG)
    assert isinstance(engine.store, SqlStore)
    with counted_transactions(engine.store.engine) as transactions:
        alice_out, bob_out = await asyncio.gather(
            engine.handle(parse_line(alice.sender, clock.now(), "/pause ²")),
            engine.handle(parse_line(bob.sender, clock.now(), "/pause 3")),
        )
    assert len(transactions) == 1, "both messages in one transaction, not retried one by one"
    assert len(alice_out) == 1 and COULD_NOT_HANDLE in alice_out[0].reply.text
    assert TRY_AGAIN not in alice_out[0].reply.text
    assert "paused until 2026-03-05" in bob_out[0].reply.text
    bob_record = await engine.store.load(UserKey("console", "bob"))
    assert bob_record is not None and bob_record.data["reminder"]["paused_until"] == "2026-03-05"
    alice_record = await engine.store.load(UserKey("console", "alice"))
    assert alice_record is not None and alice_record.data["reminder"].get("paused_until") is None
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "Command" in errors[0].getMessage(), "only alice's event failed"
    logged = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "²" not in logged, "no message text in the logs"

    replies = await alice.send("/pause 2")  # the next message is handled normally
    assert "paused until 2026-03-04" in replies[0].text
