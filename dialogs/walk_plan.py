"""The user's walking programme as kept in their record: built from the interview, stepped
each week from the walks measured (dialogs.walk_week), and said in plain words. The soon-tier
advice (a circulation check, a walking time that keeps falling) goes through dialogs.holds,
so it is logged, repeated on the reminders and followed up like any other."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from content.walking import WalkingRules
from dialogs import holds
from dialogs.conversation import Conversation
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import Alert, Button
from dialogs.progress import minutes_text
from dialogs.router import Context
from dialogs.safety import Finding
from dialogs.walk_rx import (
    Dose,
    aids,
    dose,
    first_bout,
    is_circulation,
    onset_from_answers,
    reaches_aim,
)
from dialogs.walk_week import Week, limit_for, review
from dialogs.wording import plural_key

KEY = "walk"  # the feature's part of the user's record
LOG_KEPT = 120  # walks kept in the record for the weekly step (every walk is in the history)
WEEKS_AT_ONCE = 8  # after a longer silence the programme resumes from the current week
DEFAULT_ONSET = 5  # minutes, when the interview's answer is missing


@dataclass(frozen=True)
class Programme:
    walk: dict[str, Any]  # the feature's part of the record, changed in place
    dose: Dose
    circulation: bool
    limit: int  # the highest pain during a walk that is fine


def state(conv: Conversation) -> dict[str, Any]:
    walk = conv.data.get(KEY)
    if not isinstance(walk, dict):
        walk = conv.data[KEY] = {}
    return walk


def programme(ctx: Context) -> Programme | None:
    """The programme now, after any weeks that ended have been reviewed; None before a plan."""
    conv, rules = ctx.conv, ctx.content.walking
    answers: dict[str, str] = conv.data.get("answers") or {}
    if "plan" not in conv.data or not answers:
        return None
    walk = state(conv)
    basis = "|".join(answers.get(q, "") for q in ("walk_minutes", "eases", "where"))
    if walk.get("basis") != basis or not isinstance(walk.get("bout"), int):
        _fresh(conv, rules, walk, basis, answers)
    limit = limit_for(rules, usual_pain(conv.data))
    _catch_up(conv, rules, walk, limit)
    return Programme(
        walk, dose(rules, walk["bout"], answers.get("eases")), is_circulation(rules, answers), limit
    )


def usual_pain(data: dict[str, Any]) -> int:
    """The latest check-in's pain, else the interview's."""
    checkins = data.get("checkins") or []
    if checkins:
        return int(checkins[-1]["pain"])
    told = str((data.get("answers") or {}).get("pain_now", "0"))
    return int(told) if told.isdigit() else 0


def _fresh(
    conv: Conversation,
    rules: WalkingRules,
    walk: dict[str, Any],
    basis: str,
    answers: dict[str, str],
) -> None:
    onset = onset_from_answers(answers) or DEFAULT_ONSET
    walk.update(
        basis=basis,
        onset=onset,
        bout=first_bout(rules, onset),
        measured=False,
        week_from=local_day(conv).isoformat(),
        news=None,
    )
    walk.setdefault("weeks", [])


def _catch_up(conv: Conversation, rules: WalkingRules, walk: dict[str, Any], limit: int) -> None:
    today = local_day(conv)
    start = date.fromisoformat(walk["week_from"])
    if today - start > timedelta(days=7 * WEEKS_AT_ONCE):
        start = today - timedelta(days=(today - start).days % 7)
    while start + timedelta(days=7) <= today:
        end = (start + timedelta(days=7)).isoformat()
        walks = [w for w in walk.get("log", []) if start.isoformat() <= w["day"] < end]
        week = review(rules, start.isoformat(), walks, walk["bout"], limit, walk["weeks"])
        walk["weeks"] = [*walk["weeks"], week.to_json()][-26:]
        walk["bout"] = week.after
        walk["measured"] = walk.get("measured") or bool(walks)
        walk["news"] = week.start
        if week.worse:
            walk["worse"] = {"week": week.start, "told": False}
        start += timedelta(days=7)
    walk["week_from"] = start.isoformat()


def log_walk(walk: dict[str, Any], entry: dict[str, Any]) -> None:
    walk["log"] = [*walk.get("log", []), entry][-LOG_KEPT:]


# -- saying it -----------------------------------------------------------------------------


def say_programme(ctx: Context, prog: Programme, with_start: bool = True) -> None:
    """The whole prescription, with the week's change if it is news, and a Start button (after
    the plan, where the plan's own message has none, /walk is named instead)."""
    conv, rules = ctx.conv, ctx.content.walking
    if prog.circulation:
        conv.say(conv.t("walk.circulation_walk"), [start_button(conv, "walk.time_button")])
        return
    d, walk = prog.dose, prog.walk
    aim = rules.prescription
    lines = [conv.t("walk.title"), ""]
    lines.append(
        conv.t(
            "walk.dose",
            bouts=d.bouts,
            bout=d.bout_min,
            rest=d.rest_min,
            rest_how=conv.t(f"walk.rest.{d.rest_how}"),
        )
    )
    lines.append(conv.t(f"walk.often_{d.times_a_day}", days=d.days_a_week))
    lines.append(_why_bout(conv, rules, walk, d))
    lines.append(conv.t("walk.acceptable", limit=prog.limit))
    reached = reaches_aim(rules, d)
    lines.append(
        conv.t(
            "walk.aim_reached" if reached else "walk.aim",
            minutes=aim.aim_minutes,
            days=aim.aim_days,
        )
    )
    found = aids(rules, conv.data.get("answers") or {})
    if found:
        lines += ["", conv.t("walk.aids_title"), *(f"• {conv.t(f'walk.aid.{a}')}" for a in found)]
    change = change_line(ctx, prog)
    lines += ["", change] if change else []
    lines += ["", conv.t("walk.timing" if with_start else "walk.timing_later")]
    conv.say("\n".join(lines), [start_button(conv, "walk.start_button")] if with_start else [])


