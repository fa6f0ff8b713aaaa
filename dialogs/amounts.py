"""Amounts in typed answers: "8", "eight", "about 4 hours", "2-3 hrs", "6 or 7", "an hour and a
half", "10+ years", "nearly 3 months". Each becomes a range (in its unit, or a bare number),
with open ends where the text said "more than" or "under", and where it sits in the text."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from content.answers import AnswerWords
from dialogs.words import Word, canonical, fold, near, spelt_out, split

EPSILON = 0.01
LINKS = ("of", "a", "an")  # "a couple of hours", "three quarters of an hour", "half an hour"


@dataclass(frozen=True)
class Amount:
    low: float
    high: float
    unit: float | None  # minutes per unit; None: a bare number
    start: int  # word positions in the text
    end: int
    clause: int
    low_open: bool = False
    high_open: bool = False
    spread: str = ""  # "", "range" (5-6), "either" (4 or 5), "vague" (a few)
    approx: bool = False
    out_of: float | None = None  # "7/10", "8 out of 10"

    @property
    def single(self) -> bool:
        return not self.spread and self.low == self.high

    def minutes(self) -> tuple[float, float]:
        size = self.unit or 1.0
        return self.low * size, self.high * size


TENS = frozenset({20, 30, 40, 50, 60, 70, 80, 90})


class Amounts:
    """Reads amounts with one language's words."""

    def __init__(self, words: AnswerWords) -> None:
        self.w = words
        self.numbers = {tuple(fold(k).split()): v for k, v in words.numbers.items()}
        self.vague = {tuple(fold(k).split()): v for k, v in words.vague.items()}
        self.fractions = {tuple(fold(k).split()): v for k, v in words.fractions.items()}
        self.units = {canonical(fold(s)): u.minutes for u in words.units for s in u.say}
        self.marks = {
            name: sorted(
                {tuple(canonical(x) for x in fold(p).split()) for p in getattr(words, name)},
                key=len,
                reverse=True,
            )
            for name in (
                "approx",
                "and_some",
                "more",
                "less",
                "nearly",
                "just_over",
                "range",
                "alternative",
            )
        }
        self.distance = {canonical(fold(d).split()[-1]) for d in words.distance}
        # words of their own, never a typo of a number ("there" is no "three")
        self.own = frozenset(w for f in words.filler for w in fold(f).split())
        self.suffixes = frozenset({*self.units, "ish", "st", "nd", "rd", "th", "x"})
        pieces = [k[0] for t in (self.numbers, self.fractions) for k in t if len(k) == 1]
        self.pieces = frozenset(pieces) | frozenset(self.units)

    def words_of(self, text: str) -> tuple[list[Word], list[str]]:
        """The words (units split off numbers, "halfhour" in two) and all tokens of a text."""
        words, tokens = split(fold(text, self.w.emoji), self.suffixes)
        return spelt_out(_unglue(words, self.pieces), self.w.shorthand), tokens

    def read(self, text: str) -> list[Amount]:
        return self.scan(self.words_of(text)[0])

    def scan(self, words: list[Word]) -> list[Amount]:
        return _Scan(self, words).run()

    def has_number(self, text: str) -> bool:
        """A number in digits or words, not just a unit ("months")."""
        return any(a.unit is None or a.end - a.start > 1 for a in self.read(text)) or any(
            w.text.replace(".", "", 1).isdigit() for w in self.words_of(text)[0]
        )

    def qualifies(self, words: list[Word], at: int) -> bool:
        """Whether a mark that qualifies a number starts at `at` ("not even", "not quite")."""
        bases = tuple(w.base for w in words[at:])
        return any(bases[: len(m)] == m for name in ("less", "nearly") for m in self.marks[name])

    def mentions_distance(self, words: list[Word]) -> bool:
        return any(w.base in self.distance for w in words)


def _unglue(words: list[Word], pieces: frozenset[str]) -> list[Word]:
    """ "halfhour" -> "half hour": an unknown word made of two known ones."""
    out: list[Word] = []
    for w in words:
        cut = next(
            (i for i in range(2, len(w.text) - 1) if {w.text[:i], w.text[i:]} <= pieces), None
        )
        parts = [w.text[:cut], w.text[cut:]] if cut and w.text.isalpha() else [w.text]
        out += [Word(p, canonical(p), w.clause, 0) for p in parts]
    return [Word(w.text, w.base, w.clause, i) for i, w in enumerate(out)]


