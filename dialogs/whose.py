"""Whose answer an option named is: the user's own, not another person's ("my dad had
osteoporosis"), and of the back where the question asks about the back, not another part of
the body ("physio for my knee"); "the back of my knee" is the knee, not the back."""

from __future__ import annotations

from dialogs.lexicon import Choices, Lexicon
from dialogs.words import Found, Reader, Word


def elsewhere(r: Reader, lex: Lexicon, f: Found, for_the_back: tuple[str, ...]) -> bool:
    """ "physio for my knee": an option that holds only for the back, said in a clause that
    names another part of the body and not the back."""
    if f.label not in for_the_back:
        return False
    clause = [w for w in r.words if w.clause == r.content[f.start].clause]
    back = [w for w in clause if w.base in lex.back_words]
    said = {w.base for w in clause}
    return bool(said & lex.other_parts) and all(_side_of(r, lex, w, lex.other_parts) for w in back)


def of_another(r: Reader, lex: Lexicon, f: Found) -> bool:
    """ "my dad had osteoporosis": said of another person, with no "I" or "me" between that
    person and the option in its clause ("my wife says I shuffle" is the user's); or said to
    be another's after it ("cancer runs in my family"), with no "I" before the person."""
    start = r.content[f.start]
    clause = [w for w in r.words if w.clause == start.clause]
    before = [w for w in clause if w.position < start.position]
    person = max((i for i, w in enumerate(before) if w.base in lex.others), default=None)
    if person is not None:
        return not any(w.base in lex.oneself for w in before[person:])
    after = [w.position for w in clause if w.base in lex.others and w.position > start.position]
    told = [w for w in clause if after and w.position < after[0]]
    return bool(after) and not any(w.base in lex.oneself for w in told)


SIDE_REACH = 2  # words after "back of" a part may be: "the back of my left knee"


def side_of_a_part(r: Reader, lex: Lexicon, f: Found, choices: Choices) -> bool:
    """ "the back of my knee", "back of the thigh": a word for the back that names the side of
    another part of the body, the part another option (or none) names, not the back."""
    last = r.content[f.end - 1]
    named = {b for p in lex.options(choices) if p.label != f.label for b in p.bases}
    parts = lex.other_parts | named
    return last.base in lex.back_words and _side_of(r, lex, last, parts)


def _side_of(r: Reader, lex: Lexicon, word: Word, parts: frozenset[str]) -> bool:
    """The word is followed by "of" and a part of the body, a word such as "left" or "one"
    between at most ("back of the knee", "back of my left leg")."""
    after = r.words[word.position + 1 :]
    if not after or after[0].text != "of":
        return False
    told = [w for w in after[1:] if w.clause == word.clause and w.base not in lex.filler]
    return any(w.base in parts for w in told[:SIDE_REACH])
