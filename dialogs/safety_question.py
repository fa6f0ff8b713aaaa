"""A one-tap safety question where the net is unsure, instead of silence or a false alarm:
"Is this new in the last two weeks, or getting quickly worse?" Yes gives the sign's own tier
at once; No gives the gentler tier with the safety-net line, or takes the user back. The
crisis second opinion (dialogs/second_opinion.py) asks its one question the same way: Yes
gives the crisis reply, No a kind line and the way back."""

from __future__ import annotations

from typing import Any

from dialogs import crisis, holds
from dialogs.answers import read
from dialogs.conversation import NEW, Conversation
from dialogs.flags import excerpt
from dialogs.lexicon import Choices
from dialogs.messages import Alert, Button
from dialogs.reading import VALUE
from dialogs.router import Context, Router
from dialogs.safety import Finding
from dialogs.second_opinion import ALARM, CRISIS

router = Router("safety_question")
PENDING = "safety_question"
YES_NO = ("yes", "no")


def ask(ctx: Context, finding: Finding, words: str | None = None) -> None:
    """Ask, or, before consent (nothing can be kept to await the answer), take the higher tier.
    `words` (the message, shortened) wait with the question for the flag it may raise."""
    conv = ctx.conv
    if conv.state == NEW:
        holds.escalate(ctx, finding, words)
        return
    conv.data[PENDING] = {
        "tier": finding.tier.value,
        "sign": finding.sign,
        "label": finding.label,
        "advice": finding.advice,
        "gentler": finding.gentler,
        "at": conv.now.isoformat(),
        "words": excerpt(ctx, words) if words else None,
    }
    buttons = _buttons(conv, "")
    conv.say(conv.t("safety_question.when", label=finding.label), buttons, alert=Alert.SOON)


def ask_second_opinion(ctx: Context, worry: str, text: str) -> None:
    """The second opinion is worried where the rules were not: ask, kindly and directly. Before
    consent nothing can be kept to await the answer: a worry about a crisis gets the crisis
    reply, one about a warning sign the list of emergency signs to look out for."""
    conv = ctx.conv
    if conv.state == NEW:
        if worry == CRISIS:
            crisis.respond(ctx)
        else:
            conv.say(conv.t("safety_question.alarm_new_user"))
        return
    conv.data[PENDING] = {worry: True, "at": conv.now.isoformat(), "words": excerpt(ctx, text)}
    conv.say(conv.t(f"safety_question.{worry}"), _buttons(conv, f"{worry}_"), alert=Alert.SOON)


def _buttons(conv: Conversation, kind: str) -> list[Button]:
    return [Button(f"safety.{o}", conv.t(f"safety_question.{kind}{o}_button")) for o in YES_NO]


def answer_typed(ctx: Context, text: str) -> bool:
    """A typed yes or no to a pending question; False when none is pending or it is unclear."""
    if PENDING not in ctx.conv.data:
        return False
    conv = ctx.conv
    pending = conv.data[PENDING]
    kind = next((f"{k}_" for k in (CRISIS, ALARM) if pending.get(k)), "")
    say: dict[str, tuple[str, ...]] = {b.id[7:]: (b.label,) for b in _buttons(conv, kind)}
    choices = Choices(f"{conv.language}.safety_question", "yesno", ("yes", "no"), say)
    reading = read(text, choices, ctx.content.answers_for(conv.language))
    return reading.kind == VALUE and on_safety_button(ctx, "safety", reading.value)


@router.buttons("safety")
def on_safety_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    pending: dict[str, Any] | None = conv.data.get(PENDING)
    if pending is None or value not in ("yes", "no"):
        return False
    del conv.data[PENDING]
    words = pending.get("words")
    if pending.get(CRISIS):
        _crisis_answer(ctx, value == "yes")
    elif pending.get(ALARM):
        _alarm_answer(ctx, value == "yes", words)
    elif value == "yes":
        holds.escalate(ctx, _finding(pending, pending["tier"]), words)
    elif pending["gentler"] in (None, "none"):
        conv.say(conv.t("safety_question.reassured"))
        ctx.ask_current()
    else:
        holds.escalate(ctx, _finding(pending, pending["gentler"]), words)
    return True


def _crisis_answer(ctx: Context, yes: bool) -> None:
    if yes:
        crisis.respond(ctx)
        return
    ctx.conv.say(ctx.conv.t("safety_question.crisis_safe"))
    ctx.ask_current()


def _alarm_answer(ctx: Context, yes: bool, words: str | None) -> None:
    conv = ctx.conv
    if yes:  # the signs the question lists are emergencies
        label = conv.t("safety_question.alarm_label")
        holds.escalate(ctx, Finding(Alert.EMERGENCY, ALARM, label), words)
        return
    conv.say(conv.t("safety_question.alarm_safe"))
    ctx.ask_current()


def _finding(pending: dict[str, Any], tier: str) -> Finding:
    advice = pending["advice"] if tier == pending["tier"] else None
    return Finding(Alert(tier), pending["sign"], pending["label"], advice)
