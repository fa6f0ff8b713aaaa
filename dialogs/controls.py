"""What people say during the interview instead of an answer: help (a question about the
question, "why do you need my age?"), back, pause ("later, my bus is here") and small talk."""

from __future__ import annotations

from dialogs.amounts import Amount
from dialogs.lexicon import NO, NOT_SURE, YES, Choices, Lexicon
from dialogs.reading import CONTROL, Reading, ask
from dialogs.words import Found, Reader

MISTAKE = frozenset({"mistake", "accident", "accidentally", "wrong", "meant", "misclicked"})
WH_WORDS = frozenset({"what", "whats", "why", "how", "where", "which", "who", "whos"})
CHANGE = frozenset({"change", "fix", "correct", "redo", "amend", "edit"})
TERM_ASKS = frozenset({"what", "whats", "wat", "wot"})
REQUESTS = frozenset({"mean", "explain", "help", "understand", "clarify"})


def read_control(r: Reader, lex: Lexicon, choices: Choices) -> Reading | None:
    """Help, back, pause or small talk: the message is made of such words, or (back and
    pause) one clause is and the others give no answer ("later, i need to lie down")."""
    if not r.content:
        return None
    whole = Reader(r.words, r.tokens, frozenset(), r.known)  # "not now" is no bare "not"
    helps = _help(r, lex) or _about_term(r, lex, choices)
    if helps and not _back_clause(r, lex, whole):  # "what was it again? go back": back
        return Reading(CONTROL, "help")
    if (waiting := _waiting(r, lex, choices, whole)) is not None:
        return waiting
    if whole.find(lex.change_answer, as_written=True):
        return Reading(CONTROL, "back")  # "I want to change my floor answer, I can get down"
    for name in ("back", "pause"):
        found = whole.find(lex.control_words[name], as_written=True)
        found = [f for f in found if name != "back" or not _body(whole, lex, f)]
        if found and name == "back" and _to_mend(r, found):
            return Reading(CONTROL, "back")  # "go back, I pressed no by mistake"
        glue = lex.glue | lex.resume if name == "pause" else lex.glue  # "stop for today"
        if found and (not whole.leftover(found, glue) or _aside(r, lex, choices, found, glue)):
            if name == "back" and _option_word(r, lex, choices, found):
                return ask("back_or_answer")
            return Reading(CONTROL, name)
        if found and name == "pause" and _pause_or_answer(r, lex, choices, found):
            return ask("pause_or_answer")
    talk = r.find(lex.smalltalk, as_written=True)
    if talk and not r.leftover(talk, lex.glue):
        return Reading(CONTROL, "smalltalk", talk[0].label)
    return None


def _body(whole: Reader, lex: Lexicon, f: Found) -> bool:
    """ "just my back", "the back of my thigh": the word "back" after a word of whose it is
    is the back of the body, no going back."""
    before = whole.content[f.start - 1] if f.start else None
    alone = f.end - f.start == 1 and whole.content[f.start].base == "back"
    return alone and before is not None and before.base in lex.owners


def _to_mend(r: Reader, found: list[Found]) -> bool:
    """Back to mend an answer: a word of a mistake ("go back, wrong button"), or of a change
    beside a going back of more than the word "back" ("go back and change my age")."""
    words = set(r.tokens)
    return bool(MISTAKE & words) or bool(CHANGE & words and any(f.end - f.start > 1 for f in found))


WAIT_UNIT = 60.0  # minutes, hours at most: a wait is no longer than that unit


def _waiting(r: Reader, lex: Lexicon, choices: Choices, whole: Reader) -> Reading | None:
    """ "back in 5", "give me 10 mins": a number right after words of a wait is the time of
    a pause, no answer; with an answer besides it ("4, back in 5") it asks which."""
    amounts = lex.amounts.scan(r.words)
    waits = {f.end for f in whole.find(lex.wait_for, as_written=True)}
    timed = [
        a for a in amounts if a.start in waits and (a.unit or 1.0) <= WAIT_UNIT and not _year(a)
    ]
    if not timed:
        return None
    said = r.find([*lex.options(choices), *lex.of(YES, NO, NOT_SURE)])
    if len(amounts) > len(timed) or [f for f in said if f.label != "?"]:
        return ask("pause_or_answer")
    return Reading(CONTROL, "pause")


def _year(amount: Amount) -> bool:
    """A calendar year ("back in 2015"): a time in the past, no wait."""
    return amount.unit is None and amount.single and 1900 <= amount.low <= 2100


def _back_clause(r: Reader, lex: Lexicon, whole: Reader) -> bool:
    """A clause of its own that asks to go back, and nothing else ("..., go back")."""
    found = whole.find(lex.control_words["back"], as_written=True)
    used = {i for f in found for i in f.spots}
    clauses = {r.words[f.start].clause for f in found}
    return any(
        all(w.position in used or w.base in lex.glue for w in r.words if w.clause == c)
        for c in clauses
    )


