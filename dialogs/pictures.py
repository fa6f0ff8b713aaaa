"""The port to the exercise pictures: a PNG file per exercise version, drawn from
content/poses.yaml by bot/pictures before the first message is handled. The dialog only asks
for a picture's path; it never draws (matplotlib stays out of the core and its start-up)."""

from __future__ import annotations

from typing import Protocol


class Pictures(Protocol):
    def picture(self, version: str) -> str | None:
        """The path of the version's picture, or None when there is none to send."""
        ...


class NoPictures:
    """Text only: for tests and tools that build an engine without pictures."""

    def picture(self, version: str) -> str | None:
        return None


NO_PICTURES = NoPictures()
