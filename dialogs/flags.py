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


def new_flag(
    conv: Conversation, tier: Alert, label: str, source: str, resume: str
) -> dict[str, Any]:
    return {
        "tier": tier.value,
        "label": label,
        "source": source,
        "resume": resume,
        "day": local_day(conv).isoformat(),
        "at": conv.now.isoformat(),
        "follow_up_at": next_day_at(conv),
    }


def log_flag(conv: Conversation, hold: dict[str, Any]) -> None:
    entry = {k: hold[k] for k in ("tier", "label", "source", "day", "at")}
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
