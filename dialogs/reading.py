"""What a typed answer was read as: a value, "not sure", a question back, or a control word."""

from __future__ import annotations

from dataclasses import dataclass

VALUE, NOT_SURE, ASK, CONTROL = "value", "not_sure", "ask", "control"


@dataclass(frozen=True)
class Reading:
    kind: str  # VALUE, NOT_SURE, ASK or CONTROL
    value: str = ""  # the option id or number (VALUE), the control (help, back, pause, smalltalk)
    detail: str = ""  # why a question back (ASK: "range", "unit", ...), or small talk's kind

    @property
    def saved(self) -> bool:
        return self.kind == VALUE


def value(option: str) -> Reading:
    return Reading(VALUE, option)


def not_sure() -> Reading:
    return Reading(NOT_SURE)


def ask(why: str, detail: str = "") -> Reading:
    return Reading(ASK, detail, why)
