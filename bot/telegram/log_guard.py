"""Keeping the bot token and message text out of the logs.

httpx logs every request URL, and Telegram's URLs hold the token, at INFO. PTB logs its URLs,
whole updates and API parameters (what users wrote, what the bot said) at DEBUG, and the raw
data it could not parse at CRITICAL. So: those loggers are kept at quieter levels, and a filter
on the root handlers rewrites every record that reaches them without the secrets or raw data."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

QUIET_LOGGERS = {
    "httpx": logging.WARNING,
    "httpcore": logging.WARNING,
    "telegram": logging.INFO,
    "aiosqlite": logging.INFO,  # logs SQL parameters (replies in the outbox) at DEBUG
}
RAW_DATA_MARKERS = ("Received data", "invalid JSON data")  # PTB messages that dump a payload
REDACTED = "[redacted]"
WITHHELD = "[data from Telegram withheld from the log]"
MIN_SECRET_LENGTH = 8


class RedactingFilter(logging.Filter):
    """Replaces each secret in a record's message, traceback and stack with [redacted]."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        parts = set()
        for secret in secrets:
            parts.add(secret)
            parts.update(p for p in secret.split(":") if len(p) >= MIN_SECRET_LENGTH)
        # longest first, so a whole token is replaced before its parts
        self._secrets = sorted((s for s in parts if s), key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        message = WITHHELD if _dumps_raw_data(record) else _message(record)
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def _message(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except (TypeError, ValueError):  # arguments that do not match the format
        return str(record.msg)


def _dumps_raw_data(record: logging.LogRecord) -> bool:
    """PTB's records that carry an update, a payload or an object read from Telegram."""
    if not record.name.startswith("telegram"):
        return False
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    return any(marker in str(record.msg) for marker in RAW_DATA_MARKERS) or any(
        not isinstance(arg, str | int | float | bool | None) for arg in args
    )


class LogGuard:
    """Installed while the Telegram adapter runs: quiet loggers, and the filter on every
    handler of the root logger (so install it after logging is configured)."""

    def __init__(self, secrets: Iterable[str], quiet: Mapping[str, int] = QUIET_LOGGERS) -> None:
        self.filter = RedactingFilter(secrets)
        self._quiet = quiet
        self._saved_levels: dict[str, int] = {}
        self._handlers: list[logging.Handler] = []

    def install(self) -> None:
        for name, floor in self._quiet.items():
            logger = logging.getLogger(name)
            self._saved_levels[name] = logger.level
            if logger.getEffectiveLevel() < floor:
                logger.setLevel(floor)
        self._handlers = list(logging.getLogger().handlers)
        for handler in self._handlers:
            handler.addFilter(self.filter)

    def remove(self) -> None:
        for handler in self._handlers:
            handler.removeFilter(self.filter)
        for name, level in self._saved_levels.items():
            logging.getLogger(name).setLevel(level)
        self._handlers, self._saved_levels = [], {}
