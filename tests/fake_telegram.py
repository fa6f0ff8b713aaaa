"""A fake Telegram Bot API server on 127.0.0.1, for tests that run the real PTB against it.

It checks each request the way the Bot API documents it (known methods, required fields,
types, lengths), answers like Telegram, remembers what the bot sent, serves getUpdates from a
queue the test fills, and can be told to fail a method with 403, 429 or 500."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from bot.clock import Clock
from bot.telegram.adapter import TelegramAdapter, TelegramConfig
from bot.telegram.sender import RetryPolicy
from dialogs.engine import Engine
from tests.fake_telegram_api import METHODS, Malformed, Refused, read_params

LONG_POLL_CAP_S = 0.5  # getUpdates waits at most this long, whatever timeout the bot asks


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    status: int
    at: float  # time.monotonic() when it arrived
    result: Any = None


@dataclass
class Failure:
    status: int
    retry_after: int | None = None


@dataclass
class FakeTelegram:
    token: str = "123456789:FAKE-token_for-tests-0123456789abcdef"
    calls: list[Call] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # requests refused as malformed
    webhook: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.bot_user = {
            "id": 123456789,
            "is_bot": True,
            "first_name": "Coach",
            "username": "coach_bot",
        }
        self._updates: deque[dict[str, Any]] = deque()
        self._update_ids = itertools.count(1)
        self._confirmed_below = 1  # updates with smaller ids were confirmed by an offset
        self._pushed_up_to = 0
        self.handed_out: dict[int, float] = {}  # update_id -> time.monotonic() of first hand-out
        self._message_ids = itertools.count(1000)
        self._query_ids = itertools.count(1)
        self._open_queries: set[str] = set()
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._failures: dict[str, deque[Failure]] = {}
        self._changed = asyncio.Event()  # replaced by a fresh one each time something changes
        self._runner: web.AppRunner | None = None
        self._closing = False
        self.port = 0

    # -- running ---------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._serve)
        self._runner = web.AppRunner(app, access_log=None)  # its lines would hold the token
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self._runner is not None
        self._closing = True
        self._touch()  # end a long poll still waiting, so the server stops at once
        await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    # -- what the test controls -------------------------------------------------------------

    def user(self, user_id: int, language_code: str | None = "en") -> dict[str, Any]:
        self._chats[user_id] = {"id": user_id, "type": "private", "first_name": f"User{user_id}"}
        user = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
        return user | ({"language_code": language_code} if language_code else {})

    def push(self, update: dict[str, Any]) -> int:
        """Queue an update as it is, adding an update_id if it has none."""
        update = {"update_id": next(self._update_ids)} | json.loads(json.dumps(update))
        self._pushed_up_to = max(self._pushed_up_to, int(update["update_id"]))
        self._updates.append(update)
        self._touch()
        return int(update["update_id"])

    def message_update(self, user: dict[str, Any], text: str) -> dict[str, Any]:
        message = {
            "message_id": next(self._message_ids),
            "from": user,
            "chat": self._chats[user["id"]],
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        return {"message": message}

    def press_update(
        self, user: dict[str, Any], message: dict[str, Any], data: str
    ) -> dict[str, Any]:
        query_id = str(next(self._query_ids))
        self._open_queries.add(query_id)
        query = {"id": query_id, "from": user, "message": message, "chat_instance": "ci-1"}
        return {"callback_query": query | {"data": data}}

    def fail(
        self, method: str, status: int, retry_after: int | None = None, times: int = 1
    ) -> None:
        self._failures.setdefault(method, deque()).extend([Failure(status, retry_after)] * times)

    def block(self, user_id: int) -> None:
        self._blocked.add(user_id)

    async def confirmed(self, within_s: float = 5.0) -> None:
        """Wait until the bot has confirmed (by a later getUpdates offset) every update pushed."""
        if not await self._wait_until(lambda: self._confirmed_below > self._pushed_up_to, within_s):
            raise AssertionError("the bot did not fetch every update in time")

    @property
    def acknowledged_below(self) -> int:
        """Updates with smaller ids were confirmed by an offset: Telegram forgets them."""
        return self._confirmed_below

    async def handed(self, update_id: int, within_s: float = 30.0) -> None:
        """Wait until a getUpdates answer has carried this update."""
        if not await self._wait_until(lambda: update_id in self.handed_out, within_s):
            raise AssertionError(f"update {update_id} was never fetched")

    async def acknowledged(self, update_id: int, within_s: float = 30.0) -> None:
        """Wait until an offset has confirmed this update."""
        if not await self._wait_until(lambda: self._confirmed_below > update_id, within_s):
            raise AssertionError(f"update {update_id} was never acknowledged")

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def messages_to(self, chat_id: int, since: int = 0) -> list[dict[str, Any]]:
        """What the bot sent to a chat, in order, from call number `since` on."""
        return [
            c.result
            for c in self.calls[since:]
            if c.method in ("sendMessage", "sendPhoto", "sendDocument") and c.status == 200
            if c.result["chat"]["id"] == chat_id
        ]

    def message(self, chat_id: int, message_id: int) -> dict[str, Any]:
        return self._messages[(chat_id, message_id)]

    # -- serving ---------------------------------------------------------------------------

    async def _serve(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        if method not in METHODS:
            return _error(404, "Not Found")
        form = (
            await request.json()
            if request.content_type == "application/json"
            else dict(await request.post())
        )
        call = Call(method, {}, 200, time.monotonic())
        self.calls.append(call)
        try:
            call.params = read_params(method, form)
            failure = self._next_failure(method, call.params)
            if failure is not None:
                call.status = failure.status
                return _failure_response(failure)
            call.result = await getattr(self, f"_{method}", self._true)(call.params)
        except Refused as exc:
            call.status = 400
            if isinstance(exc, Malformed):
                self.problems.append(f"{method}: {exc}")
            return _error(400, f"Bad Request: {exc}")
        return web.json_response({"ok": True, "result": call.result})

    def _next_failure(self, method: str, params: dict[str, Any]) -> Failure | None:
        if params.get("chat_id") in self._blocked and method.startswith("send"):
            return Failure(403)
        queue = self._failures.get(method)
        return queue.popleft() if queue else None

    async def _true(self, params: dict[str, Any]) -> bool:
        return True

    async def _getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return self.bot_user | {"can_join_groups": False, "supports_inline_queries": False}

    async def _setWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = params
        return True

    async def _getUpdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = params.get("offset")
        if offset is not None:
            while self._updates and self._updates[0]["update_id"] < offset:
                self._updates.popleft()
            self._confirmed_below = max(self._confirmed_below, offset)
            self._touch()
        wait = min(params.get("timeout", 0), LONG_POLL_CAP_S)
        await self._wait_until(lambda: bool(self._updates) or self._closing, wait)
        batch = list(self._updates)[: params.get("limit", 100)]
        for update in batch:
            self.handed_out.setdefault(update["update_id"], time.monotonic())
        if batch:
            self._touch()
        return batch

    async def _sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        return self._store_message(params, {"text": params["text"]})

    async def _sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        photo = [{"file_id": "photo-1", "file_unique_id": "u1", "width": 640, "height": 480}]
        content = {"photo": photo} | ({"caption": params["caption"]} if "caption" in params else {})
        return self._store_message(params, content)

    async def _sendDocument(self, params: dict[str, Any]) -> dict[str, Any]:
        upload = params["document"]
        name = upload["upload"] if isinstance(upload, dict) else "file"
        document = {"file_id": "doc-1", "file_unique_id": "d1", "file_name": name}
        content = {"document": document} | (
            {"caption": params["caption"]} if "caption" in params else {}
        )
        return self._store_message(params, content)

    async def _answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        query_id = params["callback_query_id"]
        if query_id not in self._open_queries:
            raise Refused("query is too old and response timeout expired or query ID is invalid")
        self._open_queries.discard(query_id)
        return True

    async def _editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._messages.get((params["chat_id"], params["message_id"]))
        if message is None:
            raise Refused("message to edit not found")
        markup = params.get("reply_markup")
        if markup == message.get("reply_markup"):
            raise Refused("message is not modified")
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        return message

    def _store_message(self, params: dict[str, Any], content: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.get(params["chat_id"])
        if chat is None:
            raise Refused("chat not found")
        message = {
            "message_id": next(self._message_ids),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _touch(self) -> None:
        fired, self._changed = self._changed, asyncio.Event()
        fired.set()

    async def _wait_until(self, predicate: Callable[[], bool], within_s: float) -> bool:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within_s
        while not predicate():
            changed = self._changed
            try:
                await asyncio.wait_for(changed.wait(), max(0.0, deadline - loop.time()))
            except TimeoutError:
                return predicate()
        return True


def _error(status: int, description: str, **parameters: Any) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return web.json_response(body, status=status)


def _failure_response(failure: Failure) -> web.Response:
    if failure.status == 429:
        return _error(
            429,
            f"Too Many Requests: retry after {failure.retry_after}",
            retry_after=failure.retry_after,
        )
    if failure.status == 403:
        return _error(403, "Forbidden: bot was blocked by the user")
    if failure.status == 400:
        return _error(400, "Bad Request: chat not found")
    if failure.status == 409:
        return _error(409, "Conflict: terminated by other getUpdates request")
    return _error(failure.status, "Internal Server Error")


# -- talking to a bot through the fake ----------------------------------------------------------

FAST_RETRY = RetryPolicy(attempts=3, first_backoff_s=0.05, max_backoff_s=0.2, max_retry_after_s=1)


@asynccontextmanager
async def telegram_bot(
    engine: Engine, clock: Clock, fake: FakeTelegram, **config: Any
) -> AsyncIterator[TelegramAdapter]:
    """The real adapter and PTB Application, polling the fake, for the length of a block."""
    config.setdefault("rate_per_s", 500.0)
    settings = TelegramConfig(token=fake.token, base_url=fake.base_url, **config)
    async with TelegramAdapter(engine, clock, settings, retry=FAST_RETRY) as adapter:
        yield adapter


class TelegramChat:
    """One Telegram user talking to the bot, read like a transcript."""

    def __init__(
        self, fake: FakeTelegram, adapter: TelegramAdapter, user_id: int, language: str = "en"
    ) -> None:
        self.fake = fake
        self.adapter = adapter
        self.chat_id = user_id
        self.user = fake.user(user_id, language)
        self.last: list[dict[str, Any]] = []

    async def send(self, text: str) -> list[dict[str, Any]]:
        return await self.push(self.fake.message_update(self.user, text))

    async def tap(self, label_part: str) -> list[dict[str, Any]]:
        """Press a button still shown in the chat, newest first, whose label has the part."""
        for sent in reversed(self.fake.messages_to(self.chat_id)):
            message = self.fake.message(self.chat_id, sent["message_id"])
            for button in buttons_of(message):
                if label_part.lower() in button["text"].lower():
                    data = button["callback_data"]
                    return await self.push(self.fake.press_update(self.user, message, data))
        raise AssertionError(f"no button like {label_part!r} on screen")

    async def push(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """Deliver an update and wait until the bot has handled it; return what it sent."""
        mark = len(self.fake.calls)
        self.fake.push(update)
        await self.settle()
        self.last = self.fake.messages_to(self.chat_id, since=mark)
        return self.last

    async def settle(self) -> None:
        await self.fake.confirmed()
        await asyncio.wait_for(self.adapter.application.update_queue.join(), 5)

    def text(self) -> str:
        return "\n".join(m.get("text") or m.get("caption", "") for m in self.last)

    def buttons(self) -> list[str]:
        return [b["text"] for m in self.last for b in buttons_of(m)]


async def interview_to_plan(chat: TelegramChat) -> None:
    """Consent and the whole interview, by taps only."""
    await chat.send("/start")
    for label in ["Let's begin", "Yes, let's go"] + ["No, none"] * 5:
        await chat.tap(label)
    for label in ["40 to 64", "None of these", "None of these", "Yes, easily"]:
        await chat.tap(label)
    for label in ("4", "About 10", "Buttock", "Sitting", "More than 12", "More than 8"):
        await chat.tap(label)
    await chat.tap("Backs of thighs")
    await chat.tap("I lean forward")
    assert "Here is your plan" in chat.text()


def buttons_of(message: dict[str, Any]) -> list[dict[str, Any]]:
    rows = message.get("reply_markup", {}).get("inline_keyboard", [])
    return [button for row in rows for button in row]
