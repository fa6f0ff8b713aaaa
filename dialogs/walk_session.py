"""One walk: timed in the chat from the events' own times (Start, Pain started, Finished),
or told in words; a walk left open is closed by asking how long it was; each is recorded
once, as a `walk` history row (its once-key is the instant it started), after the pain score.

The parts of a walk in the record: `open` while it runs, `asking` while its length is asked,
`pending` while a typed walk waits for a confirming tap, `ended` while its score is asked."""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from dialogs.conversation import Conversation
from dialogs.local_time import local_day
from dialogs.messages import Button
from dialogs.ports import HistoryEntry
from dialogs.progress import minutes_text
from dialogs.router import Context
from dialogs.schedule import zone
from dialogs.walk_plan import Programme, log_walk
from dialogs.walk_rx import Dose, dose_from_json, dose_to_json, measure, prompts
from dialogs.wording import plural_key

OPEN, ASKING, PENDING, ENDED = "open", "asking", "pending", "ended"
FREE = Dose(24 * 60, 1, 0, "stand", 1, 5)  # a walk timed without a prescription
FREE_LENGTHS = (10, 20, 30)


def walk_buttons(conv: Conversation, walk: dict[str, Any]) -> list[Button]:
    quiet = bool(walk.get("prompts_off"))
    toggle = ("walk.prompts.on", "walk.prompts_on_button") if quiet else None
    toggle = toggle or ("walk.prompts.off", "walk.prompts_off_button")
    return [
        conv.button("walk.pain", "walk.pain_button"),
        conv.button("walk.end", "walk.end_button"),
        conv.button("walk.stop", "walk.stop_button"),
        conv.button(*toggle),
    ]


def score_buttons() -> list[Button]:
    return [Button(f"walk.score.{n}", str(n)) for n in range(11)]


def _time(conv: Conversation, instant: datetime) -> str:
    return instant.astimezone(zone(conv.data.get("tz"))).strftime("%H:%M")


# -- starting, the pain, the end ---------------------------------------------------------


