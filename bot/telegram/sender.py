"""Sending on Telegram: every call paced by the rate limiter, flood waits honoured, network
errors retried a few times, and "the user blocked the bot" turned into Unreachable."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TypeVar

from telegram import Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.delivery import Unreachable
from bot.rate_limit import RateLimiter
from bot.telegram.render import Part, Rows, render
from dialogs.messages import Outgoing

log = logging.getLogger(__name__)

T = TypeVar("T")
PLATFORM = "telegram"


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # tries per call, the first included
    first_backoff_s: float = 0.5  # after a network error; doubles each time
    max_backoff_s: float = 8.0
    max_retry_after_s: float = 60.0  # a longer flood wait is left to the outbox sweep

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError("attempts must be at least 1")


class TelegramSender:
    """Implements bot.delivery.PlatformSender for Telegram."""

    platform = PLATFORM

    def __init__(
        self,
        bot: Bot,
        limiter: RateLimiter,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        self.bot = bot
        self.limiter = limiter
        self.retry = retry or RetryPolicy()
        self._sleep = sleep

    async def send(self, item: Outgoing) -> None:
        chat_id = telegram_chat_id(item.chat_id)
        for part in render(item.reply):
            if (part.photo or part.document) and await self._send_attachment(chat_id, part):
                continue
            if part.text:  # an attachment that could not be sent leaves its caption
                await self._send_text(chat_id, part)

    async def remove_keyboard(self, chat_id: int, message_id: int) -> None:
        """Take the buttons off a message, so they cannot be pressed twice by accident."""
        try:
            await self.call(
                "editMessageReplyMarkup",
                lambda: self.bot.edit_message_reply_markup(chat_id=chat_id, message_id=message_id),
            )
        except (TelegramError, Unreachable) as exc:  # e.g. two quick presses on one message
            log.info("could not remove a pressed keyboard: %s", type(exc).__name__)

    async def answer(self, query: CallbackQuery) -> None:
        """Stop the button's spinner. Not paced: it is not a message, and it must be quick."""
        try:
            await query.answer()
        except TelegramError as exc:  # e.g. a press older than Telegram keeps queries
            log.info("could not answer a button press: %s", type(exc).__name__)

    async def call(self, method: str, request: Callable[[], Awaitable[T]]) -> T:
        """One Bot API call, paced and retried. Raises Unreachable when the user blocked the
        bot; BadRequest and other errors once retrying is pointless or the tries are used up."""
        backoff = self.retry.first_backoff_s
        for attempt in range(1, self.retry.attempts + 1):
            last = attempt == self.retry.attempts
            await self.limiter.acquire()
            try:
                return await request()
            except Forbidden:
                raise Unreachable(method) from None
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                if last or wait > self.retry.max_retry_after_s:
                    raise
                log.warning("Telegram asks to wait %.1f s before %s", wait, method)
                await self._sleep(wait)
            except BadRequest:  # a NetworkError subclass, but retrying cannot fix it
                raise
            except NetworkError as exc:  # TimedOut included
                if last:
                    raise
                log.warning("%s failed (%s); retry in %.1f s", method, type(exc).__name__, backoff)
                await self._sleep(backoff)
                backoff = min(backoff * 2, self.retry.max_backoff_s)
        raise AssertionError("the loop returns or raises on its last attempt")

    async def _send_text(self, chat_id: int | str, part: Part) -> None:
        markup = inline_keyboard(part.rows)
        try:
            await self.call(
                "sendMessage",
                lambda: self.bot.send_message(chat_id, part.text, reply_markup=markup),
            )
        except BadRequest as exc:  # sending it again cannot help: drop this part
            log.error("Telegram refused sendMessage: %s", exc.message)

    async def _send_attachment(self, chat_id: int | str, part: Part) -> bool:
        path = part.photo or part.document or ""
        content = read_file(path)
        if content is None:
            return False
        method = "sendPhoto" if part.photo else "sendDocument"
        caption, markup = part.text or None, inline_keyboard(part.rows)

        async def request() -> object:
            if part.photo:
                return await self.bot.send_photo(
                    chat_id, content, caption=caption, reply_markup=markup
                )
            return await self.bot.send_document(
                chat_id, content, caption=caption, reply_markup=markup, filename=Path(path).name
            )

        try:
            await self.call(method, request)
        except BadRequest as exc:
            log.error("Telegram refused %s: %s", method, exc.message)
            return False
        return True


def inline_keyboard(rows: Rows) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.id) for b in row] for row in rows]
    )


def read_file(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        log.warning("a file to send could not be read: %s", type(exc).__name__)
        return None


def telegram_chat_id(chat_id: str) -> int | str:
    try:
        return int(chat_id)
    except ValueError:
        return chat_id  # "@channelname"


def retry_after_seconds(exc: RetryAfter) -> float:
    value = exc.retry_after  # a timedelta with PTB_TIMEDELTA=true (see build_application)
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
