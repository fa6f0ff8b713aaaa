"""What the dialog core needs from storage, as a small Protocol the storage package implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from dialogs.messages import Outgoing, Reply

JsonDict = dict[str, Any]


@dataclass(frozen=True, slots=True)
class UserKey:
    platform: str
    user_id: str


@dataclass(frozen=True, slots=True)
class UserRecord:
    """A user's conversation as stored: the machine state, the answers so far, a step counter."""

    key: UserKey
    chat_id: str
    state: str
    data: JsonDict = field(default_factory=dict)
    seq: int = 0
    locale: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One thing that happened, kept as it was told: a reminder sent, a session done, a score.
    A second entry with the same `once_key` for a user is refused by the database."""

    kind: str
    local_date: str
    value: JsonDict
    once_key: str | None = None


@dataclass(frozen=True, slots=True)
class StepResult:
    """What one event leads to: the record to keep (None keeps nothing), the replies, and
    what to add to the user's history."""

    record: UserRecord | None
    replies: tuple[Reply, ...]
    chat_id: str
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class DueReminder:
    key: UserKey
    due: datetime


Step = Callable[[UserRecord | None], StepResult]


class Store(Protocol):
    async def apply(self, key: UserKey, step: Step, now: datetime) -> list[Outgoing]:
        """Load the user's record under a lock, run `step`, save its result and queue its
        replies in the outbox, all in one committed transaction; return the queued replies."""
        ...

    async def mark_sent(self, outbox_ids: list[int]) -> None: ...

    async def claim_unsent(
        self, platform: str, now: datetime, older_than_s: float, user_id: str | None = None
    ) -> list[Outgoing]:
        """Replies committed but not marked sent (a crash between commit and send), oldest first.
        Each claim lasts a minute, so two processes do not send the same reply twice."""
        ...

    async def load(self, key: UserKey) -> UserRecord | None: ...

    async def claim_due_reminders(
        self,
        now: datetime,
        limit: int,
        lease_s: float,
        platform: str,
        user_id: str | None = None,
    ) -> list[DueReminder]:
        """Reminders whose wake-up time has come, claimed for `lease_s` seconds so that another
        dispatcher skips them; the claim ends when the user's record is next saved."""
        ...

    async def history(self, key: UserKey, kind: str | None = None) -> list[JsonDict]: ...
