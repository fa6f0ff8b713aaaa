"""An answer said twice, once in words the reader does not know ("2 semanas, 2 weeks"): the
clause it can read is the answer, when every other clause only repeats its numbers and reads
as nothing alone. A clause that says something else, or another number, leaves it asking."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.lexicon import Lexicon
from dialogs.reading import ASK, VALUE, Reading
from dialogs.words import CLAUSE_BREAKS, fold, split

MAX_CLAUSES = 3
ECHO_WORDS = 4  # words in a repeating clause at most: a number and its unit, a word or two


def echoed(text: str, lex: Lexicon, read: Callable[[str], Reading]) -> Reading | None:
    """The reading of the clause that answers, every other clause giving the same answer or
    only echoing its numbers."""
    clauses = _clauses(text, lex)
    if not 2 <= len(clauses) <= MAX_CLAUSES:
        return None
    readings = [read(" ".join(c)) for c in clauses]
    answers = [i for i, r in enumerate(readings) if r.kind == VALUE]
    if not answers or len({readings[i].value for i in answers}) != 1:
        return None
    numbers = _numbers(clauses[answers[0]])
    rest = [
        (c, r) for i, (c, r) in enumerate(zip(clauses, readings, strict=True)) if i not in answers
    ]
    return readings[answers[0]] if all(_echo(c, numbers, r) for c, r in rest) else None


def _clauses(text: str, lex: Lexicon) -> list[list[str]]:
    clauses: list[list[str]] = [[]]
    for token in split(fold(text, lex.emoji))[1]:
        if token in CLAUSE_BREAKS:
            clauses.append([])
        else:
            clauses[-1].append(token)
    return [c for c in clauses if c]


def _numbers(clause: list[str]) -> set[str]:
    return {t for t in clause if t.replace(".", "", 1).isdigit()}


def _echo(clause: list[str], numbers: set[str], reading: Reading) -> bool:
    own = _numbers(clause)
    return reading.kind == ASK and bool(own) and own <= numbers and len(clause) <= ECHO_WORDS
