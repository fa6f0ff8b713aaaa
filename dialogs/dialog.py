"""One step of a conversation: an incoming event and the stored record in, the new record and
the replies out. Pure and synchronous; the Engine wraps it in a transaction."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

from content.bundle import Content
from content.interview import Kind
from dialogs.answers import normalise, parse_answer
from dialogs.checkin import CheckIns
from dialogs.conversation import NEW, Conversation
from dialogs.holds import Holds, local_day
from dialogs.machine import HOLD, PLAN, build_machine, fire
from dialogs.messages import (
    Button,
    ButtonPress,
    Command,
    Incoming,
    ReminderDue,
    Sender,
    TextMessage,
)
from dialogs.plan import PlanView
from dialogs.ports import StepResult, UserRecord
from dialogs.reminders import Reminders
from dialogs.safety import SafetyNet

# Commands that take one free-text argument, with what it is (platforms name their option so).
COMMAND_ARGUMENTS = {"remind": "time", "timezone": "zone", "pause": "days"}
MAX_TEXT = 2000  # longer texts are checked for red flags, then politely refused
COMMANDS = (
    "start",
    "help",
    "interview",
    "exercises",
    "why",
    "posture",
    "remind",
    "timezone",
    "pause",
    "checkin",
    "progress",
    "export",
    "forget",
)
BACK = "back"


class Dialog:
    def __init__(self, content: Content) -> None:
        self.content = content
        self.machine = build_machine(content.interview)
        self.questions = content.interview.by_state()
        self.safety = SafetyNet(content.redflags)
        self.holds = Holds(self)
        self.plans = PlanView(content)
        self.reminders = Reminders(self)
        self.checkins = CheckIns(self)
        self._commands: dict[str, Callable[[Conversation], None]] = {
            "start": self._cmd_start,
            "help": self._cmd_help,
            "interview": self._cmd_interview,
            "exercises": self.plans.show_exercises,
            "why": self.plans.show_why,
            "posture": self.plans.show_posture,
            "forget": self._cmd_forget,
            "checkin": self.checkins.start,
        }
        self._commands_with_args: dict[str, Callable[[Conversation, tuple[str, ...]], None]] = {
            "remind": self.reminders.remind,
            "timezone": self.reminders.timezone,
            "pause": self.reminders.pause,
        }
        assert set(self._commands_with_args) == set(COMMAND_ARGUMENTS)

    def step(self, event: Incoming, record: UserRecord | None) -> StepResult:
        conv = Conversation(record, event, self.content.texts, hooks=self)
        if isinstance(event, ReminderDue):
            self.reminders.fire(conv)
            return conv.result()
        self.reminders.on_user_message(conv)
        if isinstance(event, TextMessage):
            self._on_text(conv, event.text)
        elif isinstance(event, Command):
            self._on_command(conv, event)
        else:
            self._on_button(conv, event)
        return conv.result()

    def reminder_due(self, now: datetime, record: UserRecord | None) -> StepResult:
        """The dispatcher's step: send the reminder if it is due, and schedule the next."""
        if record is None:
            return StepResult(None, (), "")
        sender = Sender(record.key.platform, record.key.user_id, record.chat_id, record.locale)
        return self.step(ReminderDue(sender, now), record)

    def mark_unreachable(self, now: datetime, record: UserRecord | None) -> StepResult:
        if record is None:
            return StepResult(None, (), "")
        data = {**record.data, "unreachable_since": now.isoformat()}
        reminder = data.get("reminder")
        if isinstance(reminder, dict):
            data["reminder"] = {**reminder, "wake_at": None}
        return StepResult(replace(record, data=data), (), record.chat_id)

    # -- what came in --------------------------------------------------------------------

    def _on_text(self, conv: Conversation, raw: str) -> None:
        finding = self.safety.check(raw)  # before anything else, in every state
        if finding is not None:
            self.holds.escalate(conv, finding)
            return
        text = normalise(raw)
        if not text:
            conv.say(conv.t("errors.empty"))
            self.announce_current(conv)
        elif len(raw) > MAX_TEXT:
            conv.say(conv.t("errors.too_long"))
        elif conv.state in self.questions:
            self._answer_typed(conv, text)
        elif conv.state == HOLD:
            self.holds.remind(conv)
        elif conv.state == NEW:
            self._cmd_start(conv)
        else:
            conv.say(conv.t("errors.not_understood"))

    def _on_command(self, conv: Conversation, event: Command) -> None:
        if event.args:
            finding = self.safety.check(" ".join(event.args))
            if finding is not None:
                self.holds.escalate(conv, finding)
                return
        with_args = self._commands_with_args.get(event.name)
        if with_args is not None:
            with_args(conv, event.args)
            return
        handler = self._commands.get(event.name)
        if handler is None:
            name = "".join(ch for ch in event.name if ch.isalnum() or ch == "_")[:32]
            conv.say(conv.t("errors.unknown_command", name=name or "?"))
            return
        if conv.state == HOLD and event.name in ("interview", "exercises"):
            self.holds.remind(conv)
            return
        handler(conv)

    def _on_button(self, conv: Conversation, event: ButtonPress) -> None:
        button_id = event.button_id
        scope, _, value = button_id.partition(".")
        if scope in ("rem", "tz") and self.reminders.on_button(conv, scope, value):
            return
        if button_id == "ci.start" and conv.state == PLAN:
            self.checkins.start(conv)
            return
        if button_id not in self._accepted_buttons(conv):
            known = self._is_known_button(button_id)
            conv.say(conv.t("errors.stale_button" if known else "errors.unknown_button"))
            self.announce_current(conv)
            return
        if scope == "start":
            self._on_start_button(conv, value)
        elif scope == "hold":
            self.holds.on_button(conv, value)
        elif scope == "forget":
            self._on_forget_button(conv, value)
        elif scope == BACK:
            fire(self.machine, "back", conv)
        else:
            fire(self.machine, "answer", conv, value=value)

    # -- the interview -------------------------------------------------------------------

    def _answer_typed(self, conv: Conversation, text: str) -> None:
        question = self.questions[conv.state]
        wording = self.content.interview.words(conv.language, question)
        value = parse_answer(text, question, wording, self.content.answers_for(conv.language))
        if value is None:
            conv.say(wording.hint)
            self.announce_current(conv)
            return
        fire(self.machine, "answer", conv, value=value)

    def record_answer(self, conv: Conversation, event: Any) -> None:
        source = event.transition.source
        question = self.questions[source]
        where = "checkin_answers" if source.startswith("c_") else "answers"
        conv.data.setdefault(where, {})[question.id] = event.kwargs["value"]

    def announce(self, conv: Conversation, event: Any) -> None:
        """Called by the machine after every state change: say what the new state asks."""
        if event.event.name == "answer" and event.transition.source in self.questions:
            self.record_answer(conv, event)
            if conv.state == PLAN and event.transition.source.startswith("c_"):
                self.checkins.finish(conv)
            elif conv.state == PLAN:
                self.plans.make_plan(conv)
        if conv.state == HOLD:
            self.holds.announce(conv, event)
        else:
            self.announce_current(conv)

    def announce_current(self, conv: Conversation) -> None:
        if conv.state == NEW:
            conv.say(conv.t("start.greeting"), self.buttons_for(conv))
        elif conv.state in self.questions:
            question = self.questions[conv.state]
            wording = self.content.interview.words(conv.language, question)
            conv.say(wording.text, self.buttons_for(conv))
        elif conv.state == PLAN:
            self.plans.show_plan(conv)
        elif conv.state == HOLD:
            self.holds.remind(conv)

    def buttons_for(self, conv: Conversation) -> list[Button]:
        """The buttons the current state offers; a press is accepted only if it is one."""
        if conv.state == NEW:
            return [conv.button("start.begin", "start.begin")]
        if conv.state == HOLD:
            return self.holds.buttons(conv)
        if conv.state in self.questions:
            return self._question_buttons(conv)
        return []

    def _question_buttons(self, conv: Conversation) -> list[Button]:
        question = self.questions[conv.state]
        wording = self.content.interview.words(conv.language, question)
        if question.kind is Kind.SCALE:
            labels = {o: o for o in question.options}
        else:
            labels = wording.labels or {o: conv.t(f"answers.{o}") for o in question.options}
        buttons = [Button(f"{question.id}.{o}", labels[o]) for o in question.options]
        if "back" in self.machine.get_triggers(conv.state):
            buttons.append(Button(f"{BACK}.{question.id}", conv.t("answers.back")))
        return buttons

    def _accepted_buttons(self, conv: Conversation) -> set[str]:
        accepted = {b.id for b in self.buttons_for(conv)}
        if conv.state == NEW:
            accepted |= {"start.agree", "start.decline"}
        else:
            accepted |= {"forget.yes", "forget.no"}
        return accepted

    def _is_known_button(self, button_id: str) -> bool:
        scope = button_id.partition(".")[0]
        return scope in {"start", "hold", "forget", "rem", "tz", "ci", BACK} or any(
            q.id == scope for q in self.content.interview.questions
        )

    # -- commands ------------------------------------------------------------------------

    def _cmd_start(self, conv: Conversation) -> None:
        if conv.state == NEW:
            self.announce_current(conv)
            return
        conv.say(conv.t("start.greeting"))
        conv.say(conv.t("start.welcome_back"))
        self.announce_current(conv)

    def _on_start_button(self, conv: Conversation, value: str) -> None:
        if value == "begin":
            conv.say(
                conv.t("consent.text"),
                [
                    conv.button("start.agree", "consent.agree"),
                    conv.button("start.decline", "consent.decline"),
                ],
            )
        elif value == "agree":
            conv.keep = True
            conv.data["started"] = local_day(conv).isoformat()
            fire(self.machine, "agree", conv)
        else:
            conv.say(conv.t("consent.declined"))

    def _cmd_help(self, conv: Conversation) -> None:
        lines = [conv.t("help.title"), ""]
        lines += [f"/{name} – {conv.t(f'commands.{name}')}" for name in COMMANDS]
        lines += ["", conv.t("help.footer")]
        conv.say("\n".join(lines))

    def _cmd_interview(self, conv: Conversation) -> None:
        if conv.state == NEW:
            self._on_start_button(conv, "begin")
            return
        conv.data.pop("answers", None)
        fire(self.machine, "restart", conv)

    def _cmd_forget(self, conv: Conversation) -> None:
        if conv.state == NEW:
            conv.say(conv.t("forget.nothing"))
            return
        conv.say(
            conv.t("forget.confirm"),
            [conv.button("forget.yes", "forget.yes"), conv.button("forget.no", "forget.no")],
        )

    def _on_forget_button(self, conv: Conversation, value: str) -> None:
        if value == "yes":
            conv.keep = False
            conv.say(conv.t("forget.done"))
        else:
            conv.say(conv.t("forget.kept"))
