"""Score the red-flag net on the blind sets: `python -m tests.score_redflags [dev|locked] [--rules]`
(--rules: the rules alone, with the second opinion left out).

Each message is sent by a user whose plan is ready, through the same dialog step the engine
runs. A safety question (buttons `safety.yes` / `safety.no`) counts as one step: for an alarm
the user taps Yes, and the tier it then reaches is the one scored; for a calm message (ordinary
or long-standing) the user taps No, and the question itself is counted ("asked")."""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from content.bundle import load_content
from dialogs.dialog import Dialog
from dialogs.messages import Alert, ButtonPress, Reply, TextMessage
from dialogs.ports import UserKey, UserRecord
from tests.score_answers import ANSWERS, AT, SENDER  # the same planned user

CALM = ("none", "longstanding")  # expectations of a message with no sign

DATA = Path(__file__).parent / "data" / "blind"


@dataclass(frozen=True)
class Outcome:
    alert: Alert
    crisis: bool
    asked: bool  # a safety question was shown


def planned_user(dialog: Dialog) -> UserRecord:
    from dialogs.plan import build_plan

    plan = build_plan(dialog.content.plans, ANSWERS).to_json()
    data = {"answers": dict(ANSWERS), "plan": plan, "started": "2026-11-20", "tz": "Europe/London"}
    return UserRecord(UserKey("console", "scorer"), "scorer", "plan", data, 1, "en")


def _top(replies: tuple[Reply, ...]) -> Alert:
    return max((r.alert for r in replies), key=lambda a: a.rank, default=Alert.NONE)


def outcome(dialog: Dialog, record: UserRecord, text: str, tap: str = "safety.yes") -> Outcome:
    result = dialog.step(TextMessage(SENDER, AT, text), record)
    replies = result.replies
    asked = any(b.id == "safety.yes" for r in replies for b in r.buttons)
    if asked and result.record is not None:
        # the question is counted apart ("asked"); what the tap brings is the outcome
        replies = tuple(r for r in replies if not any(b.id == "safety.yes" for b in r.buttons))
        replies += dialog.step(ButtonPress(SENDER, AT, tap), result.record).replies
    crisis = any(r.text.startswith(CRISIS_MARK) for r in replies)
    return Outcome(_top(replies), crisis, asked)


CRISIS_MARK = "💛"  # the crisis reply's first character (content/en/texts.yaml, crisis.reply)


def passed(entry: dict[str, Any], got: Outcome) -> bool:
    expect = entry["expect"]
    if expect == "emergency":
        return got.alert is Alert.EMERGENCY
    if expect in ("urgent", "soon"):
        return got.alert.rank >= Alert.SOON.rank
    if expect == "crisis":
        return got.crisis
    if expect == "longstanding":
        return got.alert is not Alert.EMERGENCY
    return got.alert is Alert.NONE and not got.crisis


def score(part: str, rules_only: bool = False) -> dict[str, Any]:
    dialog = Dialog(load_content())
    if rules_only:
        dialog.second_opinion = None
    record = planned_user(dialog)
    entries = yaml.safe_load((DATA / f"redflags_{part}.yaml").read_text(encoding="utf-8"))
    totals: Counter[str] = Counter()
    good: Counter[str] = Counter()
    asked_calm = 0
    misses: dict[str, list[str]] = defaultdict(list)
    for entry in entries:
        calm = entry["expect"] in CALM
        got = outcome(dialog, record, entry["text"], "safety.no" if calm else "safety.yes")
        totals[entry["expect"]] += 1
        if passed(entry, got):
            good[entry["expect"]] += 1
        else:
            misses[f"{entry['expect']}/{entry['category']}"].append(entry["text"])
        if entry["expect"] == "none" and got.asked:
            asked_calm += 1
            misses["none asked a safety question"].append(entry["text"])
    return {"totals": totals, "good": good, "asked_calm": asked_calm, "misses": misses}


def report(part: str, show_misses: bool, rules_only: bool = False) -> None:
    result = score(part, rules_only)
    totals, good = result["totals"], result["good"]
    for expect in ("emergency", "urgent", "soon", "crisis", "longstanding", "none"):
        n = totals[expect]
        if n:
            print(f"{expect:13} {good[expect]:4}/{n:<4} {100 * good[expect] / n:5.1f} %")
    caught = good["urgent"] + good["soon"]
    print(f"urgent+soon   {caught}/{totals['urgent'] + totals['soon']} caught at some tier")
    print(f"calm messages given a safety question: {result['asked_calm']}/{totals['none']}")
    if show_misses:
        by_size = sorted(result["misses"].items(), key=lambda kv: -len(kv[1]))
        for category, texts in by_size:
            print(f"\n{category} ({len(texts)})")
            for text in texts[:6]:
                print("   ", text.replace("\n", " / ")[:110])


if __name__ == "__main__":
    which = next((a for a in sys.argv[1:] if not a.startswith("--")), "dev")
    report(which, show_misses=which.startswith("dev"), rules_only="--rules" in sys.argv)
