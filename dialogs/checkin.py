"""The weekly check-in: pain and walking again, the safety questions again, then a comparison
with the first week and a step up, a step back, or the same plan, said plainly with the why."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from dialogs.conversation import Conversation
from dialogs.holds import local_day
from dialogs.machine import PLAN, fire
from dialogs.messages import Button
from dialogs.plan import build_plan
from dialogs.ports import HistoryEntry
from dialogs.progress import pain_change

if TYPE_CHECKING:
    from dialogs.dialog import Dialog


class CheckIns:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        self.rules = dialog.content.plans

    def is_due(self, conv: Conversation) -> bool:
        """On the weekday the user started, from the second week on, once that day."""
        started = conv.data.get("started")
        if conv.state != PLAN or not started:
            return False
        today, start = local_day(conv), date.fromisoformat(started)
        due = today >= start + timedelta(days=7) and today.weekday() == start.weekday()
        return due and conv.data.get("last_checkin") != today.isoformat()

    def prompt_button(self, conv: Conversation) -> Button:
        return Button("ci.start", conv.t("checkin.start_button"))

    def start(self, conv: Conversation) -> None:
        if conv.state != PLAN or "plan" not in conv.data:
            conv.say(conv.t("checkin.not_ready"))
            return
        conv.data["checkin_answers"] = {}
        conv.say(conv.t("checkin.intro"))
        fire(self.dialog.machine, "checkin", conv)

    def finish(self, conv: Conversation) -> None:
        """Called when the last check-in answer brings the conversation back to the plan."""
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
