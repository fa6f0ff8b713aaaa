"""What goes wrong on Discord: closed DMs pause reminders and the user is told where they last
used a command, a failing event does not stop the bot, sends are paced, a refused token stops
start-up with one line."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.discord.adapter import DiscordAdapter
from bot.discord.sender import DMS_CLOSED
from bot.dispatcher import Dispatcher
from bot.rate_limit import RateLimiter
from bot.settings import SettingsError
from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.reminder_kit import travel

TEN_MIN = timedelta(minutes=10)


@pytest.fixture
def fake() -> kit.FakeDiscord:
    return kit.FakeDiscord()


@pytest.fixture
async def bot(
    engine: Engine, clock: FakeClock, fake: kit.FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[DiscordAdapter]:
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as adapter:
        yield adapter


async def record_data(engine: Engine, user: kit.DiscordUser) -> dict[str, object]:
    record = await engine.store.load(UserKey("discord", str(user.id)))
    assert record is not None
    return record.data


async def test_closed_dms_are_noted_and_the_user_is_told_privately_in_the_server(
    bot: DiscordAdapter, fake: kit.FakeDiscord, clock: FakeClock
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    await kit.consented(alice)
    fake.close_dms(alice.id)
    channel = kit.dpytest.get_config().channels[0]

    await alice.command("help", channel=channel)

    assert [c.status for c in fake.calls_to(f"/channels/{alice.dm_channel_id}/")][-1] == 403
    assert (await record_data(bot.engine, alice))["unreachable_since"] == clock.now().isoformat()
    continuing, closed = fake.messages_in(channel.id)
    assert continuing.ephemeral and closed.ephemeral and closed.text == DMS_CLOSED
    assert closed.via == "followup"


async def test_a_reminder_to_closed_dms_pauses_reminders_and_says_nothing_in_the_channel(
    engine: Engine, fake: kit.FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as bot:
        alice = await kit.user_with_plan(fake, bot)
        channel = kit.dpytest.get_config().channels[0]
        await alice.command("timezone", "UTC", channel=channel)
        await alice.command("remind", "07:30", channel=channel, minutes_ago=20)  # expired since
        fake.close_dms(alice.id)
        dispatcher = Dispatcher(engine, {"discord": bot}, clock)
        await travel(dispatcher, clock, datetime(2026, 3, 4, 8, 0, tzinfo=UTC), TEN_MIN)

    refused = [c for c in fake.calls_to(f"/channels/{alice.dm_channel_id}/") if c.status == 403]
    reminders = [c for c in refused if "rem.done." in str(c.payload)]
    assert len(reminders) == 1, "after the first refusal no more reminders are tried"
    data = await record_data(engine, alice)
    assert data["unreachable_since"] == "2026-03-02T07:30:00+00:00"
    # The command's interaction has expired: a public "<@alice>" would tell the server she uses
    # a back-pain coach, so nothing is said there (tests/test_discord_privacy.py: she is told
    # privately at her next command).
    assert all(m.ephemeral for m in fake.messages_in(channel.id))
    assert DMS_CLOSED not in [m.text for m in fake.messages]


async def test_a_failing_event_is_logged_by_type_and_the_next_one_is_served(
    bot: DiscordAdapter, fake: kit.FakeDiscord, caplog: pytest.LogCaptureFixture
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    await alice.command("start")
    fake.fail("/callback", 500)  # Discord fails to take the press's answer
    assert await alice.tap("Let's begin") == []
    fake.fail("/callback", 500)  # and a command's
    assert await alice.command("help") == []

    await alice.tap("Let's begin")
    assert "Is that OK?" in alice.text()
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == [
        "a Discord event failed in on_coach_button: DiscordServerError",
        "a Discord command failed: DiscordServerError",
    ]


async def test_every_message_waits_its_turn_at_the_rate_limiter(
    engine: Engine, clock: FakeClock, fake: kit.FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []

    async def record_wait(seconds: float) -> None:
        waits.append(seconds)

    limiter = RateLimiter(40.0, clock_monotonic=lambda: 0.0, sleep=record_wait)  # time stands
    async with kit.discord_bot(engine, clock, fake, monkeypatch, limiter=limiter) as bot:
        alice = kit.DiscordUser(fake, bot, "alice")
        await kit.consented(alice)
    sent = [m for m in fake.messages if m.via != "response"]
    assert len(sent) == 3
    assert waits == [pytest.approx(n / 40.0) for n in (1, 2)]


async def test_a_refused_token_stops_start_up_naming_the_setting(
    engine: Engine, clock: FakeClock, fake: kit.FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake.refuse_token = True
    with pytest.raises(SettingsError) as refused:
        async with kit.discord_bot(engine, clock, fake, monkeypatch):
            pass
    assert str(refused.value) == "Setting DISCORD_BOT_TOKEN was refused by Discord"
