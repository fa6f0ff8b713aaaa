"""Reading typed answers where a tap was expected: "seven", "7/10", "about 20 min", "nope"."""

from __future__ import annotations

import re
import unicodedata

from content.answers import AnswerWords
from content.interview import Kind, Question, Wording

_NUMBER = re.compile(r"(?<![\d.])(\d{1,4})(?:[.,](\d+))?(?![\d])")
_WORD = re.compile(r"[a-z0-9']+")


def normalise(text: str) -> str:
    """Lower case, no control characters, apostrophes unified, single spaces."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").lower()
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text))


def _contains_phrase(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def parse_yes_no(text: str, words: AnswerWords) -> str | None:
    plain = _words(normalise(text))
    if plain in words.yes:
        return "yes"
    if plain in words.no:
        return "no"
    first = plain.split(" ", 1)[0] if plain else ""
    if first in ("yes", "yeah", "yep", "yup"):
        return "yes"
    if first in ("no", "nope", "nah"):
        return "no"
    return None


def parse_number(text: str, words: AnswerWords) -> float | None:
    """The first number in the text, written in digits or words."""
    clean = normalise(text)
    match = _NUMBER.search(clean)
    if match:
        whole, fraction = match.groups()
        return float(f"{whole}.{fraction}") if fraction else float(whole)
    padded = f" {_words(clean)} "
    best: tuple[int, int] | None = None
    for word, value in sorted(words.numbers.items(), key=lambda item: -len(item[0])):
        index = padded.find(f" {word} ")
        if index >= 0 and (best is None or index < best[0]):
            best = (index, value)
    return None if best is None else float(best[1])


def parse_scale(text: str, words: AnswerWords) -> int | None:
    value = parse_number(text, words)
    if value is None or not 0 <= value <= 10:
        return None
    return round(value)


def parse_minutes(text: str, words: AnswerWords, wording: Wording) -> int | None:
    option = _match_synonym(normalise(text), wording)
    plain = _words(normalise(text))
    value = parse_number(text, words)
    if value is None:
        return int(option) if option else None
    if any(_contains_phrase(plain, w) for w in words.hour_words) and not any(
        _contains_phrase(plain, w) for w in words.minute_words
    ):
        value *= 60
    if not 0 <= value <= 24 * 60:
        return None
    return max(1, round(value))


def _match_synonym(text: str, wording: Wording) -> str | None:
    plain = _words(text)
    for option, label in wording.labels.items():
        if plain == _words(normalise(label)):
            return option
    for option, phrases in wording.synonyms.items():
        if any(_contains_phrase(plain, _words(p)) for p in phrases):
            return option
    return None


def parse_choice(text: str, question: Question, wording: Wording) -> str | None:
    plain = _words(normalise(text))
    if plain.isdigit() and 1 <= int(plain) <= len(question.options):
        return question.options[int(plain) - 1]
    if plain in question.options:
        return plain
    return _match_synonym(text, wording)


def parse_answer(text: str, question: Question, wording: Wording, words: AnswerWords) -> str | None:
    """The option id (or number as text) a typed answer stands for, or None when unclear."""
    if question.kind is Kind.YESNO:
        return parse_yes_no(text, words)
    if question.kind is Kind.SCALE:
        scale = parse_scale(text, words)
        return None if scale is None else str(scale)
    if question.kind is Kind.MINUTES:
        minutes = parse_minutes(text, words, wording)
        return None if minutes is None else str(minutes)
    return parse_choice(text, question, wording)
