"""Closed DMs never make the bot speak about a user in a server channel: when the interaction
it could answer privately has expired, nothing is posted there (a public "<@user>" would tell
the channel that this person uses a back-pain coach). The user is told privately at their
next command instead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.discord.sender import DMS_CLOSED
from bot.dispatcher import Dispatcher
from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.reminder_kit import travel


async def test_closed_dms_after_the_interaction_expired_say_nothing_in_public(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    fake = kit.FakeDiscord()
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as bot:
        alice = await kit.user_with_plan(fake, bot)
        channel = kit.dpytest.get_config().channels[0]
        await alice.command("timezone", "UTC", channel=channel)
        await alice.command("remind", "07:30", channel=channel, minutes_ago=20)  # expired since
        fake.close_dms(alice.id)
        dispatcher = Dispatcher(engine, {"discord": bot}, clock)
        await travel(dispatcher, clock, datetime(2026, 3, 3, 8, 0, tzinfo=UTC), timedelta(hours=1))

        in_public = [m for m in fake.messages_in(channel.id) if not m.ephemeral]
        assert in_public == [], "nothing about alice where the server can read it"
        assert not any(str(alice.id) in m.text for m in fake.messages)

        replies = await alice.command("help")  # her next command, in our DMs
        told = [m for m in replies if m.text == DMS_CLOSED]
        assert len(told) == 1 and told[0].ephemeral and told[0].via == "followup"
        assert DMS_CLOSED not in [m.text for m in await alice.command("posture")], "once"
