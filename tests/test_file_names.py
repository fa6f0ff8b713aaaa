"""Whose file is whose: export and chart names come from a hash of the whole user key, so
/forget by one user never deletes another's files, and no user id appears in a file name."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from content.bundle import Content
from dialogs.engine import Engine
from storage.sql_store import SqlStore
from tests.chat import Chat
from tests.conftest import FakeClock

LOOKALIKES = ["a_b", "a/b", "alice", "alice-x", "x" * 60 + "1", "x" * 60 + "2"]


async def consented(engine: Engine, clock: FakeClock, user: str) -> Chat:
    chat = Chat(engine, clock, user_id=user)
    await chat.press("start.begin")
    await chat.press("start.agree")
    return chat


async def test_forget_deletes_only_the_users_own_exports(
    tmp_path: Path, sqlite_store: SqlStore, content: Content
) -> None:
    clock = FakeClock(datetime(2026, 6, 1, 6, 0, tzinfo=UTC))
    engine = Engine(sqlite_store, content, files_dir=tmp_path)
    chats = {user: await consented(engine, clock, user) for user in LOOKALIKES}
    exports = {}
    for user, chat in chats.items():
        exports[user] = Path((await chat.send("/export"))[0].document or "")
    assert len(set(exports.values())) == len(LOOKALIKES)
    assert not any("alice" in p.name or "a_b" in p.name for p in exports.values())
    for user in ("a_b", "alice", "x" * 60 + "1"):
        await chats[user].send("/forget")
        await chats[user].press("forget.yes")
    kept = {user for user, path in exports.items() if path.exists()}
    assert kept == {"a/b", "alice-x", "x" * 60 + "2"}
