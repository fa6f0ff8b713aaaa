"""Words that stand for a tap, per language: yes, no, not sure, numbers and units, words for
control during the interview, and the options of the prompts outside the interview."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.texts import CONTENT_DIR, DEFAULT_LANGUAGE, read_yaml

Phrases = tuple[str, ...]
PHRASE_LISTS = (
    "filler",
    "yes",
    "no",
    "agree",
    "hedge",
    "not_sure",
    "yes_alone",
    "negators",
    "contrast",
    "distance",
    "approx",
    "and_some",
    "again",
    "more",
    "less",
    "nearly",
    "just_over",
    "range",
    "alternative",
    "months",
    "month_short",
    "since",
    "last",
    "control_glue",
    "no_pain",
    "other_times",
    "counts",
    "question",
    "place_filler",
    "generic",
    "speaker",
    "hedged",
    "at_times",
    "future",
    "change_answer",
    "at_clock",
    "as_well",
    "turns",
    "mostly",
    "explain_me",
    "now",
    "then",
    "how_long",
    "others",
    "oneself",
    "owners",
    "other_parts",
    "back_words",
    "later",
    "wait_for",
    "resume",
    "adding",
    "correction",
    "steps",
    "address",
    "conditional",
    "unchanged",
    "changed",
)
CONTROLS = ("help", "back", "pause")
SMALLTALK = ("hello", "thanks", "ok")
PROMPTS = {
    "consent": ("agree", "decline"),
    "forget": ("yes", "no"),
    "reminder": ("done", "snooze_evening", "skip", "stop"),
}


@dataclass(frozen=True)
class Unit:
    name: str
    minutes: float
    say: Phrases


@dataclass(frozen=True)
class AnswerWords:
    lists: dict[str, Phrases]  # PHRASE_LISTS, by name
    emoji: dict[str, str]
    numbers: dict[str, float]
    number_sounds: dict[str, float]  # words typed by voice for a number ("ate" for 8)
    vague: dict[str, tuple[float, float]]
    fractions: dict[str, float]
    units: tuple[Unit, ...]
    seasons: dict[str, tuple[int, int]]
    control: dict[str, Phrases]  # help, back, pause
    smalltalk: dict[str, Phrases]  # hello, thanks, ok
    prompts: dict[str, dict[str, Phrases]]  # prompt -> option -> phrases
    snooze_minutes: dict[str, int]
    reminder_vague: Phrases
    reminder_doing: Phrases  # doing an exercise: denied beside a Done, done in part
    places: dict[str, str]  # other names of countries, and zone abbreviations
    shorthand: dict[str, str]  # text-speak for a short word, read so between two words

    def __getattr__(self, name: str) -> Phrases:
        """`words.yes`, `words.filler`: one of the phrase lists."""
        lists = self.__dict__.get("lists", {})
        if name in lists:
            return tuple(lists[name])
        raise AttributeError(name)


def _phrases(node: Any, where: str) -> Phrases:
    if not isinstance(node, list) or not all(isinstance(p, str | int) for p in node):
        raise ContentError("answers.yaml", where, "expected a list of words")
    return tuple(str(p).lower() for p in node)


def _section(raw: dict[str, Any], key: str) -> dict[str, Any]:
    node = raw.get(key)
    if not isinstance(node, dict):
        raise ContentError("answers.yaml", key, "expected a mapping")
    return node


def _words(raw: dict[str, Any]) -> AnswerWords:
    lists = {name: _phrases(raw.get(name), name) for name in PHRASE_LISTS}
    units = tuple(
        Unit(str(name), float(spec["minutes"]), (str(name), *_phrases(spec["say"], name)))
        for name, spec in _section(raw, "units").items()
    )
    control = _section(raw, "control")
    smalltalk = _section(raw, "smalltalk")
    prompts = _section(raw, "prompts")
    reminder = _section(prompts, "reminder")
    return AnswerWords(
        lists=lists,
        emoji={str(k): str(v) for k, v in _section(raw, "emoji").items()},
        numbers={str(k).lower(): float(v) for k, v in _section(raw, "numbers").items()},
        number_sounds={str(k): float(v) for k, v in _section(raw, "number_sounds").items()},
        vague={str(k): (float(v[0]), float(v[1])) for k, v in _section(raw, "vague").items()},
        fractions={str(k): float(v) for k, v in _section(raw, "fractions").items()},
        units=units,
        seasons={str(k): (int(v[0]), int(v[1])) for k, v in _section(raw, "seasons").items()},
        control={c: _phrases(control.get(c), f"control.{c}") for c in CONTROLS},
        smalltalk={s: _phrases(smalltalk.get(s), f"smalltalk.{s}") for s in SMALLTALK},
        prompts={
            prompt: {o: _phrases(_section(prompts, prompt).get(o), f"{prompt}.{o}") for o in opts}
            for prompt, opts in PROMPTS.items()
        },
        snooze_minutes={str(k): int(v) for k, v in _section(reminder, "snooze_minutes").items()},
        reminder_vague=_phrases(reminder.get("vague"), "reminder.vague"),
        reminder_doing=_phrases(reminder.get("doing"), "reminder.doing"),
        places={str(k).lower(): str(v) for k, v in _section(raw, "places").items()},
        shorthand={str(k).lower(): str(v) for k, v in _section(raw, "shorthand").items()},
    )


def load_answer_words(directory: Path = CONTENT_DIR) -> dict[str, AnswerWords]:
    result = {}
    for path in sorted(directory.glob("*/answers.yaml")):
        file = f"{path.parent.name}/{path.name}"
        raw = read_yaml(path)
        if not isinstance(raw, dict):
            raise ContentError(file, "-", "expected a mapping")
        try:
            result[path.parent.name] = _words(raw)
        except ContentError as exc:
            raise ContentError(file, exc.entry, exc.problem) from exc
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise ContentError(file, str(exc).strip("'"), "missing or malformed") from exc
    if DEFAULT_LANGUAGE not in result:
        raise ContentError(f"{DEFAULT_LANGUAGE}/answers.yaml", "-", "file is missing")
    return result
