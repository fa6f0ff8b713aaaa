"""Picking one option from what a typed answer names: places (the furthest wins), pairs that
make a third option ("hamstrings and hip flexors" is "both"), bands of a number, and the
buttons of a reminder."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise
from math import floor

from content.interview import Band, Bands, Picking
from dialogs.amounts import Amount
from dialogs.in_part import half_denied, undone
from dialogs.lexicon import CONTRAST, NO, NOT_SURE, YES, Choices, Lexicon
from dialogs.reading import Reading, ask, not_sure, value
from dialogs.since import CALENDAR_DAY, calendar_spans, dated, in_calendar, recent, too_short
from dialogs.which_amount import as_of_now, clock_span, in_parts, unnegated
from dialogs.whose import elsewhere, of_another, side_of_a_part
from dialogs.words import Found, Reader

EPSILON = 1e-6


def before_contrast(r: Reader, lex: Lexicon, amounts: list[Amount]) -> list[Amount]:
    """ "7 but it was 9 this morning": what comes before the contrast is the answer."""
    contrast = r.find(lex.of(CONTRAST))
    if not contrast or len(amounts) < 2:
        return amounts
    at = r.content[contrast[0].start].position
    return [a for a in amounts if a.end <= at] or amounts


def _named(r: Reader, lex: Lexicon, choices: Choices) -> tuple[list[Found], list[Found]]:
    """The options the text names (not negated), and everything else it was found to say."""
    found = r.find([*lex.options(choices), *lex.of(YES, NO, NOT_SURE)], lex.negators)
    none = choices.picking.no if choices.picking.no in lex.words.no else None  # "no, none"
    named = [f for f in found if f.label in choices.options and (not f.negated or f.label == none)]
    named = [f for f in named if f.label not in choices.picking.own or not of_another(r, lex, f)]
    named = [f for f in named if not elsewhere(r, lex, f, choices.picking.for_the_back)]
    named = [f for f in named if not side_of_a_part(r, lex, f, choices)]
    return named, [f for f in found if f not in named]


def denies_other(r: Reader, found: list[Found], lex: Lexicon, choices: Choices) -> bool:
    """ "never had cancer" where a fever is asked about, "not the thighs" where the hips are
    too, "haven't tried": each "no" is followed by another thing it denies, not the question
    ("no, it settles" and "none of those" are answers)."""
    nos = [f for f in found if f.label == NO]
    used = {r.content[i].position for f in found for i in f.spots}
    return bool(nos) and all(_object_of(r, no, lex, choices, used) for no in nos)


def _object_of(r: Reader, no: Found, lex: Lexicon, choices: Choices, used: set[int]) -> bool:
    last = r.content[no.end - 1]
    for w in r.words[last.position + 1 :]:
        if w.clause != last.clause or w.base in lex.speaker or w.position in used:
            return False
        if w.base in lex.generic or w.base in lex.glue or w.base in choices.topic:
            continue
        return not (w.text.isdigit() or w.base in lex.known)  # "no to all three"
    return False


def _bare(r: Reader, no: Found, lex: Lexicon) -> bool:
    """A "no" said alone, not of a thing after it ("so no, and ...", "..., nothing")."""
    last = r.content[no.end - 1]
    for w in r.words[last.position + 1 :]:
        if w.clause != last.clause or w.base in lex.speaker:
            return True
        if w.base not in lex.generic and w.base not in lex.glue:
            return False
    return True


def read_choice(r: Reader, lex: Lexicon, choices: Choices, today: date | None) -> Reading:
    named, rest = _named(r, lex, choices)
    picking = choices.picking
    if named and {f.label for f in named} == {picking.no} and _said(rest, NOT_SURE):
        return _unnamed({NOT_SURE}, picking)  # "not sure, they never told me the result"
    if named and picking.lasting is not None and too_short(r, lex, named, picking.lasting):
        return ask("none")  # "steroid tablets for a month once": not 3 months or more
    if named and picking.within is not None:
        kept = recent(r, lex, named, picking.within, today)
        if kept is None:  # "had my baby in june", six months ago: which side of the edge?
            return ask("range")
        named = kept
        if not named:  # "had surgery, but that was 10 years ago": not in the last 3 months;
            # none of these only if the others are denied too ("..., nothing else")
            return value(picking.no) if picking.no and _said(rest, NO) else ask("none")
    unkept = named and not picking.furthest and not _first(named, choices)
    if unkept and _also_other(r, lex, choices, named, rest):
        return ask("several")  # "hamstrings and sometimes hips": the hips are no option
    if {f.label for f in named} <= {picking.no} and _of_another(r, lex, named, rest, picking):
        return ask("another")  # "runs in my family, I never had it": the rest not answered
    if named and picking.no and half_denied(r, lex, choices, [*named, *rest]):
        return value(picking.no)  # "I can get down but not back up": not the whole task
    if named:
        return _pick(r, lex, named, picking)
    said = {f.label for f in rest if not f.negated}
    denied = any(f.negated and f.label in choices.options for f in rest)
    bare = [f for f in rest if f.label == NO and _bare(r, f, lex) and not _denying(r, lex, f)]
    if picking.no in lex.words.no and bare:
        denied = False  # "no surgery, not pregnant, nothing": none of these
    return _unnamed(said, picking, denied or denies_other(r, rest, lex, choices))


def _of_another(
    r: Reader, lex: Lexicon, named: list[Found], rest: list[Found], picking: Picking
) -> bool:
    """An option of the user's own said of someone else, and a "none" or "no" said only after
    it (of that one: "I never had it"), not before ("no, my mate had cancer")."""
    theirs = [f for f in rest if f.label in picking.own and not f.negated and of_another(r, lex, f)]
    nos = [f for f in [*named, *rest] if f.label in (picking.no, NO)]
    return bool(theirs) and bool(nos) and all(n.start > theirs[0].start for n in nos)


def _denying(r: Reader, lex: Lexicon, no: Found) -> bool:
    """A "no" right after the thing it denies, closing its clause ("cancer no. drugs no."): no
    answer to the whole question. After words that say nothing ("so no") it is one."""
    if no.start == 0 or no.end - no.start != 1:
        return False
    before, word = r.content[no.start - 1], r.content[no.start]
    closes = no.end == len(r.content) or r.content[no.end].clause != word.clause
    said = {before.base} & (lex.generic | lex.glue | lex.speaker | lex.negators)
    return (
        closes
        and before.clause == word.clause
        and before.position + 1 == word.position
        and not said
    )


def _first(named: list[Found], choices: Choices) -> bool:
    """An option named that is kept before every other ("cancer, and steroids of some kind"):
    whatever else was said, it is the answer."""
    rest = set(choices.options)
    return any(rest - {f.label} <= set(choices.picking.prefer.get(f.label, ())) for f in named)


def _said(found: list[Found], label: str) -> bool:
    return any(f.label == label and not f.negated for f in found)


def _also_other(
    r: Reader, lex: Lexicon, choices: Choices, named: list[Found], rest: list[Found]
) -> bool:
    """Something that is none of the options named beside one, not said to be fine, and no
    word of that option's own names ("hips" beside "the front" names the hip flexors)."""
    labels = {f.label for f in named}
    own = {b for p in lex.options(choices) if p.label in labels for b in p.bases}
    fine = lex.generic | {p.bases[0] for p in lex.of(NO)}
    return any(
        f.label == "?"
        and not f.negated
        and not {r.content[i].base for i in f.spots} & own
        and not {w.base for w in r.content[f.end : f.end + 1]} & fine
        for f in rest
    )


