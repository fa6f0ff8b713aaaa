"""Train the red-flag net's second opinion on the development sets, and say what it adds:
`python -m tests.train_second_opinion [--write]` (needs scikit-learn: pip install -e '.[train]').

Only the development sets are read (tests/data/blind/redflags_dev*.yaml); the locked sets are
never opened here. Five-fold cross-validation shows, for the messages the rules let pass,
how many alarms the model would ask about and how many ordinary messages it would question.
--write trains on all of the development data and writes content/en/second_opinion.json."""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from content.bundle import load_content
from dialogs.crisis import CrisisNet
from dialogs.safety import SafetyNet
from dialogs.second_opinion import ALARMS, features

DATA = Path(__file__).parent / "data" / "blind"
OUT = Path(__file__).parent.parent / "content" / "en" / "second_opinion.json"
CLASSES = ("none", "longstanding", *ALARMS)
C = 4.0  # inverse regularisation, chosen by the cross-validation below
KEEP = 0.02  # weights smaller than this are left out of the shipped file


def development() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("redflags_dev*.yaml")):
        entries += yaml.safe_load(path.read_text(encoding="utf-8"))
    return entries


def digest(entries: list[dict[str, Any]]) -> str:
    text = "\n".join(f"{e['expect']}\t{e['text']}" for e in entries)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def rules_pass(entries: list[dict[str, Any]]) -> list[bool]:
    content = load_content()
    net, crisis = SafetyNet(content.redflags), CrisisNet(content.crisis)
    return [net.check(e["text"]) is None and crisis.check(e["text"]) is None for e in entries]


def matrix(entries: list[dict[str, Any]], vocabulary: dict[str, int] | None = None) -> Any:
    from scipy.sparse import csr_matrix

    rows, cols, values = [], [], []
    grow = vocabulary is None
    vocab: dict[str, int] = {} if vocabulary is None else vocabulary
    for row, entry in enumerate(entries):
        found = features(entry["text"])
        for feature in found:
            if feature not in vocab and grow:
                vocab[feature] = len(vocab)
            if feature in vocab:
                rows.append(row)
                cols.append(vocab[feature])
                values.append(1 / len(found) ** 0.5)
    return csr_matrix((values, (rows, cols)), shape=(len(entries), len(vocab))), vocab


def fit(entries: list[dict[str, Any]]) -> tuple[Any, dict[str, int]]:
    from sklearn.linear_model import LogisticRegression

    x, vocab = matrix(entries)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    model.fit(x, [e["expect"] for e in entries])
    return model, vocab


def alarm_chance(model: Any, x: Any) -> list[float]:
    columns = [list(model.classes_).index(k) for k in ALARMS if k in model.classes_]
    return [float(sum(p[c] for c in columns)) for p in model.predict_proba(x)]


def cross_validate(entries: list[dict[str, Any]], passed: list[bool]) -> None:
    from sklearn.model_selection import StratifiedKFold

    labels = [e["expect"] for e in entries]
    chance = [0.0] * len(entries)
    for train, test in StratifiedKFold(5, shuffle=True, random_state=7).split(entries, labels):
        model, vocab = fit([entries[i] for i in train])
        x, _ = matrix([entries[i] for i in test], vocab)
        for i, p in zip(test, alarm_chance(model, x), strict=True):
            chance[i] = p
    for threshold in (0.3, 0.4, 0.5, 0.6, 0.7):
        caught: Counter[str] = Counter()
        missed: Counter[str] = Counter()
        for entry, ok, p in zip(entries, passed, chance, strict=True):
            if ok:  # the rules let it pass: only then is the model asked
                (caught if p >= threshold else missed)[entry["expect"]] += 1
        print(f"threshold {threshold}: asked about {dict(caught)}; still passed {dict(missed)}")


def export(model: Any, vocab: dict[str, int], entries: list[dict[str, Any]]) -> dict[str, Any]:
    classes = [str(c) for c in model.classes_]
    coef = model.coef_
    weights = {}
    for feature, column in vocab.items():
        row = [round(float(coef[k][column]), 4) for k in range(len(classes))]
        if max(abs(w) for w in row) >= KEEP:
            weights[feature] = row
    bias = [round(float(b), 4) for b in model.intercept_]
    return {
        "about": "Weights of the red-flag second opinion; made by tests/train_second_opinion.py",
        "trained_on": digest(entries),
        "classes": classes,
        "bias": bias,
        "threshold": THRESHOLD,
        "weights": dict(sorted(weights.items())),
    }


THRESHOLD = 0.5


def main() -> None:
    entries = development()
    passed = rules_pass(entries)
    print(f"{len(entries)} development messages; the rules let {sum(passed)} pass")
    cross_validate(entries, passed)
    if "--write" in sys.argv:
        model, vocab = fit(entries)
        document = export(model, vocab, entries)
        OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({len(document['weights'])} features)")


if __name__ == "__main__":
    main()
