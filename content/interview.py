"""The interview's structure (language-neutral) and its wording per language, validated on load."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.texts import CONTENT_DIR, DEFAULT_LANGUAGE, read_yaml

TIERS = ("emergency", "urgent", "soon")


class Kind(StrEnum):
    YESNO = "yesno"
    SCALE = "scale"
    MINUTES = "minutes"
    CHOICE = "choice"


@dataclass(frozen=True)
class Band:
    """A range of a number, in the question's unit; an open end excludes its edge."""

    low: float
    high: float
    low_open: bool = False
    high_open: bool = False


@dataclass(frozen=True)
class Bands:
    unit: str
    by_option: dict[str, Band]
    unit_needed: bool = False  # a bare number is ambiguous: ask for its unit
    whole: bool = False  # counted in whole units only, as an age ("64 and a half" is 64)
    clock: bool = False  # a range running backwards is clock times: "from 9 till 2" is 5
    parts: bool = False  # a day's total: parts told one after another add up


@dataclass(frozen=True)
class Picking:
    """How a typed answer that names several options, or none, picks one."""

    not_sure: str | None = None  # the option "not sure" stands for
    no: str | None = None  # the option a plain "no" stands for
    furthest: tuple[str, ...] = ()  # places in order: the furthest one named wins
    combine: dict[str, tuple[str, ...]] = field(default_factory=dict)
    prefer: dict[str, tuple[str, ...]] = field(default_factory=dict)
    bands: Bands | None = None
    within: Bands | None = None  # options that hold only so long ago: "in the last 3 months"
    lasting: Bands | None = None  # options that hold only if so long: "for 3 months or more"
    several_apply: bool = False  # options that may all hold: "also" picks by `prefer`
    part_of: dict[str, str] = field(default_factory=dict)  # a place within another's
    for_the_back: tuple[str, ...] = ()  # options that hold only for the back, not the knee
    own: tuple[str, ...] = ()  # options that hold only of the user, not "my dad had it"


@dataclass(frozen=True)
class Question:
    id: str
    kind: Kind
    options: tuple[str, ...] = ()
    tier: str | None = None  # screening questions only
    picking: Picking = field(default_factory=Picking)
    ends: tuple[str, ...] = ()  # answers that end the interview (the bot is not for them)

    @property
    def state(self) -> str:
        return f"{'rf' if self.tier else 'q'}_{self.id}"


@dataclass(frozen=True)
class Item:
    text: str
    say: tuple[str, ...]
    deny: tuple[str, ...] = ()  # words that say the item does not apply ("it eases when I sit")
    unless: tuple[str, ...] = ()  # beside the sign named, it is not the one asked ("on purpose")


@dataclass(frozen=True)
class Wording:
    text: str
    hint: str
    labels: dict[str, str]
    synonyms: dict[str, tuple[str, ...]]
    explain: str = ""
    items: tuple[Item, ...] = ()  # screening questions: asked one at a time when unsure
    ask: tuple[str, ...] = ()  # things typed that are none of the options
    unit_question: str = ""


@dataclass(frozen=True)
class Interview:
    questions: tuple[Question, ...]  # screening first, in the order asked
    wording: dict[str, dict[str, Wording]]  # language -> question id -> wording
    checkin: tuple[Question, ...] = ()  # the weekly check-in: the screening, then these
    background: Question | None = None  # lasting risk factors, asked once

    def risk_factors(self) -> frozenset[str]:
        """The background question's options other than its "none": red-flag sign ids."""
        q = self.background
        return frozenset(o for o in q.options if o != q.picking.no) if q else frozenset()

    def checkin_states(self) -> list[str]:
        return [f"c_{q.id}" for q in (*(q for q in self.questions if q.tier), *self.checkin)]

    def by_state(self) -> dict[str, Question]:
        """Every question by the state that asks it, check-in states included."""
        states = {q.state: q for q in self.questions}
        by_id = {q.id: q for q in self.questions}
        states.update({s: by_id[s[2:]] for s in self.checkin_states()})
        return states

    def words(self, language: str, question: Question) -> Wording:
        table = self.wording.get(language) or self.wording[DEFAULT_LANGUAGE]
        return table.get(question.id) or self.wording[DEFAULT_LANGUAGE][question.id]


