"""Small wording helpers: a text in its singular or plural form ("1 day", "3 days")."""

from __future__ import annotations

from dialogs.conversation import Conversation


def plural(conv: Conversation, key: str, count: int, **values: object) -> str:
    """The text `key.one` when `count` is 1, else `key.other`."""
    return conv.t(f"{key}.{'one' if abs(count) == 1 else 'other'}", **values)
