"""Red flags: the advice for each tier, the hold on the plan, and the next day's follow-up."""

from __future__ import annotations

import re
from typing import Any

from content.emergency import country_for_locale, country_for_zone
from dialogs.answers import read
from dialogs.conversation import NEW, Conversation
from dialogs.follow_up import due_at, is_due, next_day_at
from dialogs.lexicon import Choices
from dialogs.local_time import local_day
from dialogs.machine import HOLD, PLAN
from dialogs.messages import Alert, Button
from dialogs.plan import make_plan
from dialogs.router import Context, Router, StateSpec
from dialogs.safety import Finding

router = Router("holds")


def escalate(ctx: Context, finding: Finding) -> None:
    """A red flag in free text: advice at its tier now, whatever the conversation was doing."""
    conv = ctx.conv
    hold = _new_hold(conv, finding.tier, finding.label, "text", conv.state)
    if finding.advice:
        hold["advice"] = finding.advice
    if conv.state == NEW:  # nothing is kept before consent, but the advice is given
        _advise(ctx, hold, [])
        conv.say(_summary(ctx, hold))
        return
    question = ctx.questions.get(conv.state)
    if finding.tier is Alert.SOON and question is not None and question.tier == "soon":
        ctx.fire("answer", value="yes")  # a sign told at its own question answers it
        return
    if finding.tier is Alert.SOON and conv.state != HOLD:
        _keep_going_gently(ctx, hold)
        if question is not None:
            ctx.ask_current()
        return
    current = conv.data.get("hold")
    if conv.state == HOLD and isinstance(current, dict):
        if Alert(current["tier"]).rank >= finding.tier.rank:
            _log(conv, hold)
            _advise(ctx, hold, hold_buttons(conv))
            return
        hold["resume"] = current["resume"]
    conv.data["hold"] = hold
    _log(conv, hold)
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
        hold = _new_hold(conv, Alert(question.tier), label, "screening", question.state)
        conv.data["hold"] = hold
        _log(conv, hold)
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


def soon_from_screening(ctx: Context, question_state: str) -> None:
    """A "yes" to a soon-tier screening question: its advice, and the interview goes on."""
    conv = ctx.conv
    question = ctx.questions[question_state]
    label = conv.t(f"hold.label.{question.id}")
    _keep_going_gently(ctx, _new_hold(conv, Alert.SOON, label, "screening", question_state))


def _keep_going_gently(ctx: Context, soon: dict[str, Any]) -> None:
    """The soon tier does not stop the plan: its advice now and on every reminder until the
    user has been checked, the gentlest exercises, walking within comfort, and a follow-up."""
    conv = ctx.conv
    conv.data["soon"] = soon
    _log(conv, soon)
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
    _record_outcome(conv, soon, "checked")
    del conv.data["soon"]
    conv.say(conv.t("hold.cleared"))
    return True


@router.on_due
def follow_up_when_due(ctx: Context) -> None:
    conv = ctx.conv
    hold, soon = conv.data.get("hold"), conv.data.get("soon")
    if conv.state == HOLD and is_due(hold, conv.now):
        remind(ctx)
    if isinstance(soon, dict) and is_due(soon, conv.now):
        soon["follow_up_at"] = None
        button = Button("soon.checked", conv.t("hold.checked_button"))
        conv.say(conv.t("hold.soon_follow_up", label=soon["label"]), [button])


@router.wake_at
def follow_up_wake(ctx: Context) -> Any:
    conv = ctx.conv
    times = [due_at(conv.data.get("soon"))]
    if conv.state == HOLD:
        times.append(due_at(conv.data.get("hold")))
    return min((t for t in times if t is not None), default=None)


# Typed answers to the hold's buttons, in the order they are tried (a denial of a check
# before the check itself: "I haven't been checked yet").
HOLD_WORDS = (
    (
        "mistake",
        (
            "mistake",
            "by accident",
            "wrong button",
            "not what i meant",
            "meant no",
            "didnt mean",
            "did not mean",
            "misread",
            "misunderstood",
            "tapped yes",
        ),
    ),
    (
        "summary",
        (
            "summary",
            "a note",
            "note for",
            "something i can show",
            "print",
            "letter",
            "for the clinician",
            "for my gp",
            "for the gp",
            "for my physio",
            "for the doctor",
        ),
    ),
    (
        "notyet",
        (
            "not yet",
            "havent been",
            "have not been",
            "not been",
            "no appointment",
            "cant get an appointment",
            "couldnt get an appointment",
            "not able to",
        ),
    ),
    (
        "checked",
        (
            "checked",
            "been seen",
            "examined",
            "seen the doc",
            "seen a doc",
            "saw the doc",
            "saw a doc",
            "seen my gp",
            "saw my gp",
            "had a look",
            "all clear",
            "cleared me",
            "said its fine",
            "said it is fine",
            "said its ok",
            "nothing serious",
            "nothing to worry",
            "had a scan",
            "had an mri",
            "had an x ray",
        ),
    ),
    (
        "notyet",
        (
            "appointment on",
            "appointment next",
            "waiting for",
            "tomorrow",
            "next week",
            "later this week",
            "booked",
        ),
    ),
)


