"""Every setting, from the environment or a .env file. A wrong one stops start-up with one line."""

from __future__ import annotations

import logging
from typing import Literal

from pydantic import SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.database import DEFAULT_SQLITE_URL, DatabaseUrlError, normalise_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_SQLITE_URL
    telegram_bot_token: SecretStr | None = None
    discord_bot_token: SecretStr | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    @property
    def log_level_number(self) -> int:
        return int(logging.getLevelName(self.log_level))

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        try:
            return normalise_url(value)
        except DatabaseUrlError as exc:
            raise ValueError(str(exc)) from None

    @field_validator("telegram_bot_token", "discord_bot_token", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value


class SettingsError(Exception):
    """One line naming the setting at fault, without echoing its value (it may be a secret)."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        name = str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise SettingsError(f"Setting {name} is not valid: {first['msg']}") from None
