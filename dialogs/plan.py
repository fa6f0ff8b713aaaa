"""Turning interview answers into a plan: pure, from the rules in content/plans.yaml and the
exercises in content/exercises.yaml. Every exercise, version, tip and contributor in a plan
carries the rules (and so the answers) that put it there."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from content.exercises import Family, Version
from content.plans import PlanRules, Rule
from dialogs.conversation import Conversation
from dialogs.local_time import local_day


@dataclass(frozen=True)
class Item:
    """One exercise of the plan: its family, the version to do now, and where."""

    family: str
    version: str
    surface: str
    reasons: tuple[str, ...] = ()  # rules that chose the family
    fitted: tuple[str, ...] = ()  # rules that changed the version (the floor, the nerve, ...)

    def to_json(self) -> dict[str, Any]:
        return {
            "family": self.family,
            "version": self.version,
            "surface": self.surface,
            "reasons": list(self.reasons),
            "fitted": list(self.fitted),
        }


@dataclass(frozen=True)
class Plan:
    items: tuple[Item, ...]
    tips: tuple[str, ...]
    traced: dict[str, tuple[str, ...]]  # contributor -> the rules that named it, in order
    notes: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    avoid: frozenset[str] = frozenset()
    fitted_by: dict[str, tuple[str, ...]] = field(default_factory=dict)  # avoided -> rules
    high_pain: bool = False
    gentlest: bool = False

    @property
    def exercises(self) -> tuple[str, ...]:
        return tuple(i.version for i in self.items)

    @property
    def contributors(self) -> tuple[str, ...]:
        return tuple(self.traced)

    def to_json(self) -> dict[str, object]:
        return {
            "exercises": list(self.exercises),  # the versions' ids, which name them
            "reasons": {i.version: list(i.reasons) for i in self.items},
            "items": [i.to_json() for i in self.items],
            "tips": list(self.tips),
            "contributors": {c: list(r) for c, r in self.traced.items()},
            "notes": list(self.notes),
            "advice": list(self.advice),
            "avoid": sorted(self.avoid),
            "fitted_by": {k: list(v) for k, v in self.fitted_by.items()},
            "high_pain": self.high_pain,
            "gentlest": self.gentlest,
        }


def build_plan(rules: PlanRules, answers: dict[str, str], leave_out: Iterable[str] = ()) -> Plan:
    """The plan for these answers; `leave_out` names families the user found made it worse."""
    matched = [r for r in rules.rules if r.applies(answers)]
    every = [rules.base, *matched]
    avoid = frozenset(a for r in matched for a in r.avoid)
    fitted_by = {a: tuple(r.id for r in matched if a in r.avoid) for a in sorted(avoid)}
    pain = _number(answers.get("pain_now"))
    high_pain = pain is not None and pain >= rules.high_pain_min
    gentlest = any(r.gentlest for r in matched)
    chooser = _Chooser(rules, avoid, fitted_by, gentlest)
    items = chooser.choose(_ranked(rules, every, high_pain, set(leave_out)), every, high_pain)
    removed_tips = {t for r in matched for t in r.remove_tips}
    removed = {c for r in matched for c in r.remove_contributors}
    tips = _unique(t for r in [*matched, rules.base] for t in r.tips)
    traced: dict[str, list[str]] = {}
    for rule in matched:
        for contributor in rule.contributors:
            if contributor not in removed:
                traced.setdefault(contributor, []).append(rule.id)
    return Plan(
        items=tuple(items),
        tips=tuple(t for t in tips if t not in removed_tips)[: rules.max_tips],
        traced={c: tuple(r) for c, r in traced.items()},
        notes=tuple(_unique(n for r in matched for n in r.notes)),
        advice=tuple(_unique(a for r in matched for a in r.advice)),
        avoid=avoid,
        fitted_by=fitted_by,
        high_pain=high_pain,
        gentlest=gentlest,
    )


def _ranked(rules: PlanRules, every: list[Rule], high_pain: bool, leave_out: set[str]) -> list[str]:
    families = rules.catalogue.families
    scores = dict.fromkeys(families, 0)
    for rule in every:
        for family, weight in rule.exercises.items():
            scores[family] += weight
    order = list(families)
    ranked = [f for f in order if scores[f] > 0 and f not in leave_out]
    if high_pain:
        ranked = [f for f in ranked if families[f].gentle] or ranked
    return sorted(ranked, key=lambda f: (-scores[f], order.index(f)))


@dataclass(frozen=True)
class _Chooser:
    rules: PlanRules
    avoid: frozenset[str]
    fitted_by: dict[str, tuple[str, ...]]
    gentlest: bool

    def choose(self, ranked: list[str], every: list[Rule], high_pain: bool) -> list[Item]:
        limit = self.rules.high_pain_max_exercises if high_pain else self.rules.max_exercises
        items: list[Item] = []
        for family_id in ranked:
            if len(items) == limit:
                break
            item = self.item(family_id, every, {i.family for i in items})
            if item is not None:
                items.append(item)
        return items

    def item(self, family_id: str, every: list[Rule], taken: set[str]) -> Item | None:
        families = self.rules.catalogue.families
        family = families[family_id]
        reasons = tuple(r.id for r in every if family_id in r.exercises and r.id != "base")
        if not family.fitting(self.avoid) and family.instead and family.instead not in taken:
            blocked = self._blocking(family.versions)
            family = families[family.instead]
            reasons = (*reasons, *blocked)
        if family.id in taken or not family.fitting(self.avoid):
            return None
        version = self.starting_version(family)
        return replace(self.place(family.id, version), reasons=reasons)

    def starting_version(self, family: Family) -> Version:
        """The start version if it fits, else the nearest easier one, else the nearest
        harder; the easiest that fits when the plan is at its gentlest."""
        fitting = family.fitting(self.avoid)
        if self.gentlest:
            return fitting[0]
        start = family.index(family.start)
        easier = [v for v in fitting if family.index(v.id) <= start]
        return easier[-1] if easier else fitting[0]

    def place(self, family_id: str, version: Version) -> Item:
        surface = version.surface(self.avoid) or version.surfaces[0]
        start = self.rules.catalogue.families[family_id].start
        changed = version.id != start or surface != version.surfaces[0]
        fitted = self._blocking([self.rules.catalogue.version(start)]) if changed else ()
        if changed and self.gentlest:
            fitted = (*fitted, *(r.id for r in self.rules.rules if r.gentlest))
        return Item(family_id, version.id, surface, fitted=tuple(_unique(fitted)))

    def _blocking(self, versions: Iterable[Version]) -> tuple[str, ...]:
        """The rules whose avoid-list rules these versions (or their first surface) out."""
        hit = {a for v in versions for a in self.avoid if a in v.involves or a in v.surfaces}
        return tuple(_unique(r for a in sorted(hit) for r in self.fitted_by.get(a, ())))


def moved(rules: PlanRules, item: Item, avoid: frozenset[str], steps: int) -> Item | None:
    """The same family `steps` versions harder (or easier, when negative) among those that
    fit; None when there is no such version."""
    family = rules.catalogue.families[item.family]
    fitting = [v.id for v in family.fitting(avoid)]
    if item.version not in fitting:
        return None
    target = fitting.index(item.version) + steps
    if not 0 <= target < len(fitting):
        return None
    version = rules.catalogue.version(fitting[target])
    return replace(item, version=version.id, surface=version.surface(avoid) or item.surface)


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
    """At the end of the interview: the plan, and the starting point later weeks compare with.
    An answer that ended the interview (the bot is not for this person) keeps nothing."""
    answers = conv.data.get("answers", {})
    if rules.turns_away(answers):
        conv.keep = False
        return
    conv.data["plan"] = build_plan(rules, answers).to_json()
    conv.data["baseline"] = {
        "date": local_day(conv).isoformat(),
        "pain": answers.get("pain_now"),
        "walk": answers.get("walk_minutes"),
    }


def stored_plan(conv: Conversation, rules: PlanRules) -> Plan | None:
    """The user's plan as kept. One kept in an older shape, or naming exercises or tips the
    content no longer has, is rebuilt from the answers."""
    raw = conv.data.get("plan")
    if not isinstance(raw, dict):
        return None
    plan = _from_json(raw, rules)
    if plan is None:
        plan = build_plan(rules, conv.data.get("answers", {}), raw.get("dropped") or ())
        conv.data["plan"] = {**plan.to_json(), "dropped": list(raw.get("dropped") or ())}
    return plan


def _from_json(raw: dict[str, Any], rules: PlanRules) -> Plan | None:
    try:
        items = tuple(
            Item(i["family"], i["version"], i["surface"], tuple(i["reasons"]), tuple(i["fitted"]))
            for i in raw["items"]
        )
        plan = Plan(
            items=items,
            tips=tuple(raw["tips"]),
            traced={c: tuple(r) for c, r in raw["contributors"].items()},
            notes=tuple(raw["notes"]),
            advice=tuple(raw["advice"]),
            avoid=frozenset(raw["avoid"]),
            fitted_by={k: tuple(v) for k, v in raw["fitted_by"].items()},
            high_pain=bool(raw["high_pain"]),
            gentlest=bool(raw["gentlest"]),
        )
    except (KeyError, TypeError, AttributeError):
        return None
    known = rules.catalogue.families
    versions = {v.id for f in known.values() for v in f.versions}
    fine = all(i.family in known and i.version in versions for i in items)
    fine = fine and set(plan.tips) <= set(rules.tips)
    return plan if fine and set(plan.contributors) <= set(rules.contributors) else None


KEPT_WITH_PLAN = ("dropped", "flare")  # what a rebuilt or changed plan keeps from the old


def save_plan(conv: Conversation, plan: Plan) -> None:
    """Keep the plan. The exercises a reminder names are the flare's while one is on."""
    old = conv.data.get("plan") or {}
    new = {**plan.to_json(), **{k: old[k] for k in KEPT_WITH_PLAN if k in old}}
    flare = new.get("flare")
    if isinstance(flare, dict):
        new["exercises"] = [i["version"] for i in flare.get("items", [])]
    conv.data["plan"] = new
