"""The rules that turn interview answers into a plan, loaded from plans.yaml and cross-checked
against the interview and the exercises, so a rule can only name questions, options, exercise
families, tips, contributors and things to avoid that exist."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.exercises import INVOLVES, SURFACES, Catalogue, load_catalogue
from content.interview import Interview, Kind
from content.texts import CONTENT_DIR, read_yaml

FILE = "plans.yaml"


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
    exercises: dict[str, int] = field(default_factory=dict)
    tips: tuple[str, ...] = ()
    contributors: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    avoid: frozenset[str] = frozenset()
    remove_tips: frozenset[str] = frozenset()
    remove_contributors: frozenset[str] = frozenset()
    gentlest: bool = False

    def applies(self, answers: dict[str, str]) -> bool:
        return all(cond.matches(answers.get(q)) for q, cond in self.when.items())


@dataclass(frozen=True)
class Progression:
    min_days_done: int
    step_back_pain_rise: int
    hold_pain_rise: int
    worsening_checkins: int
    flare_days: int


@dataclass(frozen=True)
class PlanRules:
    catalogue: Catalogue
    tips: tuple[str, ...]
    contributors: tuple[str, ...]
    notes: tuple[str, ...]
    advice: tuple[str, ...]
    base: Rule
    rules: tuple[Rule, ...]
    max_exercises: int
    max_tips: int
    high_pain_min: float
    high_pain_max_exercises: int
    progression: Progression
    ends_interview: dict[str, tuple[str, ...]] = field(default_factory=dict)  # not for them

    def turns_away(self, answers: dict[str, str]) -> bool:
        return any(answers.get(q) in ends for q, ends in self.ends_interview.items())

    def text_keys(self) -> Iterator[str]:
        yield from self.catalogue.text_keys()
        yield from (f"plan.tip.{t}" for t in self.tips)
        yield from (
            f"plan.{part}.{c}" for c in self.contributors for part in ("contributor", "factor")
        )
        yield from (f"plan.note.{n}" for n in self.notes)
        yield from (f"plan.advice.{a}" for a in self.advice)
        yield from (f"plan.because.{r.id}" for r in self.rules)


def load_plan_rules(directory: Path, interview: Interview) -> PlanRules:
    directory = directory or CONTENT_DIR
    raw = _mapping(read_yaml(directory / FILE), "-")
    names = {key: tuple(str(n) for n in raw.get(key) or ()) for key in _NAMED}
    known = _Known(load_catalogue(directory), names, interview)
    base = known.rule("base", _mapping(raw.get("base"), "base"))
    if base.contributors or base.avoid or base.notes or base.advice:
        raise ContentError(FILE, "base", "names what only an answer can lead to")
    rules = tuple(
        known.rule(str(_mapping(r, "rules").get("id")), r) for r in raw.get("rules") or ()
    )
    ids = [r.id for r in rules]
    for rid in ids:
        if ids.count(rid) > 1:
            raise ContentError(FILE, rid, "duplicate rule id")
    high = _mapping(raw.get("high_pain"), "high_pain")
    return PlanRules(
        known.catalogue,
        names["tips"],
        names["contributors"],
        names["notes"],
        names["advice"],
        base,
        rules,
        int(raw.get("max_exercises", 3)),
        int(raw.get("max_tips", 4)),
        float(high["min"]),
        int(high["max_exercises"]),
        _progression(_mapping(raw.get("progression"), "progression")),
        {q.id: q.ends for q in interview.questions if q.ends},
    )


_NAMED = ("tips", "contributors", "notes", "advice")


def _progression(raw: dict[str, Any]) -> Progression:
    keys = ("min_days_done", "step_back_pain_rise", "hold_pain_rise", "worsening_checkins")
    try:
        values = [raw[k] for k in (*keys, "flare_days")]
    except KeyError as exc:
        raise ContentError(FILE, "progression", f"missing {exc}") from exc
    if not all(isinstance(v, int) and v >= 0 for v in values):
        raise ContentError(FILE, "progression", "every value must be a whole number")
    return Progression(*values)


@dataclass(frozen=True)
class _Known:
    catalogue: Catalogue
    names: dict[str, tuple[str, ...]]
    interview: Interview

    def rule(self, rid: str, raw: dict[str, Any]) -> Rule:
        exercises = {str(k): int(v) for k, v in (raw.get("exercises") or {}).items()}
        listed = {key: tuple(str(n) for n in raw.get(key) or ()) for key in _NAMED}
        removed = _mapping(raw.get("remove") or {}, rid)
        avoid = frozenset(str(a) for a in raw.get("avoid") or ())
        self._check_names(rid, exercises, listed, removed, avoid)
        rule = Rule(
            rid,
            {q: self._condition(rid, q, c) for q, c in (raw.get("when") or {}).items()},
            exercises,
            listed["tips"],
            listed["contributors"],
            listed["notes"],
            listed["advice"],
            avoid,
            frozenset(str(t) for t in removed.get("tips") or ()),
            frozenset(str(c) for c in removed.get("contributors") or ()),
            bool(raw.get("gentlest")),
        )
        if rule == Rule(rid, rule.when):
            raise ContentError(FILE, rid, "the rule names nothing: give it something to do")
        if rid != "base" and not rule.when:
            raise ContentError(FILE, rid, "the rule has no 'when'")
        return rule

    def _check_names(
        self,
        rid: str,
        exercises: dict[str, int],
        listed: dict[str, tuple[str, ...]],
        removed: dict[str, Any],
        avoid: frozenset[str],
    ) -> None:
        families = self.catalogue.families
        checks: list[tuple[str, Collection[str], str]]
        checks = [(e, families.keys(), "exercise") for e in exercises]
        for key, names in listed.items():
            checks += [(n, self.names[key], key.rstrip("s")) for n in names]
        for key in ("tips", "contributors"):
            checks += [(n, self.names[key], key.rstrip("s")) for n in removed.get(key) or ()]
        checks += [(a, (*SURFACES, *INVOLVES), "thing to avoid") for a in avoid]
        for name, known, what in checks:
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
