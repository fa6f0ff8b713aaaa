"""The model the state machine drives: one user's state and answers while one event is handled."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Protocol

from content.texts import Texts
from dialogs.messages import Alert, Button, Incoming, Reply
from dialogs.ports import HistoryEntry, JsonDict, StepResult, UserKey, UserRecord

NEW = "new"  # no record kept: the user has not agreed to anything yet


def copy_json(value: Any) -> Any:
    """A deep copy of JSON-shaped data (dicts, lists, immutable leaves), many times faster
    than copy.deepcopy: the stored record stays as it was while the event changes the copy."""
    if isinstance(value, dict):
        return {k: copy_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [copy_json(v) for v in value]
    return value


class Hooks(Protocol):
    def announce(self, conv: Conversation, event: Any) -> None: ...


class Conversation:
    """Built fresh for each event from the stored record, and never attached to the machine:
    the machine reads and writes `state` and calls the callbacks below by name."""

    def __init__(
        self,
        record: UserRecord | None,
        event: Incoming,
        texts: Texts,
        hooks: Hooks | None = None,
    ) -> None:
        sender = event.sender
        self.event = event
        self.key = UserKey(sender.platform, sender.user_id)
        self.chat_id = sender.chat_id
        self.locale = sender.locale or (record.locale if record else None)
        self.language = texts.language_for(self.locale)
        self.texts = texts
        self.hooks: Hooks | None = hooks
        self.record = record
        self.state: str = record.state if record else NEW
        self.data: JsonDict = copy_json(record.data) if record else {}
        self.keep = record is not None
        self.replies: list[Reply] = []
        self.history: list[HistoryEntry] = []

    # -- machine callbacks (named in dialogs.machine) --------------------------------------

    def announce(self, event: Any) -> None:
        if self.hooks is not None:
            self.hooks.announce(self, event)

    def answered_yes(self, event: Any) -> bool:
        return bool(event.kwargs.get("value") == "yes")

    def is_resume_target(self, event: Any) -> bool:
        hold = self.data.get("hold") or {}
        return bool(event.transition.dest == hold.get("resume"))

    # -- helpers for building replies ------------------------------------------------------

    @property
    def now(self) -> datetime:
        return self.event.at

    def t(self, key: str, **values: object) -> str:
        return self.texts.get(self.language, key, **values)

    def say(
        self,
        text: str,
        buttons: tuple[Button, ...] | list[Button] = (),
        alert: Alert = Alert.NONE,
        image: str | None = None,
    ) -> None:
        self.replies.append(Reply(text, tuple(buttons), alert, image))

    def button(self, button_id: str, text_key: str) -> Button:
        return Button(button_id, self.t(text_key))

    def result(self) -> StepResult:
        if not self.keep:
            return StepResult(None, tuple(self.replies), self.chat_id)
        history = tuple(self.history)
        if self.record is None:
            record = UserRecord(self.key, self.chat_id, self.state, self.data, 1, self.locale)
        else:
            record = replace(
                self.record,
                chat_id=self.chat_id,
                state=self.state,
                data=self.data,
                seq=self.record.seq + 1,
                locale=self.locale,
            )
        return StepResult(record, tuple(self.replies), self.chat_id, history)
