"""A guided session on Discord: each exercise arrives as an embed with its text and its picture
(attached, with the picture's alt text for screen readers) and the session's buttons."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

import tests.discord_kit as kit  # first: it imports discord (see there)
from bot.discord.adapter import DiscordAdapter
from bot.pictures.book import PictureBook
from dialogs.engine import Engine
from tests.conftest import FakeClock


@pytest.fixture
async def bot(
    picture_engine: Engine,
    clock: FakeClock,
    fake: kit.FakeDiscord,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[DiscordAdapter]:
    async with kit.discord_bot(picture_engine, clock, fake, monkeypatch) as adapter:
        yield adapter


@pytest.fixture
def fake() -> kit.FakeDiscord:
    return kit.FakeDiscord()


async def test_a_session_step_is_an_embed_with_its_picture_alt_text_and_buttons(
    bot: DiscordAdapter, fake: kit.FakeDiscord, pictures: PictureBook
) -> None:
    alice = await kit.user_with_plan(fake, bot)
    await alice.tap("Start session")
    intro, step = alice.replies()
    assert "about" in intro.text and intro.files == []
    [embed] = step.payload["embeds"]
    [name] = step.files
    assert embed["image"]["url"] == f"attachment://{name}"
    assert embed["description"].startswith("1 of 3 · ")
    assert step.labels() == ["✅ Done", "🪶 Easier", "😣 It hurts", "⏭ Skip"]
    version = name.rsplit("-", 1)[0]
    assert Path(str(pictures.picture(version))).name == name
    [attachment] = step.payload["attachments"]
    assert attachment["description"] == pictures.alt_text(version)

    await alice.tap("Easier")
    [eased] = alice.replies()
    assert eased.text.startswith("Here is an easier version")
    assert eased.files != [name] and eased.payload["embeds"][0]["image"]["url"].endswith(".png")
