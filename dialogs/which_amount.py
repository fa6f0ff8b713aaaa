"""Which of several numbers in a typed answer is the answer: not one said not to be ("not a
9, more like 6"), the one said of now when the question asks about now ("3 now but 7 when I
walk"), and the one before a contrast whose numbers are of another time ("7 but it was 9
this morning")."""

from __future__ import annotations

import math
from dataclasses import replace
from itertools import pairwise

from dialogs.amounts import Amount
from dialogs.lexicon import CONTRAST, OTHER_TIMES, Lexicon
from dialogs.words import Reader

NEGATION_BEFORE = 3  # words before a number a "not" reaches ("not more than 8")


def unnegated(r: Reader, lex: Lexicon, amounts: list[Amount]) -> list[Amount]:
    """Without the numbers said not to be the answer ("not a 9"; "not even 5" is one)."""
    return [a for a in amounts if not _negated(r, lex, a)]


def of_now(r: Reader, lex: Lexicon, amounts: list[Amount]) -> list[Amount]:
    """The number the answer gives for now, when it gives others for other times."""
    amounts = unnegated(r, lex, amounts)
    if len(amounts) < 2:
        return amounts
    stretches = [_stretch(r, lex, a) for a in amounts]
    now = [a for a, words in zip(amounts, stretches, strict=True) if words & lex.now]
    if len(now) == 1:
        return now
    contrast = next((f for f in r.find(lex.of(CONTRAST))), None)
    if contrast is None and not now:
        return _beside_a_past(lex, amounts, stretches)
    if contrast is None or now:
        return amounts
    at = r.content[contrast.start].position
    before = [a for a in amounts if a.end <= at]
    later = [words for a, words in zip(amounts, stretches, strict=True) if a.end > at]
    told_of = [words & lex.then for a, words in zip(amounts, stretches, strict=True) if a.end <= at]
    if any(told_of):  # "3 resting but 7 on a walk": each of its own time, not now
        return amounts
    return before if before and all(words & lex.then for words in later) else amounts


WAS = frozenset({"was", "were"})


def _beside_a_past(lex: Lexicon, amounts: list[Amount], stretches: list[set[str]]) -> list[Amount]:
    """ "about a 6, it was 8 this morning": one number told plainly, each other in a clause of
    its own that says it was so at another time: the plain one is of now."""
    plain = [a for a, words in zip(amounts, stretches, strict=True) if not words & lex.then]
    past = [words for words in stretches if words & WAS]
    clauses = {a.clause for a in amounts}
    if len(plain) == 1 and len(past) == len(amounts) - 1 and len(clauses) == len(amounts):
        return plain
    return amounts


def _negated(r: Reader, lex: Lexicon, a: Amount) -> bool:
    start = max(0, a.start - NEGATION_BEFORE)
    for at, w in enumerate(r.words[start : a.start], start):
        if w.base in lex.negators and w.clause == a.clause:
            return not lex.amounts.qualifies(r.words, at)
    return False


def of_another_time(r: Reader, lex: Lexicon, a: Amount) -> bool:
    """A number told of a usual or an extreme time ("on a bad day 8", "at worst 8"), with no
    word of now beside it: not the number of now."""
    low, high = _bounds(r, lex, a)
    if _stretch(r, lex, a) & lex.now:
        return False
    places = [r.content[f.start].position for f in r.find(lex.of(OTHER_TIMES))]
    return any(low < at < high and r.words[at].clause == a.clause for at in places)


def _bounds(r: Reader, lex: Lexicon, a: Amount) -> tuple[int, int]:
    """The contrasts either side of an amount (or the ends of the words)."""
    cuts = [r.content[f.start].position for f in r.find(lex.of(CONTRAST))]
    low = max((c for c in cuts if c < a.start), default=-1)
    high = min((c for c in cuts if c >= a.end), default=len(r.words))
    return low, high


def _stretch(r: Reader, lex: Lexicon, a: Amount) -> set[str]:
    """The words of an amount's clause between the contrasts either side of it."""
    low, high = _bounds(r, lex, a)
    return {w.base for w in r.words[low + 1 : high] if w.clause == a.clause}


CLOCK = 12  # hours on a clock face


