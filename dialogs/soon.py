"""The soon tier: a check with a doctor or physiotherapist in the next few days. It does not
stop the plan: its advice now and on every reminder until the user has been checked, the
gentlest exercises, walking within comfort, and a follow-up the next day."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from dialogs.flags import emergency_number, log_flag, new_flag, record_outcome
from dialogs.follow_up import due_at, is_due
from dialogs.messages import Alert, Button
from dialogs.router import Context, Router

router = Router("soon")


def soon_from_screening(ctx: Context, question_state: str, words: str | None = None) -> None:
    """A "yes" to a soon-tier screening question: its advice, and the interview goes on.
    `words`: the user's, when they told the sign in their own words at its question."""
    conv = ctx.conv
    question = ctx.questions[question_state]
    label = conv.t(f"hold.label.{question.id}")
    flag = new_flag(conv, Alert.SOON, label, "screening", question_state, words)
    keep_going_gently(ctx, flag)


def keep_going_gently(ctx: Context, soon: dict[str, Any]) -> None:
    """The soon tier does not stop the plan: its advice now and on every reminder until the
    user has been checked, the gentlest exercises, walking within comfort, and a follow-up."""
    conv = ctx.conv
    conv.data["soon"] = soon
    log_flag(conv, soon)
    number, _ = emergency_number(ctx)
    key = soon.get("advice") or "hold.soon_keep"
    button = Button("soon.checked", conv.t("hold.checked_button"))
    conv.say(conv.t(key, label=soon["label"], number=number), [button], alert=Alert.SOON)


@router.reminder_part
def repeat_soon_advice(ctx: Context, day: str) -> None:
    soon = ctx.conv.data.get("soon")
    if isinstance(soon, dict):
        button = Button("soon.checked", ctx.conv.t("hold.checked_button"))
        ctx.conv.say(ctx.conv.t("hold.soon_again", label=soon["label"]), [button])


@router.buttons("soon")
def on_soon_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    soon = conv.data.get("soon")
    if value != "checked" or not isinstance(soon, dict):
        return False
    record_outcome(conv, soon, "checked")
    del conv.data["soon"]
    conv.say(conv.t("hold.cleared"))
    return True


@router.on_due
def follow_up_when_due(ctx: Context) -> None:
    conv = ctx.conv
    soon = conv.data.get("soon")
    if isinstance(soon, dict) and is_due(soon, conv.now):
        soon["follow_up_at"] = None
        button = Button("soon.checked", conv.t("hold.checked_button"))
        conv.say(conv.t("hold.soon_follow_up", label=soon["label"]), [button])


@router.wake_at
def follow_up_wake(ctx: Context) -> datetime | None:
    return due_at(ctx.conv.data.get("soon"))
