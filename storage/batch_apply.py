"""Applying many users' events in one transaction with a handful of statements: one SELECT
for every user in the batch, then one executemany each for the updates, the new users, the
history and the outbox. Rare changes (a forgotten user, a moved reminder) go one by one."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection

from dialogs.messages import Outgoing
from dialogs.ports import Step, StepResult, UserKey, UserRecord
from storage.group_commit import Failed
from storage.tables import history, outbox, users

ReminderSync = Callable[
    [AsyncConnection, UserKey, UserRecord | None, UserRecord | None], Awaitable[None]
]
Forget = Callable[[AsyncConnection, UserKey], Awaitable[None]]


@dataclass(frozen=True)
class ApplyRequest:
    key: UserKey
    step: Step
    now: datetime


_UPDATE_USER = (
    sa.update(users)
    .where(
        users.c.platform == sa.bindparam("k_platform"), users.c.user_id == sa.bindparam("k_user")
    )
    .values(
        chat_id=sa.bindparam("v_chat_id"),
        locale=sa.bindparam("v_locale"),
        state=sa.bindparam("v_state"),
        data=sa.bindparam("v_data"),
        seq=sa.bindparam("v_seq"),
        updated_at=sa.bindparam("v_updated_at"),
    )
)
# A second entry with a once_key the user already has (a second check-in on one day) is
# skipped: the unique key keeps the first, and the event's record and replies still commit.
_INSERT_HISTORY = {
    name: insert(history).on_conflict_do_nothing(index_elements=["platform", "user_id", "once_key"])
    for name, insert in (("sqlite", sqlite_insert), ("postgresql", pg_insert))
}
_INSERT_OUTBOX = sa.insert(outbox).returning(outbox.c.id, sort_by_parameter_order=True)


async def select_users(conn: AsyncConnection, keys: list[UserKey]) -> dict[UserKey, UserRecord]:
    pairs = [(k.platform, k.user_id) for k in keys]
    query = sa.select(users).where(sa.tuple_(users.c.platform, users.c.user_id).in_(pairs))
    found = {}
    for row in (await conn.execute(query)).all():
        key = UserKey(row.platform, row.user_id)
        found[key] = UserRecord(key, row.chat_id, row.state, dict(row.data), row.seq, row.locale)
    return found


async def apply_many(
    conn: AsyncConnection,
    requests: list[ApplyRequest],
    sync_reminder: ReminderSync,
    forget: Forget,
    reply_to_json: Callable[[Any], dict[str, Any]],
) -> list[list[Outgoing] | Failed]:
    """Each request's queued replies, or Failed for one whose step raised: steps are pure, so
    such a request is left out of the writes and the others commit as usual."""
    before = await select_users(conn, [r.key for r in requests])
    outcomes = [_run(r.step, before.get(r.key)) for r in requests]
    ran = [(r, o) for r, o in zip(requests, outcomes, strict=True) if isinstance(o, StepResult)]
    replies: list[tuple[ApplyRequest, StepResult, Any]] = []
    for request, result in ran:
        old, new = before.get(request.key), result.record
        if new is None and old is not None:
            await forget(conn, request.key)
        await sync_reminder(conn, request.key, old, new)
        replies += [(request, result, reply) for reply in result.replies]
    await _write_users_and_history(conn, before, ran)
    queued = await _queue_replies(conn, [r for r, _ in ran], replies, reply_to_json)
    paired = zip(requests, outcomes, strict=True)
    return [queued[r.key] if isinstance(o, StepResult) else o for r, o in paired]


def _run(step: Step, record: UserRecord | None) -> StepResult | Failed:
    try:
        return step(record)
    except Exception as exc:
        return Failed(exc)


async def _write_users_and_history(
    conn: AsyncConnection,
    before: dict[UserKey, UserRecord],
    ran: list[tuple[ApplyRequest, StepResult]],
) -> None:
    updates: list[dict[str, Any]] = []
    inserts: list[dict[str, Any]] = []
    entries: list[dict[str, Any]] = []
    for request, result in ran:
        key, old, new = request.key, before.get(request.key), result.record
        if new is not None:
            (inserts if old is None else updates).append(
                _user_row(key, new, request.now, old is None)
            )
        entries += [_history_row(key, e, request.now) for e in result.history]
    if updates:
        await conn.execute(_UPDATE_USER, updates)
    if inserts:
        await conn.execute(sa.insert(users), inserts)
    if entries:
        await conn.execute(_INSERT_HISTORY[conn.dialect.name], entries)


def _user_row(key: UserKey, record: UserRecord, now: datetime, new: bool) -> dict[str, Any]:
    if new:
        return {
            "platform": key.platform, "user_id": key.user_id, "chat_id": record.chat_id,
            "locale": record.locale, "state": record.state, "data": record.data,
            "seq": record.seq, "created_at": now, "updated_at": now,
        }  # fmt: skip
    return {
        "k_platform": key.platform, "k_user": key.user_id, "v_chat_id": record.chat_id,
        "v_locale": record.locale, "v_state": record.state, "v_data": record.data,
        "v_seq": record.seq, "v_updated_at": now,
    }  # fmt: skip


def _history_row(key: UserKey, entry: Any, now: datetime) -> dict[str, Any]:
    return {
        "platform": key.platform, "user_id": key.user_id, "kind": entry.kind,
        "local_date": entry.local_date, "at": now, "value": entry.value, "once_key": entry.once_key,
    }  # fmt: skip


async def _queue_replies(
    conn: AsyncConnection,
    requests: list[ApplyRequest],
    replies: list[tuple[ApplyRequest, StepResult, Any]],
    reply_to_json: Callable[[Any], dict[str, Any]],
) -> dict[UserKey, list[Outgoing]]:
    queued: dict[UserKey, list[Outgoing]] = {r.key: [] for r in requests}
    if not replies:
        return queued
    rows = [
        {"platform": r.key.platform, "user_id": r.key.user_id, "chat_id": result.chat_id,
         "payload": reply_to_json(reply), "created_at": r.now}
        for r, result, reply in replies
    ]  # fmt: skip
    ids = await _insert_outbox(conn, rows)
    for (request, result, reply), outbox_id in zip(replies, ids, strict=True):
        key = request.key
        queued[key].append(Outgoing(outbox_id, key.platform, key.user_id, result.chat_id, reply))
    return queued


async def _insert_outbox(conn: AsyncConnection, rows: list[dict[str, Any]]) -> list[int]:
    """The new rows' ids, in the order of `rows`. PostgreSQL returns them from one batched
    INSERT. On SQLite, RETURNING in parameter order would cost one statement per row; instead
    one executemany: SQLite numbers each new row one above the table's largest id, and this
    transaction holds the write lock (BEGIN IMMEDIATE), so its rows end at the last id."""
    if conn.dialect.name != "sqlite":
        return list((await conn.execute(_INSERT_OUTBOX, rows)).scalars().all())
    await conn.execute(sa.insert(outbox), rows)
    last = (await conn.execute(sa.select(sa.func.last_insert_rowid()))).scalar_one()
    return list(range(last - len(rows) + 1, last + 1))
