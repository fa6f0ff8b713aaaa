"""How long ago a named time was: "since october", "since the spring", "since last year". The
answer is a range of days, from the end of that time to its start, counted from today."""

from __future__ import annotations

import calendar
from datetime import date

from content.answers import AnswerWords
from dialogs.words import Word, canonical, fold


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
            return _span(today, *span)
    return None


def _months(
    base: str, months: list[str], short: list[str], seasons: dict[str, tuple[int, int]]
) -> tuple[int, int] | None:
    for names in (months, short):
        if base in names:
            return names.index(base) + 1, names.index(base) + 1
    return seasons.get(base)


def _span(today: date, first: int, final: int) -> tuple[int, int]:
    """The latest past stretch of months `first`..`final` (it may run over a new year)."""
    start_year = today.year if first <= today.month else today.year - 1
    start = date(start_year, first, 1)
    end_year = start_year + (1 if final < first else 0)
    end = date(end_year, final, calendar.monthrange(end_year, final)[1])
    end = min(end, today)
    return (today - end).days, (today - start).days


def _last(today: date, unit: str) -> tuple[int, int]:
    if unit == "week":
        return 7, 14
    if unit == "month":
        return 28, 62
    start = date(today.year - 1, 1, 1)
    return (today - date(today.year - 1, 12, 31)).days, (today - start).days
