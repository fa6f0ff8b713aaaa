"""The rules that turn interview answers into a plan, loaded from plans.yaml and cross-checked
against the interview, so a rule can only name questions, options and exercises that exist."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.interview import Interview, Kind
from content.texts import CONTENT_DIR, read_yaml

FILE = "plans.yaml"


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int | None
    hold_s: int | None
    per_side: bool
    gentle: bool


@dataclass(frozen=True)
class Condition:
    values: frozenset[str] | None = None
    min: float | None = None
    max: float | None = None

    def matches(self, answer: str | None) -> bool:
        if answer is None:
            return False
        if self.values is not None:
            return answer in self.values
        try:
            number = float(answer)
        except ValueError:
            return False
        return (self.min is None or number >= self.min) and (self.max is None or number <= self.max)


@dataclass(frozen=True)
class Rule:
    id: str
    when: dict[str, Condition]
    exercises: dict[str, int]
    tips: tuple[str, ...]
    contributors: tuple[str, ...]
    no_posture_blame: bool = False

    def applies(self, answers: dict[str, str]) -> bool:
        return all(cond.matches(answers.get(q)) for q, cond in self.when.items())


@dataclass(frozen=True)
class Progression:
    min_days_done: int
    step_back_pain_rise: int
    max_level: int
    reps_per_level: int
    hold_s_per_level: int


@dataclass(frozen=True)
class PlanRules:
    exercises: dict[str, Dose]
    tips: tuple[str, ...]
    contributors: tuple[str, ...]
    base: Rule
    rules: tuple[Rule, ...]
    max_exercises: int
    high_pain_min: float
    high_pain_max_exercises: int
    progression: Progression

    def text_keys(self) -> Iterator[str]:
        for ex in self.exercises:
            yield from (f"exercise.{ex}.{part}" for part in ("name", "steps", "feel", "cues"))
        yield from (f"plan.tip.{t}" for t in self.tips)
        yield from (f"plan.contributor.{c}" for c in self.contributors)
        yield from (f"plan.because.{r.id}" for r in self.rules)


def load_plan_rules(directory: Path, interview: Interview) -> PlanRules:
    raw = _mapping(read_yaml((directory or CONTENT_DIR) / FILE), "-")
    exercises = {
        ex: _dose(ex, _mapping(spec, ex))
        for ex, spec in _mapping(raw.get("exercises"), "exercises").items()
    }
    tips = tuple(str(t) for t in raw.get("tips") or ())
    contributors = tuple(str(c) for c in raw.get("contributors") or ())
    known = _Known(exercises, tips, contributors, interview)
    base = known.rule("base", _mapping(raw.get("base"), "base"))
    rules = tuple(
        known.rule(str(_mapping(r, "rules").get("id")), r) for r in raw.get("rules") or ()
    )
    ids = [r.id for r in rules]
    for rid in ids:
        if ids.count(rid) > 1:
            raise ContentError(FILE, rid, "duplicate rule id")
    high = _mapping(raw.get("high_pain"), "high_pain")
    return PlanRules(
        exercises,
        tips,
        contributors,
        base,
        rules,
        int(raw.get("max_exercises", 3)),
        float(high["min"]),
        int(high["max_exercises"]),
        _progression(_mapping(raw.get("progression"), "progression")),
    )


def _progression(raw: dict[str, Any]) -> Progression:
    try:
        step = raw["per_level"]
        values = (
            raw["min_days_done"],
            raw["step_back_pain_rise"],
            raw["max_level"],
            step["reps"],
            step["hold_s"],
        )
    except (KeyError, TypeError) as exc:
        raise ContentError(FILE, "progression", f"missing {exc}") from exc
    if not all(isinstance(v, int) and v >= 0 for v in values):
        raise ContentError(FILE, "progression", "every value must be a whole number")
    return Progression(*values)


def _dose(ex: str, spec: dict[str, Any]) -> Dose:
    if not isinstance(spec.get("sets"), int) or not (spec.get("reps") or spec.get("hold_s")):
        raise ContentError(FILE, ex, "needs sets and either reps or hold_s")
    return Dose(
        spec["sets"],
        spec.get("reps"),
        spec.get("hold_s"),
        bool(spec.get("per_side")),
        bool(spec.get("gentle")),
    )


@dataclass(frozen=True)
class _Known:
    exercises: dict[str, Dose]
    tips: tuple[str, ...]
    contributors: tuple[str, ...]
    interview: Interview

    def rule(self, rid: str, raw: dict[str, Any]) -> Rule:
        exercises = {str(k): int(v) for k, v in (raw.get("exercises") or {}).items()}
        tips = tuple(str(t) for t in raw.get("tips") or ())
        contributors = tuple(str(c) for c in raw.get("contributors") or ())
        self._check_names(rid, exercises, tips, contributors)
        if not (exercises or tips or contributors):
            raise ContentError(
                FILE, rid, "the rule names nothing: give exercises, tips or contributors"
            )
        when = {q: self._condition(rid, q, c) for q, c in (raw.get("when") or {}).items()}
        if rid != "base" and not when:
            raise ContentError(FILE, rid, "the rule has no 'when'")
        return Rule(rid, when, exercises, tips, contributors, bool(raw.get("no_posture_blame")))

    def _check_names(
        self,
        rid: str,
        exercises: dict[str, int],
        tips: tuple[str, ...],
        contributors: tuple[str, ...],
    ) -> None:
        for name, known, what in (
            *((e, self.exercises, "exercise") for e in exercises),
            *((t, self.tips, "tip") for t in tips),
            *((c, self.contributors, "contributor") for c in contributors),
        ):
            if name not in known:
                raise ContentError(FILE, rid, f"unknown {what} {name!r}")

    def _condition(self, rid: str, qid: str, raw: Any) -> Condition:
        question = next((q for q in self.interview.questions if q.id == qid), None)
        if question is None:
            raise ContentError(FILE, rid, f"unknown question {qid!r}")
        if isinstance(raw, list):
            values = frozenset(str(v) for v in raw)
            unknown = values - set(question.options)
            if unknown:
                raise ContentError(FILE, rid, f"{qid} has no option {sorted(unknown)[0]!r}")
            return Condition(values=values)
        if isinstance(raw, dict) and question.kind in (Kind.SCALE, Kind.MINUTES):
            return Condition(min=raw.get("min"), max=raw.get("max"))
        raise ContentError(FILE, rid, f"condition on {qid} must list options or give min/max")


def _mapping(node: object, entry: str) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise ContentError(FILE, entry, "expected a mapping")
    return node
