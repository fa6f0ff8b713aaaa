"""Keeping the bot token and message text out of the logs while the Discord adapter runs.

discord.py logs request and response bodies (what the bot said) and every gateway event (what
users wrote) at DEBUG, and aiosqlite logs SQL parameters (replies in the outbox): those loggers
are held at INFO at least. A filter on the root handlers replaces the token wherever it might
appear (an exception's text, say)."""

from __future__ import annotations

import logging

from bot.telegram.log_guard import LogGuard  # platform-neutral despite its module's name

# discord.client says only "logging in using static token" at INFO.
QUIET_LOGGERS = {
    "discord": logging.INFO,
    "discord.client": logging.WARNING,
    "aiosqlite": logging.INFO,
}


def discord_log_guard(token: str) -> LogGuard:
    """Install after logging is configured: the filter goes on the root logger's handlers."""
    return LogGuard([token], quiet=QUIET_LOGGERS)
