"""`python -m bot run` that cannot start says so in one line on stderr naming the setting and
what to do, and exits non-zero: an unreachable database or Bot API server, an SQLite file that
cannot be created, a rate that would answer nobody."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from tests.test_settings import start

pytestmark = pytest.mark.slow


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nobody listens once the probe is closed


def assert_one_line_naming(env: dict[str, str], name: str, *hints: str) -> str:
    result = start(env)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and all(hint in lines[0] for hint in hints), lines[0]
    return lines[0]


def test_an_unreachable_postgresql_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql://bot:hunter2@127.0.0.1:{closed_port()}/bot"
    line = assert_one_line_naming({"DATABASE_URL": url}, "DATABASE_URL", "check that the server")
    assert "hunter2" not in line


def test_an_sqlite_file_that_cannot_be_created_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    url = f"sqlite+aiosqlite:///{tmp_path / 'a-file' / 'bot.db'}"
    assert_one_line_naming({"DATABASE_URL": url}, "DATABASE_URL", "choose a path")


def test_an_unreachable_bot_api_server_is_one_line(tmp_path: Path) -> None:
    env = {
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        "TELEGRAM_BOT_TOKEN": "123456789:secret-token-value",
        "TELEGRAM_BASE_URL": f"http://127.0.0.1:{closed_port()}/bot",
    }
    line = assert_one_line_naming(env, "TELEGRAM_BASE_URL", "check that it runs")
    assert "secret-token-value" not in line


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TELEGRAM_RATE_PER_S", "1e-300"),
        ("TELEGRAM_RATE_PER_S", "nan"),
        ("DISCORD_RATE_PER_S", "0.001"),
        ("DISCORD_RATE_PER_S", "inf"),
        ("DISCORD_MAX_RATELIMIT_WAIT_S", "1e9"),
        ("DISCORD_SHARD_COUNT", "100000"),
    ],
)
def test_a_numeric_setting_out_of_bounds_is_one_line(name: str, value: str) -> None:
    assert_one_line_naming({name: value}, name)
