"""Distress first: thoughts of suicide or self-harm get a crisis reply before anything else,
on every message, in every state, and a kind check-in the next day."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime

from content.crisis import CrisisRules
from content.emergency import country_for_locale, country_for_zone
from dialogs.conversation import NEW
from dialogs.flags import emergency_number
from dialogs.follow_up import due_at, next_day_at
from dialogs.local_time import local_day
from dialogs.messages import Alert
from dialogs.router import Context, Router
from dialogs.safety_text import in_first_person

_APOSTROPHES = re.compile("['\u2018\u2019\u201b`\u00b4\u02bc\uff07]")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

router = Router("crisis")


def plain(text: str) -> str:
    """Lower case, no invisible characters or accents, apostrophes dropped, single spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if unicodedata.category(ch) not in ("Cf", "Mn"))
    folded = _APOSTROPHES.sub("", folded)
    return " ".join(_NOT_WORD.sub(" ", folded).split())


class CrisisNet:
    def __init__(self, rules: CrisisRules) -> None:
        self._rules = rules
        variants = sorted(rules.spellings, key=len, reverse=True)
        alternatives = "|".join(re.escape(v) for v in variants)
        self._variants = re.compile(rf"\b(?:{alternatives})\b") if variants else None
        # every rule needs its first part: one scan rules out most messages at once
        firsts = [rule[0].pattern for rules_ in rules.concepts.values() for rule in rules_]
        self._any_first = re.compile("|".join(f"(?:{f})" for f in firsts)) if firsts else None

    def check(self, text: str) -> str | None:
        """The concept a message of distress matches, or None."""
        words = plain(text)
        if self._variants is not None:
            words = self._variants.sub(lambda m: self._rules.spellings[m.group()], words)
        if self._rules.proxy is not None and self._rules.proxy.search(words):
            words = in_first_person(words)  # "typing for Dad. He keeps saying ...": he speaks
        if self._rules.not_crisis is not None:
            words = self._rules.not_crisis.sub(" ", words)
        if self._any_first is not None and self._any_first.search(words) is None:
            return None
        for concept, rules in self._rules.concepts.items():
            if any(all(p.search(words) for p in rule) for rule in rules):
                return concept
        return None


def _crisis_line(ctx: Context) -> str:
    conv = ctx.conv
    country = country_for_zone(conv.data.get("tz")) or country_for_locale(conv.locale)
    line = ctx.content.crisis.lines.get(country or "")
    return line or conv.t("crisis.line_unknown")


def respond(ctx: Context) -> None:
    """Kind and direct: are you safe, who to call now, who to talk to; no exercises today."""
    conv = ctx.conv
    number, _ = emergency_number(ctx)
    conv.say(conv.t("crisis.reply", number=number, line=_crisis_line(ctx)), alert=Alert.EMERGENCY)
    if conv.state != NEW:
        conv.data["crisis"] = {
            "day": local_day(conv).isoformat(),
            "followed_up": False,
            "follow_up_at": next_day_at(conv),
        }


@router.command("helpline")
def helpline(ctx: Context, args: tuple[str, ...]) -> None:
    number, _ = emergency_number(ctx)
    ctx.conv.say(ctx.conv.t("crisis.helpline", number=number, line=_crisis_line(ctx)))


@router.on_every_message
@router.on_due
def follow_up(ctx: Context) -> None:
    """The next day, once: ask how they are, with the line again."""
    conv = ctx.conv
    crisis = conv.data.get("crisis")
    if not isinstance(crisis, dict) or crisis.get("followed_up"):
        return
    if local_day(conv).isoformat() <= crisis["day"]:
        return
    crisis.update(followed_up=True, follow_up_at=None)
    conv.say(conv.t("crisis.follow_up", line=_crisis_line(ctx)))


@router.wake_at
def crisis_wake(ctx: Context) -> datetime | None:
    return due_at(ctx.conv.data.get("crisis"))
