"""Keeping the bot token and message text out of the logs while the Discord adapter runs.

discord.py logs request and response bodies (what the bot said) and every gateway event (what
users wrote) at DEBUG, and aiosqlite logs SQL parameters (replies in the outbox): those loggers
are held at INFO at least. A filter on the root handlers replaces the token wherever it might
appear (an exception's text, say)."""

from __future__ import annotations

import logging

from bot.telegram_logging import RedactingFilter  # platform-neutral despite its module's name

QUIET_LOGGERS = {"discord": logging.INFO, "aiosqlite": logging.INFO}


class DiscordLogGuard:
    """Install after logging is configured: the filter goes on the root logger's handlers."""

    def __init__(self, token: str) -> None:
        self.filter = RedactingFilter([token])
        self._saved_levels: dict[str, int] = {}
        self._handlers: list[logging.Handler] = []

    def install(self) -> None:
        for name, floor in QUIET_LOGGERS.items():
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