def clock_span(r: Reader, lex: Lexicon, amounts: list[Amount]) -> list[Amount]:
    """ "from 9 till 2": whole hours of a clock face after "from", running backwards as a
    range of numbers, are the hours between them ("6-5" alone is no clock time); so are two
    told apart in one clause ("from 8 in the morning till 6 at night")."""
    amounts = [_hours_between(a) if _from_clock(r, lex, a) else a for a in amounts]
    if len(amounts) == 2 and _told_apart(r, lex, *amounts):
        first, then = amounts
        return [_hours_between(replace(first, high=then.high, end=then.end, spread="range"))]
    return amounts


def _told_apart(r: Reader, lex: Lexicon, first: Amount, then: Amount) -> bool:
    clock = [a.single and a.unit is None and 0 < a.low <= CLOCK for a in (first, then)]
    after = {w.base for w in r.words[first.end : then.start]} & lex.range_words
    said = first.start > 0 and r.words[first.start - 1].base in lex.since
    return all(clock) and first.clause == then.clause and bool(after) and said


def _from_clock(r: Reader, lex: Lexicon, a: Amount) -> bool:
    said = a.start > 0 and r.words[a.start - 1].base in lex.since
    whole = a.low.is_integer() and a.high.is_integer()
    return said and whole and a.spread == "range" and a.unit is None and 0 < a.high < a.low <= CLOCK


def _hours_between(a: Amount) -> Amount:
    hours = (a.high - a.low) % CLOCK or CLOCK
    return replace(a, low=hours, high=hours, spread="")


def as_of_now(r: Reader, lex: Lexicon, amounts: list[Amount]) -> list[Amount]:
    """ "I will be 75 next month", "it'll be 6 weeks on Monday", "65 in June": a number still
    to be reached is one less now; beside the number of now, it is left out."""
    said = [w.text for w in r.words]
    now = [a for a in amounts if not _of_later(r, lex, a)]  # "I'm 64, 65 in June"
    return [
        replace(a, low=a.low - 1, high=a.high - 1)
        if _to_come(said, a, lex) or (not now and a.single)  # "65 next month"
        else a
        for a in (now or amounts)
    ]


LATER_REACH = 3  # words after a number that may say it is of a time to come


def _of_later(r: Reader, lex: Lexicon, a: Amount) -> bool:
    """A number followed in its clause by words of a time to come ("65 next month")."""
    after = [w.text for w in r.words[a.end : a.end + LATER_REACH] if w.clause == a.clause]
    months = {*lex.words.months, *lex.words.month_short}
    phrases = {tuple(after[i : i + len(p)]) for p in lex.later for i in range(len(after))}
    return bool(phrases & lex.later) or any(
        w == "in" and i + 1 < len(after) and after[i + 1] in months for i, w in enumerate(after)
    )


def _to_come(said: list[str], a: Amount, lex: Lexicon) -> bool:
    before = said[: a.start]
    return a.single and any(tuple(before[-len(p) :]) == p for p in lex.future)


HOUR = 60.0  # minutes


def in_parts(r: Reader, lex: Lexicon, amounts: list[Amount]) -> list[Amount]:
    """A day's total told in parts: hours joined by a word of adding are summed ("5 at work
    and 2 in the car" is 7); a part after them without a number ("8 at the office then telly
    at night", in the same clause) leaves the total open above: 8 and more asks. Parts of
    other days ("weekends") are no sum."""
    if not amounts or any(a.unit not in (None, HOUR) or a.high_open for a in amounts):
        return amounts
    bases = [w.base for w in r.words]
    if set(bases) & lex.at_times:
        return amounts
    gaps = [set(bases[a.end : b.start]) for a, b in pairwise(amounts)]
    if not all(g & lex.adding for g in gaps):
        return amounts
    clause = amounts[-1].clause  # "..., then I'm out and about" is another thing
    after = [w.base for w in r.words[amounts[-1].end :] if w.clause == clause]
    joins = [i for i, b in enumerate(after) if b in lex.adding]
    more = bool(joins) and any(b not in lex.glue for b in after[joins[0] + 1 :])
    if len(amounts) == 1 and not more:
        return amounts
    low, high = sum(a.low for a in amounts), sum(a.high for a in amounts)
    first = amounts[0]
    if more:
        return [replace(first, low=low, high=math.inf, end=amounts[-1].end, spread="range")]
    spread = "" if low == high else "range"
    return [replace(first, low=low, high=high, end=amounts[-1].end, spread=spread)]