def _unnamed(said: set[str], picking: Picking, denied: bool = False) -> Reading:
    """Nothing named: not sure, or a plain "no" where it stands for an option (not a "no"
    that only denies an option: "not easily" at the floor question is no "No, I can't")."""
    if NOT_SURE in said:
        return value(picking.not_sure) if picking.not_sure else not_sure()
    if "?" in said:
        return ask("none")
    if NO in said and picking.no and not denied:
        return value(picking.no)
    return ask("which" if YES in said else "unclear")


def _pick(r: Reader, lex: Lexicon, named: list[Found], picking: Picking) -> Reading:
    named = [f for f in named if not _how_long_of(r, lex, f, named)]
    labels = list(dict.fromkeys(f.label for f in named))
    if len(labels) == 1:
        return value(labels[0])
    if _offered_as_either(r, lex, named):
        return ask("either")
    for target, parts in picking.combine.items():
        rest = set(labels) - {target}
        if rest <= set(parts) and (target in labels or set(parts) <= set(labels)):
            return value(target)
    if not picking.several_apply and _as_well(r, lex):
        return ask("several")  # "sitting helps but so does standing still"
    for winner, losers in picking.prefer.items():
        if winner in labels and set(labels) - {winner} <= set(losers):
            return value(winner)
    if (part := _mostly(r, lex, named, picking)) is not None:
        return value(part)
    if set(labels) <= set(picking.furthest):
        furthest = max(labels, key=picking.furthest.index)
        if furthest in picking.part_of and _at_times(r, lex, *_said_as(named, furthest)):
            return ask("several")  # "and at times the calf": not where it mostly is
        return value(furthest)
    return ask("several")


