"""Telling a dialog step's own error (a bug, or input it cannot handle) from the database's,
and logging either without the values in it: SQL parameters and message text are health data."""

from __future__ import annotations

import traceback

from dialogs.ports import Step, StepResult, UserRecord


class StepError(Exception):
    """The dialog step raised; its own exception is the cause."""


def guarded(step: Step) -> Step:
    """`step`, raising StepError from whatever it raises."""

    def run(record: UserRecord | None) -> StepResult:
        try:
            return step(record)
        except Exception as exc:
            raise StepError(type(exc).__name__) from exc

    return run


def trace_without_values(exc: BaseException) -> str:
    """Where `exc` and its causes came from, with their types only: their messages can carry
    SQL parameters (a database error) or the user's text (int('²'))."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        lines += traceback.format_list(traceback.extract_tb(current.__traceback__))
        lines.append(f"{type(current).__module__}.{type(current).__qualname__}\n")
        current = current.__cause__ or current.__context__
    return "".join(lines)
