"""The Store the dialog engine uses, on SQLAlchemy Core: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import zlib
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.messages import Alert, Button, Outgoing, Reply
from dialogs.ports import DueReminder, JsonDict, Step, UserKey, UserRecord
from storage.batch_apply import ApplyRequest, apply_many, select_users
from storage.database import checkpoint_wal, is_sqlite
from storage.group_commit import Failed, GroupCommitter
from storage.tables import USER_TABLES, history, outbox, reminders

OUTBOX_LEASE = timedelta(minutes=1)  # how long a claimed unsent reply is left to its claimer
OUTBOX_BATCH = 200


class SqlStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._sqlite = is_sqlite(engine)
        self._wal_holds_forgotten = False
        # Every write goes through one committer: on SQLite it is also the one writer of this
        # process (queueing in order beats busy-waiting on the file lock).
        self._writes = GroupCommitter(
            engine,
            advisory_locks=not self._sqlite,
            batched={"apply": self._apply_many, "sent": _delete_sent},
            after_commit=self._after_commit,
        )

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    async def close(self) -> None:
        """Let the writes in flight commit; then the connection pool can be disposed."""
        await self._writes.idle()

    async def apply(self, key: UserKey, step: Step, now: datetime) -> list[Outgoing]:
        lock_key = zlib.crc32(f"{key.platform}:{key.user_id}".encode())
        request = ApplyRequest(key, step, now)
        outgoing: list[Outgoing] = await self._writes.run_batched("apply", request, lock_key)
        return outgoing

    async def _apply_many(
        self, conn: AsyncConnection, requests: list[ApplyRequest]
    ) -> list[list[Outgoing] | Failed]:
        return await apply_many(conn, requests, self._sync_reminder, self._forget, reply_to_json)

    async def _forget(self, conn: AsyncConnection, key: UserKey) -> None:
        for table in USER_TABLES:
            await conn.execute(sa.delete(table).where(_rows_of(table, key)))
        self._wal_holds_forgotten = self._sqlite

    async def _after_commit(self) -> None:
        """After /forget: SQLite overwrote the rows (secure_delete), but the WAL still holds
        copies of their pages until a checkpoint, so one runs before /forget answers."""
        if self._wal_holds_forgotten:
            self._wal_holds_forgotten = False
            await checkpoint_wal(self._engine)

    async def _sync_reminder(
        self,
        conn: AsyncConnection,
        key: UserKey,
        before: UserRecord | None,
        after: UserRecord | None,
    ) -> None:
        """Keep the dispatcher's index in step with the reminder in the user's record."""
        wake = _wake_at(after)
        if after is None or wake == _wake_at(before):
            return
        insert = (sqlite_insert if self._sqlite else pg_insert)(reminders).values(
            platform=key.platform, user_id=key.user_id, next_due=wake, claimed_until=None
        )
        await conn.execute(
            insert.on_conflict_do_update(
                index_elements=["platform", "user_id"],
                set_={"next_due": wake, "claimed_until": None},
            )
        )

    async def claim_due_reminders(
        self,
        now: datetime,
        limit: int,
        lease_s: float,
        platform: str,
        user_id: str | None = None,
    ) -> list[DueReminder]:
        due = (
            sa.select(reminders.c.id)
            .where(reminders.c.platform == platform, reminders.c.next_due <= now)
            .where(sa.or_(reminders.c.claimed_until.is_(None), reminders.c.claimed_until <= now))
            .order_by(reminders.c.next_due)
            .limit(limit)
        )
        if user_id is not None:
            due = due.where(reminders.c.user_id == user_id)
        if not self._sqlite:
            due = due.with_for_update(skip_locked=True)
        claim = (
            sa.update(reminders)
            .where(reminders.c.id.in_(due.scalar_subquery()))
            .values(claimed_until=now + timedelta(seconds=lease_s))
            .returning(reminders.c.platform, reminders.c.user_id, reminders.c.next_due)
        )
        rows = await self._writes.run(lambda conn: _all_rows(conn, claim))
        claimed = [DueReminder(UserKey(r.platform, r.user_id), r.next_due) for r in rows]
        return sorted(claimed, key=lambda d: d.due)

    async def history(self, key: UserKey, kind: str | None = None) -> list[JsonDict]:
        query = sa.select(history).where(_rows_of(history, key)).order_by(history.c.id)
        if kind is not None:
            query = query.where(history.c.kind == kind)
        async with self._engine.connect() as conn:
            rows = (await conn.execute(query)).all()
        return [
            {"kind": r.kind, "date": r.local_date, "at": r.at.isoformat(), "value": r.value}
            for r in rows
        ]

    async def mark_sent(self, outbox_ids: list[int]) -> None:
        if not outbox_ids:
            return
        await self._writes.run_batched("sent", outbox_ids)

    async def claim_unsent(
        self, platform: str, now: datetime, older_than_s: float, user_id: str | None = None
    ) -> list[Outgoing]:
        cutoff = now - timedelta(seconds=older_than_s)
        candidates = (
            sa.select(outbox.c.id)
            .where(outbox.c.platform == platform, outbox.c.created_at <= cutoff)
            .where(sa.or_(outbox.c.claimed_at.is_(None), outbox.c.claimed_at < now - OUTBOX_LEASE))
            .order_by(outbox.c.id)
            .limit(OUTBOX_BATCH)
        )
        if user_id is not None:
            candidates = candidates.where(outbox.c.user_id == user_id)
        claim = (
            sa.update(outbox)
            .where(outbox.c.id.in_(candidates.scalar_subquery()))
            .values(claimed_at=now)
            .returning(outbox)
        )
        rows = await self._writes.run(lambda conn: _all_rows(conn, claim))
        return [
            Outgoing(r.id, r.platform, r.user_id, r.chat_id, reply_from_json(r.payload))
            for r in sorted(rows, key=lambda r: r.id)
        ]

    async def load(self, key: UserKey) -> UserRecord | None:
        async with self._engine.connect() as conn:
            return (await select_users(conn, [key])).get(key)


async def _delete_sent(conn: AsyncConnection, id_lists: list[list[int]]) -> list[None]:
    """Every reply marked sent in this batch, removed by one statement."""
    ids = [i for ids in id_lists for i in ids]
    await conn.execute(sa.delete(outbox).where(outbox.c.id.in_(ids)))
    return [None] * len(id_lists)


async def _all_rows(conn: AsyncConnection, statement: sa.Executable) -> list[sa.Row[Any]]:
    return list((await conn.execute(statement)).all())


def _rows_of(table: sa.Table, key: UserKey) -> sa.ColumnElement[bool]:
    return (table.c.platform == key.platform) & (table.c.user_id == key.user_id)


def _wake_at(record: UserRecord | None) -> datetime | None:
    """When the dispatcher should next wake the user: the dialog's one `wake_at` (the earliest
    of a reminder and any follow-up), or, in a record saved before there was one, the
    reminder's own."""
    if record is None:
        return None
    if "wake_at" in record.data:
        wake = record.data["wake_at"]
    else:
        reminder = record.data.get("reminder")
        wake = reminder.get("wake_at") if isinstance(reminder, dict) else None
    return datetime.fromisoformat(wake) if isinstance(wake, str) else None


def reply_to_json(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "buttons": [[b.id, b.label] for b in reply.buttons],
        "alert": reply.alert.value,
        "image": reply.image,
        "document": reply.document,
    }


def reply_from_json(payload: dict[str, Any]) -> Reply:
    return Reply(
        text=payload["text"],
        buttons=tuple(Button(i, label) for i, label in payload["buttons"]),
        alert=Alert(payload["alert"]),
        image=payload["image"],
        document=payload.get("document"),
    )
