"""Yes or no typed at a prompt with those buttons: yes, no, not sure and hedges, and at a
safety question its items, each named ("no car crash"), said to be fine ("bowels are
normal") or denied in other words ("it eases when I lie down")."""

from __future__ import annotations

from dataclasses import replace

from dialogs.choosing import denies_other
from dialogs.lexicon import (
    CHANGED,
    CONTRAST,
    DENIAL,
    HEDGE,
    ITEM,
    NO,
    NOT_SURE,
    UNCHANGED,
    UNLESS,
    YES,
    Choices,
    Lexicon,
)
from dialogs.reading import Reading, ask, not_sure, value
from dialogs.words import (
    AFTER_NEGATORS,
    CLAUSE_BREAKS,
    NEGATION_REACH,
    Found,
    Reader,
    canonical,
    fold,
)


def read_yes_no(r: Reader, lex: Lexicon, choices: Choices) -> Reading:
    typed = " ".join(t for t in r.tokens if t.isalnum())
    if typed in lex.words.yes_alone:
        return value(choices.yes)
    if _yes_and_no_alone(typed, lex):
        return ask("both")  # "yes no", "no yes": which one?
    if "?" in r.tokens and r.content and r.content[0].base in lex.question:
        return ask("question")
    if _asks_if_it_counts(r, lex):
        return ask("question")  # "I leak when I cough, is that the same thing?"
    general = lex.of(YES, NO, NOT_SURE, HEDGE, CONTRAST) + (
        lex.of("agree") if choices.agree_is_yes else []
    )
    mine = [p for p in lex.options(choices) if p.label != "?"]
    raw = _past_contrast(r, lex, r.find([*general, *mine], lex.negators))
    items = {i for f in raw if f.label.startswith(ITEM) for i in f.spots}
    read = [_fine_after(r, _denial(r, f, lex), items) for f in raw]
    found = _unturned(r, _named_as_other(r, raw, read), raw)
    found = [f for f in found if not _not_fine(r, f, lex)]
    said = _polarity(found, choices)
    if said >= {YES, NO} and denies_other(r, found, lex, choices):
        said.discard(NO)  # "yes, I understand it's not a diagnosis"
    named = {f.start for f in raw if f.label.startswith(ITEM)}  # by its words, not a denial
    explained = {i for f in raw if f.label.startswith(UNLESS) for i in f.spots}
    return _decide(r, lex, choices, found, said, named, explained)


def _yes_and_no_alone(typed: str, lex: Lexicon) -> bool:
    """Nothing but a yes and a no, in either order, and not an idiom of the no list ("yeah
    nah")."""
    words = typed.split()
    yes = {y for y in lex.words.yes if " " not in y}
    no = {n for n in lex.words.no if " " not in n}
    return (
        typed not in lex.words.no
        and bool(words)
        and set(words) <= yes | no
        and bool(set(words) & yes)
        and bool(set(words) & no)
    )


def _past_contrast(r: Reader, lex: Lexicon, raw: list[Found]) -> list[Found]:
    """ "no fall but it's there all the time": a negation before a contrast does not reach a
    sign named after it (a negation after the sign, "..., but standing doesn't", still does)."""
    contrasts = [f.start for f in raw if f.label == CONTRAST]
    return [
        replace(f, negated=False)
        if f.label.startswith(ITEM) and f.negated and _turned(r, lex, f, contrasts)
        else f
        for f in raw
    ]


def _turned(r: Reader, lex: Lexicon, f: Found, contrasts: list[int]) -> bool:
    before = range(max(0, f.start - NEGATION_REACH), f.start)
    nots = [i for i in before if r.content[i].base in lex.negators]
    after = {w.base for w in r.content[f.end : f.end + 1]} & (lex.negators | AFTER_NEGATORS)
    return bool(nots) and not after and any(max(nots) < c < f.start for c in contrasts)


WH_QUESTION = frozenset(
    {"what", "whats", "why", "whys", "how", "hows", "who", "whos", "when", "where", "wheres"}
)  # "no, why?" asks why it is asked: the "no" stands; "is that ...?" asks whether it counts


def _asks_if_it_counts(r: Reader, lex: Lexicon) -> bool:
    """A last clause that is a question ("..., is that the same thing?", "does that count?")
    asks whether what was told is the thing asked: no yes or no of its own."""
    if not r.tokens or r.tokens[-1] != "?" or not r.words:
        return False
    last = r.words[-1].clause
    asked = [w for w in r.words if w.clause == last]
    return last > 0 and asked[0].base in lex.question and asked[0].base not in WH_QUESTION


