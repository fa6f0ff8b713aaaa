"""The weekly step of the walking programme, from what the week's walks measured: pure.

A good week (enough walks, none too painful, the pain not coming on sooner) steps the bouts
up; a mixed one holds them; a flare (a walk stopped, or most walks too painful) steps them
back. Each decision carries the reason it is explained by, in one line."""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import asdict, dataclass
from typing import Any

from content.walking import WalkingRules
from dialogs.walk_rx import round_half_up


@dataclass(frozen=True)
class Week:
    start: str  # the local day the week began
    walks: int
    days: int  # days with a walk
    minutes: float  # walking minutes in the week
    onset: float | None  # the typical minutes before the pain came on, where it did
    worst: int | None  # the highest pain told after a walk
    decision: str  # "up", "hold" or "back"
    reason: str  # the text walk.why.<reason> explains it by
    before: int  # bout minutes before the decision
    after: int  # and after
    worse: bool = False  # the onset has fallen week after week: see someone

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def limit_for(rules: WalkingRules, usual_pain: int) -> int:
    """The highest pain during a walk that is still fine."""
    return max(rules.max_pain, usual_pain + rules.above_usual)


def summarise(walks: list[dict[str, Any]]) -> tuple[int, float, float | None, int | None]:
    onsets = [float(w["onset"]) for w in walks if w.get("onset") is not None]
    pains = [int(w["pain"]) for w in walks if w.get("pain") is not None]
    days = len({w["day"] for w in walks})
    minutes = round(sum(float(w["minutes"]) for w in walks), 1)
    onset = round(statistics.median(onsets), 1) if onsets else None
    return days, minutes, onset, max(pains) if pains else None


def review(
    rules: WalkingRules,
    start: str,
    walks: list[dict[str, Any]],
    bout: int,
    limit: int,
    earlier: list[dict[str, Any]],
) -> Week:
    """The decision for the week that began on `start`, given its walks, the bout it was
    walked at, the acceptable pain and the weeks reviewed before it (oldest first)."""
    days, minutes, onset, worst = summarise(walks)
    decision, reason, after = _decide(rules, walks, bout, limit, onset, earlier)
    worse = _falling(rules, [*(w.get("onset") for w in earlier), onset])
    return Week(
        start, len(walks), days, minutes, onset, worst, decision, reason, bout, after, worse
    )


def _decide(
    rules: WalkingRules,
    walks: list[dict[str, Any]],
    bout: int,
    limit: int,
    onset: float | None,
    earlier: list[dict[str, Any]],
) -> tuple[str, str, int]:
    """(decision, reason, new bout). Whatever the week, a measured onset keeps the bouts at
    most the cap share of it: the bouts stay a little under the time the pain now starts."""
    p, rx = rules.progression, rules.prescription
    cap = None if onset is None else max(rx.min_bout_min, math.floor(onset * p.cap_share_of_onset))
    decision, reason, after = _by_the_week(rules, walks, bout, limit, onset, earlier)
    if cap is not None and cap < after:
        if reason == "flare":
            return decision, reason, cap
        return ("up" if cap > bout else "hold" if cap == bout else "back"), "capped", cap
    if reason == "good" and after == bout:
        return "hold", "top", bout
    return decision, reason, after


def _by_the_week(
    rules: WalkingRules,
    walks: list[dict[str, Any]],
    bout: int,
    limit: int,
    onset: float | None,
    earlier: list[dict[str, Any]],
) -> tuple[str, str, int]:
    p, rx = rules.progression, rules.prescription
    too_painful = [w for w in walks if w.get("pain") is not None and int(w["pain"]) > limit]
    if not walks:
        return "hold", "none", bout
    stopped = any(w.get("stopped") for w in walks)
    if stopped or (too_painful and len(too_painful) >= p.flare_share * len(walks)):
        return "back", "flare", max(rx.min_bout_min, round_half_up(bout * (1 - p.back_share)))
    if too_painful:
        return "hold", "mixed", bout
    if len(walks) < p.min_walks:
        return "hold", "few", bout
    last = earlier[-1].get("onset") if earlier else None
    if onset is not None and last is not None and onset < float(last):
        return "hold", "falling", bout
    step = max(p.up_min_min, min(p.up_max_min, round_half_up(bout * p.up_share)))
    return "up", "good", min(rx.max_bout_min, bout + step)


def _falling(rules: WalkingRules, onsets: list[Any]) -> bool:
    """The measured onset fell, by at least the threshold, in each of the last N weeks."""
    weeks = rules.progression.falling_weeks
    recent = onsets[-(weeks + 1) :]
    if len(recent) < weeks + 1 or any(o is None for o in recent):
        return False
    drop = rules.progression.falling_min_drop
    return all(float(a) - float(b) >= drop for a, b in itertools.pairwise(recent))
