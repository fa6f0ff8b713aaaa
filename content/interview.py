"""The interview's structure (language-neutral) and its wording per language, validated on load."""

from __future__ import annotations

from dataclasses import dataclass
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
class Question:
    id: str
    kind: Kind
    options: tuple[str, ...] = ()
    tier: str | None = None  # screening questions only
    ends: tuple[str, ...] = ()  # answers that end the interview (the bot is not for them)

    @property
    def state(self) -> str:
        return f"{'rf' if self.tier else 'q'}_{self.id}"


@dataclass(frozen=True)
class Wording:
    text: str
    hint: str
    labels: dict[str, str]
    synonyms: dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Interview:
    questions: tuple[Question, ...]  # screening first, in the order asked
    wording: dict[str, dict[str, Wording]]  # language -> question id -> wording
    checkin: tuple[Question, ...] = ()  # the weekly check-in: the screening, then these

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
    wording = {
        path.parent.name: _load_wording(path, questions)
        for path in sorted(directory.glob("*/interview.yaml"))
    }
    if DEFAULT_LANGUAGE not in wording:
        raise ContentError(f"{DEFAULT_LANGUAGE}/interview.yaml", "-", "file is missing")
    return Interview(tuple(questions), wording, tuple(checkin))


def _question(item: dict[str, Any], file: str) -> Question:
    qid = _ident(item, file)
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
    return Question(qid, kind, options, ends=ends)


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
        if not isinstance(item.get("text"), str) or not isinstance(item.get("hint"), str):
            raise ContentError(file, q.id, "needs a text and a hint")
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
        result[q.id] = Wording(item["text"].strip(), item["hint"].strip(), labels, synonyms)
    return result


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