def load_interview(directory: Path = CONTENT_DIR) -> Interview:
    file = "interview.yaml"
    raw = _mapping(read_yaml(directory / file), file, "-")
    questions: list[Question] = []
    for entry in raw.get("screening") or []:
        item = _mapping(entry, file, "screening")
        qid = _ident(item, file)
        if item.get("tier") not in TIERS:
            raise ContentError(file, qid, f"tier must be one of {', '.join(TIERS)}")
        questions.append(Question(qid, Kind.YESNO, ("yes", "no"), str(item["tier"])))
    for entry in raw.get("questions") or []:
        questions.append(_question(_mapping(entry, file, "questions"), file))
    _check_unique(questions, file)
    by_id = {q.id: q for q in questions}
    checkin = []
    for qid in raw.get("checkin") or []:
        if qid not in by_id or by_id[qid].tier:
            raise ContentError(file, f"checkin.{qid}", "not a walking-pattern question")
        checkin.append(by_id[qid])
    background = _background(raw.get("background"), by_id, file)
    wording = {
        path.parent.name: _load_wording(path, questions)
        for path in sorted(directory.glob("*/interview.yaml"))
    }
    if DEFAULT_LANGUAGE not in wording:
        raise ContentError(f"{DEFAULT_LANGUAGE}/interview.yaml", "-", "file is missing")
    return Interview(tuple(questions), wording, tuple(checkin), background)


def _background(qid: object, by_id: dict[str, Question], file: str) -> Question | None:
    if qid is None:
        return None
    question = by_id.get(str(qid))
    if question is None or question.tier or question.kind is not Kind.CHOICE:
        raise ContentError(file, f"background.{qid}", "not a choice question of the interview")
    if question.picking.no is None:
        raise ContentError(file, f"background.{qid}", 'needs a "no" option: none of these')
    return question


_QUESTION_KEYS = {"id", "kind", "options", "ends_interview", "bands"}
_QUESTION_KEYS |= {"not_sure", "no", "furthest", "combine", "prefer", "within", "part_of"}
_QUESTION_KEYS |= {"lasting", "several_apply", "for_the_back", "own"}


def _question(item: dict[str, Any], file: str) -> Question:
    qid = _ident(item, file)
    for key in item:
        if isinstance(key, bool):  # YAML reads an unquoted no or yes as false or true
            raise ContentError(file, qid, 'a key read as true or false: write "no" in quotes')
        if key not in _QUESTION_KEYS:
            raise ContentError(file, qid, f"unknown key {key!r}")
    try:
        kind = Kind(str(item.get("kind")))
    except ValueError as exc:
        raise ContentError(file, qid, f"unknown kind {item.get('kind')!r}") from exc
    options = tuple(str(o) for o in item.get("options") or ())
    if kind is Kind.SCALE:
        options = tuple(str(n) for n in range(11))
    if kind in (Kind.CHOICE, Kind.MINUTES) and len(options) < 2:
        raise ContentError(file, qid, "needs at least two options")
    if kind is Kind.MINUTES and not all(o.isdigit() for o in options):
        raise ContentError(file, qid, "minutes options must be whole numbers")
    ends = tuple(str(o) for o in item.get("ends_interview") or ())
    if set(ends) - set(options):
        raise ContentError(file, qid, f"ends_interview names no option {sorted(ends)[0]!r}")
    picking = _picking(item, options, file, qid)
    return Question(qid, kind, options, picking=picking, ends=ends)


def _picking(item: dict[str, Any], options: tuple[str, ...], file: str, qid: str) -> Picking:
    def known(names: object, what: str) -> tuple[str, ...]:
        found = tuple(str(n) for n in (names if isinstance(names, list) else [names]))
        if not set(found) <= set(options):
            raise ContentError(file, f"{qid}.{what}", "names an option the question lacks")
        return found

    def one(key: str) -> str | None:
        return known(item[key], key)[0] if item.get(key) else None

    def listed(key: str) -> tuple[str, ...]:
        return known(item[key], key) if item.get(key) else ()

    groups = {
        key: {str(k): known(v, key) for k, v in _mapping(item.get(key) or {}, file, qid).items()}
        for key in ("combine", "prefer", "part_of")
    }
    for key, table in groups.items():
        known(list(table), key)
    return Picking(
        not_sure=one("not_sure"),
        no=one("no"),
        furthest=listed("furthest"),
        combine=groups["combine"],
        prefer=groups["prefer"],
        bands=_bands(item["bands"], options, file, qid) if item.get("bands") else None,
        within=_within(item["within"], options, file, qid) if item.get("within") else None,
        lasting=_within(item["lasting"], options, file, qid) if item.get("lasting") else None,
        several_apply=bool(item.get("several_apply", False)),
        part_of={part: whole[0] for part, whole in groups["part_of"].items()},
        for_the_back=listed("for_the_back"),
        own=listed("own"),
    )


