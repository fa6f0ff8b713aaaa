"""Weekly numbers and the weekly decision, pure: pain as weekly averages, the minimal important
change (at least 2 points AND at least 30 % of the starting average; Ostelo 2008, Childs 2005),
and whether the plan steps up, holds or steps back."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from statistics import fmean

from content.plans import Progression

MIC_POINTS = 2.0
MIC_SHARE = 0.30


def average(scores: Iterable[float]) -> float | None:
    values = list(scores)
    return round(fmean(values), 1) if values else None


def shown(value: float) -> str:
    """A pain average as the user reads it: one decimal, none when it is whole (4, 4.5)."""
    return f"{round(value, 1):.1f}".removesuffix(".0")


def scores_between(log: Iterable[dict[str, object]], first: date, last: date) -> list[int]:
    """The daily scores kept in `log` ({"date", "score"}) dated from `first` to `last`."""
    span = {(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)}
    return [int(str(e["score"])) for e in log if e.get("date") in span]


def meaningful(first: float, now: float) -> bool:
    """A change in pain that matters: 2 points or more AND 30 % or more of the start."""
    change = abs(first - now)
    return change >= MIC_POINTS - 1e-9 and first > 0 and change / first >= MIC_SHARE - 1e-9


def pain_key(first: float, now: float) -> str:
    if now < first:
        return "better_mic" if meaningful(first, now) else "better"
    return "same" if now == first else "worse"


@dataclass(frozen=True)
class Week:
    first: float  # the first week's average pain
    last: float  # the average at the last check-in (the first week's at the first check-in)
    now: float  # the last 7 days' average
    walk_last: int  # minutes before the pain starts, last time
    walk_now: int
    days_done: int

    @property
    def rise_from_start(self) -> float:
        return round(self.now - self.first, 1)

    @property
    def rise_since_last(self) -> float:
        return round(self.now - self.last, 1)


def decide(rules: Progression, week: Week) -> tuple[str, list[str]]:
    """ "up", "keep" (with the reasons) or "back"; "back" when pain is 2 or more above the first
    week or the last check-in; no step up while walking time falls or pain is rising."""
    if week.rise_from_start >= rules.step_back_pain_rise:
        return "back", ["start"]
    if week.rise_since_last >= rules.step_back_pain_rise:
        return "back", ["last"]
    reasons = []
    if week.days_done < rules.min_days_done:
        reasons.append("days")
    if week.walk_now < week.walk_last:
        reasons.append("walk")
    if week.rise_since_last >= rules.hold_pain_rise:
        reasons.append("rising")
    return ("keep", reasons) if reasons else ("up", [])


def worsening(averages: list[float], times: int, by: float) -> bool:
    """Weekly pain up at each of the last `times` check-ins, and by at least `by` points in
    all (the first week's average starts the run)."""
    run = averages[-(times + 1) :]
    if times <= 0 or len(run) != times + 1:
        return False
    return all(a < b for a, b in pairwise(run)) and run[-1] - run[0] >= by - 1e-9
