"""The step the dispatcher runs when a daily reminder is due: the latest slot that has come,
sent once for its local day (late ones with an apology, none caught up at night), given up
after three unanswered days; and what the platform says when a user has blocked the bot."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from dialogs import holds
from dialogs.local_time import local_day
from dialogs.machine import HOLD, PLAN
from dialogs.ports import HistoryEntry, StepResult, UserRecord
from dialogs.reminders import REMINDER_PROMPT, refresh, reminder_buttons
from dialogs.router import Context, Router
from dialogs.schedule import in_quiet_hours, next_occurrence, zone

LATE_APOLOGY_AFTER = timedelta(minutes=5)
TOO_LATE = timedelta(hours=2)
GIVE_UP_AFTER_MISSES = 3

router = Router("reminder_firing")


@router.on_due
def fire(ctx: Context) -> None:
    conv = ctx.conv
    reminder = conv.data.get("reminder")
    if not isinstance(reminder, dict) or not reminder.get("wake_at"):
        return
    tz = zone(conv.data.get("tz"))
    if tz is None or datetime.fromisoformat(reminder["wake_at"]) > conv.now:
        return
    snooze = reminder.get("snooze_due")
    if snooze and datetime.fromisoformat(snooze) <= conv.now:
        reminder["snooze_due"] = None
        if conv.now - datetime.fromisoformat(snooze) < TOO_LATE:
            _send(ctx, local_day(conv).isoformat(), late=False)
    next_due = datetime.fromisoformat(reminder["next_due"])
    if next_due <= conv.now:
        _fire_slot(ctx, reminder, _latest_slot(reminder, tz, next_due, conv.now), tz)
    refresh(conv)


def _latest_slot(reminder: dict[str, Any], tz: Any, next_due: datetime, now: datetime) -> datetime:
    """The newest slot that has come: after an outage of days only it may still be on time,
    while the older ones are past the late limit."""
    at = time.fromisoformat(reminder["time"])
    latest = next_due
    while (following := next_occurrence(at, tz, latest)) <= now:
        latest = following
    return latest


def _fire_slot(ctx: Context, reminder: dict[str, Any], due: datetime, tz: Any) -> None:
    conv = ctx.conv
    day = due.astimezone(tz).date().isoformat()
    late = conv.now - due
    if reminder.get("last_date") == day or late >= TOO_LATE:
        return  # sent already, or too stale to be useful: the next one is scheduled
    if late > LATE_APOLOGY_AFTER and in_quiet_hours(conv.now, tz):
        return  # a catch-up is held back at night
    if reminder.get("last_date") and not reminder.get("answered"):
        reminder["misses"] = reminder.get("misses", 0) + 1
    reminder["last_date"] = day
    if reminder["misses"] >= GIVE_UP_AFTER_MISSES:
        reminder.update(active=False, snooze_due=None)
        conv.history.append(HistoryEntry("reminders_stopped", day, {}, f"stopped:{day}"))
        conv.say(conv.t("remind.gave_up"))
        return
    reminder["answered"] = False
    conv.history.append(
        HistoryEntry("reminder", day, {"late_s": int(late.total_seconds())}, f"reminder:{day}")
    )
    _send(ctx, day, late=late > LATE_APOLOGY_AFTER)


def _send(ctx: Context, day: str, late: bool) -> None:
    conv = ctx.conv
    if late:
        conv.say(conv.t("remind.late"))
    if conv.state == HOLD:  # a red flag is open: ask about the check-up, no exercises
        conv.say(conv.t("remind.hold_due"))
        holds.remind(ctx)
        return
    plan = conv.data.get("plan")
    if conv.state != PLAN and not isinstance(plan, dict):
        conv.say(conv.t("remind.due_no_plan"))
        ctx.ask_current()
        return
    names = ", ".join(conv.t(f"exercise.{ex}.name") for ex in (plan or {}).get("exercises", []))
    conv.say(conv.t("remind.due", exercises=names), reminder_buttons(conv, day))
    ctx.awaits(REMINDER_PROMPT, day=day)
    ctx.add_reminder_parts(day)


@router.wake_at
def reminder_wake(ctx: Context) -> datetime | None:
    reminder = ctx.conv.data.get("reminder")
    wake = reminder.get("wake_at") if isinstance(reminder, dict) else None
    return datetime.fromisoformat(wake) if isinstance(wake, str) else None


def mark_unreachable(now: datetime, record: UserRecord | None) -> StepResult:
    """The platform says the user blocked the bot: nothing is sent until they write again."""
    if record is None:
        return StepResult(None, (), "")
    data = {**record.data, "unreachable_since": now.isoformat(), "wake_at": None}
    reminder = data.get("reminder")
    if isinstance(reminder, dict):
        data["reminder"] = {**reminder, "wake_at": None}
    return StepResult(replace(record, data=data), (), record.chat_id)
