"""Reading a walk told in words: "walked 25 min, pain came on after 15", "a half-hour walk,
no pain", "walked for an hour, pain after 20 min, 5/10". Pure; the text comes normalised."""

from __future__ import annotations

import re
from dataclasses import dataclass

from content.answers import AnswerWords

_WALK = re.compile(r"\b(?:walk|walks|walked|walking|stroll|strolled|hike|hiked)\b")
_PAIN = r"(?:pain|painful|hurt|hurts|hurting|ache|aching|sore|symptoms?|came on|kicked in)"
_UNIT = r"(hours?|hrs?|h|minutes?|mins?|min|m)\b"
_AMOUNT = r"(?<![\d.,])(\d{1,4}(?:[.,]\d+)?)"
_NOT_TIME = (  # a number followed by these is a distance, a count or a clock time
    r"(?!\s*(?:km|kms|k|mi|miles?|metres?|meters?|yards?|steps?|blocks?|laps?|times|x|"
    r"bouts?|goes|rounds|stints|pm|am|o'?clock|th|st|nd|rd)\b)"
)
_DURATION = rf"{_AMOUNT}{_NOT_TIME}\s*(?:-\s*)?(?:{_UNIT})?"
_ABOUT = r"(?:about|around|roughly|approx(?:imately)?|maybe|~)?\s*"
_SCORE = re.compile(r"\b(\d{1,2})\s*(?:/|out of)\s*10\b")
_PAIN_SCORE = re.compile(r"\bpain (?:was|of|score|level|at its worst)\s*(?:was\s*)?(\d{1,2})\b")
_NO_PAIN = re.compile(
    r"\b(?:no pain|pain free|pain-free|painless|without (?:any )?pain|"
    r"didn'?t hurt|did not hurt|no symptoms)\b"
)
_ONSET = (
    re.compile(rf"\b{_PAIN}\b[a-z' ]{{0,30}}?\b(?:after|at|from|by|in)\s+{_ABOUT}{_DURATION}"),
    re.compile(rf"\b(?:after|at)\s+{_ABOUT}{_DURATION}[a-z ,]{{0,20}}?\b{_PAIN}\b"),
)
_TOTAL = (
    re.compile(
        rf"\b(?:walk|walks|walked|walking|stroll|strolled|hike|hiked)\b[a-z0-9 ,.]{{0,25}}?"
        rf"(?<![a-z]){_ABOUT}{_DURATION}"
    ),
    re.compile(rf"{_DURATION}\s*(?:of\s+)?(?:walk|walking|stroll|hike)"),
    re.compile(rf"\bfor\s+{_ABOUT}{_DURATION}"),
)
_BOUTS = re.compile(r"\b(\d{1,2})\s*(?:bouts?|goes|stints|rounds)\b")
_SPELLED = (
    (re.compile(r"\b(?:an?|one) hour and a half\b|\bhour and a half\b"), "90 min"),
    (re.compile(r"\bhalf an hour\b|\bhalf hour\b|\bhalf-hour\b|\bhalf-an-hour\b"), "30 min"),
    (re.compile(r"\b(?:a|one) quarter of an hour\b|\bquarter of an hour\b"), "15 min"),
    (re.compile(r"\b(?:an|one) hour\b"), "60 min"),
    (re.compile(r"\bcouple of (?=min|hour)"), "2 "),
)


@dataclass(frozen=True)
class TypedWalk:
    minutes: float
    onset: float | None  # minutes until the pain came on; None when it did not
    pain: int | None  # 0-10, when told
    bouts: int = 1


def is_about_walking(text: str) -> bool:
    return _WALK.search(text) is not None


def _spell_out(text: str, words: AnswerWords) -> str:
    for pattern, replacement in _SPELLED:
        text = pattern.sub(replacement, text)
    for word, value in sorted(words.numbers.items(), key=lambda item: -len(item[0])):
        if " " in word or word in ("none", "nil"):
            continue  # "a few minutes" is no measure; "no(ne)" is about the pain
        text = re.sub(rf"\b{re.escape(word)}\b(?=\s*(?:-\s*)?{_UNIT})", str(value), text)
    return text


def _minutes(amount: str, unit: str | None) -> float:
    value = float(amount.replace(",", "."))
    return value * 60 if unit and unit.startswith("h") else value


def read_minutes(text: str, words: AnswerWords) -> float | None:
    """The first duration in a text, in minutes ("about 25", "half an hour", "1.5 hours")."""
    match = re.search(rf"{_ABOUT}{_DURATION}", _spell_out(text, words))
    return None if match is None else _minutes(match.group(1), match.group(2))


def read_walk(text: str, words: AnswerWords) -> TypedWalk | None:
    """A walk told in words, or None when the text does not tell one (no walk, no time)."""
    if not is_about_walking(text):
        return None
    text = _spell_out(text, words)
    pain = _score(text)
    text = _SCORE.sub(" ", text)
    onset_match = None if _NO_PAIN.search(text) else _first(_ONSET, text)
    rest = text if onset_match is None else text[: onset_match.start()] + text[onset_match.end() :]
    total_match = _first(_TOTAL, rest)
    if total_match is None:
        return None
    total = _minutes(total_match.group(1), total_match.group(2))
    if total <= 0:
        return None
    onset = None
    if onset_match is not None:
        onset = _minutes(onset_match.group(1), onset_match.group(2))
    bouts = _BOUTS.search(rest)
    count = max(1, int(bouts.group(1))) if bouts else 1
    return TypedWalk(round(total, 1), None if onset is None else round(onset, 1), pain, count)


def _score(text: str) -> int | None:
    match = _SCORE.search(text) or _PAIN_SCORE.search(text)
    if match is None or not 0 <= int(match.group(1)) <= 10:
        return None
    return int(match.group(1))


def _first(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    found = [m for p in patterns if (m := p.search(text)) is not None]
    return min(found, key=lambda m: m.start(), default=None)
