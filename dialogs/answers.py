"""The one answer layer: what a typed message means at a prompt that shows buttons. It reads
numbers as numbers (never as a button's position), units and bands, yes and no, "not sure",
emoji, plurals, lists and negations, and says "ask" rather than guess: a wrong saved value is
worse than asking again."""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import replace
from datetime import date

from content.answers import AnswerWords
from dialogs.choosing import (
    before_contrast,
    denies_other,
    read_bands,
    read_choice,
    read_reminder,
)
from dialogs.controls import asking, read_control
from dialogs.lexicon import (
    CONTRAST,
    DENIAL,
    HEDGE,
    ITEM,
    NO,
    NOT_SURE,
    YES,
    Choices,
    Lexicon,
    lexicon,
)
from dialogs.reading import ASK, CONTROL, VALUE, Reading, ask, not_sure, value
from dialogs.which_amount import of_now
from dialogs.words import Found, Reader

__all__ = ["ASK", "CONTROL", "VALUE", "Choices", "Reading", "before_contrast", "normalise", "read"]


def normalise(text: str) -> str:
    """Lower case, no control characters, apostrophes unified, single spaces."""
    text = text.replace("’", "'").lower()
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


SCALE_TOP = 10.0
READINGS_KEPT = 4096  # the same few answers are typed by many users ("no", "4", "yes")
_readings: OrderedDict[tuple[object, ...], tuple[AnswerWords, Reading]] = OrderedDict()


def read(
    text: str,
    choices: Choices,
    words: AnswerWords,
    today: date | None = None,
    pending: float | None = None,
) -> Reading:
    """What `text` means at the prompt `choices` describes. `pending` is a number typed before
    without its unit ("2", then "months"). Pure, so a reading is remembered: a prompt's
    `key` names its phrases, and the words are the language's, loaded once."""
    key = (text, choices.key, id(words), today, pending)
    known = _readings.get(key)
    if known is not None and known[0] is words:  # the same words, not a reused id
        _readings.move_to_end(key)
        return known[1]
    reading = _read(text, choices, words, today, pending)
    _readings[key] = (words, reading)
    if len(_readings) > READINGS_KEPT:
        _readings.popitem(last=False)
    return reading


def _read(
    text: str, choices: Choices, words: AnswerWords, today: date | None, pending: float | None
) -> Reading:
    """A thumbs up or down beside words is their tone ("nope 👍"); alone it is the answer.
    After a question echoed back, the answer is what follows it ("delete? no!")."""
    tone = {e for e, meaning in words.emoji.items() if meaning in (*words.yes, *words.no)}
    bare = "".join(ch for ch in text if ch not in tone)
    if bare != text and any(ch.isalnum() for ch in bare):
        reading = _read_text(bare, choices, words, today, pending)
        if reading.kind != ASK:
            return reading
    reading = _read_text(text, choices, words, today, pending)
    echoed, mark, after = text.rpartition("?")
    if reading.kind == ASK and mark and echoed.strip() and any(ch.isalnum() for ch in after):
        answer = _read_text(after, choices, words, today, pending)
        return answer if answer.kind != ASK else reading
    return reading


def _read_text(
    text: str, choices: Choices, words: AnswerWords, today: date | None, pending: float | None
) -> Reading:
    lex = lexicon(words)
    if pending is not None and not lex.amounts.has_number(text):
        text = f"{pending:g} {text}"
    r = lex.reader(text)
    if not r.words:
        return ask("unclear")
    if choices.controls and (control := read_control(r, lex, choices)) is not None:
        return control
    if asking(r, lex):  # "can I do them on the bed?" asks something else; it is no answer
        return ask("question")
    if choices.kind == "yesno":
        return _yes_no(r, lex, choices)
    if choices.kind == "scale":
        return _scale(r, lex)
    if choices.kind == "minutes":
        return _minutes(r, lex, choices)
    if choices.kind == "reminder":
        return read_reminder(r, lex, choices)
    if choices.picking.bands is not None:
        return read_bands(r, lex, choices, today)
    return read_choice(r, lex, choices, today)


