"""What comes in from Telegram: updates turned into the engine's events, one user's updates
handled one at a time while different users' run side by side, and updates PTB cannot read
kept from blocking the polling."""

from __future__ import annotations

import logging
from collections.abc import Awaitable
from datetime import datetime
from typing import Any

from telegram import CallbackQuery, Message, Update, User
from telegram.constants import ChatType
from telegram.ext import BaseUpdateProcessor
from telegram.request import HTTPXRequest

from bot.telegram.polling import Commits
from bot.telegram.sender import PLATFORM
from dialogs.commands import parse_line
from dialogs.messages import ButtonPress, Incoming, Sender, TextMessage
from dialogs.turns import Turns

log = logging.getLogger(__name__)


def sender_of(user: User, chat_id: int) -> Sender:
    return Sender(PLATFORM, str(user.id), str(chat_id), user.language_code)


def event_from_message(message: Message, now: datetime, edited: bool = False) -> Incoming | None:
    """A private message: its text (or a photo's caption) as a command or a text. A sticker or
    a voice note becomes an empty text, which the engine answers with a hint to type. A
    forwarded message is a text, never a command; an edited one is read for warning signs
    only (the dialog answers it only if it raises one)."""
    user = message.from_user
    if user is None or message.chat.type != ChatType.PRIVATE:
        return None
    text = message.text or message.caption or ""
    sender = sender_of(user, message.chat.id)
    if message.forward_origin is not None or edited:
        forwarded = message.forward_origin is not None
        return TextMessage(sender, now, text, forwarded=forwarded, edited=edited)
    return parse_line(sender, now, text)


def press_from_query(query: CallbackQuery, now: datetime) -> ButtonPress | None:
    if not query.data:
        return None
    message = query.message
    if message is not None and message.chat.type != ChatType.PRIVATE:
        return None
    chat_id = message.chat.id if message is not None else query.from_user.id
    return ButtonPress(sender_of(query.from_user, chat_id), now, query.data)


class PerUserUpdateProcessor(BaseUpdateProcessor):
    """Updates from different users are handled concurrently; one user's updates one at a
    time, in the order they arrived (PTB starts them in order; asyncio locks are fair), so
    a user's replies never overtake each other. An update handled to the end counts as
    committed, whether or not a handler committed anything for it."""

    def __init__(self, commits: Commits, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self._turns: Turns[int] = Turns()
        self._commits = commits

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        try:
            user = update.effective_user if isinstance(update, Update) else None
            if user is None:
                await coroutine
                return
            async with self._turns.of(user.id):
                await coroutine
        finally:
            self._commits.committed(update)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


class CheckedUpdatesRequest(HTTPXRequest):
    """The getUpdates connection. PTB reads a batch of updates as a whole: one it cannot read
    fails the batch, the offset never moves past it, and every later poll fails too. So each
    unreadable update is swapped for an empty one with the same id, which PTB skips."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> dict[str, Any]:
        data = HTTPXRequest.parse_json_payload(payload)
        result = data.get("result")
        if data.get("ok") and isinstance(result, list):
            data["result"] = [u for u in map(readable_update, result) if u is not None]
        return data


def readable_update(raw: object) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        log.warning("an update from Telegram is not an object; skipped")
        return None
    try:
        Update.de_json(raw, None)
    except Exception as exc:
        log.warning("an update from Telegram could not be read: %s", type(exc).__name__)
        update_id = raw.get("update_id")
        return {"update_id": update_id} if isinstance(update_id, int) else None
    return raw
