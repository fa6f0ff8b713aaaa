"""How long ago a named time was: "since october", "since the spring", "since last year", a
calendar year ("in 2015"). The answer is a range of days, from the end of that time to its
start, counted from today; an option that holds only so long ago is ruled out by it."""

from __future__ import annotations

import calendar
from dataclasses import replace
from datetime import date
from itertools import pairwise

from content.answers import AnswerWords
from content.interview import Bands
from dialogs.amounts import Amount
from dialogs.lexicon import Lexicon
from dialogs.words import Found, Reader, Word, canonical, fold

DAY = 1440.0  # minutes
# a calendar day as the units count it: their year is 52 weeks, a calendar year 365.25 days
# ("born 1961" on 1 December 2026 is 64 or 65, not 65 or 66)
CALENDAR_DAY = DAY * 364 / 365.25


def days_since(words: AnswerWords, text_words: list[Word], today: date) -> tuple[int, int] | None:
    """The fewest and most days since the time the text names after "since", or None."""
    bases = [w.base for w in text_words]
    since = {canonical(fold(s)) for s in words.since}
    last = {canonical(fold(s)) for s in words.last}
    months = [canonical(fold(m)) for m in words.months]
    short = [canonical(fold(m)) for m in words.month_short]
    for i, base in enumerate(bases):
        before = set(bases[max(0, i - 2) : i])
        if not before & since:
            continue
        if before & last and base in ("week", "month", "year"):
            return _last(today, base)
        seasons = {canonical(fold(k)): v for k, v in words.seasons.items()}
        span = _months(base, months, short, seasons)
        if span is not None:
            return _span(today, *span, before_this=bool(before & last))
    return None


def _months(
    base: str, months: list[str], short: list[str], seasons: dict[str, tuple[int, int]]
) -> tuple[int, int] | None:
    for names in (months, short):
        if base in names:
            return names.index(base) + 1, names.index(base) + 1
    return seasons.get(base)


def _span(today: date, first: int, final: int, before_this: bool = False) -> tuple[int, int]:
    """The latest past stretch of months `first`..`final` (it may run over a new year); said
    with "last" ("since last summer", in July), not the one today is in but the one before."""
    start_year = today.year if first <= today.month else today.year - 1
    if before_this and _within(today, first, final):
        start_year -= 1
    start = date(start_year, first, 1)
    end_year = start_year + (1 if final < first else 0)
    end = date(end_year, final, calendar.monthrange(end_year, final)[1])
    end = min(end, today)
    return (today - end).days, (today - start).days


def _within(today: date, first: int, final: int) -> bool:
    months = (
        range(first, final + 1) if first <= final else [*range(first, 13), *range(1, final + 1)]
    )
    return today.month in months


def _last(today: date, unit: str) -> tuple[int, int]:
    if unit == "week":
        return 7, 14
    if unit == "month":
        return 28, 62
    start = date(today.year - 1, 1, 1)
    return (today - date(today.year - 1, 12, 31)).days, (today - start).days


def recent(
    r: Reader, lex: Lexicon, named: list[Found], within: Bands, today: date | None
) -> list[Found] | None:
    """The options named that the times told leave in: the most recent time counts. A month
    named ("in March") is its latest past one, or that of the year after it; one that runs
    across the question's edge leaves it open (None)."""
    unit = next((u.minutes for u in lex.words.units if u.name == within.unit), 1.0)
    months = named_months(lex.words, r.words, today) if today is not None else []
    paired = {at + 1 for at, _ in months}  # "march 2025": the year is the month's
    times = [dated(a, today) for a in lex.amounts.scan(r.words) if a.start not in paired]
    spans = [(a.low * a.unit, a.low * a.unit) for a in times if a.unit is not None]
    spans += [(low * DAY, high * DAY) for _, (low, high) in months]
    spans += [(low * DAY, high * DAY) for low, high in _lasts(lex.words, r.words, today)]
    if not spans:
        return named
    low, high = min(spans)
    limits = within.by_option
    edges = [limits[f.label].high * unit for f in named if f.label in limits]
    if any(low <= edge < high for edge in edges):
        return None
    return [f for f in named if f.label not in limits or low <= limits[f.label].high * unit]


