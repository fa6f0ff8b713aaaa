"""Turning interview answers into a plan: pure, from the rules in content/plans.yaml."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from content.plans import PlanRules
from dialogs.conversation import Conversation


@dataclass(frozen=True)
class Plan:
    exercises: tuple[str, ...]
    reasons: dict[str, tuple[str, ...]]  # exercise -> ids of the rules that chose it
    tips: tuple[str, ...]
    contributors: tuple[str, ...]
    high_pain: bool

    def to_json(self) -> dict[str, object]:
        return {
            "exercises": list(self.exercises),
            "reasons": {k: list(v) for k, v in self.reasons.items()},
            "tips": list(self.tips),
            "contributors": list(self.contributors),
            "high_pain": self.high_pain,
        }


def build_plan(rules: PlanRules, answers: dict[str, str]) -> Plan:
    matched = [r for r in rules.rules if r.applies(answers)]
    scores = dict.fromkeys(rules.exercises, 0)
    reasons: dict[str, list[str]] = {ex: [] for ex in rules.exercises}
    for rule in [rules.base, *matched]:
        for ex, weight in rule.exercises.items():
            scores[ex] += weight
            if rule is not rules.base:
                reasons[ex].append(rule.id)
    pain = _number(answers.get("pain_now"))
    high_pain = pain is not None and pain >= rules.high_pain_min
    limit = rules.high_pain_max_exercises if high_pain else rules.max_exercises
    order = list(rules.exercises)
    candidates = [ex for ex in order if scores[ex] > 0]
    if high_pain:
        candidates = [ex for ex in candidates if rules.exercises[ex].gentle] or candidates
    chosen = sorted(candidates, key=lambda ex: (-scores[ex], order.index(ex)))[:limit]
    no_blame = any(r.no_posture_blame for r in matched)
    contributors = _unique(c for r in [rules.base, *matched] for c in r.contributors)
    if no_blame:
        contributors = [c for c in contributors if c not in ("gait", "pelvic_tilt")]
    tips = _unique(t for r in [*matched, rules.base] for t in r.tips)[:3]
    return Plan(
        exercises=tuple(chosen),
        reasons={ex: tuple(reasons[ex]) for ex in chosen},
        tips=tuple(tips),
        contributors=tuple(contributors),
        high_pain=high_pain,
    )


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def make_plan(conv: Conversation, rules: PlanRules) -> None:
    conv.data["plan"] = build_plan(rules, conv.data.get("answers", {})).to_json()


def stored_plan(conv: Conversation) -> Plan | None:
    raw = conv.data.get("plan")
    if not isinstance(raw, dict):
        return None
    return Plan(
        exercises=tuple(raw["exercises"]),
        reasons={k: tuple(v) for k, v in raw["reasons"].items()},
        tips=tuple(raw["tips"]),
        contributors=tuple(raw["contributors"]),
        high_pain=bool(raw["high_pain"]),
    )
