"""Red flags: the advice for each tier, the hold on the plan, and the next day's follow-up."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from content.interview import Kind
from dialogs import soon
from dialogs.conversation import NEW, Conversation
from dialogs.flags import emergency_number, excerpt, log_flag, new_flag, record_outcome
from dialogs.follow_up import due_at, is_due
from dialogs.hold_replies import BOOKED_OR_SEEN, meant_in_hold
from dialogs.local_time import local_day
from dialogs.machine import HOLD, PLAN
from dialogs.messages import Alert, Button
from dialogs.plan import make_plan
from dialogs.router import Context, Router, StateSpec
from dialogs.safety import Finding

router = Router("holds")


def escalate(
    ctx: Context,
    finding: Finding,
    words: str | None = None,
    answered: Callable[[Context], bool] | None = None,
) -> None:
    """A red flag in free text: advice at its tier now, whatever the conversation was doing.
    `words`: the message that raised it, kept shortened with the flag for the summary.
    `answered`: at a soon tier, which lets the interview go on, whether the message also
    answered the question being asked (then the next one follows, not the same again)."""
    conv = ctx.conv
    kept = excerpt(ctx, words) if words else None
    hold = new_flag(conv, finding.tier, finding.label, "text", conv.state, kept)
    if finding.advice:
        hold["advice"] = finding.advice
    if conv.state == NEW:  # nothing is kept before consent, but the advice is given
        _advise(ctx, hold, [])
        conv.say(_summary(ctx, hold))
        return
    question = ctx.questions.get(conv.state)
    if finding.tier is Alert.SOON and conv.state != HOLD:
        soon.keep_going_gently(ctx, hold)
        if question is not None and not (answered and answered(ctx)):
            ctx.ask_current()
        return
    current = conv.data.get("hold")
    if conv.state == HOLD and isinstance(current, dict):
        if Alert(current["tier"]).rank >= finding.tier.rank:
            log_flag(conv, hold)
            _advise(ctx, hold, hold_buttons(conv))
            return
        hold["resume"] = current["resume"]
    conv.data["hold"] = hold
    log_flag(conv, hold)
    if conv.state == HOLD:
        _advise(ctx, hold, hold_buttons(conv))
    else:
        ctx.fire("flag")


def _entered(ctx: Context, event: Any) -> None:
    """Entering the hold. From a screening "yes", record which question raised it."""
    conv = ctx.conv
    if event.event.name == "answer":
        question = ctx.questions[event.transition.source]
        assert question.tier is not None, "only screening questions lead to a hold"
        label = conv.t(f"hold.label.{question.id}")
        words = conv.data.get("told")  # told in their own words at the question (interview)
        hold = new_flag(conv, Alert(question.tier), label, "screening", question.state, words)
        conv.data["hold"] = hold
        log_flag(conv, hold)
    _advise(ctx, conv.data["hold"], hold_buttons(conv))


def remind(ctx: Context) -> None:
    conv = ctx.conv
    hold = conv.data["hold"]
    follow_up = _is_follow_up_day(conv)
    if follow_up:
        hold["follow_up_at"] = None  # asked now: the scheduled follow-up is not needed
    key = "hold.follow_up" if follow_up else "hold.reminder"
    conv.say(conv.t(key, label=hold["label"]), hold_buttons(conv))


def while_held(ctx: Context) -> None:
    """A command that waits while a red flag is open says what can be done now instead."""
    conv = ctx.conv
    conv.say(conv.t("hold.while_held", label=conv.data["hold"]["label"]), hold_buttons(conv))


def _typed_in_hold(ctx: Context, text: str) -> None:
    """Typed answers to the hold's buttons, by meaning; a no says not yet, a yes alone asks
    whether the check is booked or done. Anything else repeats where we are."""
    value = meant_in_hold(ctx, text)
    if value == BOOKED_OR_SEEN:
        ctx.conv.say(ctx.conv.t("hold.booked_or_seen"), hold_buttons(ctx.conv))
    elif value == "notyet" and not _is_follow_up_day(ctx.conv):
        ctx.conv.say(ctx.conv.t("hold.not_yet"))
        remind(ctx)
    elif value is not None:
        on_hold_button(ctx, "hold", value)
    else:
        remind(ctx)


def hold_buttons(conv: Conversation) -> list[Button]:
    """Checked is there from the start (someone may be seen the same day); Not yet from the
    follow-up day on."""
    hold = conv.data.get("hold") or {}
    buttons = [
        conv.button("hold.checked", "hold.checked_button"),
        conv.button("hold.summary", "hold.summary_button"),
    ]
    if _is_follow_up_day(conv):
        buttons.insert(1, conv.button("hold.notyet", "hold.not_yet_button"))
    mistake = (
        "hold.mistake_yes_button" if hold.get("source") == "screening" else "hold.mistake_button"
    )
    buttons.append(conv.button("hold.mistake", mistake))
    return buttons


@router.buttons("hold")
def on_hold_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    if conv.state != HOLD or f"hold.{value}" not in {b.id for b in hold_buttons(conv)}:
        return False
    hold = conv.data.get("hold") or {}
    if value == "summary":
        conv.say(_summary(ctx, hold))
    elif value == "notyet":
        conv.say(conv.t("hold.not_yet"))
        _advise(ctx, hold, hold_buttons(conv))
    else:
        _release(ctx, hold, value)
    return True


def _release(ctx: Context, hold: dict[str, Any], how: str) -> None:
    conv = ctx.conv
    target = hold["resume"]
    if how == "checked" and hold.get("source") == "screening":
        target = _after(ctx, hold["resume"])
    record_outcome(conv, hold, how)
    conv.say(conv.t("hold.cleared" if how == "checked" else "hold.mistake"))
    conv.data["hold"] = {**hold, "resume": target}
    if target == PLAN and "plan" not in conv.data:
        make_plan(conv, ctx.content.plans)
    ctx.fire("resume")
    conv.data.pop("hold", None)


def _after(ctx: Context, state: str) -> str:
    order = [q.state for q in ctx.content.interview.questions] + [PLAN]
    return order[order.index(state) + 1] if state in order[:-1] else PLAN


def _is_follow_up_day(conv: Conversation) -> bool:
    hold = conv.data.get("hold")
    return isinstance(hold, dict) and local_day(conv).isoformat() > hold["day"]


def _advise(ctx: Context, hold: dict[str, Any], buttons: list[Button]) -> None:
    conv = ctx.conv
    number, advice = emergency_number(ctx)
    key = hold.get("advice") or f"hold.{hold['tier']}"
    text = conv.t(key, label=hold["label"], number=number)
    conv.say(f"{text}\n{advice}".strip(), buttons, alert=Alert(hold["tier"]))


SUMMARY_ANSWERS = ("pain_now", "walk_minutes", "where", "eases", "duration")


def _summary(ctx: Context, hold: dict[str, Any]) -> str:
    """Only what is known: the sign, the user's own words if a message raised it, and the
    answers given so far; nothing is shown for what has not been told."""
    conv = ctx.conv
    day = hold.get("day", local_day(conv).isoformat())
    lines = [conv.t("hold.summary", day=day)]
    if hold.get("label"):
        lines.append(conv.t("hold.summary_sign", label=hold["label"]))
    if hold.get("words"):
        lines.append(conv.t("hold.summary_words", day=day, words=hold["words"]))
    told = _answers_told(ctx)
    if told:
        lines.append(conv.t("hold.summary_answers", answers="; ".join(told)))
    lines.append(conv.t("hold.summary_end"))
    return "\n".join(lines)


def _answers_told(ctx: Context) -> list[str]:
    conv, interview = ctx.conv, ctx.content.interview
    answers = conv.data.get("answers", {})
    told = []
    for question in interview.questions:
        if question.id in SUMMARY_ANSWERS and question.id in answers:
            code = str(answers[question.id])
            labels = interview.words(conv.language, question).labels
            value = code if question.kind in (Kind.SCALE, Kind.MINUTES) else labels.get(code, code)
            told.append(conv.t(f"hold.summary_answer.{question.id}", value=value))
    return told


@router.on_due
def follow_up_when_due(ctx: Context) -> None:
    if ctx.conv.state == HOLD and is_due(ctx.conv.data.get("hold"), ctx.conv.now):
        remind(ctx)


@router.wake_at
def follow_up_wake(ctx: Context) -> datetime | None:
    return due_at(ctx.conv.data.get("hold")) if ctx.conv.state == HOLD else None


router.own_states([HOLD], StateSpec(ask=remind, text=_typed_in_hold, entered=_entered))
