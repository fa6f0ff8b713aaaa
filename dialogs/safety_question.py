"""A one-tap safety question where the net is unsure, instead of silence or a false alarm:
"Is this new in the last two weeks, or getting quickly worse?" Yes gives the sign's own tier
at once; No gives the gentler tier with the safety-net line, or takes the user back."""

from __future__ import annotations

from typing import Any

from dialogs import holds
from dialogs.answers import read
from dialogs.conversation import NEW
from dialogs.flags import excerpt
from dialogs.lexicon import Choices
from dialogs.messages import Alert, Button
from dialogs.reading import VALUE
from dialogs.router import Context, Router
from dialogs.safety import Finding

router = Router("safety_question")
PENDING = "safety_question"


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
    buttons = [
        Button("safety.yes", conv.t("safety_question.yes_button")),
        Button("safety.no", conv.t("safety_question.no_button")),
    ]
    conv.say(conv.t("safety_question.when", label=finding.label), buttons, alert=Alert.SOON)


def answer_typed(ctx: Context, text: str) -> bool:
    """A typed yes or no to a pending question; False when none is pending or it is unclear."""
    if PENDING not in ctx.conv.data:
        return False
    conv = ctx.conv
    labels = {o: conv.t(f"safety_question.{o}_button") for o in ("yes", "no")}
    say: dict[str, tuple[str, ...]] = {o: (label,) for o, label in labels.items()}
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
    if value == "yes":
        holds.escalate(ctx, _finding(pending, pending["tier"]), words)
    elif pending["gentler"] in (None, "none"):
        conv.say(conv.t("safety_question.reassured"))
        ctx.ask_current()
    else:
        holds.escalate(ctx, _finding(pending, pending["gentler"]), words)
    return True


def _finding(pending: dict[str, Any], tier: str) -> Finding:
    advice = pending["advice"] if tier == pending["tier"] else None
    return Finding(Alert(tier), pending["sign"], pending["label"], advice)
