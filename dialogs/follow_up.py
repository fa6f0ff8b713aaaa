"""When a follow-up is due: the next day, at the user's reminder time if they have one, else
mid-morning, in their time zone and never in quiet hours. The dispatcher wakes the user for it
through the one durable schedule (`wake_at`), so it comes with or without a daily reminder."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dialogs.conversation import Conversation
from dialogs.local_time import local_day
from dialogs.schedule import after_quiet_hours, local_instant, zone

MID_MORNING = time(10, 0)


def next_day_at(conv: Conversation) -> str:
    tz = zone(conv.data.get("tz")) or ZoneInfo("UTC")
    reminder = conv.data.get("reminder")
    at = MID_MORNING
    if isinstance(reminder, dict) and reminder.get("active") and reminder.get("time"):
        at = time.fromisoformat(reminder["time"])
    instant = local_instant(local_day(conv) + timedelta(days=1), at, tz)
    return after_quiet_hours(instant, tz).isoformat()


def due_at(entry: Any) -> datetime | None:
    """The follow-up instant of a hold, soon advice or crisis entry, if one is still to come."""
    if not isinstance(entry, dict) or not isinstance(entry.get("follow_up_at"), str):
        return None
    return datetime.fromisoformat(entry["follow_up_at"])


def is_due(entry: Any, now: datetime) -> bool:
    when = due_at(entry)
    return when is not None and when <= now
