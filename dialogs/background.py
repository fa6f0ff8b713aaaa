"""Lasting risk factors (a past cancer, a weakened immune system, injecting drugs, long-term
steroid tablets, osteoporosis), asked once in the interview as background (CLINICAL.md,
"Combinations that raise the tier"). They never hold the plan by themselves and the weekly
check-in does not ask them again; the red-flag net counts them in its combinations, so "my
legs have gone weak" after a cancer is an emergency."""

from __future__ import annotations

from dataclasses import replace

from content.bundle import Content
from content.redflags import RedFlagRules
from dialogs.conversation import Conversation
from dialogs.router import Context
from dialogs.safety import SafetyNet

KEY = "background"  # in the data: the risk factors told, as red-flag sign ids
CANCER = "cancer_history"  # the one that gets a line of its own when told


def record(ctx: Context, question_id: str, value: str) -> None:
    """The background question's answer, kept as a list of risk factors (none: empty)."""
    question = ctx.content.interview.background
    if question is None or question_id != question.id:
        return
    conv = ctx.conv
    conv.data[KEY] = [value] if value in ctx.content.interview.risk_factors() else []
    if value == CANCER:
        conv.say(conv.t("interview.background_cancer"))


def of(conv: Conversation) -> frozenset[str]:
    """The risk factors this user told, for the net's combinations (none for old records)."""
    kept = conv.data.get(KEY)
    return frozenset(str(f) for f in kept) if isinstance(kept, list) else frozenset()


def asking(ctx: Context) -> bool:
    """True while the background question is the one being asked."""
    question = ctx.content.interview.background
    return question is not None and ctx.conv.state == question.state


def net(content: Content) -> SafetyNet:
    """The net for the background question's answers: the risk factors count only inside
    combinations, so "I had breast cancer 10 years ago" is the answer, not a red flag, while
    a new sign told with it ("... and my legs are weak now") still is one."""
    return SafetyNet(only_in_combinations(content.redflags, content.interview.risk_factors()))


def only_in_combinations(rules: RedFlagRules, factors: frozenset[str]) -> RedFlagRules:
    signs = tuple(replace(s, alone=False) if s.id in factors else s for s in rules.signs)
    return replace(rules, signs=signs)
