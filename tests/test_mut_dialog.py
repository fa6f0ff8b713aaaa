"""What the dispatcher says to odd input: an unknown command named back safely, a message of
exactly the longest length read as usual and one character more politely refused, yes and no
in their everyday forms. Written where mutation testing showed gaps."""

from __future__ import annotations

from dialogs.dialog import MAX_TEXT
from dialogs.engine import Engine
from tests.conftest import FakeClock
from tests.reminder_kit import user_with_plan

TOO_LONG = "That's a very long message, more than I can read in one go"


async def test_an_unknown_command_is_named_back_without_odd_characters(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("/my_plan!<b>")
    assert chat.text() == "I don't know the command /my_planb. Send /help to see what I can do."
    await chat.send("/!!!")
    assert chat.text() == "I don't know the command /?. Send /help to see what I can do."


async def test_the_longest_message_is_read_and_one_more_character_is_refused(
    engine: Engine, clock: FakeClock
) -> None:
    chat = await user_with_plan(engine, clock)
    await chat.send("/remind")
    at_limit = "x" * MAX_TEXT
    await chat.send(at_limit)
    assert TOO_LONG not in chat.text()
    await chat.send(at_limit + "x")
    assert chat.text().startswith(TOO_LONG)