def _help(r: Reader, lex: Lexicon) -> bool:
    first, opening = r.content[0].base, r.words[0].base
    asks = r.find(lex.control["help"], as_written=True)
    explicit = {w.text for i, w in enumerate(r.content) if not _helps(r, lex, i)} & REQUESTS
    request = explicit or (asks and (first in lex.question or first in ("huh", "eh", "pardon")))
    request = request or (asking(r, lex) and opening in lex.explain_me)  # "why does it matter?"
    return bool(request) and not (first == "how" and r.find(lex.smalltalk, as_written=True))


def _about_term(r: Reader, lex: Lexicon, choices: Choices) -> bool:
    """ "what's methotrexate", "don't know what a hip flexor is": a question about what an
    option's word means, not that option (the content words skip "is", "a", "the")."""
    options = [f for f in r.find(lex.options(choices)) if f.label in choices.options]
    return any(
        f.start > 0
        and r.content[f.start - 1].base in TERM_ASKS
        and r.content[f.start - 1].clause == r.content[f.start].clause
        for f in options
    )


def _helps(r: Reader, lex: Lexicon, i: int) -> bool:
    """ "standing doesn't help": help said of something, no request for it."""
    return r.content[i].text == "help" and i > 0 and r.content[i - 1].base in lex.negators


def _aside(
    r: Reader, lex: Lexicon, choices: Choices, found: list[Found], glue: frozenset[str]
) -> bool:
    """A clause of control words only, and no answer in the rest: "pause, continue tomorow",
    "later, I need to lie down". `found`: places among all the words, filler included."""
    used, pure = _pure(r, found, glue)
    said = r.find([*lex.options(choices), *lex.of(YES, NO, NOT_SURE)])
    if not pure or any(_places(r, f) & used for f in said):
        return False  # "just my back": the control word is an answer here
    rest = [f for f in said if r.content[f.start].clause not in pure and f.label != "?"]
    return not rest and not [a for a in lex.amounts.scan(r.words) if not _glue_only(r, a, glue)]


def _glue_only(r: Reader, a: Amount, glue: frozenset[str]) -> bool:
    """A number in a clause of control words alone ("sorry, one sec, ..."): no answer."""
    return all(w.base in glue for w in r.words if w.clause == a.clause)


def _pause_or_answer(r: Reader, lex: Lexicon, choices: Choices, found: list[Found]) -> bool:
    """ "gotta pause, doctor's calling" where pausing is also an answer (standing still): a
    clause of its own, and the others name no option and not the pain the question is about
    ("just stop, the pain goes" is an answer)."""
    used, pure = _pure(r, found, lex.glue)
    said = r.find([*lex.options(choices), *lex.of(YES, NO, NOT_SURE)])
    others = [w for w in r.content if w.clause not in pure]
    if not pure or not others or {w.base for w in others} & choices.topic:
        return False
    return not [f for f in said if not _places(r, f) & used] and not lex.amounts.scan(r.words)


def _pure(r: Reader, found: list[Found], glue: frozenset[str]) -> tuple[set[int], set[int]]:
    """The words control phrases took, and the clauses made of them and glue alone."""
    used = {i for f in found for i in f.spots}
    clauses = {r.words[f.start].clause for f in found}
    pure = {
        c
        for c in clauses
        if all(w.position in used or w.base in glue for w in r.words if w.clause == c)
    }
    return used, pure


def _places(r: Reader, f: Found) -> set[int]:
    return {r.content[i].position for i in f.spots}


def asking(r: Reader, lex: Lexicon) -> bool:
    first = r.words[0].base if r.words else ""
    if "?" in r.tokens:  # "wait, will I lose my plan?"
        return first in lex.question or bool(set(r.tokens[:3]) & lex.question)
    return r.tokens[0] in WH_WORDS and len(r.tokens) >= 4  # a question typed without its "?"


def whether_it_counts(r: Reader, lex: Lexicon) -> bool:
    """A clause that opens with a question word and asks whether something counts ("I had a
    mole removed, does that count"), with or without its "?"."""
    starts = {w.clause: w for w in reversed(r.words)}  # each clause's first word
    return any(
        w.base in lex.counts and starts[w.clause].base in lex.question and w is not starts[w.clause]
        for w in r.words
    )


def _option_word(r: Reader, lex: Lexicon, choices: Choices, found: list[Found]) -> bool:
    """ "back" where "back" is also an answer (lower back): ask which was meant."""
    single = {f.start for f in found if f.end - f.start == 1}
    options = [f for f in r.find(lex.options(choices)) if f.label in choices.options]
    return any(_places(r, f) & single for f in options)
