"""Turning interview answers into a plan (pure), and showing it: /exercises, /why, /posture."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from content.bundle import Content
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


class PlanView:
    def __init__(self, content: Content) -> None:
        self.rules = content.plans

    def make_plan(self, conv: Conversation) -> None:
        conv.data["plan"] = build_plan(self.rules, conv.data.get("answers", {})).to_json()

    def show_plan(self, conv: Conversation) -> None:
        plan = self._stored(conv)
        if plan is None:
            conv.say(conv.t("plan.not_ready"))
            return
        lines = [conv.t("plan.title"), "", conv.t("plan.contributors_title")]
        lines += [f"• {conv.t(f'plan.contributor.{c}')}" for c in plan.contributors]
        if plan.high_pain:
            lines += ["", conv.t("plan.high_pain")]
        lines += ["", conv.t("plan.exercises_title")]
        lines += [self._header(conv, i, ex) for i, ex in enumerate(plan.exercises, 1)]
        lines += ["", conv.t("plan.tips_title")]
        lines += [f"• {conv.t(f'plan.tip.{t}')}" for t in plan.tips]
        lines += ["", conv.t("plan.footer")]
        conv.say("\n".join(lines))

    def show_exercises(self, conv: Conversation) -> None:
        plan = self._stored(conv)
        if plan is None:
            conv.say(conv.t("plan.not_ready"))
            return
        for i, ex in enumerate(plan.exercises, 1):
            conv.say(
                "\n".join(
                    [
                        self._header(conv, i, ex),
                        "",
                        conv.t("plan.steps_title"),
                        conv.t(f"exercise.{ex}.steps"),
                        "",
                        f"{conv.t('plan.feel_title')} {conv.t(f'exercise.{ex}.feel')}",
                        f"{conv.t('plan.cues_title')} {conv.t(f'exercise.{ex}.cues')}",
                    ]
                )
            )

    def show_why(self, conv: Conversation) -> None:
        plan = self._stored(conv)
        if plan is None:
            conv.say(conv.t("plan.not_ready"))
            return
        lines = [conv.t("plan.why_title")]
        for ex in plan.exercises:
            reasons = [conv.t(f"plan.because.{r}") for r in plan.reasons.get(ex, ())]
            because = conv.t("plan.and").join(reasons) if reasons else conv.t("plan.why_base")
            lines.append(
                "• " + conv.t("plan.why_line", name=conv.t(f"exercise.{ex}.name"), reasons=because)
            )
        conv.say("\n".join(lines))

    def show_posture(self, conv: Conversation) -> None:
        plan = self._stored(conv)
        tips = (
            plan.tips
            if plan
            else ("chest_up", "neutral_pelvis", "core_gentle", "midfoot", "natural_steps")
        )
        conv.say(
            "\n".join([conv.t("plan.tips_title"), *(f"• {conv.t(f'plan.tip.{t}')}" for t in tips)])
        )

    def _stored(self, conv: Conversation) -> Plan | None:
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

    def _header(self, conv: Conversation, number: int, ex: str) -> str:
        dose, step = self.rules.exercises[ex], self.rules.progression
        level = int((conv.data.get("plan") or {}).get("level", 0))
        if dose.reps:
            reps = dose.reps + level * step.reps_per_level
            text = conv.t("plan.dose_reps", sets=dose.sets, reps=reps)
        else:
            hold = (dose.hold_s or 0) + level * step.hold_s_per_level
            text = conv.t("plan.dose_hold", sets=dose.sets, hold=hold)
        if dose.per_side:
            text += conv.t("plan.per_side")
        return conv.t(
            "plan.exercise_header", number=number, name=conv.t(f"exercise.{ex}.name"), dose=text
        )
