"""Red flags: the advice for each tier, the hold on the plan, and the next day's follow-up."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from content.emergency import country_for_locale, country_for_zone
from dialogs.conversation import NEW, Conversation
from dialogs.machine import HOLD, PLAN, fire
from dialogs.messages import Alert, Button
from dialogs.safety import Finding

if TYPE_CHECKING:
    from dialogs.dialog import Dialog


def local_day(conv: Conversation) -> date:
    zone = conv.data.get("tz")
    try:
        return conv.now.astimezone(ZoneInfo(zone)).date() if zone else conv.now.date()
    except (ZoneInfoNotFoundError, ValueError):
        return conv.now.date()


class Holds:
    def __init__(self, dialog: Dialog) -> None:
        self.dialog = dialog
        self.content = dialog.content

    def escalate(self, conv: Conversation, finding: Finding) -> None:
        """A red flag in free text: advice at its tier now, whatever the conversation was doing."""
        hold = self._new_hold(conv, finding.tier, finding.label, "text", conv.state)
        if conv.state == NEW:  # nothing is kept before consent, but the advice is given
            self._advise(conv, hold, [])
            conv.say(self._summary(conv, hold))
            return
        current = conv.data.get("hold")
        if conv.state == HOLD and isinstance(current, dict):
            if Alert(current["tier"]).rank >= finding.tier.rank:
                self._log(conv, hold)
                self._advise(conv, hold, self.buttons(conv))
                return
            hold["resume"] = current["resume"]
        conv.data["hold"] = hold
        self._log(conv, hold)
        if conv.state == HOLD:
            self._advise(conv, hold, self.buttons(conv))
        else:
            fire(self.dialog.machine, "flag", conv)

    def announce(self, conv: Conversation, event: Any) -> None:
        """Entering the hold. From a screening "yes", record which question raised it."""
        if event.event.name == "answer":
            question = self.dialog.questions[event.transition.source]
            assert question.tier is not None, "only screening questions lead to a hold"
            label = conv.t(f"hold.label.{question.id}")
            hold = self._new_hold(conv, Alert(question.tier), label, "screening", question.state)
            conv.data["hold"] = hold
            self._log(conv, hold)
        self._advise(conv, conv.data["hold"], self.buttons(conv))

    def remind(self, conv: Conversation) -> None:
        hold = conv.data["hold"]
        if self._is_follow_up_day(conv):
            conv.say(conv.t("hold.follow_up", label=hold["label"]), self.buttons(conv))
        else:
            conv.say(conv.t("hold.reminder", label=hold["label"]), self.buttons(conv))

    def buttons(self, conv: Conversation) -> list[Button]:
        hold = conv.data.get("hold") or {}
        buttons = [conv.button("hold.summary", "hold.summary_button")]
        if self._is_follow_up_day(conv):
            buttons.insert(0, conv.button("hold.checked", "hold.checked_button"))
            buttons.insert(1, conv.button("hold.notyet", "hold.not_yet_button"))
        mistake = (
            "hold.mistake_yes_button"
            if hold.get("source") == "screening"
            else "hold.mistake_button"
        )
        buttons.append(conv.button("hold.mistake", mistake))
        return buttons

    def on_button(self, conv: Conversation, value: str) -> None:
        hold = conv.data.get("hold") or {}
        if value == "summary":
            conv.say(self._summary(conv, hold))
        elif value == "notyet":
            conv.say(conv.t("hold.not_yet"))
            self._advise(conv, hold, self.buttons(conv))
        elif value in ("checked", "mistake"):
            self._release(conv, hold, value)

    def _release(self, conv: Conversation, hold: dict[str, Any], how: str) -> None:
        target = hold["resume"]
        if how == "checked" and hold.get("source") == "screening":
            target = self._after(hold["resume"])
        for entry in conv.data.get("flags", []):
            if entry.get("at") == hold["at"]:
                entry["outcome"] = how
        conv.say(conv.t("hold.cleared" if how == "checked" else "hold.mistake"))
        conv.data["hold"] = {**hold, "resume": target}
        if target == PLAN and "plan" not in conv.data:
            self.dialog.plans.make_plan(conv)
        fire(self.dialog.machine, "resume", conv)
        conv.data.pop("hold", None)

    def _after(self, state: str) -> str:
        order = [q.state for q in self.content.interview.questions] + [PLAN]
        return order[order.index(state) + 1] if state in order[:-1] else PLAN

    def _is_follow_up_day(self, conv: Conversation) -> bool:
        hold = conv.data.get("hold")
        return isinstance(hold, dict) and local_day(conv).isoformat() > hold["day"]

    def _new_hold(
        self, conv: Conversation, tier: Alert, label: str, source: str, resume: str
    ) -> dict[str, Any]:
        return {
            "tier": tier.value,
            "label": label,
            "source": source,
            "resume": resume,
            "day": local_day(conv).isoformat(),
            "at": conv.now.isoformat(),
        }

    def _log(self, conv: Conversation, hold: dict[str, Any]) -> None:
        entry = {k: hold[k] for k in ("tier", "label", "source", "day", "at")}
        conv.data.setdefault("flags", []).append(entry)

    def _advise(self, conv: Conversation, hold: dict[str, Any], buttons: list[Button]) -> None:
        number, advice = self._emergency_number(conv)
        text = conv.t(f"hold.{hold['tier']}", label=hold["label"], number=number)
        conv.say(f"{text}\n{advice}".strip(), buttons, alert=Alert(hold["tier"]))

    def _emergency_number(self, conv: Conversation) -> tuple[str, str]:
        """How to reach emergency care where the user is, and any extra line for that country."""
        country = country_for_zone(conv.data.get("tz")) or country_for_locale(conv.locale)
        entry = self.content.emergency.get(country or "")
        if entry is None:
            return conv.t("emergency.unknown"), ""
        advice = conv.t(entry.advice_key) if entry.advice_key else ""
        return conv.t("emergency.number", number=entry.number), advice

    def _summary(self, conv: Conversation, hold: dict[str, Any]) -> str:
        answers = conv.data.get("answers", {})
        details = ""
        if "pain_now" in answers:
            words = self.content.interview
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