def _decide(
    r: Reader,
    lex: Lexicon,
    choices: Choices,
    found: list[Found],
    said: set[str],
    named: set[int],
    explained: set[int],
) -> Reading:
    items = [f for f in found if f.label.startswith(ITEM)]
    if choices.safety and YES not in said and _unchanged(r, lex):
        return value(choices.no)  # "had a fatty lump for 20 yrs, nothing new": not new
    if said & {YES, NO, NOT_SURE} == {NOT_SURE}:
        return not_sure()  # "not sure, maybe I trip more, but I've always been clumsy"
    if _qualified(r, found, lex, said, items, explained):
        return ask("contrast")
    applies = any(not i.negated for i in items)
    if choices.safety and applies and said <= {NO} and _nos_of_items(r, found, named):
        return value(choices.yes)  # "it doesn't stop when I rest. no fall": one sign applies
    if said >= {YES, NO} or (NO in said and choices.safety and applies):
        return ask("both")  # "no, it never settles": a no, and a sign that applies
    if NOT_SURE in said:
        return not_sure()
    if NO in said and not _only_items_denied(r, found, items, named, len(choices.items)):
        if choices.controls and denies_other(r, found, lex, choices):
            return ask("partial" if choices.safety else "unclear")
        return value(choices.no)
    if YES in said or (choices.safety and HEDGE in said):
        return value(choices.yes)
    if choices.safety and any(not f.negated for f in items):
        return value(choices.yes)
    if not said and _every_item_denied(items, len(choices.items)):
        return value(choices.no)  # "fine in myself, and my weight's the same"
    if items:
        return ask("partial")
    return ask("unclear")


def _unchanged(r: Reader, lex: Lexicon) -> bool:
    """Nothing new or worse is told, and nothing is said to have changed ("same as always,
    but worse this week" is no such answer)."""
    same = [f for f in r.find(lex.of(UNCHANGED), lex.negators) if not _roughly(r, lex, f)]
    inside = {i for f in same for i in f.spots}  # the "new" of "nothing new"
    changed = r.find(lex.of(CHANGED), lex.negators)
    return bool(same) and not any(not f.negated and not set(f.spots) & inside for f in changed)


def _roughly(r: Reader, lex: Lexicon, f: Found) -> bool:
    """ "about the same as always": only roughly unchanged, which is no plain no."""
    before = {w.base for w in r.content[max(0, f.start - 2) : f.start]}
    return bool(before & {canonical(fold(a)) for a in lex.words.approx})


def _applies(f: Found) -> bool:
    """A yes, a hedge or a sign said to apply."""
    return f.label in (YES, HEDGE) or (f.label.startswith(ITEM) and not f.negated)


def _every_item_denied(items: list[Found], count: int) -> bool:
    return bool(items) and all(i.negated for i in items) and len({i.label for i in items}) == count


FINE = frozenset({"normal", "fine", "ok", "okay", "alright", "good", "great", "unchanged", "same"})
JOINED = frozenset({"and", "or", "nor", "both"})


def _fine_after(r: Reader, f: Found, items: set[int]) -> Found:
    """ "my bowels are normal": a sign said to be fine is denied, like "no bowel trouble"; so
    is each of signs listed together before it ("bladder and bowels are fine")."""
    if not f.label.startswith(ITEM):
        return f
    at, clause = f.end, r.clause_of(f.start)
    while r.clause_of(at) == clause and (at in items or r.content[at].text in JOINED):
        at += 1  # "numbness, bowels are fine" denies the bowels only: a comma ends the list
    after = {w.text for w in r.content[at : at + 2]}
    return replace(f, negated=True) if after & FINE else f


def _not_fine(r: Reader, f: Found, lex: Lexicon) -> bool:
    """ "I don't feel so good when I wipe": a negation of being fine tells of something wrong;
    it is no "no" (a bare "no, fine" still is: only a negation of a verb counts)."""
    if f.label != NO or not {r.content[i].base for i in f.spots} & lex.turns:
        return False
    clause = r.clause_of(f.start)
    return bool({w.text for w in r.content[f.end : f.end + 2] if w.clause == clause} & FINE)


