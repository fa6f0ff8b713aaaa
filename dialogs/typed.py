"""Typed words where the plan's own buttons were offered: each option's phrases are one
comma-separated text (`worse.say.leg`), so a second language is only more texts."""

from __future__ import annotations

import re

from dialogs.answers import normalise
from dialogs.conversation import Conversation

_WORD = re.compile(r"[a-z0-9']+")


def _plain(text: str) -> str:
    return " ".join(_WORD.findall(normalise(text).replace("-", " ")))


def mentions(conv: Conversation, key: str, text: str) -> bool:
    """Whether the text holds one of the phrases listed under the text `key`."""
    padded = f" {_plain(text)} "
    return any(f" {phrase} " in padded for p in conv.t(key).split(",") if (phrase := _plain(p)))


def pick(
    conv: Conversation, prefix: str, options: list[str], text: str, first: tuple[str, ...] = ()
) -> str | None:
    """The option a typed answer names: its number as shown, or one of its phrases
    (`<prefix>.<option>`), with the options in `first` tried before the rest."""
    if _plain(text).isdigit():
        return by_number(options, text)
    order = [*first, *(o for o in options if o not in first)]
    return next((o for o in order if mentions(conv, f"{prefix}.{o}", text)), None)


def by_number(options: list[str], text: str) -> str | None:
    """The option whose place among the buttons shown is the number typed, alone."""
    plain = _plain(text)
    if not plain.isdigit():
        return None
    number = int(plain)
    return options[number - 1] if 1 <= number <= len(options) else None
