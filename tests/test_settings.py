"""A wrong setting stops start-up with one clear line naming the setting, and no secret."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from bot.settings import SettingsError, load_settings
from tests.process import ROOT


def start(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    return subprocess.run(
        [sys.executable, "-m", "bot", "run"],
        cwd=ROOT,
        env={**full, **env},
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"DATABASE_URL": "mysql://u:hunter2@db/x"}, "DATABASE_URL"),
    ],
)
def test_a_wrong_setting_is_named_in_one_line(env: dict[str, str], name: str) -> None:
    result = start(env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    assert "hunter2" not in result.stderr


def test_blank_tokens_mean_the_platform_is_off() -> None:
    settings = load_settings(telegram_bot_token="  ", discord_bot_token="")
    assert settings.telegram_bot_token is None and settings.discord_bot_token is None


def test_postgres_urls_get_the_async_driver() -> None:
    settings = load_settings(database_url="postgres://u:p@127.0.0.1/db")
    assert settings.database_url.startswith("postgresql+asyncpg://")
    with pytest.raises(SettingsError, match="DATABASE_URL"):
        load_settings(database_url="not a url at all")
