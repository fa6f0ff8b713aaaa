"""The walking programme: a prescription after every plan and on the daily reminder, /walk
to see it and time a walk, walks told in words, and the bout prompts during a walk through
the one durable schedule (`wake_at`, `on_due`): never at night, never twice, and off at a tap.

The prescription and its weekly step are dialogs.walk_plan (rules in content/walking.yaml);
one walk, from Start to its pain score, is dialogs.walk_session."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from dialogs import walk_session as session
from dialogs import walk_typed
from dialogs.conversation import NEW, Conversation
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import ButtonPress, Command
from dialogs.router import Context, Router
from dialogs.schedule import in_quiet_hours, zone
from dialogs.walk_log import read_walk
from dialogs.walk_plan import KEY, Programme, programme, reminder_line, say_programme
from dialogs.walk_plan import tell_soon_news as _tell_soon_news
from dialogs.walk_rx import dose_from_json

router = Router("walking")
SCOPE = "walk"
PROMPT_TEXTS = {"rest": "walk.prompt_rest", "walk": "walk.prompt_walk", "last": "walk.prompt_last"}


def _programme_or_say(ctx: Context) -> Programme | None:
    prog = programme(ctx) if ctx.conv.state != NEW else None
    if prog is None:
        ctx.conv.say(ctx.conv.t("walk.need_plan"))
    return prog


@router.command("report", query=True)
def _report_read_by_the_engine(ctx: Context, args: tuple[str, ...]) -> None:
    """/report only reads, so the engine answers it; reached only when the words after it
    raised an alarm, which the net has answered."""


@router.command("walk", argument="prompts", waits_while_held=True)
def walk(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    prog = _programme_or_say(ctx)
    if prog is None:
        return
    if args:  # "/walk prompts off", or "off" in the platforms' "prompts" option
        words = [w for w in " ".join(args).lower().split() if w != "prompts"]
        if words in (["on"], ["off"]):
            _set_prompts(ctx, prog, words[0] == "on")
        else:
            conv.say(conv.t("walk.prompts_usage"))
        return
    if not _ask_what_waits(ctx, prog):
        _tell_soon_news(ctx, prog)
        say_programme(ctx, prog)


def _ask_what_waits(ctx: Context, prog: Programme) -> bool:
    """A walk running, its length or score asked, a typed walk to confirm: asked again."""
    walk = prog.walk
    if session.OPEN in walk:
        session.start(ctx, prog)  # says it is running (or asks how long it was)
    elif session.ASKING in walk:
        session.ask_length(ctx, walk)
    elif session.ENDED in walk:
        session.ask_score(ctx, walk)
    elif session.PENDING in walk:
        walk_typed.ask_confirm(ctx, walk)
    else:
        return False
    return True


def _set_prompts(ctx: Context, prog: Programme, on: bool) -> None:
    prog.walk["prompts_off"] = not on
    ctx.conv.say(ctx.conv.t("walk.prompts_on" if on else "walk.prompts_off"))


@router.buttons(SCOPE)
def on_walk_button(ctx: Context, scope: str, value: str) -> bool:
    """Each button counts only in the part of a walk that offers it; Start in the plan only."""
    conv = ctx.conv
    prog = programme(ctx) if conv.state != NEW else None
    if prog is None:
        return False
    action, _, arg = value.partition(".")
    if action == "start":
        if conv.state != PLAN or arg:
            return False
        _tell_soon_news(ctx, prog)
        session.start(ctx, prog)
        return True
    if action == "prompts" and arg in ("on", "off"):
        _set_prompts(ctx, prog, arg == "on")
        return True
    return _in_walk(ctx, prog, action, arg)


def _in_walk(ctx: Context, prog: Programme, action: str, arg: str) -> bool:
    if action == "pain" and not arg:
        return session.pain(ctx, prog)
    if action in ("end", "stop") and not arg:
        return session.end(ctx, prog, stopped=action == "stop")
    if action == "score":
        return session.score(ctx, prog, arg)
    if action == "len" and arg.isascii() and arg.isdigit():
        return session.told_length(ctx, prog, int(arg), typed=False)
    if action in ("yes", "no") and not arg:
        return walk_typed.confirm(ctx, prog, action == "yes")
    return False


@router.reads_free_text
def read_typed(ctx: Context, text: str) -> bool:
    """A walk told in words, or a typed answer to what a walk is waiting for."""
    if ctx.conv.state != PLAN:
        return False
    prog = programme(ctx)
    if prog is None:
        return False
    open_walk = prog.walk.get(session.OPEN)
    words = ctx.content.answers_for(ctx.conv.language)
    stale = isinstance(open_walk, dict) and session.is_stale(ctx, open_walk)
    if stale and read_walk(text, words) is None:
        session.ask_length(ctx, prog.walk)
        return True
    action = _typed_button(ctx, text)
    if action is not None and on_walk_button(ctx, SCOPE, action):
        return True
    return walk_typed.typed(ctx, prog, text)


def _typed_button(ctx: Context, text: str) -> str | None:
    """ "finished", "I'm back", "too much": the words that stand for a walk's buttons."""
    plain = " ".join(re.sub(r"[^\w' ]+", " ", text).split())
    table = ctx.content.walking.typed
    return next((action for action, words in table.items() if plain in words), None)


