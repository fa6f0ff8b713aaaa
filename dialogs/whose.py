"""Whose answer an option named is: the user's own, not another person's ("my dad had
osteoporosis"), and of the back where the question asks about the back, not another part of
the body ("physio for my knee")."""

from __future__ import annotations

from dialogs.lexicon import Lexicon
from dialogs.words import Found, Reader


def elsewhere(r: Reader, lex: Lexicon, f: Found, for_the_back: tuple[str, ...]) -> bool:
    """ "physio for my knee": an option that holds only for the back, said in a clause that
    names another part of the body and not the back."""
    if f.label not in for_the_back:
        return False
    said = {w.base for w in r.words if w.clause == r.content[f.start].clause}
    return bool(said & lex.other_parts) and not said & lex.back_words


def of_another(r: Reader, lex: Lexicon, f: Found) -> bool:
    """ "my dad had osteoporosis": said of another person, with no "I" or "me" between that
    person and the option in its clause ("my wife says I shuffle" is the user's)."""
    start = r.content[f.start]
    before = [w for w in r.words[: start.position] if w.clause == start.clause]
    person = max((i for i, w in enumerate(before) if w.base in lex.others), default=None)
    return person is not None and not any(w.base in lex.oneself for w in before[person:])
