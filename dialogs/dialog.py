"""The dispatcher: one step of a conversation. An incoming event and the stored record in, the
new record and the replies out; pure and synchronous (the Engine wraps it in a transaction).

It keeps only the order that matters: the safety net first on every text, then the feature
that owns the state, the command or the button's scope. Features live in their own modules
and declare what they handle on a `Router`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from content.bundle import Content
from content.texts import DEFAULT_LANGUAGE
from dialogs import (
    background,
    checkin,
    crisis,
    data_rights,
    holds,
    interview,
    menu,
    own_sign,
    plan_view,
    reminder_firing,
    reminder_replies,
    reminders,
    safety_question,
    session,
    soon,
    start,
    walking,
    worse,
)
from dialogs.answers import normalise
from dialogs.conversation import Conversation
from dialogs.flags import excerpt
from dialogs.machine import HOLD, build_machine
from dialogs.messages import (
    ButtonPress,
    Command,
    Incoming,
    ReminderDue,
    Reply,
    Sender,
    TextMessage,
)
from dialogs.pictures import NO_PICTURES, Pictures
from dialogs.ports import StepResult, UserRecord
from dialogs.router import (
    PROMPT_KEY,
    CommandSpec,
    Context,
    PressHandler,
    ReplyReader,
    Router,
    Setting,
    StateSpec,
)
from dialogs.safety import net_of
from dialogs.second_opinion import ALARM, SecondOpinion

# In the order /help and the platforms' menus list their commands.
ROUTERS: tuple[Router, ...] = (
    crisis.router,
    safety_question.router,
    start.router,
    interview.router,
    plan_view.router,
    session.router,
    reminders.router,
    reminder_firing.router,
    reminder_replies.router,
    checkin.router,
    worse.router,
    data_rights.router,
    holds.router,
    soon.router,
    walking.router,  # after holds: its soon advice is said after the reminder's own parts
    background.router,  # risk factors told in passing, read after the walks told in words
    menu.router,
)
DECLARED: tuple[CommandSpec, ...] = tuple(c for r in ROUTERS for c in r.commands)
COMMANDS = tuple(c.name for c in DECLARED)
# Commands that take one free-text argument, with what it is (platforms name their option so).
COMMAND_ARGUMENTS = {c.name: c.argument for c in DECLARED if c.argument}
QUERIES = tuple(c.name for c in DECLARED if c.query)
MAX_TEXT = 2000  # longer texts are checked for red flags, then politely refused
MAX_READ = 200_000  # of a longer paste only this much is read at all
PIECE, STEP = 1500, 1000  # a long text is checked in overlapping pieces


def _claim(owners: dict[str, Any], names: list[str], owner: Any, what: str) -> None:
    for name in names:
        if name in owners:
            raise ValueError(f"two features claim the {what} {name!r}")
        owners[name] = owner


class Dialog:
    def __init__(
        self,
        content: Content,
        routers: tuple[Router, ...] = ROUTERS,
        pictures: Pictures = NO_PICTURES,
    ) -> None:
        self.content = content
        self.routers = routers
        self.machine = build_machine(content.interview)
        self.safety = net_of(content.redflags)
        self.second_opinion = SecondOpinion.load(DEFAULT_LANGUAGE)
        self.crisis = crisis.CrisisNet(content.crisis)
        self._commands: dict[str, CommandSpec] = {}
        self._scopes: dict[str, PressHandler] = {}
        self._states: dict[str, StateSpec] = {}
        self._readers: dict[str, ReplyReader] = {}
        for router in routers:
            self._take_declarations(router)
        unowned = set(self.machine.states) - set(self._states)
        if unowned:
            raise ValueError(f"no feature owns the states {sorted(unowned)}")
        questions = content.interview.by_state()
        declared = tuple(c for r in routers for c in r.commands)
        content.texts.require((f"commands.{c.name}" for c in declared), "texts.yaml (commands)")
        self.setting = Setting(content, self.machine, questions, declared, pictures)

    def _take_declarations(self, router: Router) -> None:
        content = self.content
        for command in router.commands:
            _claim(self._commands, [command.name], command, "command")
        for scope, handler in router.scopes.items():
            _claim(self._scopes, [scope], handler, "button scope")
        for named, handler in router.scopes_from_content:
            _claim(self._scopes, named(content), handler, "button scope")
        for state, spec in router.states.items():
            _claim(self._states, [state], spec, "state")
        for named_states, spec in router.states_from_content:
            _claim(self._states, named_states(content), spec, "state")
        for prompt, reader in router.reply_readers.items():
            _claim(self._readers, [prompt], reader, "typed-reply prompt")

    def step(self, event: Incoming, record: UserRecord | None) -> StepResult:
        conv = Conversation(record, event, self.content.texts)
        ctx = Context(conv, self.setting, self)
        prompt = conv.data.pop(PROMPT_KEY, None)  # the latest prompt lasts one message
        if isinstance(event, ReminderDue):
            self._run_hooks(ctx, "when_due")
            if prompt is not None and not conv.replies:  # nothing was said: it still stands
                conv.data.setdefault(PROMPT_KEY, prompt)
            self._schedule_wake(ctx)
            return conv.result()
        self._run_hooks(ctx, "before_each")
        if isinstance(event, TextMessage):
            self._on_text(ctx, event, prompt)
        elif isinstance(event, Command):
            self._on_command(ctx, event)
        else:
            self._on_button(ctx, event)
        self._run_hooks(ctx, "after_each")
        self._schedule_wake(ctx)
        return conv.result()

    def _schedule_wake(self, ctx: Context) -> None:
        """One wake-up per user, the earliest any feature asks for: the dispatcher's index
        follows `wake_at` (reminders, red-flag and crisis follow-ups share one schedule)."""
        wakes = [w for r in self.routers for wake in r.wakes if (w := wake(ctx)) is not None]
        if ctx.conv.keep:
            ctx.conv.data["wake_at"] = min(wakes).isoformat() if wakes else None

    def reminder_due(self, now: datetime, record: UserRecord | None) -> StepResult:
        """The dispatcher's step: send the reminder if it is due, and schedule the next."""
        if record is None:
            return StepResult(None, (), "")
        sender = Sender(record.key.platform, record.key.user_id, record.chat_id, record.locale)
        return self.step(ReminderDue(sender, now), record)

    def said_after_a_query(self, event: Incoming, record: UserRecord) -> tuple[Reply, ...]:
        """What follows a read-only command's answer (in the interview: the current question
        again). Nothing of it is saved."""
        conv = Conversation(record, event, self.content.texts)
        ctx = Context(conv, self.setting, self)
        conv.say("")  # stands for the query's own answer, which shows no buttons
        self._run_hooks(ctx, "after_each")
        return tuple(conv.replies[1:])

    def answer_labels(self, language: str) -> dict[str, dict[str, str]]:
        """Each question's answer codes in plain words, for /export."""
        interview, texts = self.content.interview, self.content.texts
        labels: dict[str, dict[str, str]] = {}
        for q in interview.questions:
            words = interview.words(language, q)
            if q.tier:
                labels[q.id] = {o: texts.get(language, f"answers.{o}") for o in q.options}
            else:
                labels[q.id] = dict(words.labels) or {o: f"{o}/10" for o in q.options}
        return labels

    def mark_unreachable(self, now: datetime, record: UserRecord | None) -> StepResult:
        return reminder_firing.mark_unreachable(now, record)

    def _run_hooks(self, ctx: Context, kind: str) -> None:
        for router in self.routers:
            for hook in getattr(router, kind):
                hook(ctx)

    # -- what came in, in the order that matters ----------------------------------------

    def _on_text(self, ctx: Context, event: TextMessage, prompt: dict[str, Any] | None) -> None:
        conv, raw = ctx.conv, event.text
        answering = not (event.edited or event.forwarded)  # only then can it answer a question
        if self._is_alarm(ctx, raw, event.forwarded, answering):  # first, in every state
            return
        if event.edited:
            return  # an edit is not a new answer
        text = normalise(raw)
        if safety_question.answer_typed(ctx, text):
            return
        owner = self._states.get(conv.state)
        reader = self._readers.get(str(prompt.get("prompt"))) if prompt else None
        if not text:
            conv.say(conv.t("errors.empty"))
            self.ask_current(ctx)
        elif len(raw) > MAX_TEXT:
            conv.say(conv.t("errors.too_long"))
            self.ask_current(ctx)
        elif reader is not None and prompt is not None and reader(ctx, text, prompt):
            return
        elif owner is not None and owner.text is not None and owner.text(ctx, text) is not False:
            return  # the state's owner read it (False: not its words, the readers may try)
        elif not any(read(ctx, text) for r in self.routers for read in r.free_text):
            conv.say(conv.t("errors.not_understood"))

    def raises_alarm(self, text: str) -> bool:
        """Whether the words would get a crisis or red-flag reply (the engine's read-only
        commands run through the dialog when they do)."""
        return self.crisis.check(text) is not None or self.safety.check(text) is not None

    def shorten(self, text: str) -> str:
        """A long paste read in bounded pieces (the engine runs this off the event loop): the
        piece that raises an alarm, or a cut that still reads as too long."""
        for offset in range(0, min(len(text), MAX_READ), STEP):
            piece = text[offset : offset + PIECE]
            if self.raises_alarm(piece):
                return piece
        return text[: MAX_TEXT + 1]

    def _is_alarm(
        self, ctx: Context, text: str, forwarded: bool = False, answering: bool = False
    ) -> bool:
        """Distress first, then the red flags: True when the message got its safety reply."""
        distress = self.crisis.check(text) is not None
        finding = None if distress else self.safety.check(text, background=background.of(ctx.conv))
        if not distress and finding is None:
            worry = self.second_opinion.worry(text) if self.second_opinion else None
            if forwarded or worry is None or (answering and own_sign.plain_answer(ctx, text)):
                return False
            if answering and worry == ALARM and own_sign.gravest_yes(ctx, text):
                return False  # the question's own yes gives the gravest advice there is
            safety_question.ask_second_opinion(ctx, worry, text)  # it asks; it sets no tier
            return True
        if forwarded:
            ctx.conv.say(ctx.conv.t("errors.forwarded_alarm"))
        if distress:
            crisis.respond(ctx)
            return True
        assert finding is not None
        if answering and (own := own_sign.reading_here(ctx, finding, text)) is not None:
            own_sign.take(ctx, own, excerpt(ctx, text))  # its own question's answer
        elif finding.unsure:
            safety_question.ask(ctx, finding, text)
        else:
            answered = own_sign.answered(text) if answering else None
            holds.escalate(ctx, finding, text, answered)
        return True

    def _on_command(self, ctx: Context, event: Command) -> None:
        conv = ctx.conv
        if event.args and self._is_alarm(ctx, " ".join(event.args)):
            return
        spec = self._commands.get(event.name)
        if spec is None:
            name = "".join(ch for ch in event.name if ch.isalnum() or ch == "_")[:32]
            conv.say(conv.t("errors.unknown_command", name=name or "?"))
        elif spec.waits_while_held and conv.state == HOLD:
            holds.while_held(ctx)
        else:
            spec.run(ctx, event.args)

    def _on_button(self, ctx: Context, event: ButtonPress) -> None:
        scope, _, value = event.button_id.partition(".")
        handler = self._scopes.get(scope)
        if handler is None:
            ctx.conv.say(ctx.conv.t("errors.unknown_button"))
            self.ask_current(ctx)
        elif not handler(ctx, scope, value):
            ctx.conv.say(ctx.conv.t("errors.stale_button"))
            self.ask_current(ctx)

    # -- what features may ask of the dispatcher (the Desk) -----------------------------

    def ask_current(self, ctx: Context) -> None:
        self._states[ctx.conv.state].ask(ctx)

    def announce(self, ctx: Context, event: Any) -> None:
        """After every state change: the state left by an answer, then the state arrived at."""
        left = self._states.get(event.transition.source)
        if event.event.name == "answer" and left is not None and left.left is not None:
            left.left(ctx, event)
        arrived = self._states[ctx.conv.state]
        if arrived.entered is not None:
            arrived.entered(ctx, event)
        else:
            arrived.ask(ctx)

    def add_reminder_parts(self, ctx: Context, day: str) -> None:
        for router in self.routers:
            for part in router.reminder_parts:
                part(ctx, day)

    def add_plan_parts(self, ctx: Context) -> None:
        for router in self.routers:
            for part in router.plan_parts:
                part(ctx)
