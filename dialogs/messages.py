"""What comes in from a chat platform and what goes back out, independent of any platform."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Alert(StrEnum):
    """How urgently a reply asks the user to seek care. Ordered from least to most urgent."""

    NONE = "none"
    SOON = "soon"
    URGENT = "urgent"
    EMERGENCY = "emergency"

    @property
    def rank(self) -> int:
        return _ALERT_RANK[self]


_ALERT_RANK = {Alert.NONE: 0, Alert.SOON: 1, Alert.URGENT: 2, Alert.EMERGENCY: 3}


@dataclass(frozen=True, slots=True)
class Sender:
    """Who wrote, where. Ids are strings on every platform."""

    platform: str
    user_id: str
    chat_id: str
    locale: str | None = None


@dataclass(frozen=True, slots=True)
class TextMessage:
    sender: Sender
    at: datetime
    text: str
    forwarded: bool = False  # passed on from someone else: it may not be about the sender
    edited: bool = False  # an earlier message, changed: read for warning signs only


@dataclass(frozen=True, slots=True)
class Command:
    """A slash command, without the slash: `/remind 07:30` is name="remind", args=("07:30",)."""

    sender: Sender
    at: datetime
    name: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ButtonPress:
    sender: Sender
    at: datetime
    button_id: str


@dataclass(frozen=True, slots=True)
class ReminderDue:
    """Not from the user: the dispatcher saying this user's reminder may be due now."""

    sender: Sender
    at: datetime


Incoming = TextMessage | Command | ButtonPress | ReminderDue


@dataclass(frozen=True, slots=True)
class Button:
    id: str
    label: str


@dataclass(frozen=True, slots=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    alert: Alert = Alert.NONE
    image: str | None = None
    document: str | None = None  # a file to send as an attachment (an export)


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A reply addressed to one chat, with the outbox id that marks it delivered."""

    outbox_id: int
    platform: str
    user_id: str
    chat_id: str
    reply: Reply
