"""Words of suicide or self-harm (content/<lang>/crisis.yaml) and crisis lines by country
(content/crisis_lines.yaml): read, validated and compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from content.errors import ContentError
from content.texts import CONTENT_DIR, DEFAULT_LANGUAGE, read_yaml

Rule = tuple[re.Pattern[str], ...]  # every pattern must match


@dataclass(frozen=True)
class CrisisRules:
    concepts: dict[str, tuple[Rule, ...]]
    not_crisis: re.Pattern[str] | None
    lines: dict[str, str]  # ISO country code -> how to reach its crisis line
    proxy: re.Pattern[str] | None = None  # someone types for the user: "he" is the user
    spellings: dict[str, str] = field(default_factory=dict)  # dialect word -> usual word


def _compile(file: str, entry: str, fragment: object, gaps: dict[str, str]) -> re.Pattern[str]:
    if not isinstance(fragment, str):
        raise ContentError(file, entry, "a rule is a pattern or a list of patterns")
    for name, gap in gaps.items():
        fragment = fragment.replace("{" + name + "}", gap)
    try:
        return re.compile(fragment)
    except re.error as exc:
        raise ContentError(file, entry, f"bad pattern: {exc}") from exc


def _rules(file: str, name: str, raw: object, gaps: dict[str, str]) -> tuple[Rule, ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError(file, name, "a concept is a non-empty list of rules")
    rules = []
    for item in raw:
        parts = item if isinstance(item, list) else [item]
        rules.append(tuple(_compile(file, name, p, gaps) for p in parts))
    return tuple(rules)


def load_crisis_rules(directory: Path = CONTENT_DIR) -> CrisisRules:
    file = f"{DEFAULT_LANGUAGE}/crisis.yaml"
    raw = read_yaml(directory / DEFAULT_LANGUAGE / "crisis.yaml")
    if not isinstance(raw, dict) or not isinstance(raw.get("concepts"), dict):
        raise ContentError(file, "concepts", "expected a mapping of concepts")
    gaps = {str(k): str(v) for k, v in (raw.get("gaps") or {}).items()}
    concepts = {str(n): _rules(file, str(n), r, gaps) for n, r in raw["concepts"].items()}
    unless = [_compile(file, "not_crisis", p, gaps).pattern for p in raw.get("not_crisis", [])]
    lines = read_yaml(directory / "crisis_lines.yaml")
    if not isinstance(lines, dict) or not all(
        isinstance(k, str) and len(k) == 2 and isinstance(v, str) for k, v in lines.items()
    ):
        raise ContentError("crisis_lines.yaml", "-", "expected country code: line")
    proxy = [_compile(file, "proxy", p, gaps).pattern for p in raw.get("proxy", [])]
    spellings = {
        str(variant): str(usual)
        for usual, variants in (raw.get("spellings") or {}).items()
        for variant in variants
    }
    return CrisisRules(
        concepts,
        re.compile("|".join(unless)) if unless else None,
        dict(lines),
        re.compile("|".join(proxy)) if proxy else None,
        spellings,
    )
