"""The Store the dialog engine uses, on SQLAlchemy Core: SQLite by default, PostgreSQL by URL."""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from dialogs.messages import Alert, Button, Outgoing, Reply
from dialogs.ports import Step, StepResult, UserKey, UserRecord
from storage.database import is_sqlite
from storage.tables import outbox, users

CLAIM_LEASE = timedelta(minutes=1)
CLAIM_BATCH = 200


class SqlStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._sqlite = is_sqlite(engine)
        # SQLite has one writer at a time anyway; queueing here, in order, beats busy-waiting.
        self._sqlite_writer = asyncio.Lock()

    @property
    def engine(self) -> AsyncEngine:
        return self._engine

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        if self._sqlite:
            async with self._sqlite_writer, self._engine.begin() as conn:
                yield conn
        else:
            async with self._engine.begin() as conn:
                yield conn

    async def apply(self, key: UserKey, step: Step, now: datetime) -> list[Outgoing]:
        async with self._write() as conn:
            if not self._sqlite:
                lock_id = zlib.crc32(f"{key.platform}:{key.user_id}".encode())
                await conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock_id})
            before = await self._select_user(conn, key)
            result = step(before)
            await self._save_user(conn, key, before, result.record, now)
            return await self._queue(conn, key, result, now)

    async def _select_user(self, conn: AsyncConnection, key: UserKey) -> UserRecord | None:
        row = (
            await conn.execute(
                sa.select(users).where(
                    users.c.platform == key.platform, users.c.user_id == key.user_id
                )
            )
        ).first()
        if row is None:
            return None
        return UserRecord(
            key=key,
            chat_id=row.chat_id,
            state=row.state,
            data=dict(row.data),
            seq=row.seq,
            locale=row.locale,
        )

    async def _save_user(
        self,
        conn: AsyncConnection,
        key: UserKey,
        before: UserRecord | None,
        after: UserRecord | None,
        now: datetime,
    ) -> None:
        where = (users.c.platform == key.platform) & (users.c.user_id == key.user_id)
        if after is None:
            if before is not None:
                await conn.execute(sa.delete(users).where(where))
                await conn.execute(sa.delete(outbox).where(_outbox_of(key)))
            return
        values = {
            "chat_id": after.chat_id,
            "locale": after.locale,
            "state": after.state,
            "data": after.data,
            "seq": after.seq,
            "updated_at": now,
        }
        if before is None:
            insert = sa.insert(users).values(
                platform=key.platform, user_id=key.user_id, created_at=now, **values
            )
            await conn.execute(insert)
        else:
            await conn.execute(sa.update(users).where(where).values(**values))

    async def _queue(
        self, conn: AsyncConnection, key: UserKey, result: StepResult, now: datetime
    ) -> list[Outgoing]:
        queued = []
        for reply in result.replies:
            outbox_id = (
                await conn.execute(
                    sa.insert(outbox)
                    .values(
                        platform=key.platform,
                        user_id=key.user_id,
                        chat_id=result.chat_id,
                        payload=reply_to_json(reply),
                        created_at=now,
                    )
                    .returning(outbox.c.id)
                )
            ).scalar_one()
            queued.append(Outgoing(outbox_id, key.platform, key.user_id, result.chat_id, reply))
        return queued

    async def mark_sent(self, outbox_ids: list[int]) -> None:
        if not outbox_ids:
            return
        async with self._write() as conn:
            await conn.execute(sa.delete(outbox).where(outbox.c.id.in_(outbox_ids)))

    async def claim_unsent(
        self, platform: str, now: datetime, older_than_s: float, user_id: str | None = None
    ) -> list[Outgoing]:
        cutoff = now - timedelta(seconds=older_than_s)
        candidates = (
            sa.select(outbox.c.id)
            .where(outbox.c.platform == platform, outbox.c.created_at <= cutoff)
            .where(sa.or_(outbox.c.claimed_at.is_(None), outbox.c.claimed_at < now - CLAIM_LEASE))
            .order_by(outbox.c.id)
            .limit(CLAIM_BATCH)
        )
        if user_id is not None:
            candidates = candidates.where(outbox.c.user_id == user_id)
        claim = (
            sa.update(outbox)
            .where(outbox.c.id.in_(candidates.scalar_subquery()))
            .values(claimed_at=now)
            .returning(outbox)
        )
        async with self._write() as conn:
            rows = (await conn.execute(claim)).all()
        return [
            Outgoing(r.id, r.platform, r.user_id, r.chat_id, reply_from_json(r.payload))
            for r in sorted(rows, key=lambda r: r.id)
        ]

    async def load(self, key: UserKey) -> UserRecord | None:
        async with self._engine.connect() as conn:
            return await self._select_user(conn, key)


def _outbox_of(key: UserKey) -> sa.ColumnElement[bool]:
    return (outbox.c.platform == key.platform) & (outbox.c.user_id == key.user_id)


def reply_to_json(reply: Reply) -> dict[str, Any]:
    return {
        "text": reply.text,
        "buttons": [[b.id, b.label] for b in reply.buttons],
        "alert": reply.alert.value,
        "image": reply.image,
    }


def reply_from_json(payload: dict[str, Any]) -> Reply:
    return Reply(
        text=payload["text"],
        buttons=tuple(Button(i, label) for i, label in payload["buttons"]),
        alert=Alert(payload["alert"]),
        image=payload["image"],
    )