def _said_as(named: list[Found], label: str) -> list[Found]:
    return [f for f in named if f.label == label]


def _how_long_of(r: Reader, lex: Lexicon, f: Found, named: list[Found]) -> bool:
    """ "on my feet all day": a length of time beside another option says how long that is."""
    if not {r.content[i].base for i in f.spots} <= lex.how_long:
        return False
    clause = r.content[f.start].clause
    return any(
        g.label != f.label
        and (g.end == f.start or f.end == g.start)
        and r.clause_of(g.start) == clause
        for g in named
    )


def _mostly(r: Reader, lex: Lexicon, named: list[Found], picking: Picking) -> str | None:
    """ "lower leg, mostly the calf": a part named beside its whole, as where it mostly is."""
    labels = {f.label for f in named}
    for part, whole in picking.part_of.items():
        said = [_beside(r, f) & lex.mostly for f in named if f.label == part]
        if labels == {part, whole} and any(said):
            return part
    return None


def _beside(r: Reader, f: Found) -> set[str]:
    """The words of a phrase found and the two either side of it, filler included."""
    start, end = r.content[f.start].position, r.content[f.end - 1].position
    return {w.base for w in r.words[max(0, start - 2) : end + 3]}


def _offered_as_either(r: Reader, lex: Lexicon, named: list[Found]) -> bool:
    """ "sitting or standing", "sometimes sitting, sometimes stopping": two options offered
    in turn are a choice not made."""
    for first, second in pairwise(named):
        between = r.content[first.end : second.start]
        if first.label != second.label and (
            any(w.base == "or" for w in between) or _at_times(r, lex, first, second)
        ):
            return True
    return False


def _as_well(r: Reader, lex: Lexicon) -> bool:
    said = [w.text for w in r.words]
    return any(tuple(said[i : i + len(p)]) == p for p in lex.as_well for i in range(len(said)))


def _at_times(r: Reader, lex: Lexicon, *named: Found) -> bool:
    return all(
        {w.base for w in r.content[max(0, f.start - 2) : f.start]} & lex.at_times for f in named
    )


