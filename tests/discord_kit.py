"""A fake Discord for the adapter's tests: the real discord.py client on dpytest's fake
connection state, with every HTTP call the bot makes captured where discord.py makes it.

dpytest delivers DM text messages (dpytest.message). It has no interactions, so slash commands
and button presses are INTERACTION_CREATE payloads fed to the client's connection state, and
the answers are captured in discord.py's webhook adapter (interaction callbacks, followups).
Channel messages are captured in the client's HTTP object instead of dpytest's send_message,
which refuses a PartialMessageable (how the adapter addresses a DM channel, with or without a
cache) and drops the components a button press has to carry."""

from __future__ import annotations

import asyncio
import itertools
import json
import warnings
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest

with warnings.catch_warnings():
    # discord.py 2.7 imports the standard library's audioop (voice support, unused here), which
    # Python 3.11 deprecates: with warnings as errors, importing discord would fail collection.
    # Test modules import this kit before anything that imports discord (a plain "import" is
    # sorted before "from" imports), so this is the one place discord is first imported.
    warnings.filterwarnings("ignore", "'audioop' is deprecated", DeprecationWarning)
    import discord
    import discord.ext.test as dpytest
    from discord.ext.test import backend, factories
    from discord.http import Route
    from discord.webhook.async_ import AsyncWebhookAdapter

    from bot.discord.adapter import DiscordAdapter, DiscordConfig
    from bot.discord.commands import OPTION_NAMES
    from bot.rate_limit import RateLimiter
    from dialogs.engine import Engine
    from tests.conftest import FakeClock

ABOUT_YOU_TAPS = ["40 to 64", "None of these", "None of these", "Yes, easily"]
INTERVIEW_TAPS = ["4", "About 10", "Buttock", "Sitting", "More than 12", "More than 8"]
TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4.Gabcde.fake-token-for-tests-only-0123456789"
EPHEMERAL = 64
EVENT_TASKS = ("discord.py: ", "CommandTree-invoker", "discord-ui-dynamic-item-")
_ids = itertools.count(1)


def snowflake() -> int:
    return factories.make_id() + next(_ids)