def _denial(r: Reader, f: Found, lex: Lexicon) -> Found:
    """ "it eases when I lie down" denies the item of pain that never eases; "it doesn't (get)
    ease" does not, but "no, it settles" still does: only a negation just before turns it."""
    kind = next((k for k in (DENIAL, UNLESS) if f.label.startswith(k)), None)
    if kind is None:
        return f
    clause = r.clause_of(f.start)
    before = [w for w in r.content[max(0, f.start - 2) : f.start] if w.clause == clause]
    turns = lex.turns if kind == DENIAL else lex.negators  # "no diet": the weight applies
    turned = any(w.base in turns for w in before)
    return replace(f, label=f"{ITEM}{f.label.removeprefix(kind)}", negated=not turned)


def _named_as_other(r: Reader, raw: list[Found], read: list[Found]) -> list[Found]:
    """ "I lost weight, but on purpose": a sign named, and in the same sentence said to be
    another thing than the one asked (weight lost without trying), is denied; not when it is
    also said not to be that other thing ("not on purpose")."""
    sentence = _sentences(r)
    other: dict[tuple[str, int], bool] = {}
    for f, g in zip(raw, read, strict=True):
        if f.label.startswith(UNLESS):
            key = (g.label, sentence[r.clause_of(g.start)])
            other[key] = other.get(key, True) and g.negated
    return [
        replace(g, negated=True)
        if g.label.startswith(ITEM)
        and not f.label.startswith((DENIAL, UNLESS))
        and other.get((g.label, sentence[r.clause_of(g.start)]), False)
        else g
        for f, g in zip(raw, read, strict=True)
    ]


def _sentences(r: Reader) -> list[int]:
    """Each clause's sentence: a full stop, "!" or "?" ends one, a comma does not."""
    ends = [0]
    for token in (t for t in r.tokens if t in CLAUSE_BREAKS):
        ends.append(ends[-1] + (token in ".!?"))
    return ends


def _unturned(r: Reader, found: list[Found], raw: list[Found]) -> list[Found]:
    """Without the "no" that turns a denial ("never settles"): it says the item applies."""
    turned = {
        g.start for f, g in zip(raw, found, strict=True) if f.label != g.label and not g.negated
    }
    return [
        f
        for f in found
        if not (
            f.label == NO
            and any(r.clause_of(f.start) == r.clause_of(t) for t in turned & {f.end, f.end + 1})
        )
    ]


def _polarity(found: list[Found], choices: Choices) -> set[str]:
    said: set[str] = set()
    for f in found:
        label = {choices.yes: YES, choices.no: NO, "agree": YES}.get(f.label, f.label)
        if label in (YES, NO):
            said.add(NO if (label == YES and f.negated) else label)
        elif label in (NOT_SURE, HEDGE):
            said.add(label)
    return said


def _only_items_denied(
    r: Reader, found: list[Found], items: list[Found], named: set[int], count: int
) -> bool:
    """ "no car crash": every "no" only denies the item `named` right after it, and some
    items were not denied (named or denied in other words), so the answer covers part of the
    question."""
    nos = [f for f in found if f.label == NO]
    denied = [i for i in items if i.negated]
    if not nos and denied and len(denied) == len(items):
        return len({i.label for i in items}) < count  # "my bowels are normal"
    if not _nos_of_items(r, found, named):
        return False
    return len({i.label for i in items}) < count


def _nos_of_items(r: Reader, found: list[Found], named: set[int]) -> bool:
    """Some "no", and every one denies only the item `named` right after it ("no car crash",
    "never had cancer"): none of them answers the question as a whole."""
    nos = [f for f in found if f.label == NO]
    return bool(nos) and all(
        named & {n.end, n.end + 1} and r.clause_of(n.end) == r.clause_of(n.start) for n in nos
    )


def _qualified(
    r: Reader,
    found: list[Found],
    lex: Lexicon,
    said: set[str],
    items: list[Found],
    explained: set[int],
) -> bool:
    """ "yes but ...": a yes (or a named sign) followed by a contrast that says more; not
    one whose clause only says the sign is another thing ("lost weight, but on purpose")."""
    contrast = next((f for f in found if f.label == CONTRAST), None)
    if contrast is None or not (YES in said or HEDGE in said or items):
        return False
    before = [f for f in found if f.end <= contrast.start]
    if any(f.label == NO for f in before) and not any(_applies(f) for f in before):
        return False  # "no fall but it's there all the time": a no, then a sign; no "yes but"
    clause = r.clause_of(contrast.start)
    rest = range(contrast.end, len(r.content))
    own = [i for i in rest if r.content[i].clause == clause and r.content[i].base not in lex.glue]
    if own and set(own) <= explained:
        return False
    return any(w.base not in lex.glue for w in r.content[contrast.end :])
