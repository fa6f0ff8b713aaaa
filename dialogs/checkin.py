"""The weekly check-in: pain and walking again, the safety questions again, then a comparison
with the first week and a step up, a step back, or the same plan, said plainly with the why."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from content.bundle import Content
from content.plans import PlanRules
from dialogs.conversation import Conversation
from dialogs.interview import advise_if_soon, answer_typed, ask_question, record_answer
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import Button
from dialogs.plan import build_plan
from dialogs.ports import HistoryEntry
from dialogs.progress import pain_change
from dialogs.router import Context, Router, StateSpec

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


@router.command("checkin")
def start(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    if conv.state != PLAN or "plan" not in conv.data:
        conv.say(conv.t("checkin.not_ready"))
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


def _left_question(ctx: Context, event: Any) -> None:
    record_answer(ctx, event, "checkin_answers")
    advise_if_soon(ctx, event)
    if ctx.conv.state == PLAN:
        _Week(ctx.content.plans).finish(ctx.conv)


def _checkin_states(content: Content) -> list[str]:
    return content.interview.checkin_states()


router.own_states(_checkin_states, StateSpec(ask_question, answer_typed, left=_left_question))


class _Week:
    """The comparison and the decision, when the last answer brings the user back to the plan."""

    def __init__(self, rules: PlanRules) -> None:
        self.rules = rules

    def finish(self, conv: Conversation) -> None:
        answers = conv.data.pop("checkin_answers", {})
        baseline = conv.data.get("answers", {})
        pain, walk = int(answers["pain_now"]), int(answers["walk_minutes"])
        today = local_day(conv)
        checkins: list[dict[str, Any]] = conv.data.setdefault("checkins", [])
        previous_pain = checkins[-1]["pain"] if checkins else int(baseline["pain_now"])
        days_done = self._days_done(conv, today)
        old_plan = conv.data.get("plan") or {}
        level, decision = self._decide(
            int(old_plan.get("level", 0)), pain - previous_pain, days_done
        )
        plan = build_plan(
            self.rules, {**baseline, "pain_now": str(pain), "walk_minutes": str(walk)}
        )
        conv.data.setdefault("past_plans", []).append(
            {"until": today.isoformat(), "plan": old_plan}
        )
        conv.data["plan"] = {**plan.to_json(), "level": level}
        entry = {
            "date": today.isoformat(),
            "pain": pain,
            "walk": walk,
            "days_done": days_done,
            "decision": decision,
            "level": level,
        }
        checkins.append(entry)
        conv.data["last_checkin"] = today.isoformat()
        conv.history.append(HistoryEntry("checkin", today.isoformat(), entry, f"checkin:{today}"))
        self._report(conv, int(baseline["pain_now"]), entry, pain - previous_pain)

    def _days_done(self, conv: Conversation, today: date) -> int:
        week = {(today - timedelta(days=n)).isoformat() for n in range(7)}
        return len(week & set(conv.data.get("done_days", [])))

    def _decide(self, level: int, pain_rise: int, days_done: int) -> tuple[int, str]:
        rules = self.rules.progression
        if pain_rise >= rules.step_back_pain_rise:
            return max(0, level - 1), "back"
        if days_done >= rules.min_days_done:
            return (level + 1, "up") if level < rules.max_level else (level, "top")
        return level, "keep"

    def _report(
        self, conv: Conversation, first_pain: int, entry: dict[str, Any], rise: int
    ) -> None:
        drop, meaningful = pain_change(first_pain, entry["pain"])
        key = (
            "better_mic"
            if meaningful
            else "better"
            if drop > 0
            else "same"
            if drop == 0
            else "worse"
        )
        lines = [conv.t(f"checkin.pain_{key}", first=first_pain, now=entry["pain"], drop=abs(drop))]
        walk_start = conv.data.get("answers", {}).get("walk_minutes", "?")
        lines.append(conv.t("checkin.walk", first=walk_start, now=entry["walk"]))
        lines.append(
            conv.t(
                f"checkin.decision_{entry['decision']}",
                days=entry["days_done"],
                rise=rise,
                need=self.rules.progression.min_days_done,
            )
        )
        conv.say("\n\n".join(lines))
