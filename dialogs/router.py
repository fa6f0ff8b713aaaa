"""Routers: how a feature declares what it handles, in the spirit of aiogram 3's `Router`.

A feature module builds one `Router` and decorates its handlers: the commands it answers, the
button-id scope it owns (`rem` for `rem.done.2026-12-01`), the states it asks and whose typed
text it reads, what it adds to the daily reminder. Handlers get a `Context` for the event:
the conversation, the content, the machine and a way to ask "say what the current state
asks", never the dispatcher itself."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from transitions import Machine

from content.bundle import Content
from content.interview import Question
from dialogs.conversation import Conversation
from dialogs.machine import fire
from dialogs.pictures import NO_PICTURES, Pictures

CommandHandler = Callable[["Context", tuple[str, ...]], None]
PressHandler = Callable[["Context", str, str], bool]  # scope, value; False: not valid now
TextHandler = Callable[["Context", str], bool | None]  # False: not its words
TextReader = Callable[["Context", str], bool]  # True: the text was this feature's to answer
StateHandler = Callable[["Context"], None]
TransitionHandler = Callable[["Context", Any], None]
Hook = Callable[["Context"], None]
ReplyReader = Callable[["Context", str, dict[str, Any]], bool]  # the prompt; False: not read
ReminderPart = Callable[["Context", str], None]  # the reminder's local day
PlanPart = Callable[["Context"], None]  # says its part after the plan is shown
WakeTime = Callable[["Context"], "datetime | None"]  # when the feature next needs the user
Named = Callable[[Content], list[str]]  # names read from the content when a dialog is built
PROMPT_KEY = "prompt"  # in a conversation's data: the latest prompt outside the interview


@dataclass(frozen=True, slots=True)
class CommandSpec:
    name: str
    run: CommandHandler
    argument: str | None = None  # one free-text argument, named so in the platforms' menus
    waits_while_held: bool = False  # during a red-flag hold the hold is repeated instead
    query: bool = False  # read-only: the engine answers it outside any transaction


@dataclass(slots=True)
class StateSpec:
    """What a feature does for the states it owns. `ask` says what the state asks; `entered`
    (default: ask) runs when the machine arrives; `left` when an answer leaves the state."""

    ask: StateHandler
    text: TextHandler | None = None
    entered: TransitionHandler | None = None
    left: TransitionHandler | None = None


@dataclass
class Router:
    name: str
    commands: list[CommandSpec] = field(default_factory=list)
    scopes: dict[str, PressHandler] = field(default_factory=dict)
    states: dict[str, StateSpec] = field(default_factory=dict)
    reminder_parts: list[ReminderPart] = field(default_factory=list)
    plan_parts: list[PlanPart] = field(default_factory=list)
    before_each: list[Hook] = field(default_factory=list)
    when_due: list[Hook] = field(default_factory=list)
    wakes: list[WakeTime] = field(default_factory=list)
    free_text: list[TextReader] = field(default_factory=list)
    scopes_from_content: list[tuple[Named, PressHandler]] = field(default_factory=list)
    states_from_content: list[tuple[Named, StateSpec]] = field(default_factory=list)
    reply_readers: dict[str, ReplyReader] = field(default_factory=dict)
    after_each: list[Hook] = field(default_factory=list)

    def command(
        self,
        name: str,
        argument: str | None = None,
        waits_while_held: bool = False,
        query: bool = False,
    ) -> Callable[[CommandHandler], CommandHandler]:
        def register(handler: CommandHandler) -> CommandHandler:
            self.commands.append(CommandSpec(name, handler, argument, waits_while_held, query))
            return handler

        return register

    def buttons(self, *scopes: str) -> Callable[[PressHandler], PressHandler]:
        def register(handler: PressHandler) -> PressHandler:
            for scope in scopes:
                self.scopes[scope] = handler
            return handler

        return register

    def buttons_named_by(self, scopes: Named) -> Callable[[PressHandler], PressHandler]:
        """Scopes that the content names (a question's id scopes its answer buttons)."""

        def register(handler: PressHandler) -> PressHandler:
            self.scopes_from_content.append((scopes, handler))
            return handler

        return register

    def own_states(self, states: list[str] | Named, spec: StateSpec) -> None:
        """States by name, or named by the content (the interview's questions)."""
        if callable(states):
            self.states_from_content.append((states, spec))
        else:
            self.states.update(dict.fromkeys(states, spec))

    def reads_typed_replies(self, prompt: str) -> Callable[[ReplyReader], ReplyReader]:
        """Typed text answering this feature's latest prompt (see `Context.awaits`)."""

        def register(reader: ReplyReader) -> ReplyReader:
            self.reply_readers[prompt] = reader
            return reader

        return register

    def after_every_message(self, hook: Hook) -> Hook:
        self.after_each.append(hook)
        return hook

    def reminder_part(self, part: ReminderPart) -> ReminderPart:
        self.reminder_parts.append(part)
        return part

    def plan_part(self, part: PlanPart) -> PlanPart:
        """What the feature adds when the plan is shown (a walking programme, say)."""
        self.plan_parts.append(part)
        return part

    def reads_free_text(self, reader: TextReader) -> TextReader:
        """Typed text that the current state does not ask for ("walked 20 min, pain after
        12"): the reader says whether it took it. Only texts that raised no alarm get here."""
        self.free_text.append(reader)
        return reader

    def on_every_message(self, hook: Hook) -> Hook:
        self.before_each.append(hook)
        return hook

    def on_due(self, hook: Hook) -> Hook:
        """Run when the dispatcher wakes the user: at the earliest of the `wake_at` times."""
        self.when_due.append(hook)
        return hook

    def wake_at(self, wake: WakeTime) -> WakeTime:
        """When this feature next needs the dispatcher to wake the user (None: it doesn't)."""
        self.wakes.append(wake)
        return wake


class Desk(Protocol):
    """The part of the dispatcher a feature may call."""

    def ask_current(self, ctx: Context) -> None: ...

    def announce(self, ctx: Context, event: Any) -> None: ...

    def add_reminder_parts(self, ctx: Context, day: str) -> None: ...

    def add_plan_parts(self, ctx: Context) -> None: ...

    def raises_alarm(self, text: str) -> bool: ...


@dataclass(frozen=True, slots=True)
class Setting:
    """What every feature may read, built once per dialog."""

    content: Content
    machine: Machine
    questions: Mapping[str, Question]  # by the state that asks them, check-in states included
    commands: tuple[CommandSpec, ...]
    pictures: Pictures = NO_PICTURES  # the exercises' pictures, drawn at start-up


class Context:
    """One event's view for a feature. It is also the conversation's hook: the machine's
    after-state-change callback arrives here and goes on to the features that own the states."""

    __slots__ = ("_desk", "conv", "setting")

    def __init__(self, conv: Conversation, setting: Setting, desk: Desk) -> None:
        self.conv = conv
        self.setting = setting
        self._desk = desk
        conv.hooks = self

    @property
    def content(self) -> Content:
        return self.setting.content

    @property
    def questions(self) -> Mapping[str, Question]:
        return self.setting.questions

    def fire(self, trigger: str, **kwargs: Any) -> bool:
        return fire(self.setting.machine, trigger, self.conv, **kwargs)

    def triggers_here(self) -> list[str]:
        return list(self.setting.machine.get_triggers(self.conv.state))

    def ask_current(self) -> None:
        self._desk.ask_current(self)

    def awaits(self, prompt: str, **details: Any) -> None:
        """The message just said is a prompt whose typed answers `prompt`'s reader takes. It
        lasts until the next message: any later event forgets it."""
        self.conv.data[PROMPT_KEY] = {"prompt": prompt, **details}

    def add_reminder_parts(self, day: str) -> None:
        self._desk.add_reminder_parts(self, day)

    def add_plan_parts(self) -> None:
        self._desk.add_plan_parts(self)

    def raises_alarm(self, text: str) -> bool:
        """Whether these words alone would get a crisis or red-flag reply (nothing is said)."""
        return self._desk.raises_alarm(text)

    def announce(self, conv: Conversation, event: Any) -> None:
        self._desk.announce(self, event)
