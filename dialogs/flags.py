"""A red flag as it is kept: the entry made when one is raised, its log for the clinician
summary and /export, how it ended, and the emergency number where the user is."""

from __future__ import annotations

from typing import Any

from content.emergency import country_for_locale, country_for_zone
from dialogs.conversation import Conversation
from dialogs.follow_up import next_day_at
from dialogs.local_time import local_day
from dialogs.messages import Alert
from dialogs.router import Context

WORDS_KEPT = 200  # of the message that raised a flag, at most this many characters are kept


def new_flag(
    conv: Conversation,
    tier: Alert,
    label: str,
    source: str,
    resume: str,
    words: str | None = None,
) -> dict[str, Any]:
    """A flag as kept; `words`: the excerpt of the message that raised it (see `excerpt`)."""
    flag = {
        "tier": tier.value,
        "label": label,
        "source": source,
        "resume": resume,
        "day": local_day(conv).isoformat(),
        "at": conv.now.isoformat(),
        "follow_up_at": next_day_at(conv),
    }
    if words:
        flag["words"] = words
    return flag


def excerpt(ctx: Context, text: str) -> str:
    """The user's words as kept with a flag: on one line, invisible characters left out. Of
    a longer message, the first stretch of about WORDS_KEPT characters (overlapping by half)
    that raises the alarm on its own, cut between words, with "…" where it was cut. At most
    WORDS_KEPT characters, so an excerpt is its own excerpt."""
    line = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(line) <= WORDS_KEPT:
        return line
    start = 0
    while start < len(line):
        lead = "…" if start else ""
        piece = lead + _cut(line[start:], WORDS_KEPT - len(lead))
        if ctx.raises_alarm(piece):
            return piece
        if not piece.endswith("…"):
            break  # the last stretch
        start = _word_at(line, start + WORDS_KEPT // 2)
    return _cut(line, WORDS_KEPT)  # no stretch alone raises it: the beginning


def _word_at(line: str, at: int) -> int:
    """Where the first word starting at or after `at` starts (the end when there is none)."""
    space = line.find(" ", at - 1)
    return space + 1 if space >= 0 else len(line)


def _cut(line: str, limit: int) -> str:
    """At most `limit` characters, "…" included, cut between two words."""
    if len(line) <= limit:
        return line
    head = line[:limit]  # leaves room for the "…"
    kept = head.rsplit(" ", 1)[0] if " " in head else line[: limit - 1]
    return kept.rstrip(" ,;:-") + "…"


def log_flag(conv: Conversation, hold: dict[str, Any]) -> None:
    keys = ("tier", "label", "source", "day", "at", "words")
    entry = {k: hold[k] for k in keys if k in hold}
    conv.data.setdefault("flags", []).append(entry)


def record_outcome(conv: Conversation, hold: dict[str, Any], how: str) -> None:
    """Kept with the flag: "checked" by a clinician, or "mistake" (a mis-tap), told apart."""
    for entry in conv.data.get("flags", []):
        if entry.get("at") == hold["at"]:
            entry["outcome"] = how


def emergency_number(ctx: Context) -> tuple[str, str]:
    """How to reach emergency care where the user is, and any extra line for that country."""
    conv = ctx.conv
    country = country_for_zone(conv.data.get("tz")) or country_for_locale(conv.locale)
    entry = ctx.content.emergency.get(country or "")
    if entry is None:
        return conv.t("emergency.unknown"), ""
    advice = conv.t(entry.advice_key) if entry.advice_key else ""
    return conv.t("emergency.number", number=entry.number), advice
