"""The human console numbers its buttons, but a typed number is never taken for a position
where the number itself is a plausible answer, and old buttons never catch a later number."""

from __future__ import annotations

import io

from bot.console.chat import ConsoleChat
from dialogs.engine import Engine
from dialogs.messages import Button, ButtonPress, Reply, TextMessage
from tests.conftest import FakeClock

PAIN = Reply("How bad is it?", tuple(Button(f"pain_now.{n}", str(n)) for n in range(11)))
HOURS = Reply(
    "Hours sitting?",
    (
        Button("sitting_hours.under_4", "Under 4 hours"),
        Button("sitting_hours.4_to_8", "4 to 8 hours"),
        Button("sitting_hours.over_8", "More than 8 hours"),
    ),
)
YES_NO = Reply("Any of these?", (Button("q.yes", "Yes"), Button("q.no", "No")))


def console(engine: Engine, json_mode: bool = False) -> tuple[ConsoleChat, io.StringIO]:
    out = io.StringIO()
    return ConsoleChat(engine, FakeClock(), "alice", json_mode, out), out


def test_a_number_typed_at_a_numeric_prompt_is_the_number(engine: Engine) -> None:
    chat, _ = console(engine)
    for reply, typed in ((PAIN, "3"), (HOURS, "3"), (HOURS, "2")):
        chat._show(reply)
        event = chat._read(typed)
        assert isinstance(event, TextMessage) and event.text == typed


def test_numbers_still_pick_buttons_where_no_number_is_an_answer(engine: Engine) -> None:
    chat, out = console(engine)
    chat._show(YES_NO)
    assert "1) Yes" in out.getvalue()
    event = chat._read("1")
    assert isinstance(event, ButtonPress) and event.button_id == "q.yes"


def test_old_buttons_do_not_catch_a_number_typed_after_a_later_message(engine: Engine) -> None:
    chat, _ = console(engine)
    chat._show(YES_NO)
    chat._show(Reply("Why these exercises: ..."))
    event = chat._read("2")
    assert isinstance(event, TextMessage)


def test_the_json_chat_never_reads_a_number_as_a_position(engine: Engine) -> None:
    chat, _ = console(engine, json_mode=True)
    chat._show(YES_NO)
    event = chat._read('{"text": "1"}')
    assert isinstance(event, TextMessage) and event.text == "1"
