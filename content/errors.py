"""The one error content loading raises: it names the file and the entry at fault."""

from __future__ import annotations


class ContentError(Exception):
    def __init__(self, file: str, entry: str, problem: str) -> None:
        super().__init__(f"{file}: {entry}: {problem}")
        self.file = file
        self.entry = entry
        self.problem = problem