class _Scan:
    """One left-to-right pass: numbers with their qualifiers and units, then ranges joined."""

    def __init__(self, amounts: Amounts, words: list[Word]) -> None:
        self.a = amounts
        self.words = words
        self.bases = [w.base for w in words]
        self.i = 0

    def run(self) -> list[Amount]:
        found: list[Amount] = []
        while self.i < len(self.words):
            start = self.i
            if size := self._scale_total(self.i):  # "out of ten", no number before it
                found += self._sounded(self.i, found)
                self.i += size
                continue
            amount = self._value()
            if amount is not None:
                found.append(self._after(self._before(amount)))
            elif found and (size := self._mark("more", self.i)):  # "8, maybe a bit more"
                found[-1] = replace(found[-1], high=math.inf)
                self.i += size
            else:
                self.i = start + 1
        return self._join(found)

    def _scale_total(self, at: int) -> int:
        """The length of "out of ten" or "/10" at `at`: the scale's top, never an answer."""
        skip = 2 if self.bases[at : at + 2] == ["out", "of"] else int(self.bases[at] == "/")
        if not skip:
            return 0
        if self._number_at(at + skip):
            return skip + 1
        word = self._lookup(self.a.numbers, at + skip)  # type: ignore[arg-type]
        return skip + word[1] if word is not None else 0

    def _sounded(self, at: int, found: list[Amount]) -> list[Amount]:
        """A number said by voice and typed as a word that sounds like it, just before
        "out of ten" ("ate out of ten"): that number."""
        before = self.words[at - 1] if at else None
        value = self.a.w.number_sounds.get(before.text) if before is not None else None
        if before is None or value is None or (found and found[-1].end >= at):
            return []
        return [Amount(value, value, None, before.position, at, before.clause)]

    def _mark(self, name: str, at: int) -> int:
        for mark in self.a.marks[name]:
            if tuple(self.bases[at : at + len(mark)]) == mark:
                return len(mark)
        return 0

    def _lookup(self, table: dict[tuple[str, ...], object], at: int) -> tuple[object, int] | None:
        """The longest key at `at`, as written before with a typo ("eighty" is no "eight")."""
        for typos in (False, True):
            for key in sorted(table, key=len, reverse=True):
                span = self.words[at : at + len(key)]
                if len(span) == len(key) and all(
                    w.text == k or (typos and w.text.isalpha() and self._typo(w.text, k))
                    for w, k in zip(span, key, strict=True)
                ):
                    return table[key], len(key)
        return None

    def _typo(self, typed: str, key: str) -> bool:
        return typed not in self.a.own and near(typed, key)

    def _value(self) -> Amount | None:
        w = self.words[self.i]
        if w.text.replace(".", "", 1).isdigit():
            self.i += 1
            return Amount(float(w.text), float(w.text), None, w.position, self.i, w.clause)
        for table, spread in (
            (self.a.vague, "vague"),
            (self.a.fractions, ""),
            (self.a.numbers, ""),
        ):
            hit = self._lookup(table, self.i)  # type: ignore[arg-type]
            if hit is None:
                continue
            value, size = hit
            low, high = value if isinstance(value, tuple) else (value, value)
            if (w.text in LINKS or table is self.a.fractions) and self._unit_at(
                self.i + size
            ) is None:
                return None  # "a", "an" and "half" count only before a unit: "half an hour"
            self.i += size
            if table is self.a.numbers and low == high and low in TENS:
                low = high = low + self._units_after(w.text.isalpha())  # "seventy five"
            return Amount(
                float(low), float(high), None, w.position, self.i, w.clause, spread=spread
            )
        if w.base in self.a.units:  # a unit alone: "years", "hour+"
            many = w.text != w.base and w.text.endswith("s")
            if many or self._mark("more", self.i + 1):
                low, high = (2.0, 10.0) if many else (1.0, 1.0)
                self.i += 1
                unit = self.a.units[w.base]
                return Amount(
                    low, high, unit, w.position, self.i, w.clause, spread="vague" if many else ""
                )
        return None

    def _unit_at(self, at: int) -> tuple[float, int] | None:
        """The unit at `at`, past linking words: its size and the position after it."""
        j = at
        while j < len(self.words) and self.bases[j] in LINKS and j - at < 2:
            j += 1
        if j < len(self.words) and self.bases[j] in self.a.units:
            return self.a.units[self.bases[j]], j + 1
        return None

    def _before(self, amount: Amount) -> Amount:
        start = amount.start
        while start > 0 and self.bases[start - 1] in ("a", "an"):  # "about a 6"
            start -= 1
        for name in ("just_over", "nearly", "more", "less", "approx"):
            for back in (3, 2, 1):
                if start - back >= 0 and self._mark(name, start - back) == back:
                    return _qualified(amount, name, or_more=False)
        return amount

    def _after(self, amount: Amount) -> Amount:
        for _ in range(3):  # "10+ years", "8 hrs plus", "eight weeks or so", "5ish"
            if size := self._and_some(amount):
                amount, self.i = replace(amount, high=amount.low + 9, spread="range"), self.i + size
            elif size := self._mark("approx", self.i):
                amount, self.i = replace(amount, approx=True), self.i + size
            elif (size := self._mark("more", self.i)) and not self._number_at(self.i + size):
                or_more = self.bases[self.i] in ("or", "a")
                amount, self.i = _qualified(amount, "more", or_more), self.i + size
            elif amount.unit is None and (unit := self._unit_at(self.i)) is not None:
                amount, self.i = replace(amount, unit=unit[0]), unit[1]
                amount = self._and_a_fraction(amount)
            elif self.bases[self.i : self.i + 1] in (["out"], ["/"]):
                amount = self._out_of(amount)
            elif amount.unit is None:  # "2 and a half months": the unit after the fraction
                amount = self._and_a_fraction(amount)
        return replace(amount, end=self.i)

    def _and_some(self, amount: Amount) -> int:
        """The words after a bare tens number that leave its units unsaid ("sixty something",
        "forty-odd"), hyphen and all: how many; 0 when none do."""
        if not amount.single or amount.unit is not None or amount.low not in TENS:
            return 0
        hyphen = int(self.bases[self.i : self.i + 1] == ["-"])
        size = self._mark("and_some", self.i + hyphen)
        return size + hyphen if size else 0

    def _units_after(self, written: bool) -> int:
        """The 1 to 9 that follows a tens word, taken with it; 0 when none does. A tens word
        written out joins its units with a hyphen too ("sixty-seven"; "60-7" is a range)."""
        at = self.i + (written and self.bases[self.i : self.i + 1] == ["-"])
        if at >= len(self.words):
            return 0
        value = self.a.numbers.get((self.words[at].text,))
        if value is None or not float(value).is_integer() or not 0 < value < 10:
            return 0
        self.i = at + 1
        return int(value)

    def _number_at(self, at: int) -> bool:
        return at < len(self.words) and self.words[at].text.replace(".", "", 1).isdigit()

    def _and_a_fraction(self, amount: Amount) -> Amount:
        if self.bases[self.i : self.i + 1] != ["and"]:
            return amount
        hit = self._lookup(self.a.fractions, self.i + 1)  # type: ignore[arg-type]
        if hit is None:
            return amount
        fraction, size = hit
        self.i += 1 + size
        extra = float(fraction)  # type: ignore[arg-type]
        return replace(amount, low=amount.low + extra, high=amount.high + extra)

    def _out_of(self, amount: Amount) -> Amount:
        """ "7/10", "five out of ten": the total the number is out of."""
        skip = 2 if self.bases[self.i : self.i + 2] == ["out", "of"] else 1
        if self._number_at(self.i + skip):
            total, size = float(self.words[self.i + skip].text), 1
        elif (word := self._lookup(self.a.numbers, self.i + skip)) is not None:  # type: ignore[arg-type]
            total, size = float(word[0]), word[1]  # type: ignore[arg-type]
        else:
            self.i += 1
            return amount
        self.i += skip + size
        return replace(amount, out_of=total)

    def _join(self, found: list[Amount]) -> list[Amount]:
        """ "5-6", "5 to 6 hours", "between 5 and 6", "4 or 5": two amounts become one."""
        joined: list[Amount] = []
        for amount in found:
            kind = self._link(joined[-1], amount) if joined else ""
            if not kind:
                joined.append(amount)
                continue
            first = joined.pop()
            joined.append(
                replace(
                    first,
                    high=amount.high,
                    high_open=amount.high_open,
                    unit=amount.unit or first.unit,
                    spread=kind,
                    end=amount.end,
                )
            )
        return joined

    def _link(self, first: Amount, second: Amount) -> str:
        between = tuple(self.bases[first.end : second.start])
        if first.out_of is not None or second.clause != first.clause:
            return ""
        if between in {m for m in self.a.marks["range"]} or (
            between == ("and",) and "between" in self.bases[max(0, first.start - 2) : first.start]
        ):
            return "range"
        if between in {m for m in self.a.marks["alternative"]}:
            return "either"
        return ""


def _qualified(amount: Amount, name: str, or_more: bool) -> Amount:
    if name == "approx":
        return replace(amount, approx=True)
    if name == "more":
        return replace(amount, high=math.inf, low_open=not or_more)
    if name == "less":
        return replace(amount, low=0.0, high_open=True)
    if name == "nearly":
        return replace(amount, low=amount.low - EPSILON, high=amount.high - EPSILON)
    return replace(amount, low=amount.low + EPSILON, high=amount.high + EPSILON)
