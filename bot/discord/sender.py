"""Sending on Discord: every reply goes to the user's DM channel, paced by the rate limiter;
closed DMs become Unreachable, after telling the user privately (ephemerally) where they last
used a command, or at their next command when that interaction has expired.

Rate limits themselves are left to discord.py, which waits as Discord asks, up to the client's
max_ratelimit_timeout; a longer wait raises, and the outbox sweep sends the reply later."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import discord

from bot.delivery import Unreachable
from bot.discord.render import PLATFORM, Part, message_args, render
from bot.rate_limit import RateLimiter
from dialogs.messages import Outgoing

log = logging.getLogger(__name__)

MAX_PLACES = 10_000  # users whose last command place is remembered; the oldest are forgotten
DMS_CLOSED = (
    "I can't send you direct messages, so my replies and reminders can't reach you. "
    "To talk with me, allow direct messages from this server's members (Privacy Settings), "
    "then use a command again."
)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a user last used a slash command outside our DMs."""

    channel_id: int
    followup: discord.Webhook  # answers ephemerally until the interaction expires
    expires_at: datetime


class DiscordSender:
    """Implements bot.delivery.PlatformSender for Discord."""

    platform = PLATFORM

    def __init__(self, client: discord.Client, limiter: RateLimiter) -> None:
        self.client = client
        self.limiter = limiter
        # In memory only, on purpose: which server channel a user talks in is not stored anywhere.
        # After a restart nobody is known here, and closed DMs are then noted without telling.
        self._places: OrderedDict[str, Place] = OrderedDict()
        self._untold: OrderedDict[str, None] = OrderedDict()  # DMs closed, not yet told so

    def remember_place(self, user_id: str, interaction: discord.Interaction[Any]) -> None:
        if interaction.channel_id is None:
            return
        self._places[user_id] = Place(
            interaction.channel_id, interaction.followup, interaction.expires_at
        )
        self._places.move_to_end(user_id)
        while len(self._places) > MAX_PLACES:
            self._places.popitem(last=False)

    async def send(self, item: Outgoing, *, first_via: discord.Webhook | None = None) -> None:
        """Send one reply to the DM channel in item.chat_id; the first part through `first_via`
        (an interaction's followup) when given. Raises Unreachable when DMs are closed."""
        channel = self.client.get_partial_messageable(
            int(item.chat_id), type=discord.ChannelType.private
        )
        owner_id = int(item.user_id)
        try:
            for index, part in enumerate(render(item.reply)):
                webhook = first_via if index == 0 else None
                if webhook is None or not await self._send_through(webhook, part, owner_id):
                    await self._send_part(channel, part, owner_id)
                    self._untold.pop(item.user_id, None)  # their DMs are open again
        except (discord.Forbidden, discord.NotFound) as exc:  # 50007: the user closed their DMs
            log.info("Discord refused a direct message: error %s", exc.code)
            await self._tell_dms_closed(item.user_id)
            raise Unreachable(item.platform) from None

    async def _send_part(
        self, channel: discord.PartialMessageable, part: Part, owner_id: int
    ) -> None:
        await self.limiter.acquire()
        try:
            await channel.send(**message_args(part, owner_id))
        except (discord.Forbidden, discord.NotFound):
            raise
        except discord.HTTPException as exc:
            if exc.status != 400:
                raise  # discord.py already retried server errors: the outbox sweep tries again
            # a malformed part: sending it again cannot help, so it is dropped
            log.error("Discord refused a message part: error %s", exc.code)

    async def _send_through(self, webhook: discord.Webhook, part: Part, owner_id: int) -> bool:
        await self.limiter.acquire()
        try:
            await webhook.send(**message_args(part, owner_id))
        except discord.HTTPException as exc:  # e.g. the interaction expired: use the channel
            log.info("could not answer a command through its interaction: %s", type(exc).__name__)
            return False
        return True

    async def tell_if_untold(self, user_id: str, followup: discord.Webhook) -> None:
        """Answer an interaction of a user who could not be told that their DMs are closed,
        privately (ephemeral), and once."""
        if user_id not in self._untold:
            return
        del self._untold[user_id]
        try:
            await followup.send(DMS_CLOSED, ephemeral=True)
        except discord.HTTPException as exc:
            log.info("could not say that DMs are closed: %s", type(exc).__name__)

    async def _tell_dms_closed(self, user_id: str) -> None:
        """Tell the user only where nobody else reads it: ephemerally, through the interaction
        of their last command in a server while it lasts. Otherwise it waits for their next
        interaction: a server channel is never told that this person talks to a back-pain
        coach (no public mention)."""
        place = self._places.pop(user_id, None)
        if place is not None and discord.utils.utcnow() < place.expires_at:
            try:
                await place.followup.send(DMS_CLOSED, ephemeral=True)
                self._untold.pop(user_id, None)
                return
            except discord.HTTPException as exc:  # e.g. the interaction ended early
                log.info("could not say that DMs are closed: %s", type(exc).__name__)
        self._untold[user_id] = None
        self._untold.move_to_end(user_id)
        while len(self._untold) > MAX_PLACES:
            self._untold.popitem(last=False)
