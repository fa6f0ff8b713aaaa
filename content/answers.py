"""Words that stand for yes, no and numbers, per language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content.errors import ContentError
from content.texts import CONTENT_DIR, DEFAULT_LANGUAGE, read_yaml


@dataclass(frozen=True)
class AnswerWords:
    yes: frozenset[str]
    no: frozenset[str]
    numbers: dict[str, int]
    hour_words: frozenset[str]
    minute_words: frozenset[str]


def load_answer_words(directory: Path = CONTENT_DIR) -> dict[str, AnswerWords]:
    result = {}
    for path in sorted(directory.glob("*/answers.yaml")):
        file = f"{path.parent.name}/{path.name}"
        raw = read_yaml(path)
        if not isinstance(raw, dict):
            raise ContentError(file, "-", "expected a mapping")
        try:
            numbers = {str(k).lower(): int(v) for k, v in raw["numbers"].items()}
            result[path.parent.name] = AnswerWords(
                yes=frozenset(str(w).lower() for w in raw["yes"]),
                no=frozenset(str(w).lower() for w in raw["no"]),
                numbers=numbers,
                hour_words=frozenset(raw["hour_words"]),
                minute_words=frozenset(raw["minute_words"]),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ContentError(file, str(exc).strip("'"), "missing or malformed") from exc
    if DEFAULT_LANGUAGE not in result:
        raise ContentError(f"{DEFAULT_LANGUAGE}/answers.yaml", "-", "file is missing")
    return result
