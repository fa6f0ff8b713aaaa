"""The walking prescription and the timing of one walk: pure, from content/walking.yaml.

A bout is a little under the time the pain now starts; the rest suits the pattern; the number
of bouts brings the session closest to the aim. A timed walk is taken to follow the bouts and
rests of the prescription it started with: its prompts, and how much of it was walking."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from content.walking import WalkingRules, matches


@dataclass(frozen=True)
class Dose:
    bout_min: int
    bouts: int
    rest_min: int
    rest_how: str
    times_a_day: int
    days_a_week: int

    @property
    def session_min(self) -> int:
        return self.bout_min * self.bouts


@dataclass(frozen=True)
class Prompt:
    at: datetime
    kind: str  # "rest": a bout ended; "walk": a rest ended; "last": the last bout ended
    bout: int  # the bout that ended ("rest", "last") or begins ("walk")


def round_half_up(value: float) -> int:
    return math.floor(value + 0.5)


def is_circulation(rules: WalkingRules, answers: dict[str, str]) -> bool:
    """Calf pain on walking that eases by just standing still: a doctor's check first."""
    return matches(rules.circulation, answers)


def onset_from_answers(answers: dict[str, str]) -> int | None:
    told = str(answers.get("walk_minutes", ""))
    return int(told) if told.isdigit() else None


def first_bout(rules: WalkingRules, onset_min: float) -> int:
    """About three quarters of the pain-onset time, in whole minutes, never under the minimum."""
    rx = rules.prescription
    bout = math.floor(onset_min * rx.share_of_onset)
    return max(rx.min_bout_min, min(rx.max_bout_min, bout))


def dose(rules: WalkingRules, bout_min: int, eases: str | None) -> Dose:
    rx = rules.prescription
    counts = range(rx.min_bouts, rx.max_bouts + 1)
    bouts = min(counts, key=lambda n: (abs(n * bout_min - rx.aim_minutes), n))
    rest = rules.rests.get(eases or "") or _standing_rest(rules)
    times = 2 if bout_min <= rx.twice_a_day_up_to_min else 1
    return Dose(bout_min, bouts, rest.minutes, rest.how, times, rx.aim_days)


def _standing_rest(rules: WalkingRules) -> Any:
    """The rest for a pattern not told: standing still, where the table has it."""
    rests = list(rules.rests.values())
    return next((r for r in rests if r.how == "stand"), rests[0])


def reaches_aim(rules: WalkingRules, d: Dose) -> bool:
    return d.session_min * d.times_a_day >= rules.prescription.aim_minutes


def aids(rules: WalkingRules, answers: dict[str, str]) -> list[str]:
    found: list[str] = []
    for rule in rules.aids:
        if matches(rule.when, answers):
            found += [a for a in rule.aids if a not in found]
    return found


def prompts(started: datetime, d: Dose) -> list[Prompt]:
    """When to say "rest now", "walk again" and "that was the last bout"."""
    bout, rest = timedelta(minutes=d.bout_min), timedelta(minutes=d.rest_min)
    out: list[Prompt] = []
    for k in range(1, d.bouts + 1):
        bout_end = started + k * bout + (k - 1) * rest
        if k == d.bouts:
            out.append(Prompt(bout_end, "last", k))
        else:
            out += [Prompt(bout_end, "rest", k), Prompt(bout_end + rest, "walk", k + 1)]
    return out


@dataclass(frozen=True)
class Measured:
    minutes: float  # walking, rests left out
    onset: float | None  # minutes into the bout in which the pain came on
    bouts: int  # bouts begun


def measure(elapsed_s: float, pain_s: float | None, d: Dose) -> Measured:
    """A timed walk of `elapsed_s` seconds, the pain (if any) `pain_s` after the start, read
    against its schedule. Time after the last bout counts as walking in that bout."""
    bout, cycle = d.bout_min * 60.0, (d.bout_min + d.rest_min) * 60.0
    last_start = (d.bouts - 1) * cycle
    walking = sum(
        max(0.0, min(elapsed_s, k * cycle + bout) - k * cycle) for k in range(d.bouts - 1)
    ) + max(0.0, elapsed_s - last_start)
    begun = min(d.bouts, int(max(0.0, elapsed_s) // cycle) + 1)
    onset = None
    if pain_s is not None:
        k = min(d.bouts - 1, int(max(0.0, pain_s) // cycle))
        into = pain_s - k * cycle
        onset = min(into, bout) if k < d.bouts - 1 else into
    return Measured(round(walking / 60, 1), None if onset is None else round(onset / 60, 1), begun)


def dose_to_json(d: Dose) -> dict[str, Any]:
    return {
        "bout_min": d.bout_min,
        "bouts": d.bouts,
        "rest_min": d.rest_min,
        "rest_how": d.rest_how,
        "times_a_day": d.times_a_day,
        "days_a_week": d.days_a_week,
    }


def dose_from_json(raw: dict[str, Any]) -> Dose:
    return Dose(
        int(raw["bout_min"]),
        int(raw["bouts"]),
        int(raw["rest_min"]),
        str(raw["rest_how"]),
        int(raw["times_a_day"]),
        int(raw["days_a_week"]),
    )
