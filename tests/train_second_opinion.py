"""Train the second opinion's two models on the blind development sets and say what they add:
`python -m tests.train_second_opinion [--write]` (needs scikit-learn: pip install -e '.[train]').

Only the development sets are read (tests/data/blind/*_dev*.yaml), never a locked one.
Five-fold cross-validation shows, for each model and threshold, how many of the messages the
rules let pass it would ask about (crises; warning signs of any tier) and how many calm
messages would get its question. --write trains on all of the development data and writes
content/en/second_opinion.json with the thresholds below."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import yaml

from content.bundle import load_content
from dialogs.crisis import CrisisNet
from dialogs.safety import SafetyNet
from dialogs.second_opinion import ALARM, CRISIS, FILE, MIN_WORDS, features, words_of
from tests.score_redflags import CALM

DATA = Path(__file__).parent / "data" / "blind"
OUT = Path(__file__).parent.parent / "content" / "en" / FILE
C = 2.0  # inverse regularisation, from the cross-validation
KEEP = 0.01  # weights smaller than this are left out of the shipped file
POSITIVE = {CRISIS: ("crisis",), ALARM: ("emergency", "urgent", "soon")}
THRESHOLD = {CRISIS: 0.8, ALARM: 0.8}  # from the held-out-set cross-validation below


def development() -> list[dict[str, Any]]:
    """The red-flag development sets, and the typed answers' as calm messages (what people
    type at the bot's questions is most of what it reads)."""
    entries: list[dict[str, Any]] = []
    for path in sorted(DATA.glob("redflags_dev*.yaml")):
        messages = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries += [{"text": m["text"], "expect": m["expect"], "set": path.stem} for m in messages]
    for path in sorted(DATA.glob("answers_dev*.yaml")):
        answers = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries += [{"text": str(a["text"]), "expect": "none", "set": "answers"} for a in answers]
    return entries


def digest(entries: list[dict[str, Any]]) -> str:
    """What the model was trained on; a test compares it with the sets as they are."""
    text = "\n".join(f"{e['expect']}\t{e['text']}" for e in entries)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def matrix(entries: list[dict[str, Any]], vocab: dict[str, int] | None = None) -> Any:
    from scipy.sparse import csr_matrix

    grow, vocab = vocab is None, {} if vocab is None else vocab
    rows, cols, values = [], [], []
    for row, entry in enumerate(entries):
        found = features(entry["text"])
        for feature in found:
            if grow and feature not in vocab:
                vocab[feature] = len(vocab)
            if feature in vocab:
                rows.append(row)
                cols.append(vocab[feature])
                values.append(1 / len(found) ** 0.5)
    return csr_matrix((values, (rows, cols)), shape=(len(entries), len(vocab))), vocab


def fit(entries: list[dict[str, Any]], kind: str) -> tuple[Any, dict[str, int]]:
    from sklearn.linear_model import LogisticRegression

    x, vocab = matrix(entries)
    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000)
    model.fit(x, [e["expect"] in POSITIVE[kind] for e in entries])
    return model, vocab


def cross_validate(entries: list[dict[str, Any]], kind: str) -> None:
    """Each red-flag set is held out in turn (its writer unseen, as a new user's phrasing is),
    the typed answers in five folds of their own."""

    content = load_content()
    rules, net = CrisisNet(content.crisis), SafetyNet(content.redflags)
    passed = [
        rules.check(e["text"]) is None
        and net.check(e["text"]) is None
        and len(words_of(e["text"])) >= MIN_WORDS  # what the model is asked about
        for e in entries
    ]
    labels = [e["expect"] in POSITIVE[kind] for e in entries]
    chance = [0.0] * len(entries)
    for test in held_out(entries):
        train = [i for i in range(len(entries)) if i not in set(test)]
        model, vocab = fit([entries[i] for i in train], kind)
        x, _ = matrix([entries[i] for i in test], vocab)
        for i, p in zip(test, model.predict_proba(x)[:, 1], strict=True):
            chance[i] = float(p)
    missed = [i for i, hit in enumerate(labels) if hit and passed[i]]
    ordinary = [i for i, e in enumerate(entries) if e["expect"] in CALM and e["set"] != "answers"]
    answers = [i for i, e in enumerate(entries) if e["set"] == "answers"]
    print(f"{kind}: {sum(labels)} of {len(entries)} messages; the rules let {len(missed)} pass")
    for threshold in (0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95):
        added = sum(1 for i in missed if chance[i] >= threshold)
        asked = sum(1 for i in ordinary if passed[i] and chance[i] >= threshold)
        typed = sum(1 for i in answers if passed[i] and chance[i] >= threshold)
        print(
            f"  threshold {threshold}: {added} of them asked about; asked of calm: "
            f"{asked}/{len(ordinary)} messages, {typed}/{len(answers)} typed answers"
        )


def held_out(entries: list[dict[str, Any]]) -> list[list[int]]:
    sets = sorted({e["set"] for e in entries} - {"answers"})
    folds = [[i for i, e in enumerate(entries) if e["set"] == name] for name in sets]
    answers = [i for i, e in enumerate(entries) if e["set"] == "answers"]
    return folds + [answers[k::5] for k in range(5)]


def export(model: Any, vocab: dict[str, int], kind: str) -> dict[str, Any]:
    weights = {
        feature: round(float(model.coef_[0][column]), 4)
        for feature, column in vocab.items()
        if abs(model.coef_[0][column]) >= KEEP
    }
    bias = round(float(model.intercept_[0]), 4)
    return {"bias": bias, "threshold": THRESHOLD[kind], "weights": dict(sorted(weights.items()))}


def main() -> None:
    entries = development()
    for kind in (CRISIS, ALARM):
        cross_validate(entries, kind)
    if "--write" in sys.argv:
        document = {
            "about": "The second opinion's weights; made by tests/train_second_opinion.py",
            "trained_on": digest(entries),
            "models": {kind: export(*fit(entries, kind), kind) for kind in (CRISIS, ALARM)},
        }
        OUT.write_text(json.dumps(document, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