@dataclass
class SentMessage:
    """A message the bot created: in a channel, as an interaction response, or a followup."""

    id: int
    channel_id: int
    payload: dict[str, Any]
    files: list[str]
    via: str  # "channel", "response" or "followup"
    author: dict[str, Any]

    @property
    def text(self) -> str:
        embeds = [e.get("description", "") for e in self.payload.get("embeds") or []]
        return "\n".join(t for t in [self.payload.get("content") or "", *embeds] if t)

    @property
    def ephemeral(self) -> bool:
        return bool((self.payload.get("flags") or 0) & EPHEMERAL)

    @property
    def buttons(self) -> list[dict[str, Any]]:
        rows = self.payload.get("components") or []
        return [button for row in rows for button in row["components"]]

    def labels(self) -> list[str]:
        return [b["label"] for b in self.buttons]

    def as_data(self) -> dict[str, Any]:
        """The message as Discord returns it, and as a button press carries it."""
        return {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "author": self.author,
            "content": self.payload.get("content") or "",
            "timestamp": discord.utils.snowflake_time(self.id).isoformat(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [
                {"id": str(snowflake()), "filename": name, "size": 1, "url": "", "proxy_url": ""}
                for name in self.files
            ],
            "embeds": self.payload.get("embeds") or [],
            "components": self.payload.get("components") or [],
            "pinned": False,
            "type": 0,
            "flags": self.payload.get("flags") or 0,
        }


@dataclass
class Call:
    method: str
    path: str
    payload: dict[str, Any] | None
    status: int = 200


class Refusal:
    """Enough of an aiohttp response for discord.HTTPException."""

    def __init__(self, status: int, reason: str) -> None:
        self.status, self.reason = status, reason


@dataclass
class FakeDiscord:
    """What the bot sent, and Discord's refusals to switch on."""

    messages: list[SentMessage] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    dm_channels: dict[int, int] = field(default_factory=dict)  # user id -> DM channel id
    closed_dms: set[int] = field(default_factory=set)  # user ids
    failures: dict[str, int] = field(default_factory=dict)  # path fragment -> status, once
    refuse_token: bool = False
    interaction_channels: dict[str, int] = field(default_factory=dict)  # token -> channel id
    pressed_messages: dict[str, int] = field(default_factory=dict)  # token -> message id
    bot_user: dict[str, Any] = field(default_factory=dict)

    def messages_in(self, channel_id: int) -> list[SentMessage]:
        return [m for m in self.messages if m.channel_id == channel_id]

    def message(self, message_id: int) -> SentMessage:
        return next(m for m in self.messages if m.id == message_id)

    def calls_to(self, fragment: str) -> list[Call]:
        return [c for c in self.calls if fragment in c.path]

    def close_dms(self, user_id: int) -> None:
        self.closed_dms.add(user_id)

    def fail(self, path_fragment: str, status: int) -> None:
        """The next request whose path holds `path_fragment` gets this HTTP status."""
        self.failures[path_fragment] = status

    def _check(self, call: Call) -> None:
        self.calls.append(call)
        fragment = next((f for f in self.failures if f in call.path), None)
        if fragment is not None:
            call.status = self.failures.pop(fragment)
            raise _error(call.status, 0, "refused by the test")

    # -- the HTTP layer ------------------------------------------------------------------

    def install(self, client: discord.Client, monkeypatch: pytest.MonkeyPatch) -> None:
        """Call after dpytest.configure(client): it replaced the client's HTTP object."""
        http = client.http
        state = client._connection
        self.bot_user = {**factories.dict_from_user(state.user), "bot": True}
        monkeypatch.setattr(http, "static_login", self._static_login, raising=False)
        monkeypatch.setattr(http, "send_message", self._send_message, raising=False)
        monkeypatch.setattr(http, "start_private_message", self._start_dm, raising=False)
        monkeypatch.setattr(http, "bulk_upsert_global_commands", self._sync, raising=False)
        monkeypatch.setattr(AsyncWebhookAdapter, "request", self._webhook_request)
        client.ws = None  # type: ignore[assignment]  # dpytest's fake socket cannot be closed

    async def _static_login(self, token: str) -> dict[str, Any]:
        self.calls.append(Call("GET", "/users/@me", None))
        if self.refuse_token:
            raise discord.LoginFailure("Improper token has been passed.")
        return self.bot_user

    async def _sync(self, application_id: int, payload: list[dict[str, Any]]) -> list[Any]:
        self.calls.append(Call("PUT", "/applications/{application_id}/commands", None))
        self.commands = payload
        return [
            {**c, "id": str(snowflake()), "application_id": str(application_id)} for c in payload
        ]

    async def _start_dm(self, user_id: int) -> dict[str, Any]:
        # Discord keeps one DM channel per user and bot; dpytest would make a new one each time
        channel_id = self.dm_channels.setdefault(user_id, snowflake())
        self.calls.append(Call("POST", "/users/@me/channels", {"recipient_id": user_id}))
        return {"id": str(channel_id), "type": 1, "recipients": [self.users[user_id]]}

    async def _send_message(self, channel_id: int, *, params: Any) -> dict[str, Any]:
        payload = params.payload or _multipart_payload(params.multipart) or {}
        call = Call("POST", f"/channels/{channel_id}/messages", payload)
        if channel_id in {self.dm_channels.get(u) for u in self.closed_dms}:
            self.calls.append(call)
            call.status = 403
            raise _error(403, 50007, "Cannot send messages to this user")
        self._check(call)
        return self._record(int(channel_id), payload, params.files, "channel").as_data()

    async def _webhook_request(self, route: Route, **kwargs: Any) -> Any:
        payload = kwargs.get("payload") or _multipart_payload(kwargs.get("multipart"))
        self._check(Call(route.method, route.path, payload))
        token = str(route.webhook_token)
        channel_id = self.interaction_channels.get(token, 0)
        if route.path.endswith("/callback"):
            assert payload is not None
            if payload["type"] == 4:  # a message answering the interaction
                self._record(channel_id, payload["data"], kwargs.get("files"), "response")
            if payload["type"] == 7:  # the pressed message updated
                pressed = self.message(self.pressed_messages[token])
                pressed.payload = {**pressed.payload, **payload["data"]}
            return {"interaction": {"id": str(route.webhook_id), "type": payload["type"]}}
        if route.method == "POST":  # a followup
            return self._record(
                channel_id, payload or {}, kwargs.get("files"), "followup"
            ).as_data()
        return None  # editing or deleting the original response

    def _record(
        self, channel_id: int, payload: dict[str, Any], files: Any, via: str
    ) -> SentMessage:
        names = [f.filename for f in files or []]
        message = SentMessage(snowflake(), channel_id, payload, names, via, self.bot_user)
        self.messages.append(message)
        return message


def _error(status: int, code: int, message: str) -> discord.HTTPException:
    kinds = {403: discord.Forbidden, 404: discord.NotFound}
    kind = kinds.get(status, discord.DiscordServerError if status >= 500 else discord.HTTPException)
    return kind(Refusal(status, "refused"), {"code": code, "message": message})  # type: ignore[arg-type]


def _multipart_payload(multipart: list[dict[str, Any]] | None) -> dict[str, Any] | None:
    for part in multipart or []:
        if part.get("name") == "payload_json":
            loaded: dict[str, Any] = json.loads(part["value"])
            return loaded
    return None


async def settle() -> None:
    """Wait until every task discord.py started for the events fed so far has finished."""
    current = asyncio.current_task()
    for _ in range(100):
        pending = [
            t
            for t in asyncio.all_tasks()
            if t is not current and not t.done() and t.get_name().startswith(EVENT_TASKS)
        ]
        if not pending:
            return
        _, still = await asyncio.wait(pending, timeout=5)
        assert not still, "an event handler is still running after 5 s"
    raise AssertionError("event handlers keep starting new ones")


def fake_gateway(client: discord.Client, monkeypatch: pytest.MonkeyPatch) -> None:
    """Client.connect stands in for the gateway: connected until the client is closed."""
    closed = asyncio.Event()
    close = client.close

    async def connect(*, reconnect: bool = True) -> None:
        await closed.wait()

    async def close_and_disconnect() -> None:
        closed.set()
        await close()

    monkeypatch.setattr(client, "connect", connect)
    monkeypatch.setattr(client, "close", close_and_disconnect)


@asynccontextmanager
async def discord_bot(
    engine: Engine,
    clock: FakeClock,
    fake: FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
    limiter: RateLimiter | None = None,
) -> AsyncIterator[DiscordAdapter]:
    """A started adapter on dpytest's state; the gateway connection is the only thing left out."""
    config = DiscordConfig(TOKEN)
    adapter = DiscordAdapter(engine, clock, config, limiter=limiter or RateLimiter(1000.0))
    client = adapter.client
    dpytest.configure(client, members=0)
    fake.install(client, monkeypatch)
    fake_gateway(client, monkeypatch)
    async with adapter:
        yield adapter


class DiscordUser:
    """One person on Discord, talking to the bot: tests read like chat transcripts."""

    def __init__(
        self, fake: FakeDiscord, bot: DiscordAdapter, name: str, user_id: int | None = None
    ) -> None:
        self.fake, self.bot, self.name = fake, bot, name
        self.id = user_id or snowflake()
        self.data = factories.make_user_dict(name, "0001", None, id_num=self.id)
        self.data["id"] = str(self.id)
        fake.users[self.id] = self.data
        self.user = backend.make_user(name, "0001", id_num=self.id)  # the cache holds it weakly
        self.locale = "en-GB"
        self._seen = len(fake.messages)

    @property
    def dm_channel_id(self) -> int:
        return self.fake.dm_channels.setdefault(self.id, snowflake())

    async def write(self, text: str) -> list[SentMessage]:
        """A text message in the DMs, delivered by dpytest."""
        dm = await self.user.create_dm()
        self._seen = len(self.fake.messages)
        await dpytest.message(text, channel=dm, member=self.user)  # type: ignore[arg-type]
        await settle()
        return self.replies()

    async def command(
        self,
        name: str,
        text: str | None = None,
        *,
        channel: discord.TextChannel | None = None,
        minutes_ago: float = 0.0,
    ) -> list[SentMessage]:
        """A slash command, in our DMs or (with `channel`) in a server channel. Discord
        accepts answers for 15 minutes: `minutes_ago` dates the interaction back."""
        option = OPTION_NAMES.get(name)
        options = [{"name": option, "type": 3, "value": text}] if option and text else []
        data = {"id": str(snowflake()), "name": name, "type": 1, "options": options}
        return await self._interact(2, data, channel, minutes_ago=minutes_ago)

    async def tap(self, label: str) -> list[SentMessage]:
        """Press the button with this label on the latest DM message that still shows one."""
        for message in reversed(self.fake.messages_in(self.dm_channel_id)):
            for button in message.buttons:
                if label.lower() in button["label"].lower():
                    return await self.press(message, button["custom_id"])
        raise AssertionError(f"no button like {label!r} in {self.buttons()}")

    async def press(self, message: SentMessage, custom_id: str) -> list[SentMessage]:
        data = {"custom_id": custom_id, "component_type": 2}
        return await self._interact(3, data, None, message)

    def replies(self) -> list[SentMessage]:
        """What reached this user since their last action: DMs and answers only they see."""
        new = self.fake.messages[self._seen :]
        return [m for m in new if m.channel_id == self.dm_channel_id or m.ephemeral]

    def text(self) -> str:
        return "\n".join(m.text for m in self.replies())

    def buttons(self) -> list[str]:
        return [label for m in self.replies() for label in m.labels()]

    async def _interact(
        self,
        kind: int,
        data: dict[str, Any],
        channel: discord.TextChannel | None,
        message: SentMessage | None = None,
        minutes_ago: float = 0.0,
    ) -> list[SentMessage]:
        token = f"interaction-token-{snowflake()}"
        created = discord.utils.utcnow() - timedelta(minutes=minutes_ago)
        payload: dict[str, Any] = {
            "id": str(discord.utils.time_snowflake(created) + next(_ids)),
            "application_id": str(self.bot.client.application_id),
            "type": kind,
            "token": token,
            "version": 1,
            "locale": self.locale,
            "data": data,
            "entitlements": [],
            "app_permissions": "0",
            "attachment_size_limit": 10_000_000,
        }
        if channel is None:
            channel_id = self.dm_channel_id
            payload |= {"context": 1, "user": self.data}
            payload["channel"] = {"id": str(channel_id), "type": 1, "recipients": [self.data]}
        else:
            channel_id = channel.id
            payload |= {"context": 0, "guild_id": str(channel.guild.id), "member": self._member()}
            payload["channel"] = {
                "id": str(channel_id),
                "type": 0,
                "guild_id": str(channel.guild.id),
            }
        payload["channel_id"] = str(channel_id)
        if message is not None:
            payload["message"] = message.as_data()
            self.fake.pressed_messages[token] = message.id
        self.fake.interaction_channels[token] = channel_id
        self._seen = len(self.fake.messages)
        self.bot.client._connection.parse_interaction_create(payload)  # type: ignore[arg-type]
        await settle()
        return self.replies()

    def _member(self) -> dict[str, Any]:
        joined = discord.utils.utcnow().isoformat()
        member = {"user": self.data, "roles": [], "joined_at": joined, "flags": 0}
        return member | {"deaf": False, "mute": False}


async def consented(user: DiscordUser) -> None:
    await user.command("start")
    await user.tap("Let's begin")
    await user.tap("Yes, let's go")
    assert "bladder" in user.text()


async def user_with_plan(fake: FakeDiscord, bot: DiscordAdapter) -> DiscordUser:
    user = DiscordUser(fake, bot, "alice")
    await consented(user)
    for answer in (
        ["No, none"] * 5 + ABOUT_YOU_TAPS + INTERVIEW_TAPS + ["Backs of thighs", "I lean forward"]
    ):
        await user.tap(answer)
    assert "Here is your plan" in user.text()
    return user