@router.plan_part
def after_the_plan(ctx: Context) -> None:
    prog = programme(ctx)
    if prog is None:
        return
    _tell_soon_news(ctx, prog)
    if not prog.circulation:
        say_programme(ctx, prog, with_start=False)


@router.reminder_part
def on_the_reminder(ctx: Context, day: str) -> None:
    if ctx.conv.state != PLAN:
        return
    prog = programme(ctx)
    if prog is not None:
        _tell_soon_news(ctx, prog)
        reminder_line(ctx, prog)


@router.on_every_message
def tidy(ctx: Context) -> None:
    """A score not given in time is let go (the walk is kept without it); a walk left open
    is closed by asking how long it was, the next time the user taps or sends a command
    (typed text is read after the safety net, by `read_typed`)."""
    conv = ctx.conv
    walk = conv.data.get(KEY)
    if conv.state == NEW or not isinstance(walk, dict):
        return
    ended = walk.get(session.ENDED)
    wait = timedelta(minutes=ctx.content.walking.timing.score_wait_min)
    if isinstance(ended, dict) and conv.now - datetime.fromisoformat(ended["asked"]) > wait:
        session.settle_unscored(conv, walk)
    event = conv.event
    if isinstance(event, ButtonPress) and event.button_id.startswith(f"{SCOPE}."):
        return  # the walk's own buttons decide for themselves
    if isinstance(event, Command) and event.name == "walk":
        return  # and so does /walk
    open_walk = walk.get(session.OPEN)
    if not isinstance(event, ButtonPress | Command) or not isinstance(open_walk, dict):
        return
    if session.is_stale(ctx, open_walk):
        session.ask_length(ctx, walk)


def _running(conv: Conversation) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """The feature's record and its open walk, when one runs with its prompts on."""
    walk = conv.data.get(KEY)
    open_walk = walk.get(session.OPEN) if isinstance(walk, dict) else None
    if not isinstance(walk, dict) or not isinstance(open_walk, dict) or walk.get("prompts_off"):
        return None
    return walk, open_walk


@router.on_due
def prompt_when_due(ctx: Context) -> None:
    """The newest bout prompt that has come, if it is still fresh and not at night; the ones
    before it are passed over, so a late wake-up never sends a burst."""
    conv = ctx.conv
    running = _running(conv)
    if running is None:
        return
    walk, open_walk = running
    planned: list[list[Any]] = open_walk["prompts"]
    due = [i for i in range(open_walk["sent"], len(planned)) if _at(planned[i]) <= conv.now]
    if not due:
        return
    at, kind, bout = planned[due[-1]]
    open_walk["sent"] = due[-1] + 1
    late = conv.now - datetime.fromisoformat(at)
    tz = zone(conv.data.get("tz")) or ZoneInfo("UTC")
    if late > timedelta(minutes=ctx.content.walking.timing.late_prompt_min):
        return
    if in_quiet_hours(conv.now, tz) or _held_for_safety(conv):
        return
    d = dose_from_json(open_walk["dose"])
    text = conv.t(
        PROMPT_TEXTS[kind],
        bout=bout,
        bouts=d.bouts,
        rest=d.rest_min,
        minutes=d.bout_min,
        rest_how=conv.t(f"walk.rest.{d.rest_how}"),
    )
    conv.say(text, session.walk_buttons(conv, walk))


def _held_for_safety(conv: Conversation) -> bool:
    """A red flag holds the plan, and a crisis reply said no exercises today: no "walk on"."""
    crisis = conv.data.get("crisis")
    today = local_day(conv).isoformat()
    return conv.state != PLAN or (isinstance(crisis, dict) and crisis.get("day") == today)


def _at(prompt: list[Any]) -> datetime:
    return datetime.fromisoformat(prompt[0])


@router.wake_at
def next_prompt(ctx: Context) -> datetime | None:
    running = _running(ctx.conv)
    if running is None:
        return None
    planned, sent = running[1]["prompts"], running[1]["sent"]
    return _at(planned[sent]) if sent < len(planned) else None
