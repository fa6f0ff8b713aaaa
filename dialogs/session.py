"""Guided sessions: /session, or ▶️ Start session on the daily reminder and after the plan,
walks through the day's exercises one message at a time: the picture, the dose, form cues and
what you should feel, with Done, Easier, It hurts and Skip. Easier shows the easier version at
once; It hurts asks the "This made it worse" questions (dialogs/worse.py) and goes on once they
are answered, or stops when the answer raised an alert. Last comes the pain score, 0 to 10,
which records the session (what was done, made easier and skipped) and counts the day like the
reminder's Done. A step's buttons carry no step in their ids, so they are current only right
after the message that showed them: a press from an earlier step or session is stale."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from dialogs import flare, reminders, worse
from dialogs.answers import read
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import Alert, Button, ButtonPress, TextMessage
from dialogs.plan import Plan, moved, stored_plan
from dialogs.ports import HistoryEntry, JsonDict
from dialogs.prompts import PAIN_AFTER_DONE
from dialogs.reading import NOT_SURE, VALUE
from dialogs.router import Context, Router
from dialogs.session_steps import (
    counts,
    current_item,
    item_json,
    log,
    minutes,
    record_value,
    step_text,
    summary,
    versions,
)
from dialogs.typed import pick
from dialogs.wording import plural

KEY = "session"  # the session under way, in the conversation's data
COUNT_KEY = "sessions"  # how many have been started: each one's number
ACTIONS = ["done", "easier", "hurts", "skip"]
PROMPT, PAIN_PROMPT = "session", "session.pain"

router = Router("session")


@router.command("session", waits_while_held=True)
def session_command(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    plan = _plan(ctx)
    if plan is not None:
        start_or_resume(ctx, plan)
    elif isinstance(conv.data.get("plan"), dict):
        conv.say(conv.t("session.finish_first"))
        ctx.ask_current()
    else:
        conv.say(conv.t("plan.not_ready"))


@router.reminder_part
def offer_on_reminder(ctx: Context, day: str) -> None:
    """▶️ Start session on the reminder itself, beside its Done (which still works alone)."""
    conv, plan = ctx.conv, _plan(ctx)
    if plan is None or not flare.current_items(conv, plan):
        return
    start = Button("session.start", conv.t("session.start_button"))
    for index, reply in enumerate(conv.replies):
        ids = [b.id for b in reply.buttons]
        if f"rem.done.{day}" in ids:
            at = ids.index(f"rem.done.{day}") + 1
            buttons = (*reply.buttons[:at], start, *reply.buttons[at:])
            conv.replies[index] = replace(reply, buttons=buttons)
            return


@router.plan_part
def offer_after_plan(ctx: Context) -> None:
    plan = _plan(ctx)
    items = flare.current_items(ctx.conv, plan) if plan else []
    if items:
        length = minutes(ctx.content.plans, items)
        button = Button("session.start", ctx.conv.t("session.start_button"))
        ctx.conv.say(ctx.conv.t("session.offer_plan", minutes=length), [button])


@router.buttons("session")
def on_button(ctx: Context, scope: str, value: str) -> bool:
    """False (the stale-button reply) for anything but the latest step's own buttons."""
    plan = _plan(ctx)
    if plan is None:
        return False
    if value == "start":
        start_or_resume(ctx, plan)
        return True
    session = _current(ctx)
    conv = ctx.conv
    if session is None or conv.record is None or session.get("offered") != conv.record.seq:
        return False
    if session["stage"] == "exercise" and value in _actions(ctx, plan, session):
        return _act(ctx, plan, session, value)
    score = value.removeprefix("pain.")
    if session["stage"] == "pain" and score in {str(n) for n in range(11)}:
        _finish(ctx, session, int(score))
        return True
    return False


def start_or_resume(ctx: Context, plan: Plan) -> None:
    conv = ctx.conv
    session = _current(ctx)
    if session is not None:
        if session["stage"] == "hurt":
            _advance(ctx, plan, session, conv.t("session.resume"))
        else:
            _show(ctx, plan, session, conv.t("session.resume"))
        return
    items = flare.current_items(conv, plan)
    if not items:
        conv.say(conv.t("session.walking_only"))
        return
    number = int(conv.data.get(COUNT_KEY, 0)) + 1
    conv.data[COUNT_KEY] = number
    length = minutes(ctx.content.plans, items)
    conv.data[KEY] = session = {
        "number": number,
        "day": local_day(conv).isoformat(),
        "started": conv.now.isoformat(),
        "minutes": length,
        "items": [{**item_json(i), "planned": i.version} for i in items],
        "at": 0,
        "stage": "exercise",
        "outcomes": [],
        "eased": [],
    }
    count = len(items)
    conv.say(plural(conv, "session.intro", count, exercises=count, minutes=length))
    _show(ctx, plan, session)


def _show(ctx: Context, plan: Plan, session: JsonDict, lead: str = "") -> None:
    """The current exercise (its picture, dose, cues and buttons), or the pain question."""
    conv = ctx.conv
    if session["stage"] == "pain":
        _ask_pain(ctx, session, lead)
        return
    item = current_item(session)
    text = step_text(conv, ctx.content.plans, item, session["at"] + 1, len(session["items"]))
    labels = {a: conv.t(f"session.{a}_button") for a in _actions(ctx, plan, session)}
    buttons = [Button(f"session.{action}", label) for action, label in labels.items()]
    image = ctx.setting.pictures.picture(item.version)
    conv.say(f"{lead}\n\n{text}" if lead else text, buttons, image=image)
    _offered(ctx, session, PROMPT)


