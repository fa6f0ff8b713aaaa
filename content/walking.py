"""The walking programme's rules, loaded from walking.yaml and checked against the interview:
a rule can only name questions and options that exist, every `eases` answer has its rest, and
every number is in a range that makes sense."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.interview import Interview
from content.texts import CONTENT_DIR, read_yaml

FILE = "walking.yaml"
When = dict[str, frozenset[str]]  # question id -> the answers that match


@dataclass(frozen=True)
class Prescription:
    share_of_onset: float
    min_bout_min: int
    max_bout_min: int
    min_bouts: int
    max_bouts: int
    twice_a_day_up_to_min: int
    aim_minutes: int
    aim_days: int


@dataclass(frozen=True)
class Rest:
    how: str
    minutes: int


@dataclass(frozen=True)
class AidRule:
    id: str
    when: When
    aids: tuple[str, ...]


@dataclass(frozen=True)
class Progression:
    min_walks: int
    up_share: float
    up_min_min: int
    up_max_min: int
    back_share: float
    cap_share_of_onset: float
    flare_share: float
    falling_weeks: int
    falling_min_drop: float


@dataclass(frozen=True)
class Timing:
    stale_after_extra_min: int
    score_wait_min: int
    late_prompt_min: int
    shortest_walk_s: int
    confirm_over_min: int


@dataclass(frozen=True)
class WalkingRules:
    prescription: Prescription
    rests: dict[str, Rest]
    circulation: When
    max_pain: int
    above_usual: int
    aids: tuple[AidRule, ...]
    progression: Progression
    timing: Timing
    typed: dict[str, frozenset[str]]  # button action -> whole messages that stand for it

    def text_keys(self) -> Iterator[str]:
        yield from (f"walk.rest.{r.how}" for r in self.rests.values())
        yield from (f"walk.aid.{a}" for rule in self.aids for a in rule.aids)


def matches(when: When, answers: dict[str, str]) -> bool:
    return bool(when) and all(answers.get(q) in values for q, values in when.items())


def load_walking_rules(directory: Path, interview: Interview) -> WalkingRules:
    raw = _mapping(read_yaml((directory or CONTENT_DIR) / FILE), "-")
    read = _Reader(interview)
    return WalkingRules(
        prescription=read.prescription(_mapping(raw.get("prescription"), "prescription")),
        rests=read.rests(_mapping(raw.get("rests"), "rests")),
        circulation=read.when("circulation", _mapping(raw.get("circulation"), "circulation")),
        max_pain=_number(raw.get("acceptable"), "acceptable", "max_pain", 0, 10, int),
        above_usual=_number(raw.get("acceptable"), "acceptable", "above_usual", 0, 10, int),
        aids=tuple(read.aid(_mapping(r, "aids")) for r in raw.get("aids") or ()),
        progression=read.progression(_mapping(raw.get("progression"), "progression")),
        timing=read.timing(_mapping(raw.get("timing"), "timing")),
        typed=_typed(_mapping(raw.get("typed"), "typed")),
    )


TYPED_ACTIONS = ("start", "pain", "end", "stop")


def _typed(raw: dict[str, Any]) -> dict[str, frozenset[str]]:
    unknown = sorted(set(raw) - set(TYPED_ACTIONS))
    if unknown:
        raise ContentError(FILE, "typed", f"no button {unknown[0]!r}")
    table: dict[str, frozenset[str]] = {}
    for action, words in raw.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise ContentError(FILE, f"typed.{action}", "must list words")
        table[str(action)] = frozenset(w.lower() for w in words)
    seen = [w for words in table.values() for w in words]
    doubled = sorted({w for w in seen if seen.count(w) > 1})
    if doubled:
        raise ContentError(FILE, "typed", f"{doubled[0]!r} stands for two buttons")
    return table


def _number(node: object, entry: str, key: str, low: float, high: float, kind: type) -> Any:
    """`node[key]`, a number between `low` and `high` (a whole one when `kind` is int)."""
    value = _mapping(node, entry).get(key)
    where = f"{entry}.{key}"
    if value is None:
        raise ContentError(FILE, where, "missing")
    if isinstance(value, bool) or (kind is int and not isinstance(value, int)):
        raise ContentError(FILE, where, "must be a whole number")
    if not isinstance(value, int | float) or not low <= value <= high:
        raise ContentError(FILE, where, f"must be between {low} and {high}")
    return kind(value)


@dataclass(frozen=True)
class _Reader:
    interview: Interview

    def prescription(self, raw: dict[str, Any]) -> Prescription:
        bouts, aim = raw.get("bouts"), raw.get("aim")
        rx = Prescription(
            _number(raw, "prescription", "share_of_onset", 0.5, 1.0, float),
            _number(raw, "prescription", "min_bout_min", 1, 30, int),
            _number(raw, "prescription", "max_bout_min", 1, 60, int),
            _number(bouts, "prescription.bouts", "min", 1, 10, int),
            _number(bouts, "prescription.bouts", "max", 1, 10, int),
            _number(raw, "prescription", "twice_a_day_up_to_min", 0, 60, int),
            _number(aim, "prescription.aim", "minutes", 1, 120, int),
            _number(aim, "prescription.aim", "days", 1, 7, int),
        )
        if rx.min_bout_min > rx.max_bout_min or rx.min_bouts > rx.max_bouts:
            raise ContentError(FILE, "prescription", "a minimum is above its maximum")
        return rx

    def rests(self, raw: dict[str, Any]) -> dict[str, Rest]:
        eases = set(self._options("eases", "rests"))
        missing = sorted(eases - set(raw))
        if missing:
            raise ContentError(FILE, "rests", f"no rest for the answer {missing[0]!r}")
        unknown = sorted(set(raw) - eases)
        if unknown:
            raise ContentError(FILE, "rests", f"eases has no option {unknown[0]!r}")
        table = {}
        for answer, spec in raw.items():
            entry = f"rests.{answer}"
            how = _mapping(spec, entry).get("how")
            if not isinstance(how, str) or not how:
                raise ContentError(FILE, entry, "needs how: the kind of rest")
            table[str(answer)] = Rest(how, _number(spec, entry, "minutes", 1, 30, int))
        return table

    def when(self, entry: str, raw: dict[str, Any]) -> When:
        when: When = {}
        for qid, values in _mapping(raw.get("when"), f"{entry}.when").items():
            options = self._options(str(qid), entry)
            if not isinstance(values, list) or not values:
                raise ContentError(FILE, entry, f"{qid} must list answers")
            unknown = sorted({str(v) for v in values} - set(options))
            if unknown:
                raise ContentError(FILE, entry, f"{qid} has no option {unknown[0]!r}")
            when[str(qid)] = frozenset(str(v) for v in values)
        if not when:
            raise ContentError(FILE, entry, "the rule has no 'when'")
        return when

    def aid(self, raw: dict[str, Any]) -> AidRule:
        rid = str(raw.get("id"))
        aids = tuple(str(a) for a in raw.get("aids") or ())
        if not aids:
            raise ContentError(FILE, rid, "the rule names no aids")
        return AidRule(rid, self.when(rid, raw), aids)

    def progression(self, raw: dict[str, Any]) -> Progression:
        up, back, falling = raw.get("step_up"), raw.get("step_back"), raw.get("falling")
        where = "progression"
        return Progression(
            _number(raw, where, "min_walks", 1, 14, int),
            _number(up, f"{where}.step_up", "share", 0.0, 0.5, float),
            _number(up, f"{where}.step_up", "min_min", 0, 10, int),
            _number(up, f"{where}.step_up", "max_min", 1, 10, int),
            _number(back, f"{where}.step_back", "share", 0.05, 0.9, float),
            _number(raw, where, "cap_share_of_onset", 0.5, 1.0, float),
            _number(raw, where, "flare_share", 0.1, 1.0, float),
            _number(falling, f"{where}.falling", "weeks", 1, 8, int),
            _number(falling, f"{where}.falling", "min_drop_min", 0, 30, float),
        )

    def timing(self, raw: dict[str, Any]) -> Timing:
        keys = ["stale_after_extra_min", "score_wait_min", "late_prompt_min"]
        keys += ["shortest_walk_s", "confirm_over_min"]
        return Timing(*(_number(raw, "timing", key, 1, 24 * 60, int) for key in keys))

    def _options(self, qid: str, entry: str) -> tuple[str, ...]:
        question = next((q for q in self.interview.questions if q.id == qid), None)
        if question is None:
            raise ContentError(FILE, entry, f"unknown question {qid!r}")
        return question.options


def _mapping(node: object, entry: str) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise ContentError(FILE, entry, "expected a mapping")
    return node
