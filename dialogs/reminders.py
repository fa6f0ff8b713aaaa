"""Daily reminders: setting them, the time zone, pauses and the buttons on a reminder. The
step the dispatcher runs when one is due is dialogs.reminder_firing; the times themselves come
from dialogs.schedule."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from content.emergency import country_for_locale, zones_of_country
from dialogs.conversation import NEW, Conversation
from dialogs.local_time import local_day
from dialogs.messages import Button
from dialogs.ports import HistoryEntry
from dialogs.router import PROMPT_KEY, Context, Router
from dialogs.schedule import after_quiet_hours, next_occurrence, parse_hhmm, zone
from dialogs.wording import plural

EVENING = time(19, 0)
COMMON_TIMES = ("07:00", "08:00", "12:30", "18:00", "20:00")
FALLBACK_ZONES = ("Europe/London", "Europe/Berlin", "America/New_York", "UTC")
DONE_DAYS_KEPT = 120
REMINDER_PROMPT = "rem"
PAIN_PROMPT = "rem.pain"

router = Router("reminders")


# -- commands ------------------------------------------------------------------------


@router.command("remind", argument="time")
def remind(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    if conv.state == NEW:
        conv.say(conv.t("remind.need_start"))
        return
    if not args:
        _status(conv)
    elif args[0].lower() in ("off", "stop", "none"):
        _stop(conv)
    elif (at := parse_hhmm(" ".join(args))) is not None:
        _set_time(conv, at)
    else:
        conv.say(conv.t("remind.bad_time"))


@router.command("pause", argument="days")
def pause(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    reminder = conv.data.get("reminder")
    if not reminder or not reminder.get("active"):
        conv.say(conv.t("remind.no_reminder"))
        return
    days = int(args[0]) if len(args) == 1 and args[0].isdigit() else 0
    if not 1 <= days <= 60:
        conv.say(conv.t("remind.bad_pause"))
        return
    until = local_day(conv) + timedelta(days=days)
    reminder["paused_until"] = until.isoformat()
    refresh(conv)
    conv.say(conv.t("remind.paused", until=until.isoformat()))


# -- buttons: valid from old messages too, as long as the user has a reminder ----------


@router.buttons("rem")
def on_button(ctx: Context, scope: str, value: str) -> bool:
    """Handle a rem.* button; False when it is not a valid one for this user."""
    conv = ctx.conv
    if conv.state == NEW:
        return False
    action, _, arg = value.partition(".")
    if action == "set" and arg in COMMON_TIMES:
        _set_time(conv, time.fromisoformat(arg))
        return True
    reminder = conv.data.get("reminder")
    if not isinstance(reminder, dict):
        return False
    handlers = {
        "done": _done,
        "pain": _pain,
        "snooze": _snooze,
        "skip": _skip,
    }
    if action == "stop":
        _stop(conv)
        return True
    handler = handlers.get(action)
    return handler is not None and handler(conv, reminder, arg)


def _is_current(conv: Conversation, reminder: dict[str, Any], day: str) -> bool:
    """A reminder's buttons count for its own day only: the day the last reminder was sent
    for, today or (tapped after midnight) yesterday. Forged and old days are refused."""
    if not _is_date(day) or day != reminder.get("last_date"):
        return False
    return day >= (local_day(conv) - timedelta(days=1)).isoformat()


def _done(conv: Conversation, reminder: dict[str, Any], day: str) -> bool:
    if not _is_current(conv, reminder, day):
        return False
    if not count_done(conv, day):
        conv.say(conv.t("remind.already_done", day=day))
        return True
    streak = streak_ending(conv.data["done_days"], day)
    conv.say(plural(conv, "remind.done", streak, streak=streak), pain_buttons(day))
    awaits(conv, PAIN_PROMPT, day=day)
    return True


def count_done(conv: Conversation, day: str) -> bool:
    """The day counts as done (the reminder's Done, a guided session); False when it already
    did. The history's "done" entries are what /progress counts per week."""
    done_days: list[str] = conv.data.setdefault("done_days", [])
    if day in done_days:
        return False
    done_days[:] = sorted([*done_days, day])[-DONE_DAYS_KEPT:]
    conv.history.append(HistoryEntry("done", day, {}, f"done:{day}"))
    return True


def pain_buttons(day: str) -> list[Button]:
    return [Button(f"rem.pain.{day}:{n}", str(n)) for n in range(11)]


def _pain(conv: Conversation, reminder: dict[str, Any], arg: str) -> bool:
    day, _, score = arg.partition(":")
    if not (score.isascii() and score.isdigit()) or not 0 <= int(score) <= 10:
        return False
    if not _is_current(conv, reminder, day) or day not in conv.data.get("done_days", []):
        return False
    if not note_pain(conv, day, int(score)):
        conv.say(conv.t("remind.pain_already", score=conv.data["last_pain"]["score"]))
        return True
    conv.say(conv.t("remind.pain_saved", score=score))
    return True


def note_pain(conv: Conversation, day: str, score: int) -> bool:
    """The day's pain score, once a day; False when one was already told for `day`."""
    last = conv.data.get("last_pain") or {}
    if last.get("date") == day:
        return False
    conv.data["last_pain"] = {"date": day, "score": score}
    conv.history.append(HistoryEntry("pain", day, {"score": score}, f"pain:{day}"))
    return True


def _snooze(conv: Conversation, reminder: dict[str, Any], arg: str) -> bool:
    tz = zone(conv.data.get("tz"))
    if tz is None or arg not in ("15", "60", "evening"):
        return False
    if not _is_current(conv, reminder, str(reminder.get("last_date"))):
        return False  # snoozes only what was sent
    if arg == "evening":
        local = conv.now.astimezone(tz)
        evening = datetime.combine(local.date(), EVENING, tzinfo=tz)
        due = evening if evening > local else conv.now + timedelta(hours=1)
    else:
        due = conv.now + timedelta(minutes=int(arg))
    due = after_quiet_hours(due, tz)  # a snooze never wakes anyone at night
    reminder["snooze_due"] = due.isoformat()
    refresh(conv)
    conv.say(conv.t("remind.snoozed", time=due.astimezone(tz).strftime("%H:%M")))
    return True


def _skip(conv: Conversation, reminder: dict[str, Any], day: str) -> bool:
    if not _is_current(conv, reminder, day):
        return False
    if reminder.get("skipped") == day:
        conv.say(conv.t("remind.already_skipped"))
        return True
    reminder["skipped"] = day
    conv.history.append(HistoryEntry("skip", day, {}, f"skip:{day}"))
    reminder["snooze_due"] = None
    refresh(conv)
    conv.say(conv.t("remind.skipped", time=reminder["time"]))
    return True


# -- setting things ------------------------------------------------------------------


def awaits(conv: Conversation, prompt: str, **details: Any) -> None:
    """Like `Context.awaits`, for the helpers that are given the conversation only."""
    conv.data[PROMPT_KEY] = {"prompt": prompt, **details}


def _set_time(conv: Conversation, at: time) -> None:
    reminder = conv.data.setdefault("reminder", {"misses": 0, "answered": True})
    reminder.update(time=at.strftime("%H:%M"), active=True, paused_until=None, snooze_due=None)
    if zone(conv.data.get("tz")) is None:
        reminder["active"] = False
        reminder["pending"] = True
        buttons = [
            Button(f"tz.{z}", z.rsplit("/", 1)[-1].replace("_", " ")) for z in likely_zones(conv)
        ]
        conv.say(conv.t("remind.ask_zone"), buttons)
        awaits(conv, "tz")
        return
    refresh(conv, just_set=True)
    conv.say(conv.t("remind.set", time=reminder["time"], zone=conv.data["tz"]))


def set_zone(conv: Conversation, name: str) -> None:
    conv.data["tz"] = name
    conv.say(conv.t("remind.zone_set", zone=name))
    reminder = conv.data.get("reminder")
    if isinstance(reminder, dict) and reminder.pop("pending", False):
        _set_time(conv, time.fromisoformat(reminder["time"]))
    else:
        refresh(conv)


def _stop(conv: Conversation) -> None:
    reminder = conv.data.get("reminder")
    if isinstance(reminder, dict):
        reminder.update(active=False, snooze_due=None, pending=False)
        refresh(conv)
    conv.say(conv.t("remind.stopped"))


def _status(conv: Conversation) -> None:
    reminder = conv.data.get("reminder") or {}
    buttons = [Button(f"rem.set.{t}", t) for t in COMMON_TIMES]
    if reminder.get("active"):
        buttons.append(Button("rem.stop", conv.t("remind.off_button")))
        key = "remind.status_paused" if reminder.get("paused_until") else "remind.status_on"
        text = conv.t(
            key,
            time=reminder["time"],
            zone=conv.data.get("tz"),
            until=reminder.get("paused_until"),
        )
    else:
        text = conv.t("remind.status_off")
    conv.say(text, buttons)


def likely_zones(conv: Conversation) -> list[str]:
    country = country_for_locale(conv.locale)
    zones = list(zones_of_country(country)[:3]) if country else []
    return [*zones, *(z for z in FALLBACK_ZONES if z not in zones)][:5]


# -- the schedule --------------------------------------------------------------------


def refresh(conv: Conversation, just_set: bool = False) -> None:
    """Recompute the next slot and the wake-up instant the dispatcher's index follows."""
    reminder = conv.data.get("reminder")
    if not isinstance(reminder, dict):
        return
    tz = zone(conv.data.get("tz"))
    if not reminder.get("active") or tz is None:
        reminder.update(next_due=None, wake_at=None)
        return
    # A time set in the current minute fires now; otherwise never twice on one local day.
    after = conv.now - timedelta(seconds=60) if just_set else conv.now
    paused = reminder.get("paused_until")
    not_before = date.fromisoformat(paused) if paused else None
    last = reminder.get("last_date")
    if last and (not_before is None or not_before <= date.fromisoformat(last)):
        not_before = date.fromisoformat(last) + timedelta(days=1)
    at = time.fromisoformat(reminder["time"])
    next_due = next_occurrence(at, tz, after, not_before)
    reminder["next_due"] = next_due.isoformat()
    wakes = [next_due] + (
        [datetime.fromisoformat(reminder["snooze_due"])] if reminder.get("snooze_due") else []
    )
    reachable = "unreachable_since" not in conv.data
    reminder["wake_at"] = min(wakes).isoformat() if reachable else None


@router.on_every_message
def on_user_message(ctx: Context) -> None:
    """Any message from the user answers the last reminder, and makes them reachable."""
    conv = ctx.conv
    reminder = conv.data.get("reminder")
    was_unreachable = conv.data.pop("unreachable_since", None) is not None
    if isinstance(reminder, dict):
        reminder.update(answered=True, misses=0)
        if was_unreachable:
            refresh(conv)


def reminder_buttons(conv: Conversation, day: str) -> list[Button]:
    return [
        Button(f"rem.done.{day}", conv.t("remind.done_button")),
        Button("rem.snooze.15", conv.t("remind.snooze_15_button")),
        Button("rem.snooze.60", conv.t("remind.snooze_60_button")),
        Button("rem.snooze.evening", conv.t("remind.snooze_evening_button")),
        Button(f"rem.skip.{day}", conv.t("remind.skip_button")),
        Button("rem.stop", conv.t("remind.stop_button")),
    ]


def streak_ending(done_days: list[str], day: str) -> int:
    """Days done in a row up to `day`, counted in the user's own local dates, so travel and
    daylight-saving changes never break a streak."""
    done, count, current = set(done_days), 0, date.fromisoformat(day)
    while current.isoformat() in done:
        count += 1
        current -= timedelta(days=1)
    return count


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