def _actions(ctx: Context, plan: Plan, session: JsonDict) -> list[str]:
    """The step's buttons: Easier only where an easier version fits the plan."""
    easier = moved(ctx.content.plans, current_item(session), plan.avoid, -1)
    return [a for a in ACTIONS if a != "easier" or easier is not None]


def _act(ctx: Context, plan: Plan, session: JsonDict, action: str) -> bool:
    conv, item = ctx.conv, current_item(session)
    if action == "easier":
        easier = moved(ctx.content.plans, item, plan.avoid, -1)
        if easier is None:
            return False
        session["eased"].append({"family": item.family, "from": item.version, "to": easier.version})
        session["items"][session["at"]].update(item_json(easier))
        name = conv.t(f"exercise.{easier.version}.name")
        _show(ctx, plan, session, conv.t("session.eased", name=name))
    elif action == "hurts":
        log(session, item, "hurt")
        session["stage"] = "hurt"
        conv.say(conv.t("session.hurts"))
        worse.ask_what(conv, item.family)
    else:
        log(session, item, "done" if action == "done" else "skipped")
        _advance(ctx, plan, session)
    return True


def _advance(ctx: Context, plan: Plan, session: JsonDict, lead: str = "") -> None:
    session["at"] += 1
    session["stage"] = "exercise" if session["at"] < len(session["items"]) else "pain"
    _show(ctx, plan, session, lead)


def _ask_pain(ctx: Context, session: JsonDict, lead: str = "") -> None:
    conv = ctx.conv
    text = conv.t("session.finished", summary=summary(conv, counts(session)))
    conv.say(f"{lead}\n\n{text}" if lead else text, _pain_buttons())
    _offered(ctx, session, PAIN_PROMPT)


def _pain_buttons() -> list[Button]:
    return [Button(f"session.pain.{n}", str(n)) for n in range(11)]


def _offered(ctx: Context, session: JsonDict, prompt: str) -> None:
    """This step's buttons, and typed answers to it, are the current ones."""
    record = ctx.conv.record
    session["offered"] = (record.seq if record else 0) + 1  # this step's number once saved
    ctx.awaits(prompt)


def _finish(ctx: Context, session: JsonDict, score: int) -> None:
    conv = ctx.conv
    day = session["day"]
    counted = bool(versions(session, "done"))  # done at the planned or an easier version
    if counted:
        reminders.count_done(conv, day)
    reminders.note_pain(conv, day, score)
    _record(ctx, session, score)
    if counted:
        streak = reminders.streak_ending(conv.data["done_days"], day)
        conv.say(plural(conv, "session.saved", streak, score=score, streak=streak))
    else:
        conv.say(conv.t("session.saved_not_counted", score=score))


def _record(ctx: Context, session: JsonDict, pain: int | None) -> None:
    """The session in the history, as /export shows it; the one under way is over."""
    day, number = session["day"], session["number"]
    entry = HistoryEntry("session", day, record_value(session, pain), f"session:{day}:{number}")
    ctx.conv.history.append(entry)
    ctx.conv.data.pop(KEY, None)


@router.after_every_message
def go_on_after_worse(ctx: Context) -> None:
    """Once "It hurts" has had its answer: the next exercise, or the end of the session when
    the answer raised an alert or a hold."""
    conv = ctx.conv
    session = conv.data.get(KEY)
    if not isinstance(session, dict) or session.get("stage") != "hurt" or worse.waiting(conv):
        return
    if not isinstance(conv.event, ButtonPress | TextMessage):
        return  # a read-only command's answer: nothing it says is kept
    plan = _plan(ctx)
    if plan is None or any(r.alert is not Alert.NONE for r in conv.replies):
        _record(ctx, session, None)
        conv.say(conv.t("session.stopped"))
        return
    _advance(ctx, plan, session, conv.t("session.go_on"))


@router.reads_typed_replies(PROMPT)
def typed_step(ctx: Context, text: str, prompt: dict[str, Any]) -> bool:
    """ "done", "easier", "it hurts", "skip" typed at a step; anything else goes on to the
    plan's own reading (a flare, "this made it worse")."""
    plan, session = _plan(ctx), _current(ctx)
    if plan is None or session is None or session["stage"] != "exercise":
        return False
    shown = _actions(ctx, plan, session)
    action = pick(ctx.conv, "session.say", shown, text, first=("hurts",))
    return action is not None and _act(ctx, plan, session, action)


@router.reads_typed_replies(PAIN_PROMPT)
def typed_pain(ctx: Context, text: str, prompt: dict[str, Any]) -> bool:
    conv, session = ctx.conv, _current(ctx)
    if _plan(ctx) is None or session is None or session["stage"] != "pain":
        return False
    reading = read(text, PAIN_AFTER_DONE, ctx.content.answers_for(conv.language))
    if reading.kind == VALUE:
        _finish(ctx, session, int(str(reading.value)))
        return True
    key = "session.pain_not_sure" if reading.kind == NOT_SURE else "session.pain_unclear"
    conv.say(conv.t(key), _pain_buttons())
    _offered(ctx, session, PAIN_PROMPT)
    return True


def _plan(ctx: Context) -> Plan | None:
    conv = ctx.conv
    return stored_plan(conv, ctx.content.plans) if conv.state == PLAN else None


def _current(ctx: Context) -> JsonDict | None:
    """The session under way: today's, or yesterday's when finished after midnight."""
    session = ctx.conv.data.get(KEY)
    if not isinstance(session, dict):
        return None
    yesterday = local_day(ctx.conv) - timedelta(days=1)
    if date.fromisoformat(session["day"]) < yesterday:
        ctx.conv.data.pop(KEY)
        return None
    return session
