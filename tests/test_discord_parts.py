"""The adapter's parts on their own: how replies look on Discord (parts, buttons, embeds, files),
how the client is built, and one user's events taking turns."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.discord.adapter import DiscordAdapter, DiscordConfig, build_client
from bot.discord.render import MAX_CONTENT, OwnedButton, message_args, render
from dialogs.engine import Engine
from dialogs.messages import Alert, Button, Outgoing, Reply
from dialogs.turns import Turns
from tests.conftest import FakeClock

discord = kit.discord


def paragraphs(count: int, size: int) -> str:
    return "\n\n".join(chr(ord("a") + n) * size for n in range(count))


def test_a_long_text_is_cut_between_paragraphs_with_the_buttons_on_the_last_part() -> None:
    text = paragraphs(5, 700)
    buttons = (Button("q.yes", "Yes"), Button("q.no", "No"))
    parts = render(Reply(text, buttons))
    assert [len(p.text) for p in parts] == [700 * 2 + 2, 700 * 2 + 2, 700]
    assert "\n\n".join(p.text for p in parts) == text
    assert [p.buttons for p in parts] == [(), (), buttons]


def test_a_paragraph_too_long_for_one_message_is_cut_between_lines_then_anywhere() -> None:
    lines = "\n".join("x" * 900 for _ in range(3))
    assert [len(p.text) for p in render(Reply(lines))] == [1801, 900]
    one_word = "y" * 4500
    assert [len(p.text) for p in render(Reply(one_word))] == [MAX_CONTENT, MAX_CONTENT, 500]


async def test_buttons_come_five_to_a_row_and_at_most_25_to_a_message() -> None:
    buttons = tuple(Button(f"q.{n}", str(n)) for n in range(30))
    first, second = render(Reply("Pick one", buttons))
    assert (first.text, len(first.buttons), len(second.buttons)) == ("Pick one", 25, 5)
    rows = message_args(first, owner_id=42)["view"].to_components()
    assert [len(row["components"]) for row in rows] == [5, 5, 5, 5, 5]
    assert rows[0]["components"][3]["custom_id"] == "bw:42:q.3"


@pytest.mark.parametrize(
    ("alert", "colour", "banner"),
    [
        (Alert.EMERGENCY, 0xE74C3C, "🚨 **EMERGENCY**"),
        (Alert.URGENT, 0xE67E22, "⚠️ **URGENT**"),
        (Alert.SOON, 0xFEE75C, "🩺 **SEE A CLINICIAN SOON**"),
    ],
)
async def test_an_alert_is_a_coloured_embed_with_a_banner(
    alert: Alert, colour: int, banner: str
) -> None:
    first, second = render(Reply(paragraphs(2, 1500), alert=alert))
    args = message_args(first, owner_id=1)
    assert args["content"] == banner and args["embed"].colour.value == colour
    assert args["embed"].description == "a" * 1500
    follow = message_args(second, owner_id=1)
    assert follow["content"] is None and follow["embed"].colour.value == colour


async def test_a_plain_reply_has_no_embed_and_an_empty_one_is_not_empty() -> None:
    assert message_args(render(Reply("Hi"))[0], 1) == {"content": "Hi"}
    assert render(Reply("  "))[0].text == "…"


async def test_a_button_id_too_long_for_a_custom_id_is_refused() -> None:
    with pytest.raises(ValueError, match="custom_id"):
        message_args(render(Reply("x", (Button("q." + "z" * 90, "Z"),)))[0], 12345678901234567)


async def test_a_pressed_button_is_read_back_from_its_custom_id() -> None:
    match = OwnedButton.__discord_ui_compiled_template__.fullmatch("bw:42:tz.America/New_York")
    assert match is not None
    item = discord.ui.Button[discord.ui.View](label="New York", custom_id=match.string)
    button = await OwnedButton.from_custom_id(None, item, match)  # type: ignore[arg-type]
    assert (button.owner_id, button.button_id, button.item.label) == (
        42,
        "tz.America/New_York",
        "New York",
    )


async def test_an_image_and_a_document_arrive_as_attachments(
    engine: Engine,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    chart, export = tmp_path / "chart.png", tmp_path / "export.json"
    chart.write_bytes(b"\x89PNG")
    export.write_text("{}")
    fake = kit.FakeDiscord()
    async with kit.discord_bot(engine, clock, fake, monkeypatch) as bot:
        alice = kit.DiscordUser(fake, bot, "alice")
        reply = Reply("Your progress", image=str(chart), document=str(export))
        await bot.send(Outgoing(1, "discord", str(alice.id), str(alice.dm_channel_id), reply))
        missing = Reply("Gone", image=str(tmp_path / "missing.png"))
        await bot.send(Outgoing(2, "discord", str(alice.id), str(alice.dm_channel_id), missing))
    with_files, without = fake.messages_in(alice.dm_channel_id)
    assert with_files.files == ["chart.png", "export.json"]
    assert with_files.text == "Your progress"
    assert without.files == [] and without.text == "Gone"


async def test_the_client_needs_no_privileged_intent_and_bounds_rate_limit_waits() -> None:
    client = build_client(DiscordConfig("token"))
    assert type(client) is discord.Client
    assert client.intents == discord.Intents.default()
    assert not (client.intents.message_content or client.intents.members)
    assert client.http.max_ratelimit_timeout == 60.0
    sharded = build_client(DiscordConfig("token", shard_count=3, max_ratelimit_wait_s=45))
    assert isinstance(sharded, discord.AutoShardedClient)
    assert (sharded.shard_count, sharded.http.max_ratelimit_timeout) == (3, 45.0)


@pytest.mark.parametrize(
    "bad",
    [
        {"token": " "},
        {"token": "t", "shard_count": 0},
        {"token": "t", "rate_per_s": 0},
        {"token": "t", "max_ratelimit_wait_s": 10},
    ],
)
def test_a_wrong_setting_is_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        DiscordConfig(**bad)  # type: ignore[arg-type]


def test_the_token_is_not_in_the_config_repr() -> None:
    assert "secret-token" not in repr(DiscordConfig("secret-token"))


async def test_an_adapter_never_started_stops_quietly(engine: Engine, clock: FakeClock) -> None:
    adapter = DiscordAdapter(engine, clock, DiscordConfig("token", shard_count=2))
    await adapter.stop()


async def test_one_users_events_take_turns_while_others_run_beside_them() -> None:
    turns: Turns[str] = Turns()
    log = []

    async def event(user: str, name: str) -> None:
        async with turns.of(user):
            log.append(f"{name} begins")
            await asyncio.sleep(0)
            await asyncio.sleep(0)
            log.append(f"{name} ends")

    await asyncio.gather(event("alice", "a1"), event("alice", "a2"), event("bob", "b1"))
    assert log.index("a1 ends") < log.index("a2 begins")
    assert log.index("b1 begins") < log.index("a1 ends"), "bob does not wait for alice"
    assert turns._locks == {} and turns._waiting == {}, "no lock is kept once all are done"
