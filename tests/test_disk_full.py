"""A write that fails partway (a full disk) in /export or a chart: the user gets a clear reply,
no partial file is left, an earlier file stays whole, and the next message is served as usual."""

from __future__ import annotations

import json
import resource
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.charts import MatplotlibCharts
from content.bundle import Content
from dialogs.engine import Engine, file_owner
from dialogs.ports import UserKey
from storage.sql_store import SqlStore
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan, user_with_progress


@contextmanager
def disk_full_after(size: int) -> Iterator[None]:
    """Any write past `size` bytes of a file fails (EFBIG), after the bytes before it are
    written: as on a full disk. The limit is per process, so only for the event under test."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def content_of(path: str | None) -> bytes:
    return Path(path or "").read_bytes()


@pytest.fixture
def engine_with_files(tmp_path: Path, sqlite_store: SqlStore, content: Content) -> Engine:
    return Engine(sqlite_store, content, MatplotlibCharts(tmp_path), tmp_path)


async def test_an_export_that_cannot_be_written_gets_a_clear_reply_and_leaves_nothing(
    tmp_path: Path, engine_with_files: Engine
) -> None:
    chat = await user_with_plan(engine_with_files, FakeClock())
    with disk_full_after(64):
        replies = await chat.send("/export")
    assert len(replies) == 1 and replies[0].document is None
    assert "couldn't write your export" in replies[0].text
    assert files_in(tmp_path / "exports") == [], "no partial export, no temporary file"

    assert "Here is what I can do" in (await chat.send("/help"))[0].text
    replies = await chat.send("/export")
    assert json.loads(content_of(replies[0].document))["user_id"] == "alice", "whole this time"


async def test_a_chart_that_cannot_be_written_leaves_the_earlier_one_whole(
    tmp_path: Path, engine_with_files: Engine
) -> None:
    chat = await user_with_progress(engine_with_files, FakeClock())
    earlier = (await chat.send("/progress"))[0].image
    drawn = content_of(earlier)
    with disk_full_after(64):
        replies = await chat.send("/progress")
    assert "I couldn't draw your chart just now" in replies[0].text
    assert replies[0].image is None and "Your progress so far" in replies[0].text
    assert files_in(tmp_path / "charts") == [Path(earlier or "").name], "no temporary file left"
    assert content_of(earlier) == drawn, "the earlier chart is whole"
    assert "Here is what I can do" in (await chat.send("/help"))[0].text


def leave_temporary_files(folder: Path) -> list[Path]:
    """What a crash in the middle of writing an export and a chart would leave."""
    owner = file_owner(UserKey("console", "alice"))
    left = [
        folder / "exports" / f".export-{owner}-20260302T090000.json.k3j_x9.part",
        folder / "charts" / f".progress-{owner}.png.q8z2wd.part",
    ]
    for path in left:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"{partial")
    return left


async def test_forget_also_removes_files_a_crash_left_half_written(
    tmp_path: Path, engine_with_files: Engine
) -> None:
    chat = await user_with_plan(engine_with_files, FakeClock())
    left = leave_temporary_files(tmp_path)
    await chat.send("/forget")
    await chat.tap("Yes, delete everything")
    assert "everything I kept about you is deleted" in chat.text()
    assert not any(path.exists() for path in left)
