"""A statistical second opinion beside the red-flag rules: a small linear model over words,
word pairs and letter groups, trained on the development set (tests/train_second_opinion.py)
and shipped as weights in content/<lang>/second_opinion.json.

It is consulted only when the rules and the crisis check let a message pass, and all it may
do is ask the one-tap safety question: it never sets, lowers or removes a tier. Reading a
message is a dictionary look-up per feature, so it costs well under a millisecond."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ALARMS = ("crisis", "emergency", "urgent", "soon")
MAX_CHARS = 2000  # longer texts are read in their first part; the rules read all of it

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_APOSTROPHES = re.compile("['\u2018\u2019\u201b`\u00b4\u02bc\uff07]")
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")


def words_of(text: str) -> list[str]:
    """Lower-case words, with invisible characters and apostrophes gone ("don't" -> "dont")."""
    folded = unicodedata.normalize("NFKC", text[:MAX_CHARS]).lower()
    folded = _APOSTROPHES.sub("", _INVISIBLE.sub("", folded))
    return [w for w in _NOT_LETTERS.split(folded) if w]


def features(text: str) -> set[str]:
    """Each word, each pair of neighbouring words, and each group of four letters in a word
    (so a misspelt or unfamiliar form still shares most of its features with the known one)."""
    words = words_of(text)
    found = {f"w {w}" for w in words}
    found.update(f"p {a} {b}" for a, b in zip(words, words[1:], strict=False))
    for word in words:
        padded = f"<{word}>"
        found.update(f"c {padded[i : i + 4]}" for i in range(max(1, len(padded) - 3)))
    return found


@dataclass(frozen=True)
class Guess:
    kind: str  # one of ALARMS
    chance: float  # the model's probability for it, 0 to 1


class SecondOpinion:
    def __init__(self, model: dict[str, Any]) -> None:
        self.classes: tuple[str, ...] = tuple(model["classes"])
        self.bias: tuple[float, ...] = tuple(model["bias"])
        self.weights: dict[str, list[float]] = model["weights"]
        self.threshold: float = float(model["threshold"])

    @classmethod
    def load(cls, path: Path) -> SecondOpinion | None:
        if not path.exists():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def chances(self, text: str) -> dict[str, float]:
        found = features(text)
        scale = 1 / math.sqrt(len(found)) if found else 0.0
        scores = list(self.bias)
        for feature in found:
            row = self.weights.get(feature)
            if row is not None:
                for index, weight in enumerate(row):
                    scores[index] += weight * scale
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {name: e / total for name, e in zip(self.classes, exps, strict=True)}

    def guess(self, text: str) -> Guess | None:
        """The alarm the model thinks most likely, when its probability clears the threshold."""
        chances = self.chances(text)
        kind = max(ALARMS, key=lambda k: chances.get(k, 0.0))
        alarm = sum(chances.get(k, 0.0) for k in ALARMS)
        return Guess(kind, alarm) if alarm >= self.threshold else None
