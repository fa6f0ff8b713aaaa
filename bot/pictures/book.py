"""The exercise pictures as files in the data folder: drawn once and kept. Each file's name
holds a key made of its pose data, its title and alt text and the drawing code itself, so a
change to any of them draws that picture afresh at the next start, and an unchanged one is
never drawn twice. Implements dialogs.pictures.Pictures."""

from __future__ import annotations

import asyncio
import hashlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

from bot.pictures import draw, scene
from bot.pictures.draw import draw_picture
from content.bundle import Content
from content.texts import DEFAULT_LANGUAGE

log = logging.getLogger(__name__)

DRAWING_CODE = tuple(Path(m.__file__ or "").read_bytes() for m in (draw, scene))


@dataclass(frozen=True)
class Planned:
    version: str
    path: Path
    title: str
    alt: str
    held: bool  # the dose holds the end position: an hourglass is drawn


class PictureBook:
    def __init__(self, directory: Path, content: Content) -> None:
        self.directory = directory
        self.content = content
        self.planned = {p.version: p for p in self._plan()}
        self._ready: set[str] = set()

    def picture(self, version: str) -> str | None:
        return str(self.planned[version].path) if version in self._ready else None

    def alt_text(self, version: str) -> str:
        return self.planned[version].alt

    async def prepare(self) -> None:
        """Draw what is missing, in a worker thread; a disk that refuses the files leaves those
        exercises without a picture (their text still goes out) and is logged once."""
        try:
            drawn, seconds = await asyncio.to_thread(self.draw_missing)
        except OSError as exc:
            log.warning("exercise pictures could not be written: %s", type(exc).__name__)
        else:
            if drawn:
                log.info("drew %d exercise pictures in %.1f s", drawn, seconds)
        self._ready = {v for v, p in self.planned.items() if p.path.exists()}

    def draw_missing(self) -> tuple[int, float]:
        started = time.perf_counter()
        missing = [p for p in self.planned.values() if not p.path.exists()]
        poses = self.content.poses
        for planned in missing:
            picture = poses.pictures[planned.version]
            draw_picture(
                picture, poses.build, planned.held, planned.path, planned.title, planned.alt
            )
        self._remove_outdated()
        self._ready = {v for v, p in self.planned.items() if p.path.exists()}
        return len(missing), time.perf_counter() - started

    def _plan(self) -> list[Planned]:
        texts, poses = self.content.texts, self.content.poses
        catalogue = self.content.plans.catalogue
        planned = []
        for version, picture in poses.pictures.items():
            title = texts.get(DEFAULT_LANGUAGE, f"exercise.{version}.name")
            alt = texts.get(DEFAULT_LANGUAGE, f"session.alt.{version}")
            held = bool(catalogue.version(version).dose.hold_s)
            key = _key(repr((picture, poses.build, held, title, alt)))
            path = self.directory / f"{version}-{key}.png"
            planned.append(Planned(version, path, title, alt, held))
        return planned

    def _remove_outdated(self) -> None:
        """Pictures drawn from older pose data or older drawing code."""
        current = {p.path.name for p in self.planned.values()}
        for path in self.directory.glob("*.png"):
            if path.name not in current:
                path.unlink(missing_ok=True)


def _key(described: str) -> str:
    digest = hashlib.sha256(described.encode())
    for code in DRAWING_CODE:
        digest.update(code)
    return digest.hexdigest()[:12]