def read_bands(r: Reader, lex: Lexicon, choices: Choices, today: date | None) -> Reading:
    bands = choices.picking.bands
    assert bands is not None
    named, rest = _named(r, lex, choices)
    unit = next((u.minutes for u in lex.words.units if u.name == bands.unit), 1.0)
    told = unnegated(r, lex, lex.amounts.scan(r.words))  # "not more than 8, around 7"
    told = as_of_now(r, lex, told)  # "I will be 75 next month"
    told = clock_span(r, lex, told) if bands.clock else told
    told = in_parts(r, lex, told) if bands.parts else told
    month = next((u.minutes for u in lex.words.units if u.name == "month"), 0.0)
    amounts = [in_calendar(dated(a, today), month) for a in before_contrast(r, lex, told)]
    if today is not None and not bands.whole:  # beside an age, a month is a birthday to come
        amounts += calendar_spans(lex.words, r.words, today)
    counted = {p for a in amounts for p in range(a.start, a.end)}  # "eighty one" is no "eighties"
    named = [f for f in named if not _how_long_of(r, lex, f, named)]
    picked = {f.label for f in named if r.content[f.start].position not in counted}
    for amount in amounts:
        if amount.unit is None and bands.unit_needed:
            if amount.single and not named:
                return ask("unit", f"{amount.low:g}")
            continue
        option = _band_of(amount, bands, unit)
        if option is None:
            return ask("range")
        picked.add(option)
    if len(picked) == 1:
        return value(picked.pop())
    if len(picked) > 1:
        return ask("several")
    return _unnamed({f.label for f in rest if not f.negated}, choices.picking)


def _band_of(amount: Amount, bands: Bands, unit: float) -> str | None:
    scale = (amount.unit or unit) / unit
    if bands.whole and amount.single and scale == 1:
        amount = replace(amount, low=float(int(amount.low)), high=float(int(amount.low)))
    low = amount.low * scale + (EPSILON if amount.low_open else 0.0)
    high = amount.high * scale - (EPSILON if amount.high_open else 0.0)
    if bands.whole and amount.unit == CALENDAR_DAY:  # "born in 1962": 63 or 64, as ages count
        low, high = float(floor(low)), float(floor(high))
    if bands.whole and amount.approx and low == high and _on_edge(low, bands):
        return None  # "about 40": 39 is as likely as 41
    inside = [o for o, band in bands.by_option.items() if _holds(band, low, high)]
    return inside[0] if len(inside) == 1 else None


def _on_edge(number: float, bands: Bands) -> bool:
    return any(number in (band.low, band.high) for band in bands.by_option.values())


def _holds(band: Band, low: float, high: float) -> bool:
    start = band.low + (EPSILON if band.low_open else 0.0)
    end = band.high - (EPSILON if band.high_open else 0.0)
    return start - EPSILON / 2 <= low and high <= end + EPSILON / 2


def read_reminder(r: Reader, lex: Lexicon, choices: Choices) -> Reading:
    """A reminder's buttons typed: done, a snooze (by name or by its minutes), skip, stop."""
    named, rest = _named(r, lex, choices)
    picked = {f.label for f in named}
    for amount in before_contrast(r, lex, lex.amounts.scan(r.words)):
        if amount.unit is None and amount.start and r.words[amount.start - 1].base in lex.at_clock:
            continue  # "did them at 7 this morning": a time of day, no snooze
        minutes = amount.minutes()[0] if amount.single else None
        option = next((o for o, m in lex.words.snooze_minutes.items() if m == minutes), None)
        if option is None:
            return ask("snooze")
        picked.add(option)
    if picked == {"done"} and (_partly(r) or undone(r, lex)):
        return ask("partial")  # "did the tilts, not the rocks": done, or not?
    if len(picked) == 1:
        return value(picked.pop())
    if len(picked) > 1:
        return ask("several")
    return ask("which" if any(f.label == "?" for f in rest) else "unclear")


_PART = frozenset({"except", "only", "half", "some", "apart", "partly", "bits"})


def _partly(r: Reader) -> bool:
    """Done in part: a word for part of it, or "not the ..." after what was done."""
    tokens = [t.replace("'", "") for t in r.tokens]
    pairs = set(pairwise(tokens))
    return bool(_PART & set(tokens)) or bool(
        pairs & {("not", "the"), ("didnt", "do"), ("skipped", "the"), ("missed", "the")}
    )
