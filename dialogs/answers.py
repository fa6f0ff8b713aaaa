"""The one answer layer: what a typed message means at a prompt that shows buttons. It reads
numbers as numbers (never as a button's position), units and bands, yes and no, "not sure",
emoji, plurals, lists and negations, and says "ask" rather than guess: a wrong saved value is
worse than asking again."""

from __future__ import annotations

import math
from collections import OrderedDict
from datetime import date

from content.answers import AnswerWords
from dialogs.amounts import Amount
from dialogs.choosing import (
    before_contrast,
    read_bands,
    read_choice,
    read_reminder,
)
from dialogs.controls import asking, read_control, whether_it_counts
from dialogs.corrections import correction
from dialogs.echoed import echoed
from dialogs.lexicon import (
    CONDITIONAL,
    NOT_SURE,
    YES,
    Choices,
    Lexicon,
    lexicon,
)
from dialogs.reading import ASK, CONTROL, VALUE, Reading, ask, not_sure, value
from dialogs.which_amount import of_another_time, of_now
from dialogs.words import Reader, canonical, fold
from dialogs.yes_no import read_yes_no

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
    After a question echoed back, the answer is what follows it ("delete? no!"); after a
    number taken back, the one that replaced it."""
    tone = {e for e, meaning in words.emoji.items() if meaning in (*words.yes, *words.no)}
    bare = "".join(ch for ch in text if ch not in tone)
    if bare != text and any(ch.isalnum() for ch in bare):
        reading = _read_text(bare, choices, words, today, pending)
        if reading.kind != ASK:
            return reading
    if (sides := correction(text, lexicon(words))) is not None:
        first, last = (_read_text(side, choices, words, today, pending) for side in sides)
        if first.kind == VALUE and last.kind == VALUE:
            return last  # "7, no, 6": the number said last, as its speaker corrected it
    reading = _read_text(text, choices, words, today, pending)
    if reading.kind == ASK:  # "faz 2 semanas, 2 weeks": the clause it can read, echoed
        lex = lexicon(words)
        again = echoed(text, lex, lambda part: _read_text(part, choices, words, today, pending))
        reading = again or reading
    echoed_question, mark, after = text.rpartition("?")
    if (
        reading.kind == ASK
        and mark
        and echoed_question.strip()
        and any(ch.isalnum() for ch in after)
    ):
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
    reading = _answer(r, lex, choices, today)
    if reading.kind != ASK or not choices.talk:
        return reading
    control = read_control(r, lex, choices) or _nodded(r, lex, choices)  # "thanks", "👍"
    talk = control is not None and control.kind == CONTROL and control.value in choices.talk
    return control if control is not None and talk else reading  # its "stop" is its button


def _answer(r: Reader, lex: Lexicon, choices: Choices, today: date | None) -> Reading:
    """The prompt's own answer in the words, or a question back."""
    if asking(r, lex):  # "can I do them on the bed?" asks something else; it is no answer
        return _then_asked(r, lex, choices, today) or ask("question")
    if not choices.safety and whether_it_counts(r, lex):  # at a safety question: caution, yes
        return ask("question")
    if choices.kind not in NUMBERED and r.find(lex.of(CONDITIONAL)):
        return ask("depends")  # "depends on the day": the red-flag net has read any sign told
    if choices.kind == "yesno":
        return _confirmed(r, lex, choices, read_yes_no(r, lex, choices))
    if choices.kind == "scale":
        return _scale(r, lex)
    if choices.kind == "minutes":
        return _minutes(r, lex, choices)
    if choices.kind == "reminder":
        return read_reminder(r, lex, choices)
    if choices.picking.bands is not None:
        return read_bands(r, lex, choices, today)
    return read_choice(r, lex, choices, today)


NUMBERED = ("scale", "minutes")


def _then_asked(r: Reader, lex: Lexicon, choices: Choices, today: date | None) -> Reading | None:
    """A number, then a question about it ("3, is that good?", "20 min, is that normal?"):
    the number is the answer, the question asks what it means. A question about whether a
    thing counts ("my hip, is that it?") still asks, so only where a number is the answer."""
    if choices.kind not in NUMBERED and choices.picking.bands is None:
        return None
    last = r.words[-1].clause
    asked = [w for w in r.words if w.clause == last]
    if last == 0 or asked[0].base not in lex.question or lex.amounts.scan(asked):
        return None  # "8, is 10 the worst?": which number is meant?
    before = lex.reader(" ".join(w.text for w in r.words if w.clause < last))
    if not before.words or not lex.amounts.scan(before.words) or asking(before, lex):
        return None
    reading = _answer(before, lex, choices, today)
    return reading if reading.kind == VALUE else None


