"""What the weekly check-in says: the numbers as they are, the decision and why, the changes
made since the last check-in, and the advice to see someone when pain keeps rising."""

from __future__ import annotations

from typing import Any

from content.plans import PlanRules
from dialogs.conversation import Conversation
from dialogs.messages import Alert
from dialogs.plan_render import name
from dialogs.weekly import Week, pain_key, shown, worsening


def report(
    conv: Conversation, rules: PlanRules, week: Week, entry: dict[str, Any], averages: list[float]
) -> None:
    lines = [_pain(conv, week), _walk(conv, week), _decision(conv, rules, week, entry)]
    changes = _changes_since_last(conv, entry["date"])
    if changes:
        lines.append("\n".join([conv.t("checkin.changes_title"), *changes]))
    conv.say("\n\n".join(line for line in lines if line))
    run = [week.first, *averages]
    times = rules.progression.worsening_checkins
    if worsening(run, times, rules.progression.hold_pain_rise):
        path = " → ".join(f"{shown(a)}/10" for a in run[-(times + 1) :])
        conv.say(conv.t("checkin.worsening", count=times, path=path), alert=Alert.SOON)


def _pain(conv: Conversation, week: Week) -> str:
    key = pain_key(week.first, week.now)
    drop = shown(abs(round(week.first - week.now, 1)))
    first, now = shown(week.first), shown(week.now)
    text = conv.t(f"checkin.pain_{key}", first=first, now=now, drop=drop, unit=_points(conv, drop))
    if week.last != week.first:
        diff = round(week.now - week.last, 1)
        since = "since_up" if diff > 0 else "since_down" if diff < 0 else "since_same"
        change = shown(abs(diff))
        unit = _points(conv, change)
        text += " " + conv.t(f"checkin.{since}", diff=change, last=shown(week.last), unit=unit)
    return text


def _walk(conv: Conversation, week: Week) -> str:
    first = (conv.data.get("baseline") or {}).get("walk", week.walk_last)
    if str(first) == str(week.walk_last):
        return conv.t("checkin.walk", first=first, now=week.walk_now)
    return conv.t("checkin.walk_since", first=first, last=week.walk_last, now=week.walk_now)


def _decision(conv: Conversation, rules: PlanRules, week: Week, entry: dict[str, Any]) -> str:
    decision, reasons = entry["decision"], entry["reasons"]
    moves = "\n".join(
        conv.t("checkin.change_line", old=name(conv, old), new=name(conv, new))
        for old, new in entry["moves"]
    )
    need = rules.progression.min_days_done
    if decision in ("up", "top"):
        text = conv.t(f"checkin.decision_{decision}", days=week.days_done)
        return f"{text}\n{moves}" if moves else text
    if decision == "back":
        compared = "start" if "start" in reasons else "last"
        rise = week.rise_from_start if compared == "start" else week.rise_since_last
        values = {
            "rise": shown(rise),
            "unit": _points(conv, shown(rise)),
            "compared": conv.t(f"checkin.compared_{compared}"),
        }
        key = "checkin.decision_back" if moves else "checkin.decision_back_lowest"
        text = conv.t(key, **values)
        return "\n".join(p for p in (text, moves, conv.t("checkin.back_advice")) if p)
    said = {
        "days": conv.t("checkin.keep_days", days=week.days_done, need=need),
        "walk": conv.t("checkin.keep_walk", last=week.walk_last, now=week.walk_now),
        "rising": conv.t(
            "checkin.keep_rising",
            rise=shown(week.rise_since_last),
            unit=_points(conv, shown(week.rise_since_last)),
        ),
    }
    return conv.t(
        "checkin.decision_keep", reasons=conv.t("plan.and").join(said[r] for r in reasons)
    )


def _changes_since_last(conv: Conversation, today: str) -> list[str]:
    checkins = conv.data.get("checkins", [])
    since = checkins[-2]["date"] if len(checkins) >= 2 else ""
    lines = []
    for change in conv.data.get("changes", []):
        if since < change["date"] <= today:
            values = {"old": name(conv, change["old"])}
            if change.get("new"):
                values["new"] = name(conv, change["new"])
            lines.append("• " + conv.t(f"worse.change.{change['kind']}", **values))
    return lines


def _points(conv: Conversation, amount: str) -> str:
    """ "1 point", "2 points", "1.5 points": the word that goes with a shown amount."""
    return conv.t("checkin.point" if amount == "1" else "checkin.points")
