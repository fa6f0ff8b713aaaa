"""A walk told in words ("walked 25 min, pain came on after 15"), and typed answers to what a
walk is waiting for: its length, its pain score, a confirming tap. An odd one (over 3 hours,
or the pain coming on after the end) is saved only after a one-tap confirmation."""

from __future__ import annotations

from typing import Any

from dialogs.local_time import local_day
from dialogs.progress import minutes_text
from dialogs.prompts import read_pain, read_yes_no
from dialogs.router import Context
from dialogs.walk_log import TypedWalk, read_minutes, read_walk
from dialogs.walk_plan import Programme
from dialogs.walk_session import (
    ASKING,
    ENDED,
    OPEN,
    PENDING,
    ask_score,
    ended_walk,
    score,
    settle_unscored,
    told_length,
)


def typed(ctx: Context, prog: Programme, text: str) -> bool:
    """Typed text while a part of a walk waits for an answer, or a walk told in words."""
    conv, walk = ctx.conv, prog.walk
    words = ctx.content.answers_for(conv.language)
    told = read_walk(text, words)
    if isinstance(walk.get(ASKING), dict) and told is None:
        minutes = read_minutes(text, words)
        if minutes is None:
            no = read_yes_no(text, words) == "no" or "didn" in text or "did not" in text
            if no:
                return told_length(ctx, prog, 0, typed=True)
            conv.say(conv.t("walk.length_hint"))
            return True
        return told_length(ctx, prog, minutes, typed=True)
    if isinstance(walk.get(PENDING), dict) and told is None:
        answer = read_yes_no(text, words)
        return answer is not None and confirm(ctx, prog, answer == "yes")
    if isinstance(walk.get(ENDED), dict) and told is None:
        points = read_pain(text, words)
        return points is not None and score(ctx, prog, str(points))
    if told is None:
        return False
    _take(ctx, prog, told)
    return True


def _take(ctx: Context, prog: Programme, told: TypedWalk) -> None:
    walk, timing = prog.walk, ctx.content.walking.timing
    settle_unscored(ctx.conv, walk)
    walk.pop(ASKING, None)
    walk.pop(PENDING, None)  # a new walk told replaces one that waited for a tap
    odd = None
    if told.minutes > timing.confirm_over_min:
        odd = "long"
    elif told.onset is not None and told.onset > told.minutes:
        odd = "swap"
    if odd is None:
        _keep_typed(ctx, prog, told)
        return
    walk[PENDING] = {"kind": odd, "minutes": told.minutes, "onset": told.onset}
    walk[PENDING] |= {"pain": told.pain, "bouts": told.bouts}
    ask_confirm(ctx, walk)


def ask_confirm(ctx: Context, walk: dict[str, Any]) -> None:
    conv, pending = ctx.conv, walk[PENDING]
    key = "walk.confirm_long" if pending["kind"] == "long" else "walk.confirm_swap"
    onset = minutes_text(pending["onset"] or 0)
    conv.say(
        conv.t(key, minutes=minutes_text(pending["minutes"]), onset=onset),
        [conv.button("walk.yes", "walk.yes_button"), conv.button("walk.no", "walk.no_button")],
    )


def confirm(ctx: Context, prog: Programme, yes: bool) -> bool:
    conv, walk = ctx.conv, prog.walk
    pending = walk.pop(PENDING, None)
    if not isinstance(pending, dict):
        return False
    if not yes:
        conv.say(conv.t("walk.not_confirmed"))
        return True
    minutes, onset = float(pending["minutes"]), pending["onset"]
    if pending["kind"] == "swap":
        minutes, onset = float(onset), minutes
    told = TypedWalk(minutes, onset, pending["pain"], int(pending["bouts"]))
    _keep_typed(ctx, prog, told)
    return True


def _keep_typed(ctx: Context, prog: Programme, told: TypedWalk) -> None:
    """A typed walk closes the one running, if any (it is about that walk); else it is today's."""
    conv, walk = ctx.conv, prog.walk
    running = walk.pop(OPEN, None)
    day = running["day"] if running else local_day(conv).isoformat()
    walk[ENDED] = ended_walk(day, told.minutes, told.onset, told.bouts, "typed")
    if running:
        walk[ENDED]["started"] = running["started"]
    if told.pain is None:
        ask_score(ctx, walk)
    else:
        score(ctx, prog, str(told.pain))
