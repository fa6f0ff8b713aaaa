"""Small wording helpers: a text in its singular or plural form ("1 day", "3 days")."""

from __future__ import annotations

from dialogs.conversation import Conversation


def plural_key(key: str, count: float | str) -> str:
    """`key.one` when `count` is 1 (or "1" as shown), else `key.other`: for the code that
    reads texts without a conversation (the /progress summary, the report)."""
    return f"{key}.{'one' if abs(float(count)) == 1 else 'other'}"


def plural(conv: Conversation, key: str, count: float | str, **values: object) -> str:
    """The text `key.one` when `count` is 1, else `key.other`."""
    return conv.t(plural_key(key, count), **values)
