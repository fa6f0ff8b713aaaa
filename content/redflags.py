"""Red-flag signs for the free-text safety net: read, validate and compile redflags.yaml once.

The file's own header explains the format. Everything compiled here is immutable, so one
`RedFlagRules` can be shared by every conversation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from content.errors import ContentError

Tier = Literal["emergency", "urgent", "soon"]
Gentler = Literal["soon", "none"]

_SHORTHAND = re.compile(r"\{([a-z_]+)\}")
_WORD = re.compile(r"[a-z]+")
_PHRASE = re.compile(r"[a-z]+(?: [a-z]+)*")


@dataclass(frozen=True)
class RedFlagSign:
    id: str
    tier: Tier
    label: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None
    history: bool
    when_longstanding: Gentler | None = None  # its tier when the message says it is old news
    advice: str | None = None  # a text key for advice that fits the cause, beside the tier's
    ask_when_unsure: bool = False  # no time given: ask whether it is new before escalating
    alone: bool = True  # False: evidence that counts only inside a combination
    unless_anywhere: re.Pattern[str] | None = None  # exceptions read in the whole message


@dataclass(frozen=True)
class Combination:
    """Signs that together mean more: each group names sign ids, one of each must be found."""

    id: str
    tier: Tier
    label: str
    groups: tuple[frozenset[str], ...]
    advice: str | None = None
    when_longstanding: Gentler | None = None  # its tier when the message says it is old news


@dataclass(frozen=True)
class RedFlagCues:
    negation: re.Pattern[str]
    hypothetical: re.Pattern[str]
    hedges: re.Pattern[str]
    negation_after: re.Pattern[str]
    other_person: re.Pattern[str]
    past: re.Pattern[str]
    resolved_next: re.Pattern[str]
    longstanding: re.Pattern[str] | None = None  # "for years", "since 2019", "as always"
    recent: re.Pattern[str] | None = None  # "since Monday", "suddenly", "never had this"
    recent_weak: re.Pattern[str] | None = None  # "today": recent unless it says long-standing
    longstanding_weak: re.Pattern[str] | None = None  # "as usual": beats only the weak recent
    proxy: re.Pattern[str] | None = None  # someone types for the user: "this is his account"
    not_me: re.Pattern[str] | None = None  # the message is about someone else: "not me"
    resolved_later: re.Pattern[str] | None = None  # "antibiotics sorted it", later on
    at_work: re.Pattern[str] | None = None  # "as a district nurse I put in three catheters"
    changed_now: re.Pattern[str] | None = None  # "... for years, but today": what follows is new


@dataclass(frozen=True)
class RedFlagRules:
    signs: tuple[RedFlagSign, ...]
    cues: RedFlagCues
    spellings: Mapping[str, str]  # variant -> usual spelling, one word each
    clause_break: re.Pattern[str]  # zero-width: a new clause starts here
    comma_break: re.Pattern[str]  # a comma that starts a new clause
    combinations: tuple[Combination, ...] = ()


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _SignModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
    tier: Tier
    label: str = Field(min_length=3, max_length=120)
    patterns: tuple[str, ...] = Field(min_length=1)
    unless: tuple[str, ...] = ()
    history: bool = False
    when_longstanding: Gentler | None = None
    advice: str | None = None
    ask_when_unsure: bool = False
    alone: bool = True
    unless_anywhere: tuple[str, ...] = ()


class _CombinationModel(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
    tier: Tier
    label: str = Field(min_length=3, max_length=120)
    all_of: tuple[tuple[str, ...], ...] = Field(min_length=2)
    advice: str | None = None
    when_longstanding: Gentler | None = None


class _CuesModel(_Strict):
    negation: tuple[str, ...] = Field(min_length=1)
    hypothetical: tuple[str, ...] = Field(min_length=1)
    hedges: tuple[str, ...] = Field(min_length=1)
    negation_after: tuple[str, ...] = Field(min_length=1)
    other_person: tuple[str, ...] = Field(min_length=1)
    past: tuple[str, ...] = Field(min_length=1)
    resolved_next: tuple[str, ...] = Field(min_length=1)
    longstanding: tuple[str, ...] = ()
    recent: tuple[str, ...] = ()
    recent_weak: tuple[str, ...] = ()
    longstanding_weak: tuple[str, ...] = ()
    proxy: tuple[str, ...] = ()
    not_me: tuple[str, ...] = ()
    resolved_later: tuple[str, ...] = ()
    at_work: tuple[str, ...] = ()
    changed_now: tuple[str, ...] = ()


class _ClausesModel(_Strict):
    break_words: tuple[str, ...] = Field(min_length=1)
    new_subject_words: tuple[str, ...] = Field(min_length=1)


class _FileModel(_Strict):
    version: Literal[1]
    spellings: dict[str, tuple[str, ...]] = Field(default_factory=dict)
    shorthands: dict[str, str] = Field(default_factory=dict)
    clauses: _ClausesModel
    cues: _CuesModel
    signs: tuple[object, ...] = Field(min_length=1)
    combinations: tuple[_CombinationModel, ...] = ()


def default_redflags_path(lang: str = "en") -> Path:
    return Path(__file__).parent / lang / "redflags.yaml"


def load_redflag_rules(path: Path) -> RedFlagRules:
    """Read and compile the red-flag file; any problem raises ContentError(file, entry, ...)."""
    return _Loader(path).load()


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}" if where else str(first["msg"])


class _Loader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.file = str(path)
        self.shorthands: dict[str, str] = {}

    def fail(self, entry: str, problem: str) -> ContentError:
        return ContentError(self.file, entry, problem)

    def load(self) -> RedFlagRules:
        try:
            data = _FileModel.model_validate(self._read())
        except ValidationError as exc:
            raise self.fail("-", _describe(exc)) from exc
        for name, fragment in data.shorthands.items():
            self.shorthands[name] = self.expand(f"shorthands.{name}", fragment)
        spellings = self.spellings(data.spellings)
        signs = self.signs(data.signs)
        return RedFlagRules(
            signs=signs,
            combinations=self.combinations(data.combinations, {s.id for s in signs}),
            cues=self.cues(data.cues),
            spellings=MappingProxyType(spellings),
            clause_break=self.clause_break(data.clauses),
            comma_break=self.comma_break(data.clauses),
        )

    def _read(self) -> object:
        try:
            with self.path.open(encoding="utf-8") as handle:
                return yaml.safe_load(handle)
        except FileNotFoundError as exc:
            raise self.fail("-", "file is missing") from exc
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise self.fail("-", f"cannot be read as YAML ({exc})") from exc

    def expand(self, entry: str, fragment: str) -> str:
        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.shorthands:
                raise self.fail(entry, f"unknown shorthand {{{name}}}")
            return self.shorthands[name]

        if not fragment.strip():
            raise self.fail(entry, "empty pattern")
        expanded = _SHORTHAND.sub(substitute, fragment)
        self.compile_one(entry, expanded)
        return expanded

    def compile_one(self, entry: str, fragment: str) -> re.Pattern[str]:
        try:
            return re.compile(fragment)
        except re.error as exc:
            raise self.fail(entry, f"pattern {fragment[:60]!r} does not compile ({exc})") from exc

    def compile(self, entry: str, fragments: Iterable[str]) -> re.Pattern[str]:
        parts = list(fragments)
        for part in parts:
            if any(self.compile_one(entry, part).fullmatch(blank) for blank in ("", " ")):
                raise self.fail(entry, f"pattern {part[:60]!r} matches empty text")
        return re.compile(r"\b(?:" + "|".join(f"(?:{part})" for part in parts) + r")\b")

    def patterns(self, entry: str, fragments: Iterable[str]) -> re.Pattern[str]:
        return self.compile(entry, [self.expand(entry, fragment) for fragment in fragments])

    def signs(self, raw_signs: Iterable[object]) -> tuple[RedFlagSign, ...]:
        signs: list[RedFlagSign] = []
        for index, raw in enumerate(raw_signs):
            raw_id = raw.get("id") if isinstance(raw, dict) else None
            entry = raw_id if isinstance(raw_id, str) and raw_id else f"signs[{index}]"
            try:
                model = _SignModel.model_validate(raw)
            except ValidationError as exc:
                raise self.fail(entry, _describe(exc)) from exc
            if any(sign.id == model.id for sign in signs):
                raise self.fail(entry, "duplicate id")
            signs.append(self.sign(model))
        return tuple(signs)

    def sign(self, model: _SignModel) -> RedFlagSign:
        unless = self.patterns(model.id, model.unless) if model.unless else None
        return RedFlagSign(
            id=model.id,
            tier=model.tier,
            label=model.label.strip(),
            pattern=self.patterns(model.id, model.patterns),
            unless=unless,
            history=model.history,
            when_longstanding=model.when_longstanding,
            advice=model.advice,
            ask_when_unsure=model.ask_when_unsure,
            alone=model.alone,
            unless_anywhere=self.patterns(model.id, model.unless_anywhere)
            if model.unless_anywhere
            else None,
        )

    def combinations(
        self, models: Iterable[_CombinationModel], known: set[str]
    ) -> tuple[Combination, ...]:
        found = []
        for model in models:
            for group in model.all_of:
                unknown = set(group) - known
                if unknown or not group:
                    raise self.fail(model.id, f"unknown sign ids {sorted(unknown)}")
            groups = tuple(frozenset(g) for g in model.all_of)
            found.append(
                Combination(
                    model.id, model.tier, model.label, groups, model.advice, model.when_longstanding
                )
            )
        return tuple(found)

    def cues(self, model: _CuesModel) -> RedFlagCues:
        return RedFlagCues(
            negation=self.patterns("cues.negation", model.negation),
            hypothetical=self.patterns("cues.hypothetical", model.hypothetical),
            hedges=self.patterns("cues.hedges", model.hedges),
            negation_after=self.patterns("cues.negation_after", model.negation_after),
            other_person=self.patterns("cues.other_person", model.other_person),
            past=self.patterns("cues.past", model.past),
            resolved_next=self.patterns("cues.resolved_next", model.resolved_next),
            longstanding=self._optional("cues.longstanding", model.longstanding),
            recent=self._optional("cues.recent", model.recent),
            recent_weak=self._optional("cues.recent_weak", model.recent_weak),
            longstanding_weak=self._optional("cues.longstanding_weak", model.longstanding_weak),
            proxy=self._optional("cues.proxy", model.proxy),
            not_me=self._optional("cues.not_me", model.not_me),
            resolved_later=self._optional("cues.resolved_later", model.resolved_later),
            at_work=self._optional("cues.at_work", model.at_work),
            changed_now=self._optional("cues.changed_now", model.changed_now),
        )

    def _optional(self, entry: str, fragments: tuple[str, ...]) -> re.Pattern[str] | None:
        return self.patterns(entry, fragments) if fragments else None

    def spellings(self, table: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
        variants: dict[str, str] = {}
        for usual, spellings in table.items():
            for word in (usual, *spellings):
                if not _WORD.fullmatch(word):
                    raise self.fail(f"spellings.{usual}", f"{word!r} is not one lower-case word")
            for variant in spellings:
                if variants.get(variant, usual) != usual:
                    raise self.fail(f"spellings.{usual}", f"{variant!r} is listed twice")
                variants[variant] = usual
        return variants

    def words(self, entry: str, words: Iterable[str]) -> str:
        listed = list(words)
        for word in listed:
            if not _PHRASE.fullmatch(word):
                raise self.fail(entry, f"{word!r} is not a lower-case word or phrase")
        return "|".join(sorted((re.escape(word) for word in listed), key=len, reverse=True))

    def clause_break(self, model: _ClausesModel) -> re.Pattern[str]:
        breaks = self.words("clauses.break_words", model.break_words)
        subjects = self.words("clauses.new_subject_words", model.new_subject_words)
        return re.compile(rf"\b(?=(?:{breaks})\b)|\b(?=and (?:{subjects})\b)")

    def comma_break(self, model: _ClausesModel) -> re.Pattern[str]:
        subjects = self.words("clauses.new_subject_words", model.new_subject_words)
        return re.compile(rf", (?=(?:{subjects})\b)")