def _yes_no(r: Reader, lex: Lexicon, choices: Choices) -> Reading:
    if " ".join(t for t in r.tokens if t.isalnum()) in lex.words.yes_alone:
        return value(choices.yes)
    general = lex.of(YES, NO, NOT_SURE, HEDGE, CONTRAST) + (
        lex.of("agree") if choices.agree_is_yes else []
    )
    mine = [p for p in lex.options(choices) if p.label != "?"]
    raw = r.find([*general, *mine], lex.negators)
    found = _unturned(r, [_fine_after(r, _denial(r, f, lex)) for f in raw], raw)
    said = _polarity(found, choices)
    if said >= {YES, NO} and denies_other(r, found, lex, choices):
        said.discard(NO)  # "yes, I understand it's not a diagnosis"
    items = [f for f in found if f.label.startswith(ITEM)]
    named = {f.start for f in raw if f.label.startswith(ITEM)}  # by its words, not a denial
    if "?" in r.tokens and r.content and r.content[0].base in lex.question:
        return ask("question")
    if said & {YES, NO, NOT_SURE} == {NOT_SURE}:
        return not_sure()  # "not sure, maybe I trip more, but I've always been clumsy"
    if _qualified(r, found, lex, said, items):
        return ask("contrast")
    if said >= {YES, NO} or (NO in said and choices.safety and any(not i.negated for i in items)):
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
    if items:
        return ask("partial")
    return ask("unclear")


FINE = frozenset({"normal", "fine", "ok", "okay", "alright", "good", "great", "unchanged", "same"})


def _fine_after(r: Reader, f: Found) -> Found:
    """ "my bowels are normal": a sign said to be fine is denied, like "no bowel trouble"."""
    after = {w.text for w in r.content[f.end : f.end + 2]}
    if f.label.startswith(ITEM) and after & FINE:
        return replace(f, negated=True)
    return f


def _denial(r: Reader, f: Found, lex: Lexicon) -> Found:
    """ "it eases when I lie down" denies the item of pain that never eases; "it doesn't (get)
    ease" does not, but "no, it settles" still does: only a negation just before turns it."""
    if not f.label.startswith(DENIAL):
        return f
    clause = r.clause_of(f.start)
    before = [w for w in r.content[max(0, f.start - 2) : f.start] if w.clause == clause]
    turned = any(w.base in lex.turns for w in before)
    return replace(f, label=f"{ITEM}{f.label.removeprefix(DENIAL)}", negated=not turned)


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
    starts = named
    near = [
        n for n in nos if starts & {n.end, n.end + 1} and r.clause_of(n.end) == r.clause_of(n.start)
    ]  # "no car crash", "never had cancer"
    denied = [i for i in items if i.negated]
    if not nos and denied and len(denied) == len(items):
        return len({i.label for i in items}) < count  # "my bowels are normal"
    if not nos or len(near) < len(nos):
        return False
    return len({i.label for i in items}) < count


def _qualified(
    r: Reader, found: list[Found], lex: Lexicon, said: set[str], items: list[Found]
) -> bool:
    """ "yes but ...": a yes (or a named sign) followed by a contrast that says more."""
    contrast = next((f for f in found if f.label == CONTRAST), None)
    if contrast is None or not (YES in said or HEDGE in said or items):
        return False
    return any(w.base not in lex.glue for w in r.content[contrast.end :])


def _scale(r: Reader, lex: Lexicon) -> Reading:
    amounts = of_now(r, lex, lex.amounts.scan(r.words))
    if len({a.low for a in amounts}) > 1:  # "8 when I walk, 3 when I sit": which one?
        return ask("several")
    if not amounts:
        if r.find(lex.of("no_pain"), lex.negators):
            return value("0")
        return not_sure() if r.find(lex.of(NOT_SURE)) else ask("unclear")
    if len(amounts) > 1:
        return ask("several")
    a = amounts[0]
    if a.low == SCALE_TOP and a.high == math.inf and a.unit is None:
        return value(f"{SCALE_TOP:g}")  # "10+++": off the top of the scale is its top
    if not a.single or a.unit is not None or a.low_open or a.high_open:
        return ask("range")
    if a.out_of not in (None, SCALE_TOP) or not a.low.is_integer() or not 0 <= a.low <= SCALE_TOP:
        return ask("scale")
    return value(str(int(a.low)))


def _minutes(r: Reader, lex: Lexicon, choices: Choices) -> Reading:
    anchors = {f.label for f in r.find(lex.options(choices), lex.negators) if not f.negated}
    anchors.discard("?")
    amounts = before_contrast(r, lex, lex.amounts.scan(r.words))
    if lex.amounts.mentions_distance(r.words) and not any(a.unit for a in amounts):
        return ask("distance")
    if not amounts:
        if len(anchors) == 1:
            return value(anchors.pop())
        return not_sure() if r.find(lex.of(NOT_SURE)) else ask("unclear")
    if len(amounts) > 1 or amounts[0].spread:
        return ask("range")
    a = amounts[0]
    if (a.unit or 1.0) > 60:
        return ask("unclear")
    low, high = a.minutes()
    minutes = high if a.high_open else low
    if not 0 < minutes <= 24 * 60:
        return ask("unclear")
    return value(str(max(1, round(minutes))))
