"""A statistical second opinion beside the crisis rules: a small linear model over words,
word pairs and letter groups, trained on the blind development sets by
tests/train_second_opinion.py and shipped as weights in content/<lang>/second_opinion.json.

It holds two models: one for thoughts of suicide or self-harm, one for warning signs of any
tier. They are read only when the crisis and red-flag rules let a message pass, and all they
may do is ask one question with the buttons `safety.yes` / `safety.no` ("are you having
thoughts of ending your life?"; "is one of these new in the last two weeks: ...?"): they
never give, lower or remove a tier the rules set. Reading a message is a dictionary look-up
per feature, well under a millisecond."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from itertools import pairwise
from pathlib import Path
from typing import Any

from content.texts import CONTENT_DIR

MAX_CHARS = 2000  # a longer text is read in its first part; the rules read all of it
# fewer words give the model too little to go on ("I don't think so" read as distress): the
# rules alone read them
MIN_WORDS = 5
FILE = "second_opinion.json"

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
    (so a misspelt or unfamiliar form still shares most of its features with a known one)."""
    words = words_of(text)
    found = {f"w {w}" for w in words}
    found.update(f"p {a} {b}" for a, b in pairwise(words))
    for word in words:
        padded = f"<{word}>"
        found.update(f"c {padded[i : i + 4]}" for i in range(max(1, len(padded) - 3)))
    return found


CRISIS = "crisis"  # thoughts of suicide or self-harm
ALARM = "alarm"  # a warning sign of any tier


class Model:
    def __init__(self, model: dict[str, Any]) -> None:
        self.bias = float(model["bias"])
        self.weights: dict[str, float] = model["weights"]
        self.threshold = float(model["threshold"])

    def chance(self, found: set[str]) -> float:
        scale = 1 / math.sqrt(len(found)) if found else 0.0
        score = self.bias + scale * sum(self.weights.get(f, 0.0) for f in found)
        return 1 / (1 + math.exp(-max(-30.0, min(30.0, score))))


class SecondOpinion:
    def __init__(self, document: dict[str, Any]) -> None:
        self.models = {name: Model(m) for name, m in document["models"].items()}

    @classmethod
    def load(cls, language: str) -> SecondOpinion | None:
        path = Path(CONTENT_DIR) / language / FILE
        if not path.exists():
            return None
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def chance(self, kind: str, text: str) -> float:
        """The probability model `kind` gives the message (CRISIS or ALARM)."""
        return self.models[kind].chance(features(text))

    def worry(self, text: str) -> str | None:
        """CRISIS or ALARM when that model's probability clears its threshold, crisis first."""
        if len(words_of(text)) < MIN_WORDS:
            return None
        found = features(text)
        for kind in (CRISIS, ALARM):
            model = self.models.get(kind)
            if model is not None and model.chance(found) >= model.threshold:
                return kind
        return None