def _nodded(r: Reader, lex: Lexicon, choices: Choices) -> Reading | None:
    """A bare yes where buttons but no yes are offered ("👍" to a reminder): an
    acknowledgement, small talk. Where no buttons are (the zone), it stays unknown words."""
    yes = r.find(lex.of(YES), as_written=True)
    if choices.kind != "yesno" and choices.options and yes and not r.leftover(yes):
        return Reading(CONTROL, "smalltalk", "ok")
    return None


def _confirmed(r: Reader, lex: Lexicon, choices: Choices, reading: Reading) -> Reading:
    """ "go back" at a confirmation (/forget, consent) is no yes, whatever word it shares with
    one ("go on"): the question again. The back of the body is no going back."""
    if not choices.agree_is_yes or reading.kind != VALUE or reading.value != choices.yes:
        return reading
    whole = Reader(r.words, r.tokens, frozenset(), r.known)
    back = whole.find(lex.control_words["back"], as_written=True)
    return ask("back") if back and not whole.leftover(back, lex.glue) else reading


def _scale(r: Reader, lex: Lexicon) -> Reading:
    amounts = of_now(r, lex, lex.amounts.scan(r.words))
    amounts = list({(a.low, a.high, a.unit, a.out_of): a for a in amounts}.values())  # "10 10 10"
    if len({a.low for a in amounts}) > 1:  # "8 when I walk, 3 when I sit": which one?
        return ask("several")
    if not amounts:
        if r.find(lex.of("no_pain"), lex.negators):
            return value("0")
        return not_sure() if r.find(lex.of(NOT_SURE)) else ask("unclear")
    if len(amounts) > 1:
        return ask("several")
    a = amounts[0]
    if of_another_time(r, lex, a):  # "on a bad day 8, today ok": no number for now
        return ask("other_time")
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
    if amounts and _few_steps(r, lex, amounts):
        return value(min(choices.options, key=float))  # "first few steps": the shortest time
    counted = bool(amounts) or len(anchors) != 1  # "the moment I step out": no distance
    if lex.amounts.mentions_distance(r.words) and counted and not any(a.unit for a in amounts):
        return ask("distance")
    if not amounts:
        if len(anchors) == 1:
            return value(anchors.pop())
        return not_sure() if r.find(lex.of(NOT_SURE)) else ask("unclear")
    top = max(int(o) for o in choices.options)
    if len(amounts) == 1 and amounts[0].spread == "vague" and amounts[0].minutes()[0] >= top:
        return value(str(top))  # "for hours": the top button, an hour or more
    if len(amounts) == 1 and (button := _one_button(amounts[0], choices)) is not None:
        return value(button)  # "8-10 mins": both ends nearest "about 10 min"
    if len(amounts) > 1 or amounts[0].spread:
        return ask("range")
    a = amounts[0]
    if (a.unit or 1.0) > 60:
        return ask("unclear")
    low, high = a.minutes()
    minutes = high if a.high_open else low
    if not 0 < minutes <= 24 * 60:
        return ask("unclear")
    if minutes > top:  # "2 hours": past the longest button, which says "an hour or more"
        return ask("beyond")
    return value(str(max(1, round(minutes))))


FEW_STEPS = 12.0  # a handful of steps: well under a minute of walking


def _few_steps(r: Reader, lex: Lexicon, amounts: list[Amount]) -> bool:
    """Every amount is a handful of steps ("a few steps", "3 or 4 paces"), and no other
    distance is named."""
    steps = {canonical(fold(s)) for s in lex.words.steps}
    distance = [w for w in r.words if w.base in lex.amounts.distance or w.base in steps]
    after = [[w.base for w in r.words[a.end :] if w.base not in lex.filler][:1] for a in amounts]
    return all(
        a.unit is None and a.high <= FEW_STEPS and set(then) & steps
        for a, then in zip(amounts, after, strict=True)
    ) and all(w.base in steps for w in distance)


def _one_button(a: Amount, choices: Choices) -> str | None:
    """A range or a choice of two ("30-35 min", "8 or 10") whose ends are both nearest one
    button, and no end is as near another: that button. A range across buttons asks."""
    if a.spread not in ("range", "either") or a.low_open or a.high_open:
        return None
    ends = [_nearest(m, choices.options) for m in a.minutes()]
    return ends[0] if ends[0] is not None and ends[0] == ends[1] else None


def _nearest(minutes: float, options: tuple[str, ...]) -> str | None:
    by_distance = sorted(options, key=lambda o: abs(float(o) - minutes))
    first, second = (abs(float(o) - minutes) for o in by_distance[:2])
    return by_distance[0] if first < second else None
