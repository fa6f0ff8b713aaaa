"""The human console: a typed menu number that Python calls a digit but int() refuses ("²",
a 5,000-digit number) is read as text, not a crash. A console user id is held to the database's
limit at the start, so an id that works on SQLite works on PostgreSQL too."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.console.chat import MAX_USER_ID, ConsoleChat
from dialogs.engine import Engine
from tests.conftest import FakeClock, fresh_postgres_url, sqlite_url
from tests.process import ROOT


async def lines(*typed: str) -> AsyncIterator[str]:
    for line in typed:
        yield line + "\n"


@pytest.mark.parametrize("typed", ["²", "٣", "1²", "9" * 5000, "  ", "0", "7"])
async def test_a_number_that_is_no_menu_number_is_read_as_text(
    engine: Engine, clock: FakeClock, typed: str
) -> None:
    out = io.StringIO()
    chat = ConsoleChat(engine, clock, "local", json_mode=False, out=out)
    await chat.run(lines("/start", typed, "1"))
    shown = out.getvalue()
    assert "1) Let's begin" in shown
    assert "Yes, let's go" in shown, "the menu still works after it"


def chat_process(db_url: str, user: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", "--json", "--user", user, "--db", db_url],
        cwd=ROOT,
        input='{"text": "/start"}\n{"button": "start.begin"}\n{"button": "start.agree"}\n',
        capture_output=True,
        text=True,
        timeout=30,
    )


@pytest.mark.slow
@pytest.mark.parametrize("user", ["k" * (MAX_USER_ID + 1), "", " ", "tab\there"])
def test_a_console_user_id_the_database_cannot_hold_is_refused_in_one_line(
    tmp_path: Path, user: str
) -> None:
    result = chat_process(sqlite_url(tmp_path), user)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "--user" in lines[0], result.stderr
    assert result.stdout == ""


@pytest.mark.slow
@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
async def test_the_longest_console_user_id_works_on_every_database(
    tmp_path: Path, backend: str
) -> None:
    url = sqlite_url(tmp_path) if backend == "sqlite" else await fresh_postgres_url()
    result = chat_process(url, "k" * MAX_USER_ID)
    assert result.returncode == 0, result.stderr
    assert "try again in a moment" not in result.stdout
    assert "bladder" in result.stdout.splitlines()[-1]