def start(ctx: Context, prog: Programme) -> None:
    conv, walk = ctx.conv, prog.walk
    if OPEN in walk:
        if is_stale(ctx, walk[OPEN]):
            ask_length(ctx, walk)
        else:
            ago = int((conv.now - _started(walk[OPEN])).total_seconds() // 60)
            conv.say(conv.t("walk.running", ago=ago), walk_buttons(conv, walk))
        return
    settle_unscored(conv, walk)
    walk.pop(ASKING, None)
    walk.pop(PENDING, None)
    d = FREE if prog.circulation else prog.dose
    planned = [] if prog.circulation else prompts(conv.now, d)
    walk[OPEN] = {
        "started": conv.now.isoformat(),
        "day": local_day(conv).isoformat(),
        "dose": dose_to_json(d),
        "prompts": [[p.at.isoformat(), p.kind, p.bout] for p in planned],
        "sent": 0,
        "pain_at": None,
    }
    key = "walk.started_free" if prog.circulation else "walk.started"
    if not prog.circulation and walk.get("prompts_off"):
        key = "walk.started_quiet"
    values = {"bout": d.bout_min, "bouts": d.bouts, "rest": d.rest_min}
    conv.say(conv.t(key, time=_time(conv, conv.now), **values), walk_buttons(conv, walk))


def pain(ctx: Context, prog: Programme) -> bool:
    conv, walk = ctx.conv, prog.walk
    open_walk = walk.get(OPEN)
    if not isinstance(open_walk, dict):
        return False
    first = open_walk.get("pain_at") is not None
    if not first:
        open_walk["pain_at"] = conv.now.isoformat()
    d = dose_from_json(open_walk["dose"])
    pain_s = (datetime.fromisoformat(open_walk["pain_at"]) - _started(open_walk)).total_seconds()
    at = measure(pain_s, pain_s, d)
    minutes = minutes_text(at.onset or 0)
    if first:
        conv.say(
            conv.t("walk.pain_already", minutes=minutes, bout=at.bouts), walk_buttons(conv, walk)
        )
    elif d == FREE:
        conv.say(conv.t("walk.pain_noted_free", minutes=minutes), walk_buttons(conv, walk))
    else:
        rest_how = conv.t(f"walk.rest_short.{d.rest_how}")
        text = conv.t("walk.pain_noted", minutes=minutes, bout=at.bouts, rest_how=rest_how)
        conv.say(text, walk_buttons(conv, walk))
    return True


def end(ctx: Context, prog: Programme, stopped: bool) -> bool:
    conv, walk = ctx.conv, prog.walk
    open_walk = walk.get(OPEN)
    if not isinstance(open_walk, dict):
        return False
    if is_stale(ctx, open_walk):
        ask_length(ctx, walk)
        return True
    elapsed = (conv.now - _started(open_walk)).total_seconds()
    del walk[OPEN]
    if elapsed < ctx.content.walking.timing.shortest_walk_s:
        conv.say(conv.t("walk.too_short"))
        return True
    pain_at = open_walk.get("pain_at")
    pain_s = None
    if pain_at:
        pain_s = (datetime.fromisoformat(pain_at) - _started(open_walk)).total_seconds()
    got = measure(elapsed, pain_s, dose_from_json(open_walk["dose"]))
    ended = ended_walk(open_walk["day"], got.minutes, got.onset, got.bouts, "timed")
    walk[ENDED] = ended | {"stopped": stopped, "free": open_walk["dose"] == dose_to_json(FREE)}
    walk[ENDED]["started"] = open_walk["started"]
    ask_score(ctx, walk)
    return True


def ended_walk(
    day: str, minutes: float, onset: float | None, bouts: int, how: str
) -> dict[str, Any]:
    """A walk that is over, waiting for its score."""
    return {
        "day": day,
        "minutes": minutes,
        "onset": onset,
        "bouts": bouts,
        "how": how,
        "stopped": False,
        "free": False,
    }


def ask_score(ctx: Context, walk: dict[str, Any]) -> None:
    conv, ended = ctx.conv, walk[ENDED]
    ended["asked"] = conv.now.isoformat()
    bouts = ended["bouts"]
    key = "walk.ask_score_stopped" if ended["stopped"] else plural_key("walk.ask_score", bouts)
    minutes, onset = minutes_text(ended["minutes"]), _onset_part(conv, ended)
    conv.say(conv.t(key, minutes=minutes, bouts=bouts, onset=onset), score_buttons())


def _onset_part(conv: Conversation, ended: dict[str, Any]) -> str:
    if ended["onset"] is None:
        return conv.t("walk.no_pain_part")
    continuous = ended.get("free") or ended["bouts"] == 1
    key = "walk.onset_part_free" if continuous else "walk.onset_part"
    return conv.t(key, minutes=minutes_text(ended["onset"]))


def score(ctx: Context, prog: Programme, value: str) -> bool:
    conv, walk = ctx.conv, prog.walk
    ended = walk.get(ENDED)
    if not isinstance(ended, dict) or not (value.isascii() and value.isdigit()):
        return False
    if not 0 <= int(value) <= 10:
        return False
    points = int(value)
    record(conv, walk, points)
    key = "walk.verdict_fine" if points <= prog.limit else "walk.verdict_high"
    text = conv.t(
        "walk.saved",
        minutes=minutes_text(ended["minutes"]),
        onset=_onset_part(conv, ended),
        pain=points,
        verdict=conv.t(key, limit=prog.limit),
    )
    conv.say(text)
    return True


def record(conv: Conversation, walk: dict[str, Any], points: int | None) -> None:
    """The walk goes into the history once (its number is its once-key), and into the
    record's log."""
    ended = walk.pop(ENDED)
    number = int(walk.get("count", 0)) + 1
    walk["count"] = number
    value = {
        "minutes": ended["minutes"],
        "pain_onset": ended["onset"],
        "bouts": ended["bouts"],
        "pain": points,
        "stopped": ended["stopped"],
        "how": ended["how"],
    }
    if ended.get("started"):
        value["started"] = ended["started"]
    conv.history.append(HistoryEntry("walk", ended["day"], value, f"walk:{number}"))
    entry = {"day": ended["day"], "minutes": ended["minutes"], "onset": ended["onset"]}
    log_walk(walk, entry | {"bouts": ended["bouts"], "pain": points, "stopped": ended["stopped"]})


def settle_unscored(conv: Conversation, walk: dict[str, Any]) -> None:
    """A walk whose score was never given is kept without one."""
    if isinstance(walk.get(ENDED), dict):
        record(conv, walk, None)


# -- a walk left open --------------------------------------------------------------------


def _started(open_walk: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(open_walk["started"])


def is_stale(ctx: Context, open_walk: dict[str, Any]) -> bool:
    d = dose_from_json(open_walk["dose"])
    planned = 0 if d == FREE else d.session_min + (d.bouts - 1) * d.rest_min
    extra = ctx.content.walking.timing.stale_after_extra_min
    return ctx.conv.now - _started(open_walk) > timedelta(minutes=planned + extra)


def ask_length(ctx: Context, walk: dict[str, Any]) -> None:
    """ "Did you finish your walk? About how long was it?" with likely answers as buttons."""
    conv = ctx.conv
    asking = walk.pop(OPEN, None) or walk[ASKING]
    walk.pop(PENDING, None)  # the question about the walk itself comes first
    d = dose_from_json(asking["dose"])
    planned = d.session_min
    lengths = list(FREE_LENGTHS) if d == FREE else sorted({max(1, planned // 2), planned})
    walk[ASKING] = {**asking, "lengths": lengths}
    started = _started(asking)
    text = conv.t("walk.ask_length", day=asking["day"], time=_time(conv, started))
    buttons = [Button(f"walk.len.{m}", conv.t("walk.length_button", minutes=m)) for m in lengths]
    conv.say(text, [*buttons, conv.button("walk.len.0", "walk.didnt_go_button")])


def told_length(ctx: Context, prog: Programme, minutes: float, typed: bool) -> bool:
    conv, walk = ctx.conv, prog.walk
    asking = walk.get(ASKING)
    if not isinstance(asking, dict):
        return False
    if not typed and int(minutes) not in [*asking["lengths"], 0]:
        return False
    del walk[ASKING]
    if minutes <= 0:
        conv.say(conv.t("walk.discarded"))
        return True
    d = dose_from_json(asking["dose"])
    onset = None
    if asking.get("pain_at"):
        pain_s = (datetime.fromisoformat(asking["pain_at"]) - _started(asking)).total_seconds()
        at = measure(pain_s, pain_s, d)
        onset = at.onset if at.minutes <= minutes else None
    bouts = 1 if d == FREE else min(d.bouts, max(1, math.ceil(minutes / d.bout_min)))
    walk[ENDED] = ended_walk(asking["day"], round(minutes, 1), onset, bouts, "told")
    walk[ENDED] |= {"free": d == FREE, "started": asking["started"]}
    ask_score(ctx, walk)
    return True
