"""The Discord adapter end to end: the real discord.py client on dpytest's fake state, slash
commands and button presses as INTERACTION_CREATE payloads, the real engine on an SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.discord.adapter import CONTINUE_IN_DMS, NOT_YOUR_BUTTON, DiscordAdapter
from bot.dispatcher import Dispatcher
from content.bundle import Content
from dialogs.dialog import COMMANDS
from dialogs.engine import Engine
from dialogs.ports import UserKey
from storage.database import migrate, open_database
from storage.sql_store import SqlStore
from tests.conftest import FakeClock, sqlite_url
from tests.reminder_kit import travel


@pytest.fixture
def fake() -> kit.FakeDiscord:
    return kit.FakeDiscord()


@pytest.fixture
async def bot(
    engine: Engine, clock: FakeClock, fake: kit.FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[DiscordAdapter]:
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as adapter:
        yield adapter


async def test_every_command_is_a_slash_command_in_servers_and_dms(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    assert [c["name"] for c in fake.commands] == list(COMMANDS)
    texts = bot.engine.content.texts
    for command in fake.commands:
        assert command["description"] == texts.get("en", f"commands.{command['name']}")
        assert command["contexts"] == [0, 1, 2]  # servers, DMs with the bot, private channels
        assert command["integration_types"] == [0, 1]  # server and user installs
    options = {c["name"]: [o["name"] for o in c["options"]] for c in fake.commands}
    assert options["remind"] == ["time"] and options["timezone"] == ["zone"]
    assert options["help"] == []


async def test_a_whole_interview_by_button_presses_ends_in_the_plan(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    await kit.consented(alice)
    greeting = fake.messages_in(alice.dm_channel_id)[0]
    assert greeting.via == "followup", "the command's answer replaces its 'thinking…'"
    for label in ["No, none"] * 5 + kit.ABOUT_YOU_TAPS:
        await alice.tap(label)
    assert alice.buttons()[:11] == [str(n) for n in range(11)]
    for label in kit.INTERVIEW_TAPS:
        await alice.tap(label)
    await alice.tap("Backs of thighs")
    await alice.tap("I lean forward")
    assert "Here is your plan" in alice.text()

    updates = [c for c in fake.calls_to("/callback") if c.payload and c.payload["type"] == 7]
    assert len(updates) == 19, "every press is answered by taking the buttons off its message"
    assert all(c.payload and c.payload["data"]["components"] == [] for c in updates)
    # then the walking programme, a session's offer and next steps keep their buttons
    *earlier, offer, _walk, _ = fake.messages_in(alice.dm_channel_id)
    assert all(not m.buttons for m in earlier) and "guide you through" in offer.text


async def test_dm_text_reaches_the_engine_like_a_typed_line(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    [help_text] = await alice.write("/help")
    assert "/forget" in help_text.text and help_text.via == "channel"
    await kit.consented(alice)
    about_you = ["40 to 64", "none", "none of these", "yes easily"]
    for answer in ["no", "nope", "no", "no", "none", *about_you]:
        await alice.write(answer)
    assert alice.buttons()[:11] == [str(n) for n in range(11)]
    await alice.write("seven")
    assert "When you walk at your usual pace" in alice.text()


async def test_an_alert_arrives_as_a_red_embed_with_the_banner_in_the_notification(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    await kit.consented(alice)
    [alert] = await alice.write("I can't control my bladder")
    assert alert.payload["content"] == "🚨 **EMERGENCY**"
    [embed] = alert.payload["embeds"]
    assert embed["color"] == 0xE74C3C and "emergency department" in embed["description"]
    assert "call 999" in embed["description"], "the locale Discord gave us names the country"


async def test_a_command_option_is_read_like_the_typed_argument(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    await kit.consented(alice)
    typed = await alice.write("/timezone Berlin")
    slashed = await alice.command("timezone", "Berlin")
    assert [m.text for m in slashed] == [m.text for m in typed]
    assert "Europe/Berlin" in slashed[0].text


async def test_a_command_in_a_server_channel_is_answered_there_privately_and_goes_on_in_dms(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    alice = kit.DiscordUser(fake, bot, "alice")
    channel = kit.dpytest.get_config().channels[0]
    await alice.command("start", channel=channel)

    [in_server] = fake.messages_in(channel.id)
    assert in_server.ephemeral and in_server.text == CONTINUE_IN_DMS
    [greeting] = fake.messages_in(alice.dm_channel_id)
    assert "coach" in greeting.text and greeting.labels() == ["Let's begin"]
    await alice.tap("Let's begin")
    assert "Is that OK?" in alice.text()
    assert fake.messages_in(channel.id) == [in_server], "nothing more in the server channel"


async def test_a_button_pressed_by_another_user_is_refused_and_changes_nothing(
    bot: DiscordAdapter, fake: kit.FakeDiscord
) -> None:
    alice, mallory = kit.DiscordUser(fake, bot, "alice"), kit.DiscordUser(fake, bot, "mallory")
    await alice.command("start")
    await alice.tap("Let's begin")
    consent = fake.messages_in(alice.dm_channel_id)[-1]
    before = await bot.engine.store.load(UserKey("discord", str(alice.id)))

    [refusal] = await mallory.press(consent, consent.buttons[0]["custom_id"])

    assert refusal.ephemeral and refusal.text == NOT_YOUR_BUTTON
    assert await bot.engine.store.load(UserKey("discord", str(alice.id))) == before
    assert await bot.engine.store.load(UserKey("discord", str(mallory.id))) is None
    assert fake.messages_in(alice.dm_channel_id)[-1] is consent and consent.buttons


async def test_a_reminder_is_delivered_by_the_adapter_and_its_done_button_answered(
    engine: Engine, fake: kit.FakeDiscord, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = FakeClock(datetime(2026, 3, 2, 6, 0, tzinfo=UTC))
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as bot:
        alice = await kit.user_with_plan(fake, bot)
        await alice.command("timezone", "UTC")
        await alice.command("remind", "07:30")
        dispatcher = Dispatcher(engine, {"discord": bot}, clock)  # delivers through the adapter
        await travel(
            dispatcher, clock, datetime(2026, 3, 2, 8, 0, tzinfo=UTC), timedelta(minutes=10)
        )

        shown = fake.messages_in(alice.dm_channel_id)
        reminder = next(m for m in reversed(shown) if "Time for your back exercises" in m.text)
        assert reminder.labels()[0] == "✅ Done"
        await alice.press(reminder, reminder.buttons[0]["custom_id"])
        assert "1 day in a row" in alice.text()
    history = await engine.store.history(UserKey("discord", str(alice.id)), "done")
    assert len(history) == 1


async def test_after_a_restart_a_button_on_an_old_message_still_works(
    engine: Engine,
    content: Content,
    clock: FakeClock,
    fake: kit.FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as first:
        alice = kit.DiscordUser(fake, first, "alice")
        await alice.command("start")
        await alice.tap("Let's begin")
    consent = fake.messages_in(alice.dm_channel_id)[-1]

    database = open_database(sqlite_url(tmp_path))  # a new process: its own connections
    await migrate(database)
    try:
        engine_again = Engine(SqlStore(database), content)
        async with kit.discord_bot(engine_again, clock, fake, monkeypatch) as second:
            alice_again = kit.DiscordUser(fake, second, "alice", user_id=alice.id)
            await alice_again.press(consent, consent.buttons[0]["custom_id"])
            assert "bladder" in alice_again.text()
    finally:
        await database.dispose()
