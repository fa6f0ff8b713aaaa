"""The Discord adapter: DMs, slash commands and button presses in, the engine's replies out, on
discord.py 2.7. No dialog logic here.

The conversation happens in the user's DMs with the bot. A slash command used in a server
channel is answered there ephemerally ("let's continue in DMs") and the replies go to the DMs:
health details do not belong in a public channel. Only Intents.default() is needed: message
content is not privileged in DMs. With a shard count the client is an AutoShardedClient; DMs
always arrive on shard 0. Start and stop it beside other adapters:

    async with DiscordAdapter(engine, clock, config):
        ...
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.clock import Clock, Sleep
from bot.delivery import OutboxSweep, PlatformSender, deliver
from bot.discord.commands import build_command_tree
from bot.discord.gateway import Endpoints, GatewayKeeper, unreachable
from bot.discord.log_guard import discord_log_guard
from bot.discord.render import PLATFORM, OwnedButton
from bot.discord.sender import DiscordSender
from bot.rate_limit import RateLimiter
from bot.settings import SettingsError
from dialogs.commands import parse_line
from dialogs.engine import Engine
from dialogs.messages import ButtonPress, Incoming, Outgoing, Sender
from dialogs.turns import Turns

log = logging.getLogger(__name__)

CONTINUE_IN_DMS = "Let's continue in our direct messages: I've written to you there."
NOT_YOUR_BUTTON = "That button belongs to someone else's conversation, so I left it alone."
GATEWAY_CLOSE_S = 5.0
USER_MESSAGES = (discord.MessageType.default, discord.MessageType.reply)


@dataclass(frozen=True)
class DiscordConfig:
    token: str = field(repr=False)
    shard_count: int | None = None  # None: one gateway connection
    rate_per_s: float = 40.0  # messages sent per second, replies and reminders together
    max_ratelimit_wait_s: float = 60.0  # a longer wait asked by Discord is left to the sweep
    base_url: str | None = None  # a local stand-in's REST base, e.g. http://127.0.0.1:8080/api/v10
    gateway_url: str | None = None  # and its gateway, e.g. ws://127.0.0.1:8080/gateway

    def __post_init__(self) -> None:
        if not self.token.strip():
            raise ValueError("the Discord bot token is empty")
        if self.shard_count is not None and self.shard_count < 1:
            raise ValueError("the Discord shard count must be at least 1")
        if self.rate_per_s <= 0:
            raise ValueError("the Discord send rate must be positive")
        if self.max_ratelimit_wait_s < 30:
            raise ValueError("the longest Discord rate-limit wait must be at least 30 s")
        if (self.base_url is None) != (self.gateway_url is None):
            raise ValueError("a Discord base URL and gateway URL go together")


def build_client(config: DiscordConfig) -> discord.Client:
    # Voice is not used: no start-up warnings about its missing libraries.
    discord.VoiceClient.warn_nacl = discord.VoiceClient.warn_dave = False
    options: dict[str, Any] = {
        "intents": discord.Intents.default(),
        "max_ratelimit_timeout": config.max_ratelimit_wait_s,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    if config.shard_count is None:
        return discord.Client(**options)
    return discord.AutoShardedClient(shard_count=config.shard_count, **options)


class DiscordAdapter:
    """Serves Discord until stopped. It is also the PlatformSender for Discord: pass it to
    bot.delivery.deliver() (or the reminder dispatcher) to send replies to users' DMs."""

    platform = PLATFORM

    def __init__(
        self,
        engine: Engine,
        clock: Clock,
        config: DiscordConfig,
        *,
        limiter: RateLimiter | None = None,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        self.engine = engine
        self.clock = clock
        self.config = config
        self.endpoints = Endpoints(config.base_url, config.gateway_url)
        self.client = build_client(config)
        self._keeper = GatewayKeeper(self.client, sleep)
        self.tree: app_commands.CommandTree[Any] | None = None  # built while logging in
        self.sender = DiscordSender(self.client, limiter or RateLimiter(config.rate_per_s))
        self._turns: Turns[str] = Turns()
        self._log_guard = discord_log_guard(config.token)
        self._opened = False  # a client never logged in must not be closed (sharded ones fail)
        self._gateway: asyncio.Task[None] | None = None
        self._sweep = OutboxSweep(engine, self, clock)
        for handler in (self.setup_hook, self.on_message, self.on_coach_button, self.on_error):
            self.client.event(handler)

    async def send(self, item: Outgoing) -> None:
        await self.sender.send(item)

    async def start(self) -> None:
        """Log in (checks the token, registers buttons and commands), then connect in the
        background and sweep the outbox."""
        self._log_guard.install()
        self.endpoints.apply()
        self._opened = True
        try:
            await self.client.login(self.config.token)
        except discord.LoginFailure:
            await self.stop()
            raise SettingsError("Setting DISCORD_BOT_TOKEN was refused by Discord") from None
        except (OSError, aiohttp.ClientError, discord.DiscordServerError) as exc:
            await self.stop()
            raise SettingsError(unreachable(self.config.base_url, exc)) from None
        except BaseException:
            await self.stop()
            raise
        self._gateway = asyncio.create_task(self._keeper.run(), name="discord-gateway")
        self._sweep.start()

    async def stop(self) -> None:
        await self._sweep.stop()
        self._keeper.stop()
        if self._opened:
            await self.client.close()
            self._opened = False
        if self._gateway is not None:
            # connect() returns once closed, but not in the middle of a reconnect's back-off
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._gateway, GATEWAY_CLOSE_S)
            self._gateway = None
        self.endpoints.restore()
        self._log_guard.remove()

    async def __aenter__(self) -> DiscordAdapter:
        await self.start()
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    # -- discord.py events (registered by name with client.event) --------------------------

    async def setup_hook(self) -> None:
        """Called by discord.py while logging in, before the gateway connects."""
        self.client.add_dynamic_items(OwnedButton)
        self.tree = build_command_tree(self.client, self.engine.content.texts, self._on_command)
        try:
            await self.tree.sync()
        except discord.HTTPException as exc:  # the commands registered before still work
            log.warning("could not register the slash commands: %s", type(exc).__name__)

    async def on_message(self, message: discord.Message) -> None:
        """Plain text in our DMs; server messages are not ours to read."""
        if message.author.bot or message.type not in USER_MESSAGES:
            return
        if message.guild is not None or not isinstance(message.channel, discord.DMChannel):
            return
        sender = sender_of(message.author, message.channel.id, None)
        await self._handle(parse_line(sender, self.clock.now(), message.content))

    async def on_coach_button(
        self, interaction: discord.Interaction[Any], owner_id: int, button_id: str
    ) -> None:
        if interaction.user.id != owner_id:
            await interaction.response.send_message(NOT_YOUR_BUTTON, ephemeral=True)
            return
        # Taking the buttons off the pressed message keeps a second tap from answering twice.
        await interaction.response.edit_message(view=None)
        channel_id = await self._conversation_channel(interaction)
        sender = sender_of(interaction.user, channel_id, interaction.locale.value)
        await self._handle(ButtonPress(sender, self.clock.now(), button_id))

    async def on_error(self, event_method: str, /, *args: object, **kwargs: object) -> None:
        """One bad event never stops the bot. The type only: a message could quote the user."""
        kind = sys.exc_info()[0]
        log.error("a Discord event failed in %s: %s", event_method, getattr(kind, "__name__", "?"))

    # -- the rest -------------------------------------------------------------------------

    async def _on_command(
        self, interaction: discord.Interaction[Any], name: str, text: str | None
    ) -> None:
        line = f"/{name} {text}" if text else f"/{name}"
        if not interaction.context.dm_channel:
            await interaction.response.send_message(CONTINUE_IN_DMS, ephemeral=True)
            self.sender.remember_place(str(interaction.user.id), interaction)
            channel_id = await self._conversation_channel(interaction)
            sender = sender_of(interaction.user, channel_id, interaction.locale.value)
            await self._handle(parse_line(sender, self.clock.now(), line))
            return
        await interaction.response.defer(thinking=True)
        sender = sender_of(interaction.user, interaction.channel_id, interaction.locale.value)
        through = FirstThroughInteraction(self.sender, interaction.followup)
        await self._handle(parse_line(sender, self.clock.now(), line), through)
        if not through.used:  # nothing to say: do not leave "thinking…" behind
            await interaction.delete_original_response()
        await self.sender.tell_if_untold(str(interaction.user.id), interaction.followup)

    async def _conversation_channel(self, interaction: discord.Interaction[Any]) -> int:
        if interaction.context.dm_channel and interaction.channel_id is not None:
            return interaction.channel_id
        return (await interaction.user.create_dm()).id

    async def _handle(self, event: Incoming, sender: PlatformSender | None = None) -> None:
        async with self._turns.of(event.sender.user_id):
            outgoing = await self.engine.handle(event)  # committed before anything is sent
            await deliver(self.engine, sender or self, outgoing, self.clock)


def sender_of(user: discord.abc.User, channel_id: int | None, locale: str | None) -> Sender:
    return Sender(PLATFORM, str(user.id), str(channel_id), locale)


class FirstThroughInteraction:
    """A PlatformSender for the replies to a slash command used in our DMs: the first message
    answers the command (replacing "thinking…"), the rest go to the DM channel as usual."""

    platform = PLATFORM

    def __init__(self, sender: DiscordSender, followup: discord.Webhook) -> None:
        self.sender = sender
        self.followup: discord.Webhook | None = followup

    @property
    def used(self) -> bool:
        return self.followup is None

    async def send(self, item: Outgoing) -> None:
        followup, self.followup = self.followup, None
        await self.sender.send(item, first_via=followup)