def _within(node: object, options: tuple[str, ...], file: str, qid: str) -> Bands:
    raw = dict(_mapping(node, file, f"{qid}.within"))
    unit = str(raw.pop("unit", ""))
    if not set(raw) <= set(options):
        raise ContentError(file, f"{qid}.within", "names an option the question lacks")
    try:
        return Bands(unit, {str(o): Band(0.0, float(v)) for o, v in raw.items()})
    except (TypeError, ValueError) as exc:
        raise ContentError(file, f"{qid}.within", "expected a number per option") from exc


def _bands(node: object, options: tuple[str, ...], file: str, qid: str) -> Bands:
    raw = _mapping(node, file, f"{qid}.bands")
    by_option = {}
    for option in options:
        spec = str(raw.get(option, ""))
        try:
            if spec.startswith("<"):
                by_option[option] = Band(0.0, float(spec[1:]), high_open=True)
            elif spec.startswith(">"):
                by_option[option] = Band(float(spec[1:]), float("inf"), low_open=True)
            else:
                low, high = spec.split("..")
                by_option[option] = Band(float(low), float(high))
        except ValueError as exc:
            raise ContentError(file, f"{qid}.bands.{option}", "expected <N, A..B or >N") from exc
    unit_needed, whole = bool(raw.get("unit_needed")), bool(raw.get("whole"))
    clock, parts = bool(raw.get("clock")), bool(raw.get("parts"))
    return Bands(str(raw.get("unit", "")), by_option, unit_needed, whole, clock, parts)


def _load_wording(path: Path, questions: list[Question]) -> dict[str, Wording]:
    file = f"{path.parent.name}/{path.name}"
    raw = _mapping(read_yaml(path), file, "-")
    result: dict[str, Wording] = {}
    for q in questions:
        item = raw.get(q.id)
        if item is None:
            if path.parent.name == DEFAULT_LANGUAGE:
                raise ContentError(file, q.id, "wording is missing")
            continue
        item = _mapping(item, file, q.id)
        if not all(isinstance(item.get(k), str) for k in ("text", "hint", "explain")):
            raise ContentError(file, q.id, "needs a text, a hint and an explanation")
        options = _mapping(item.get("options") or {}, file, q.id)
        labels, synonyms = {}, {}
        for option in q.options if q.kind in (Kind.CHOICE, Kind.MINUTES) else ():
            spec = options.get(option)
            if spec is None:
                raise ContentError(file, f"{q.id}.{option}", "option label is missing")
            spec = _mapping(spec, file, f"{q.id}.{option}")
            labels[option] = str(spec["label"])
            synonyms[option] = tuple(str(s).lower() for s in spec.get("say") or ())
        unknown = set(options) - set(labels)
        if unknown:
            raise ContentError(file, f"{q.id}.{sorted(unknown)[0]}", "no such option")
        items = tuple(_item(entry, file, q.id) for entry in item.get("items") or ())
        if q.tier and not items:
            raise ContentError(file, q.id, "a screening question lists its items")
        text = "\n".join([item["text"].strip(), *(f"• {i.text}" for i in items)])
        result[q.id] = Wording(
            text,
            item["hint"].strip(),
            labels,
            synonyms,
            explain=item["explain"].strip(),
            items=items,
            ask=tuple(str(a).lower() for a in item.get("ask") or ()),
            unit_question=str(item.get("unit_question") or ""),
        )
    return result


def _item(entry: object, file: str, qid: str) -> Item:
    spec = _mapping(entry, file, f"{qid}.items")
    if not isinstance(spec.get("text"), str):
        raise ContentError(file, f"{qid}.items", "each item needs a text")
    say, deny, unless = (
        tuple(str(s).lower() for s in spec.get(k) or ()) for k in ("say", "deny", "unless")
    )
    return Item(spec["text"], say, deny, unless)


def _mapping(node: object, file: str, entry: str) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise ContentError(file, entry, "expected a mapping")
    return node


def _ident(item: dict[str, Any], file: str) -> str:
    qid = item.get("id")
    if not isinstance(qid, str) or not qid.replace("_", "").isalnum():
        raise ContentError(file, str(qid), "id must be letters, digits and underscores")
    return qid


def _check_unique(questions: list[Question], file: str) -> None:
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise ContentError(file, q.id, "duplicate id")
        seen.add(q.id)
