"""The exercise families and their versions, easiest first, loaded from exercises.yaml."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from content.errors import ContentError
from content.texts import read_yaml

FILE = "exercises.yaml"
SURFACES = ("floor", "bed", "chair", "standing")
INVOLVES = ("on_back", "straight_leg")


@dataclass(frozen=True)
class Dose:
    sets: int
    reps: int | None
    hold_s: int | None
    per_side: bool


@dataclass(frozen=True)
class Version:
    id: str
    surfaces: tuple[str, ...]
    involves: frozenset[str]
    dose: Dose

    def fits(self, avoid: frozenset[str]) -> bool:
        return not (self.involves & avoid) and self.surface(avoid) is not None

    def surface(self, avoid: frozenset[str]) -> str | None:
        """Where this version is done: the first of its surfaces that is not avoided."""
        return next((s for s in self.surfaces if s not in avoid), None)


@dataclass(frozen=True)
class Family:
    id: str
    gentle: bool
    start: str
    instead: str | None
    versions: tuple[Version, ...]  # easiest first

    def fitting(self, avoid: frozenset[str]) -> list[Version]:
        return list(_fitting(self, avoid))

    def index(self, version: str) -> int:
        return [v.id for v in self.versions].index(version)


@cache
def _fitting(family: Family, avoid: frozenset[str]) -> tuple[Version, ...]:
    return tuple(v for v in family.versions if v.fits(avoid))


@dataclass(frozen=True)
class Catalogue:
    families: dict[str, Family]  # in order of preference when a plan's scores tie

    def version(self, version_id: str) -> Version:
        return next(v for f in self.families.values() for v in f.versions if v.id == version_id)

    def family_of(self, version_id: str) -> Family | None:
        return next(
            (f for f in self.families.values() if version_id in {v.id for v in f.versions}),
            None,
        )

    def text_keys(self) -> Iterator[str]:
        for family in self.families.values():
            for version in family.versions:
                yield from (f"exercise.{version.id}.{part}" for part in ("name", "steps"))
            yield from (f"exercise.{family.id}.{part}" for part in ("feel", "cues", "stop"))


def load_catalogue(directory: Path) -> Catalogue:
    raw = _mapping(read_yaml(directory / FILE), "-")
    families = {
        str(fid): _family(str(fid), _mapping(spec, str(fid)))
        for fid, spec in _mapping(raw.get("families"), "families").items()
    }
    seen: set[str] = set()
    for family in families.values():
        for version in family.versions:
            if version.id in seen:
                raise ContentError(FILE, version.id, "a version id is used twice")
            seen.add(version.id)
        if family.instead is not None and family.instead not in families:
            raise ContentError(FILE, family.id, f"instead names no family {family.instead!r}")
    return Catalogue(families)


def _family(fid: str, spec: dict[str, Any]) -> Family:
    versions = tuple(_version(fid, _mapping(v, fid)) for v in spec.get("versions") or ())
    if len(versions) < 2:
        raise ContentError(FILE, fid, "needs an easier and a harder version at least")
    start = str(spec.get("start"))
    if start not in {v.id for v in versions}:
        raise ContentError(FILE, fid, f"start names no version {start!r}")
    instead = spec.get("instead")
    return Family(fid, bool(spec.get("gentle")), start, str(instead) if instead else None, versions)


def _version(fid: str, spec: dict[str, Any]) -> Version:
    vid = str(spec.get("id"))
    where = f"{fid}.{vid}"
    surfaces = tuple(str(s) for s in spec.get("surfaces") or ())
    involves = frozenset(str(i) for i in spec.get("involves") or ())
    if not surfaces or set(surfaces) - set(SURFACES):
        raise ContentError(FILE, where, f"surfaces must be some of {', '.join(SURFACES)}")
    if involves - set(INVOLVES):
        raise ContentError(FILE, where, f"involves must be some of {', '.join(INVOLVES)}")
    if not isinstance(spec.get("sets"), int) or not (spec.get("reps") or spec.get("hold_s")):
        raise ContentError(FILE, where, "needs sets and reps, hold_s or both")
    dose = Dose(spec["sets"], spec.get("reps"), spec.get("hold_s"), bool(spec.get("per_side")))
    return Version(vid, surfaces, involves, dose)


def _mapping(node: object, entry: str) -> dict[str, Any]:
    if not isinstance(node, dict):
        raise ContentError(FILE, entry, "expected a mapping")
    return node
