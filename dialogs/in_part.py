"""A task done only in part: "I can get down but not back up" can't do what the floor question
asks (down and up again), whatever its "can ... but" says; "did the tilts, couldn't do the
rocks" at a reminder is no plain Done."""

from __future__ import annotations

from dialogs.lexicon import CONTRAST, NO, Choices, Lexicon
from dialogs.words import Found, Reader, canonical, fold

NEGATION_REACH = 2  # a "not" this many words before a word of doing denies it


def half_denied(r: Reader, lex: Lexicon, choices: Choices, found: list[Found]) -> bool:
    """After a contrast, a negation of a word of the question itself, once more or not
    ("..., but I'd never get back up"): one part of the task can't be done. A negation an
    option or "not sure" already reads ("not easily", "not sure") is no such denial, nor one
    of something else ("..., but not without help", "..., but getting up is not pretty")."""
    own = (NO, choices.picking.no)  # a plain "no", or the no option's own ("never get up")
    used = {i for f in found if f.label not in own for i in f.spots}
    for contrast in r.find(lex.of(CONTRAST)):
        after = r.content[contrast.end : contrast.end + 1]
        if not after or after[0].base not in lex.negators or contrast.end in used:
            continue
        clause = after[0].clause
        denied = [w for w in r.content[contrast.end + 1 :] if w.base not in lex.again]
        if denied and denied[0].base in choices.asked and denied[0].clause == clause:
            return True
    return False


def undone(r: Reader, lex: Lexicon) -> bool:
    """A word of doing an exercise denied ("couldn't do", "didn't manage", "never finished"):
    beside a Done, some of it was not done."""
    doing = {canonical(fold(d)) for d in lex.words.reminder_doing}
    for i, w in enumerate(r.content):
        before = r.content[max(0, i - NEGATION_REACH) : i]
        if w.base in doing and any(b.base in lex.negators and b.clause == w.clause for b in before):
            return True
    return False
