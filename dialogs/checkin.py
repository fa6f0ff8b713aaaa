"""The weekly check-in: the safety questions again first, then pain and walking; then weekly
averages against the first week and the last check-in, and a step up, a hold or a step back,
each said with the numbers behind it. The plan is rebuilt from the latest answers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from content.bundle import Content
from content.plans import PlanRules
from dialogs.checkin_report import report
from dialogs.conversation import Conversation
from dialogs.interview import advise_if_soon, answer_typed, ask_question, record_answer
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import Button, ButtonPress
from dialogs.plan import Item, Plan, build_plan, moved, save_plan, stored_plan
from dialogs.ports import HistoryEntry
from dialogs.router import Context, Router, StateSpec
from dialogs.weekly import Week, average, decide, scores_between

PAIN_DAYS_KEPT = 120

router = Router("checkins")


def is_due(conv: Conversation) -> bool:
    """On the weekday the user started, from the second week on, once that day."""
    started = conv.data.get("started")
    if conv.state != PLAN or not started:
        return False
    today, start = local_day(conv), date.fromisoformat(started)
    due = today >= start + timedelta(days=7) and today.weekday() == start.weekday()
    return due and conv.data.get("last_checkin") != today.isoformat()


@router.reminder_part
def offer_on_reminder(ctx: Context, day: str) -> None:
    if is_due(ctx.conv):
        button = Button("ci.start", ctx.conv.t("checkin.start_button"))
        ctx.conv.say(ctx.conv.t("checkin.prompt"), [button])


@router.command("checkin", waits_while_held=True)
def start(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    if conv.state in ctx.content.interview.checkin_states():
        conv.say(conv.t("checkin.under_way"))  # and the question it is at, again
        return
    if conv.state != PLAN or "plan" not in conv.data:
        asking = conv.state in ctx.questions  # the questions first; never a restart
        conv.say(conv.t("checkin.not_ready_asking" if asking else "checkin.not_ready"))
        return
    conv.data["checkin_answers"] = {}
    conv.say(conv.t("checkin.intro"))
    ctx.fire("checkin")


@router.buttons("ci")
def on_checkin_button(ctx: Context, scope: str, value: str) -> bool:
    if value != "start" or ctx.conv.state != PLAN:
        return False
    start(ctx, ())
    return True


@router.on_due
def _keep_pain_on_due(ctx: Context) -> None:
    keep_daily_pain(ctx.conv)


@router.on_every_message
def _keep_pain_on_reminder_buttons(ctx: Context) -> None:
    event = ctx.conv.event
    if isinstance(event, ButtonPress) and event.button_id.startswith("rem."):
        keep_daily_pain(ctx.conv)


def keep_daily_pain(conv: Conversation) -> None:
    """The daily score the reminder kept last (one a day) joins the log weekly averages use."""
    last = conv.data.get("last_pain")
    if not isinstance(last, dict) or "date" not in last:
        return
    log: list[dict[str, Any]] = conv.data.setdefault("pain_log", [])
    if all(e.get("date") != last["date"] for e in log):
        log.append({"date": last["date"], "score": int(last["score"])})
        log.sort(key=lambda e: str(e["date"]))
        del log[:-PAIN_DAYS_KEPT]


def _left_question(ctx: Context, event: Any) -> None:
    record_answer(ctx, event, "checkin_answers")
    advise_if_soon(ctx, event)
    if ctx.conv.state == PLAN:
        finish(ctx.conv, ctx.content.plans)


def _checkin_states(content: Content) -> list[str]:
    return content.interview.checkin_states()


router.own_states(_checkin_states, StateSpec(ask_question, answer_typed, left=_left_question))


def finish(conv: Conversation, rules: PlanRules) -> None:
    """The last answer is in: compare, decide, rebuild the plan, and say what happened."""
    keep_daily_pain(conv)
    answers = conv.data.pop("checkin_answers", {})
    pain, walk = int(answers["pain_now"]), int(answers["walk_minutes"])
    today = local_day(conv)
    checkins: list[dict[str, Any]] = conv.data.setdefault("checkins", [])
    week = _this_week(conv, today, pain, walk)
    decision, reasons = decide(rules.progression, week)
    old = stored_plan(conv, rules)
    conv.data.setdefault("past_plans", []).append(
        {"until": today.isoformat(), "plan": conv.data.get("plan") or {}}
    )
    latest = {**conv.data.get("answers", {}), "pain_now": str(pain), "walk_minutes": str(walk)}
    conv.data["answers"] = latest  # what a clinician's summary shows is the latest
    plan, moves = _next_plan(rules, latest, old, decision, conv)
    if decision == "up" and not moves:
        decision = "top"
    save_plan(conv, plan)
    entry = _entry(today, pain, walk, week, decision, reasons, moves)
    checkins.append(entry)
    conv.data["last_checkin"] = today.isoformat()
    conv.history.append(HistoryEntry("checkin", today.isoformat(), entry, f"checkin:{today}"))
    report(conv, rules, week, entry, [c["avg"] for c in checkins if "avg" in c])


def _this_week(conv: Conversation, today: date, pain: int, walk: int) -> Week:
    checkins = conv.data.get("checkins") or []
    baseline = _baseline(conv)
    last = checkins[-1] if checkins else {"avg": baseline["avg"], "walk": baseline["walk"]}
    return Week(
        first=baseline["avg"],
        last=float(last.get("avg", last.get("pain", 0))),
        now=_week_average(conv, today, pain),
        walk_last=int(last["walk"]),
        walk_now=walk,
        days_done=_days_done(conv, today),
    )


def _baseline(conv: Conversation) -> dict[str, Any]:
    """The first week, frozen at the first check-in: the interview's score and the daily
    scores of the first 7 days, averaged."""
    answers = conv.data.get("answers", {})
    baseline: dict[str, Any] = conv.data.setdefault(
        "baseline",
        {"date": conv.data.get("started"), "pain": answers.get("pain_now"), "walk": None},
    )
    if baseline.get("walk") is None:
        baseline["walk"] = answers.get("walk_minutes", 0)
    if "avg" not in baseline:
        first = date.fromisoformat(baseline["date"] or local_day(conv).isoformat())
        daily = scores_between(conv.data.get("pain_log", []), first, first + timedelta(days=6))
        baseline["avg"] = average([int(baseline["pain"]), *daily])
    return baseline


def _week_average(conv: Conversation, today: date, pain: int) -> float:
    """The last 7 days' scores; today's is the one just given."""
    log = [e for e in conv.data.get("pain_log", []) if e.get("date") != today.isoformat()]
    daily = scores_between(log, today - timedelta(days=6), today)
    return average([*daily, pain]) or float(pain)


def _days_done(conv: Conversation, today: date) -> int:
    week = {(today - timedelta(days=n)).isoformat() for n in range(7)}
    return len(week & set(conv.data.get("done_days", [])))


def _next_plan(
    rules: PlanRules,
    answers: dict[str, str],
    old: Plan | None,
    decision: str,
    conv: Conversation,
) -> tuple[Plan, list[tuple[str, str]]]:
    """The plan rebuilt from the latest answers, each exercise kept at the version it had
    reached, then moved one version up or down; the moves made, as (old, new) versions."""
    dropped = (conv.data.get("plan") or {}).get("dropped") or ()
    plan = build_plan(rules, answers, dropped)
    reached = {i.family: i for i in old.items} if old else {}
    step = {"up": 1, "back": -1}.get(decision, 0)
    items: list[Item] = []
    moves: list[tuple[str, str]] = []
    for item in plan.items:
        earlier = reached.get(item.family)
        kept = earlier and moved(rules, replace(earlier, reasons=item.reasons), plan.avoid, 0)
        shifted = moved(rules, kept, plan.avoid, step) if kept and step else None
        if kept and shifted:
            moves.append((kept.version, shifted.version))
        items.append(shifted or kept or item)  # a family new to the plan starts at its start
    return replace(plan, items=tuple(items)), moves


def _entry(
    today: date,
    pain: int,
    walk: int,
    week: Week,
    decision: str,
    reasons: list[str],
    moves: list[tuple[str, str]],
) -> dict[str, Any]:
    return {
        "date": today.isoformat(),
        "pain": pain,
        "walk": walk,
        "avg": week.now,
        "first_avg": week.first,
        "days_done": week.days_done,
        "decision": decision,
        "reasons": reasons,
        "moves": [list(m) for m in moves],
    }
