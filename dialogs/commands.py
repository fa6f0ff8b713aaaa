"""Reading a typed line as a command: "/remind 07:30" or "/help@SomeBot"."""

from __future__ import annotations

from datetime import datetime

from dialogs.messages import Command, Incoming, Sender, TextMessage

MAX_ARGS = 8


def parse_line(sender: Sender, at: datetime, text: str) -> Incoming:
    """A text starting with "/" is a command; anything else is a plain text message."""
    stripped = text.strip()
    if not stripped.startswith("/") or len(stripped) < 2 or stripped[1].isspace():
        return TextMessage(sender, at, text)
    head, *args = stripped[1:].split()
    name = head.split("@", 1)[0].lower()
    return Command(sender, at, name, tuple(args[:MAX_ARGS]))
