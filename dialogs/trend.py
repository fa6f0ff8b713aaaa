"""Numbers that tell a change by themselves, for the red-flag net: walking times each shorter
than the last, pain scores climbing, weights falling week on week ("12 min, 10, 8"), or two
numbers said from one to the other ("pain gone from a 4 to a 7")."""

from __future__ import annotations

import re
from itertools import pairwise

TREND_POINTS = 3  # numbers in a row that make a trend
WORSENING = "worsening_pain"  # the sign a trend of numbers reports
WEIGHT_LOSS = "weight_loss"  # the sign a falling series of weights reports

_NUMBER = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)(?![\w.])")
# "week 2" and "6 weeks ago" count no minutes
_LABELS = re.compile(
    r"\b(?:weeks|wks|days|months) ?\d+ (?:to )?\d+\b(?! ?/)"  # "days 1-7", a range
    r"|(?<!this )(?<!last )\b(?:week|wk|day|month|walk|no)s? ?\d+\b(?! ?(?:min|mins|minutes)\b)"
    r"|/ ?10\b|\bout of 10\b|\b(?:19|20)\d\d\b"  # a year is no measure
    r"|\b\d+ (?:weeks?|wks?|days?|months?) (?:ago|back)\b"
)
_OVER_TIME = re.compile(
    r"\b(?:weeks?|wks?|months?|days|ago|then|now|each|every|weekly|monthly)\b"
    r"|\b(?:week|wk|day)s? ?\d"
)
# two numbers make a trend when the message says which was then and which is now
_THEN_NOW = re.compile(r"\b(?:ago|used to|could|was|were|before)\b.*\bnow\b")
# "gone from a 4 to a 7 over five weeks": the two numbers are the trend, whatever else is said
_FROM_TO = re.compile(r"\bfrom (?:an? )?(\d+(?:\.\d+)?) (?:\w+ )?to (?:an? )?(\d+(?:\.\d+)?)\b")
_MINUTES_NEXT = re.compile(r" (?:min|mins|minutes)\b")
_NEWEST_FIRST = re.compile(r"\bthis weeks?\b.*\b(?:last week|the week before|a week ago)\b")
_WEIGHT_WORDS = re.compile(r"\b(?:weigh\w*|kg|kgs|kilos?|lbs?|pounds|stone|scales?)\b")
_WALK_WORDS = re.compile(r"\b(?:walk\w*|min|mins|minutes)\b")
_PAIN_WORDS = re.compile(r"\b(?:pain|avg|averages?|averaged|scores?)\b")


def trend(text: str) -> str | None:
    """The sign id a normalised message's numbers report, or None."""
    if (span := _FROM_TO.search(text)) is not None:
        return _from_to(text, span)
    counted = _LABELS.sub(" ", text)
    numbers = [float(n) for n in _NUMBER.findall(counted)]
    enough = TREND_POINTS - 1 if _then_and_now(counted) else TREND_POINTS
    if len(numbers) < enough or not _OVER_TIME.search(text):
        return None  # one walk's log ("walked 22 min, pain at 14, sat 2 min") is no trend
    if _NEWEST_FIRST.search(text):
        numbers.reverse()  # "6 this week, 5 last week, 4 the week before"
    falling = all(b < a for a, b in pairwise(numbers))
    # scores may hold for a week ("2, 3, 3, 4") but must climb overall
    rising = all(b >= a for a, b in pairwise(numbers)) and numbers[-1] - numbers[0] >= 2
    walking = _WALK_WORDS.search(text) is not None and falling
    pain = _PAIN_WORDS.search(text) is not None and rising and max(numbers) <= 10
    weighing = _WEIGHT_WORDS.search(text) is not None and falling and min(numbers) > 30
    if weighing:
        return WEIGHT_LOSS
    return WORSENING if walking or pain else None


def _then_and_now(text: str) -> bool:
    """ "Used to walk 20 minutes, now 8": a number on each side of the "now"."""
    span = _THEN_NOW.search(text)
    return span is not None and all(
        _NUMBER.search(part) for part in (text[: span.end()], text[span.end() :])
    )


def _from_to(text: str, span: re.Match[str]) -> str | None:
    """The measure is the one named beside the two numbers ("down from 20 to 8 minutes"), and
    only a worsening one is a sign."""
    first, last = (float(n) for n in span.groups())
    minutes = _MINUTES_NEXT.match(text, span.end()) is not None
    pain = not minutes and _PAIN_WORDS.search(text, max(0, span.start() - 40), span.start())
    worse = (minutes and last < first) or (bool(pain) and last - first >= 2 and last <= 10)
    return WORSENING if worse else None