UNITS_LAST = ("week", "month", "year")  # "last week", "last month", "last year"


def _lasts(words: AnswerWords, text_words: list[Word], today: date | None) -> list[tuple[int, int]]:
    """ "last year", "last month": the days since that stretch of the calendar."""
    last = {canonical(fold(w)) for w in words.last}
    units = [b.base for a, b in pairwise(text_words) if a.base in last and b.base in UNITS_LAST]
    return [_last(today, unit) for unit in units] if today is not None else []


MONTH_AFTER = frozenset({"in", "since", "from", "last", "of", "early", "late", "mid", "end"})


def named_months(
    words: AnswerWords, text_words: list[Word], today: date
) -> list[tuple[int, tuple[int, int]]]:
    """Each month named after a word of time ("in march", "since may") or before a year
    ("june 2025"), by its position: the fewest and most days since it."""
    names = [canonical(fold(m)) for m in words.months]
    short = [canonical(fold(m)) for m in words.month_short]
    found = []
    for i, w in enumerate(text_words):
        month = _months(w.base, names, short, {})
        after = text_words[i + 1].text if i + 1 < len(text_words) else ""
        year = int(after) if after.isdigit() and len(after) == 4 else None
        told = i > 0 and text_words[i - 1].base in MONTH_AFTER
        if month is None or not (told or year):
            continue
        if year is None:
            last = i > 0 and text_words[i - 1].base in {canonical(fold(w)) for w in words.last}
            found.append((i, _span(today, *month, before_this=last)))
        elif date(year, month[0], 1) <= today:
            end = min(date(year, month[0], calendar.monthrange(year, month[0])[1]), today)
            found.append((i, ((today - end).days, (today - date(year, month[0], 1)).days)))
    return found


def dated(amount: Amount, today: date | None) -> Amount:
    """A calendar year ("in 2015", "born 1958") as the days since it, from its end."""
    year = int(amount.low) if amount.low.is_integer() else 0
    if today is None or amount.unit is not None or not amount.single:
        return amount
    if not 1900 <= year <= today.year:
        return amount
    end = min(date(year, 12, 31), today)
    days = float((today - end).days), float((today - date(year, 1, 1)).days)
    return replace(amount, low=days[0], high=days[1], unit=CALENDAR_DAY, spread="range")


def calendar_spans(words: AnswerWords, text_words: list[Word], today: date) -> list[Amount]:
    """The times the text names by the calendar ("since october", "in early september"), each
    as the range of days since it."""
    spans = [span for _, span in named_months(words, text_words, today)]
    if (days := days_since(words, text_words, today)) is not None:
        spans.append(days)
    return [Amount(float(low), float(high), DAY, 0, 0, 0, spread="range") for low, high in spans]


MEAN_MONTH = 365.25 / 12 * DAY  # minutes; the unit counts a month as 4 weeks, its shortest


def in_calendar(amount: Amount, month: float) -> Amount:
    """A whole count of months, as the calendar counts them: "3 months" is 12 weeks at 4 weeks
    a month and 13 at the mean month, so it runs across a 12-week edge (and asks). A count
    said to be short of it or past it ("nearly 3 months") is kept as it is."""
    if amount.unit != month or not (amount.low.is_integer() and amount.high.is_integer()):
        return amount
    return replace(amount, high=amount.high * MEAN_MONTH / month)


def too_short(r: Reader, lex: Lexicon, named: list[Found], lasting: Bands) -> bool:
    """An option that holds only if it went on so long, named with a shorter time ("steroid
    tablets for a month once", where 3 months or more is asked)."""
    unit = next((u.minutes for u in lex.words.units if u.name == lasting.unit), 1.0)
    limits = [lasting.by_option[f.label].high for f in named if f.label in lasting.by_option]
    if not limits:
        return False
    told = [a.high * a.unit for a in lex.amounts.scan(r.words) if a.unit is not None]
    return any(length < min(limits) * unit for length in told)