def _why_bout(conv: Conversation, rules: WalkingRules, walk: dict[str, Any], d: Dose) -> str:
    if walk.get("measured"):
        return conv.t("walk.why_measured", bout=d.bout_min)
    onset = float(walk.get("onset") or DEFAULT_ONSET)
    if d.bout_min > onset * rules.prescription.share_of_onset:
        return conv.t("walk.why_shortest", bout=d.bout_min)
    return conv.t("walk.why_bout", bout=d.bout_min, onset=minutes_text(onset))


def reminder_line(ctx: Context, prog: Programme) -> None:
    conv = ctx.conv
    if prog.circulation:
        conv.say(conv.t("walk.circulation_reminder"), [start_button(conv, "walk.time_button")])
        return
    d = prog.dose
    text = conv.t(
        "walk.reminder",
        bouts=d.bouts,
        bout=d.bout_min,
        rest=d.rest_min,
        rest_short=conv.t(f"walk.rest_short.{d.rest_how}"),
        often=conv.t(f"walk.reminder_often_{d.times_a_day}"),
    )
    change = change_line(ctx, prog)
    conv.say(f"{text}\n{change}" if change else text, [start_button(conv, "walk.start_button")])


def change_line(ctx: Context, prog: Programme) -> str | None:
    """The latest week's decision, once: it is news until it has been shown."""
    walk = prog.walk
    news = walk.get("news")
    weeks = walk.get("weeks") or []
    if not news or not weeks or weeks[-1]["start"] != news:
        return None
    walk["news"] = None
    before = weeks[-2] if len(weeks) > 1 else None
    why = why_text(ctx.conv.t, ctx.content.walking, Week(**weeks[-1]), prog.limit, before)
    return ctx.conv.t("walk.change", why=why)


def why_text(
    t: Callable[..., str],
    rules: WalkingRules,
    week: Week,
    limit: int,
    before: dict[str, Any] | None,
) -> str:
    """The one line that explains a week's decision ("bouts go up ..., because ...")."""
    last = before.get("onset") if before else None
    key = f"walk.why.{week.reason}"
    return t(
        plural_key(key, week.walks) if week.reason == "few" else key,
        before=week.before,
        after=week.after,
        walks=week.walks,
        limit=limit,
        need=rules.progression.min_walks,
        onset=minutes_text(week.onset or 0),
        last=minutes_text(float(last or 0)),
        aim=rules.prescription.aim_minutes,
    )


def start_button(conv: Conversation, label_key: str) -> Button:
    return Button("walk.start", conv.t(label_key))


def tell_soon_news(ctx: Context, prog: Programme) -> None:
    """The circulation check, once per set of answers; a falling walking time, once per week
    it was found. Only in the plan: a hold has its own advice."""
    conv, walk = ctx.conv, prog.walk
    if conv.state != PLAN:
        return
    if prog.circulation and walk.get("circulation_told") != walk.get("basis"):
        walk["circulation_told"] = walk.get("basis")
        label = conv.t("walk.circulation_label")
        holds.escalate(
            ctx, Finding(Alert.SOON, "walk_circulation", label, "walk.circulation_advice")
        )
    worse = walk.get("worse")
    if isinstance(worse, dict) and not worse.get("told"):
        worse["told"] = True
        weeks = ctx.content.walking.progression.falling_weeks + 1
        onsets = [w["onset"] for w in walk.get("weeks", [])[-weeks:] if w.get("onset")]
        first, last = (onsets[0], onsets[-1]) if onsets else (0, 0)
        label = conv.t("walk.worse_label", first=minutes_text(first), last=minutes_text(last))
        holds.escalate(ctx, Finding(Alert.SOON, "walk_worse", label, "walk.worse_advice"))
