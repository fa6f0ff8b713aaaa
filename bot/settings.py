"""Every setting, from the environment or a .env file. A wrong one stops start-up with one line."""

from __future__ import annotations

import logging
from typing import Literal
from urllib.parse import urlsplit

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, SettingsConfigDict

from storage.database import DEFAULT_SQLITE_URL, DatabaseUrlError, normalise_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    database_url: str = DEFAULT_SQLITE_URL
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"

    telegram_bot_token: SecretStr | None = None
    telegram_base_url: str | None = None
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: SecretStr | None = None
    telegram_webhook_listen: str = "127.0.0.1"
    telegram_webhook_port: int = Field(default=8443, ge=1, le=65535)
    telegram_rate_per_s: float = Field(default=25.0, ge=1, le=1000, allow_inf_nan=False)

    discord_bot_token: SecretStr | None = None
    discord_shard_count: int | None = Field(default=None, ge=1, le=1000)
    discord_rate_per_s: float = Field(default=40.0, ge=1, le=1000, allow_inf_nan=False)
    # At least discord.py's own floor; at most an hour, when a reply left for later is better.
    discord_max_ratelimit_wait_s: float = Field(default=60.0, ge=30, le=3600, allow_inf_nan=False)
    discord_base_url: str | None = None  # a local stand-in for Discord: its REST base ...
    discord_gateway_url: str | None = None  # ... and its gateway, always both

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

    @field_validator(
        "telegram_bot_token",
        "discord_bot_token",
        "telegram_base_url",
        "telegram_webhook_url",
        "telegram_webhook_secret",
        "discord_shard_count",
        "discord_base_url",
        "discord_gateway_url",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("discord_base_url", "discord_gateway_url")
    @classmethod
    def _url(cls, value: str | None, info: ValidationInfo) -> str | None:
        schemes = ("http", "https") if info.field_name == "discord_base_url" else ("ws", "wss")
        parts = urlsplit(value) if value else None
        if parts is not None and (parts.scheme not in schemes or not parts.hostname):
            raise ValueError(f"use a {' or '.join(s + '://' for s in schemes)} address")
        return value

    @model_validator(mode="after")
    def _webhook_needs_a_secret(self) -> Settings:
        if self.telegram_webhook_url and self.telegram_webhook_secret is None:
            raise ValueError("TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL")
        return self

    @model_validator(mode="after")
    def _discord_urls_together(self) -> Settings:
        if (self.discord_base_url is None) != (self.discord_gateway_url is None):
            given, missing = "DISCORD_BASE_URL", "DISCORD_GATEWAY_URL"
            if self.discord_base_url is None:
                given, missing = missing, given
            raise ValueError(
                f"Setting {missing} is needed with {given}: both point at one Discord stand-in; "
                "set both, or neither for Discord's own"
            )
        return self


class SettingsError(Exception):
    """One line naming the setting at fault, without echoing its value (it may be a secret)."""


def load_settings(**overrides: object) -> Settings:
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        message = first["msg"].removeprefix("Value error, ")
        if first["loc"]:
            name = str(first["loc"][0]).upper()
            raise SettingsError(f"Setting {name} is not valid: {message}") from None
        if message.startswith("Setting "):
            raise SettingsError(message) from None
        raise SettingsError(f"Settings are not valid: {message}") from None