def _meant_in_hold(ctx: Context, text: str) -> str | None:
    plain = " " + " ".join(re.sub(r"[^a-z0-9 ]", " ", text.replace("'", "")).split()) + " "
    for value, phrases in HOLD_WORDS:
        if any(f" {phrase} " in plain for phrase in phrases):
            return value
    yes_no = Choices(f"{ctx.conv.language}.hold_yes_no", "yesno", ("yes", "no"), {})
    answer = read(text, yes_no, ctx.content.answers_for(ctx.conv.language))
    return {"yes": "checked", "no": "notyet"}.get(answer.value) if answer.saved else None


def _typed_in_hold(ctx: Context, text: str) -> None:
    """Typed answers to the hold's buttons, by meaning; a bare yes or no answers "were you
    able to get checked?". Anything else repeats where we are."""
    value = _meant_in_hold(ctx, text)
    if value == "notyet" and not _is_follow_up_day(ctx.conv):
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
    _record_outcome(conv, hold, how)
    conv.say(conv.t("hold.cleared" if how == "checked" else "hold.mistake"))
    conv.data["hold"] = {**hold, "resume": target}
    if target == PLAN and "plan" not in conv.data:
        make_plan(conv, ctx.content.plans)
    ctx.fire("resume")
    conv.data.pop("hold", None)


def _record_outcome(conv: Conversation, hold: dict[str, Any], how: str) -> None:
    """Kept with the flag: "checked" by a clinician, or "mistake" (a mis-tap), told apart."""
    for entry in conv.data.get("flags", []):
        if entry.get("at") == hold["at"]:
            entry["outcome"] = how


def _after(ctx: Context, state: str) -> str:
    order = [q.state for q in ctx.content.interview.questions] + [PLAN]
    return order[order.index(state) + 1] if state in order[:-1] else PLAN


def _is_follow_up_day(conv: Conversation) -> bool:
    hold = conv.data.get("hold")
    return isinstance(hold, dict) and local_day(conv).isoformat() > hold["day"]


def _new_hold(
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


def _log(conv: Conversation, hold: dict[str, Any]) -> None:
    entry = {k: hold[k] for k in ("tier", "label", "source", "day", "at")}
    conv.data.setdefault("flags", []).append(entry)


def _advise(ctx: Context, hold: dict[str, Any], buttons: list[Button]) -> None:
    conv = ctx.conv
    number, advice = emergency_number(ctx)
    key = hold.get("advice") or f"hold.{hold['tier']}"
    text = conv.t(key, label=hold["label"], number=number)
    conv.say(f"{text}\n{advice}".strip(), buttons, alert=Alert(hold["tier"]))


def emergency_number(ctx: Context) -> tuple[str, str]:
    """How to reach emergency care where the user is, and any extra line for that country."""
    conv = ctx.conv
    country = country_for_zone(conv.data.get("tz")) or country_for_locale(conv.locale)
    entry = ctx.content.emergency.get(country or "")
    if entry is None:
        return conv.t("emergency.unknown"), ""
    advice = conv.t(entry.advice_key) if entry.advice_key else ""
    return conv.t("emergency.number", number=entry.number), advice


def _summary(ctx: Context, hold: dict[str, Any]) -> str:
    conv = ctx.conv
    answers = conv.data.get("answers", {})
    details = ""
    if "pain_now" in answers:
        words = ctx.content.interview
        labels = {
            q.id: words.words(conv.language, q).labels.get(
                answers.get(q.id, ""), answers.get(q.id, "?")
            )
            for q in words.questions
            if not q.tier
        }
        details = conv.t(
            "hold.summary_answers",
            pain=answers.get("pain_now", "?"),
            minutes=answers.get("walk_minutes", "?"),
            where=labels.get("where", "?"),
            eases=labels.get("eases", "?"),
            duration=labels.get("duration", "?"),
        )
    return conv.t(
        "hold.summary",
        day=hold.get("day", local_day(conv).isoformat()),
        label=hold.get("label", ""),
        details=details,
    )


router.own_states([HOLD], StateSpec(ask=remind, text=_typed_in_hold, entered=_entered))
