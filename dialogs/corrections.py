"""A number corrected in the same message ("8, no, 9", "15 min - sorry, I mean 25"): the words
after the correction are the answer, when a number before it and one after it each read as an
answer on their own. Anything less plain is left to the whole message."""

from __future__ import annotations

from dialogs.lexicon import Lexicon
from dialogs.words import CLAUSE_BREAKS, fold, split

BREAKS = CLAUSE_BREAKS | {"-", "–"}


def correction(text: str, lex: Lexicon) -> tuple[str, str] | None:
    """The text before and after the last correction that starts a clause, when each side
    holds a number; otherwise None."""
    tokens = split(fold(text, lex.emoji))[1]
    markers = sorted((tuple(split(fold(m))[1]) for m in lex.words.correction), key=len)
    found = None
    for i, token in enumerate(tokens):
        if token in BREAKS:
            hits = [m for m in markers if m and tuple(tokens[i + 1 : i + 1 + len(m)]) == m]
            found = (i, i + 1 + len(hits[-1])) if hits else found
    if found is None:
        return None
    before, after = " ".join(_trimmed(tokens[: found[0]], markers)), " ".join(tokens[found[1] :])
    if not (lex.amounts.has_number(before) and lex.amounts.has_number(after)):
        return None
    return before, after


def _trimmed(tokens: list[str], markers: list[tuple[str, ...]]) -> list[str]:
    """The words before a correction without the start of it ("10 - no, I mean 5": "10")."""
    while tokens:
        ends = [m for m in markers if m and tuple(tokens[-len(m) :]) == m]
        if tokens[-1] in BREAKS:
            tokens = tokens[:-1]
        elif ends and len(tokens) > len(ends[-1]) and tokens[-len(ends[-1]) - 1] in BREAKS:
            tokens = tokens[: -len(ends[-1]) - 1]
        else:
            return tokens
    return tokens
