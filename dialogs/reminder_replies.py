"""What people type in reply to the reminders' prompts, through the shared answer layer: a
reminder's buttons ("done!", "in an hour", "not today"), the pain score after Done ("4, a bit
sore"), and the time zone ("munich", "berlin germany", "UTC+1"), with /timezone and the zone
buttons. An offset from UTC is kept as a fixed zone, with a word that it will not follow
daylight saving and buttons for the zones at that offset now."""

from __future__ import annotations

from typing import Any

from dialogs import reminders
from dialogs.answers import read
from dialogs.conversation import NEW
from dialogs.machine import HOLD
from dialogs.messages import Button
from dialogs.prompt_talk import talked
from dialogs.prompts import PAIN_AFTER_DONE, ZONE_TALK, reminder_choices
from dialogs.reading import NOT_SURE, VALUE
from dialogs.router import Context, Router
from dialogs.schedule import lookup_zone, zone
from dialogs.words import canonical, fold
from dialogs.zones import ZoneFound

PROMPT = "tz"
SNOOZES = {"snooze_15": "15", "snooze_60": "60", "snooze_evening": "evening"}

router = Router("reminder_replies")


@router.reads_typed_replies(reminders.REMINDER_PROMPT)
def typed_reminder_reply(ctx: Context, text: str, prompt: dict[str, Any]) -> bool:
    conv = ctx.conv
    reminder = conv.data.get("reminder")
    if conv.state == NEW or not isinstance(reminder, dict):
        return False
    day = str(prompt.get("day", ""))
    words = ctx.content.answers_for(conv.language)
    labels = {b.id.split(".")[1]: b.label for b in reminders.reminder_buttons(conv, day)}
    reading = read(text, reminder_choices(words, conv.language, labels), words)
    option = reading.value if reading.kind == VALUE else ""
    if option == "done":
        return reminders.on_button(ctx, "rem", f"done.{day}")
    if option in SNOOZES:
        return reminders.on_button(ctx, "rem", f"snooze.{SNOOZES[option]}")
    if option in ("skip", "stop"):
        return reminders.on_button(ctx, "rem", f"{option}.{day}" if option == "skip" else "stop")
    if talked(conv, reading, conv.t("remind.typed_help"), reminders.reminder_buttons(conv, day)):
        ctx.awaits(reminders.REMINDER_PROMPT, day=day)
        return True
    key = "remind.typed_snooze" if reading.detail == "snooze" else "remind.typed_unclear"
    conv.say(conv.t(key), reminders.reminder_buttons(conv, day))
    ctx.awaits(reminders.REMINDER_PROMPT, day=day)
    return True


@router.reads_typed_replies(reminders.PAIN_PROMPT)
def typed_pain(ctx: Context, text: str, prompt: dict[str, Any]) -> bool:
    conv = ctx.conv
    if conv.state == NEW or not isinstance(conv.data.get("reminder"), dict):
        return False
    day = str(prompt.get("day", ""))
    reading = read(text, PAIN_AFTER_DONE, ctx.content.answers_for(conv.language))
    if reading.kind == VALUE:
        return reminders.on_button(ctx, "rem", f"pain.{day}:{reading.value}")
    if talked(conv, reading, conv.t("remind.pain_help"), reminders.pain_buttons(day)):
        ctx.awaits(reminders.PAIN_PROMPT, day=day)
        return True
    key = "remind.pain_not_sure" if reading.kind == NOT_SURE else "remind.pain_unclear"
    conv.say(conv.t(key), reminders.pain_buttons(day))
    ctx.awaits(reminders.PAIN_PROMPT, day=day)
    return True


@router.command("timezone", argument="zone")
def timezone(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    if conv.state == NEW:
        conv.say(conv.t("remind.need_start"))
    elif not args:
        current = conv.data.get("tz")
        conv.say(
            conv.t("remind.zone_status", zone=current) if current else conv.t("remind.zone_missing")
        )
        ctx.awaits(PROMPT)
    else:
        _take(ctx, " ".join(args))


@router.reads_typed_replies(PROMPT)
def typed_zone(ctx: Context, text: str, prompt: dict[str, Any]) -> bool:
    """A place typed after the zone question. Words that name no place, while a question
    or a red-flag hold is open, are left to it ("no" answers the question, not the zone)."""
    conv = ctx.conv
    if conv.state == NEW:
        return False
    found = _lookup(ctx, text)
    if _nothing(found) and (conv.state in ctx.questions or conv.state == HOLD):
        return False
    if _nothing(found):
        reading = read(text, ZONE_TALK, ctx.content.answers_for(conv.language))
        if talked(conv, reading, conv.t("remind.zone_help"), zone_buttons(conv, ())):
            ctx.awaits(PROMPT)
            return True
    _take(ctx, text, found)
    return True


def _lookup(ctx: Context, text: str) -> ZoneFound | None:
    words = ctx.content.answers_for(ctx.conv.language)
    filler = frozenset(canonical(fold(w)) for w in words.place_filler) | frozenset(
        words.place_filler
    )
    return lookup_zone(text, words.places, filler)


def _nothing(found: ZoneFound | None) -> bool:
    return found is None or (found.zone is None and not found.options)


def _take(ctx: Context, text: str, found: ZoneFound | None = None) -> None:
    conv = ctx.conv
    found = found or _lookup(ctx, text)
    if found is None or (found.zone is None and not found.options):
        conv.say(conv.t("remind.zone_unknown", name=text[:40]), zone_buttons(conv, ()))
        ctx.awaits(PROMPT)
    elif found.zone is not None:
        _set(ctx, found)
    else:
        key = "remind.zone_offset_which" if found.fixed else "remind.zone_which"
        conv.say(conv.t(key, name=text[:40]), zone_buttons(conv, found.options))
        ctx.awaits(PROMPT)


def _set(ctx: Context, found: ZoneFound) -> None:
    conv = ctx.conv
    assert found.zone is not None
    reminders.set_zone(conv, found.zone)
    if found.fixed and found.zone != "UTC":
        conv.say(conv.t("remind.zone_fixed"), zone_buttons(conv, found.options))


def zone_buttons(conv: Any, zones: tuple[str, ...]) -> list[Button]:
    chosen = list(zones) or reminders.likely_zones(conv)
    return [Button(f"tz.{z}", z.rsplit("/", 1)[-1].replace("_", " ")) for z in chosen[:5]]


@router.buttons("tz")
def on_zone_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    if conv.state == NEW or zone(value) is None or not ("/" in value or value == "UTC"):
        return False
    reminders.set_zone(conv, value)
    return True
