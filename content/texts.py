"""Keyed texts in one YAML file per language; a second language is one more file."""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from content.errors import ContentError

DEFAULT_LANGUAGE = "en"
CONTENT_DIR = Path(__file__).parent


def read_yaml(path: Path) -> object:
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise ContentError(path.name, "-", "file is missing") from exc
    except yaml.YAMLError as exc:
        raise ContentError(path.name, "-", f"not valid YAML ({exc})") from exc


def _flatten(prefix: str, node: object, out: dict[str, str], file: str) -> None:
    if isinstance(node, str):
        out[prefix] = node.rstrip("\n")
    elif isinstance(node, Mapping):
        for key, value in node.items():
            _flatten(f"{prefix}.{key}" if prefix else str(key), value, out, file)
    else:
        raise ContentError(file, prefix or "-", "every text must be a string")


@dataclass(frozen=True)
class Texts:
    """Texts by language and dotted key, e.g. `texts.get("en", "help.title")`."""

    by_language: Mapping[str, Mapping[str, str]]

    @classmethod
    def load(cls, directory: Path = CONTENT_DIR) -> Texts:
        languages: dict[str, dict[str, str]] = {}
        for path in sorted(directory.glob("*/texts.yaml")):
            flat: dict[str, str] = {}
            _flatten("", read_yaml(path), flat, f"{path.parent.name}/{path.name}")
            languages[path.parent.name] = flat
        if DEFAULT_LANGUAGE not in languages:
            raise ContentError(f"{DEFAULT_LANGUAGE}/texts.yaml", "-", "file is missing")
        return cls(languages)

    def language_for(self, locale: str | None) -> str:
        if locale:
            lang = locale.replace("_", "-").split("-")[0].lower()
            if lang in self.by_language:
                return lang
        return DEFAULT_LANGUAGE

    def get(self, language: str, key: str, **values: object) -> str:
        table = self.by_language.get(language, {})
        template = table.get(key) or self.by_language[DEFAULT_LANGUAGE][key]
        return template.format(**values) if values else template

    def has(self, key: str) -> bool:
        return key in self.by_language[DEFAULT_LANGUAGE]

    def require(self, keys: Iterable[str], where: str = "texts.yaml") -> None:
        """Stop start-up when a text the code or content needs is missing, or has a typo in
        its placeholders."""
        for key in keys:
            if not self.has(key):
                raise ContentError(f"{DEFAULT_LANGUAGE}/{where}", key, "text is missing")
        for language, table in self.by_language.items():
            for key, template in table.items():
                try:
                    list(string.Formatter().parse(template))
                except ValueError as exc:
                    raise ContentError(f"{language}/texts.yaml", key, str(exc)) from exc
