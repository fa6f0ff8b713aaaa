"""The user's own calendar day, in their time zone when they have set one."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dialogs.conversation import Conversation


def local_day(conv: Conversation) -> date:
    zone = conv.data.get("tz")
    try:
        return conv.now.astimezone(ZoneInfo(zone)).date() if zone else conv.now.date()
    except (ZoneInfoNotFoundError, ValueError):
        return conv.now.date()
