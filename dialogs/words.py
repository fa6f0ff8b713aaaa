"""Text as the answer layer reads it: words in a canonical form (lower case, no accents, plurals
and -ing forms reduced: "calves" and "calf", "sitting" and "sit" are one word), split into
clauses, and phrases found in it with small typos forgiven and negations noticed."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

_INVISIBLE = re.compile("[\ufe0f\ufe0e\u200d\u20e3\u200b\u200c\u2060\ufeff\U0001f3fb-\U0001f3ff♀♂]")
_COMBINING = re.compile("[\u0300-\u036f]")
_TOKEN = re.compile(r"\d+(?:\.\d+)?[a-z]*|[a-z]+|[?,.;!+\-/~–]")
_GLUED = re.compile(r"(\d+(?:\.\d+)?)([a-z]+)")
CLAUSE_BREAKS = frozenset("?,.;!")
_DOUBLE_END = re.compile(r"([bdgklmnprt])\1$")
BLANK = ""  # the base of a word read as saying nothing here
NEGATION_REACH = 3  # words before a phrase a negation reaches ("I don't really bend")
AFTER_NEGATORS = frozenset({"doesnt", "dont", "didnt", "isnt", "wont", "cant", "arent"})


# words whose final "e" is kept: without it they would be another word the answers rely on
KEEP_E = frozenset({"can", "not", "bit", "hop", "cut", "car", "pin", "win", "tap", "fin", "us"})


def canonical(word: str) -> str:
    """One form for a word's plural, possessive, -ing/-ed and -ness forms, used on both sides."""
    if len(word) <= 3 or word.isdigit():
        return word
    if word.endswith("ness") and len(word) > 6:  # "tightness", "weakness", "numbness"
        return canonical(word[:-4])
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("lves"):
        return word[:-3] + "f"
    if word.endswith(("sses", "xes", "ches", "shes")):
        word = word[:-2]
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for ending in ("ing", "ed"):
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return _DOUBLE_END.sub(r"\1", word[: -len(ending)]).rstrip("e")
    if not word.endswith("e") or len(word) < 4:
        return word
    return word if word[:-1] in KEEP_E else word[:-1]  # "cane" is no "can", "notes" no "not"


def fold(text: str, emoji: Mapping[str, str] | None = None) -> str:
    """Lower case without accents, apostrophes or invisible marks; emoji said as words."""
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).casefold()
    for symbol, meaning in (emoji or {}).items():
        text = text.replace(symbol, f" {meaning} ")
    text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return re.sub("['’‘`´]", "", text).replace("&", " and ")


@dataclass(frozen=True, slots=True)
class Word:
    text: str  # as typed, folded
    base: str  # canonical
    clause: int
    position: int  # among the words, punctuation left out


def split(text: str, suffixes: frozenset[str] = frozenset()) -> tuple[list[Word], list[str]]:
    """The words of a folded text, each with its clause, and every token (punctuation too).
    A number glued to a unit ("45min", "10ish") is two words; glued to anything else ("1o")
    it stays one word, which is no number."""
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        glued = _GLUED.fullmatch(token)
        if glued and {glued.group(2), canonical(glued.group(2))} & suffixes:
            tokens += [glued.group(1), glued.group(2)]
        else:
            tokens.append(token)
    words: list[Word] = []
    clause = 0
    for token in tokens:
        if token in CLAUSE_BREAKS:
            clause += 1
        else:
            words.append(Word(token, canonical(token), clause, len(words)))
    return words, tokens


def spelt_out(words: list[Word], shorthand: Mapping[str, str]) -> list[Word]:
    """Text-speak for a short word after another word of its clause ("legs r fine n no
    crash", "thank u"): the word itself. Alone it stays as typed, and so does an "and" at an
    end ("n" alone or last is a no: "yes n")."""
    out = list(words)
    for i in range(1, len(words)):
        w, full = words[i], shorthand.get(words[i].text)
        last = i == len(words) - 1 or words[i + 1].clause != w.clause
        if full and words[i - 1].clause == w.clause and not (last and full == "and"):
            out[i] = Word(full, canonical(full), w.clause, w.position)
    return out


def unaddressed(words: list[Word], address: frozenset[str], answers: frozenset[str]) -> list[Word]:
    """A term of address right after a yes or a no, ending its clause ("nah mate"), left
    BLANK: it names no one the answer is about."""
    out = list(words)
    for i in range(1, len(words)):
        w, before = words[i], words[i - 1]
        ends = i + 1 == len(words) or words[i + 1].clause != w.clause
        if w.base in address and before.base in answers and before.clause == w.clause and ends:
            out[i] = Word(w.text, BLANK, w.clause, w.position)
    return out


def near(typed: str, known: str) -> bool:
    """A typo of a longer word: one letter added, dropped, changed or two swapped."""
    if typed[:1] != known[:1] or min(len(typed), len(known)) < 4 or typed == known:
        return False
    if len(typed) == 4 and len(known) == 4:
        return sorted(typed) == sorted(known) and _distance(typed, known) == 1
    return abs(len(typed) - len(known)) <= 1 and _distance(typed, known) == 1


def near_short(typed: str, known: str) -> bool:
    """A reduced typo ("clves" -> "clf") of a word of four letters or more ("calf")."""
    return (
        typed[:1] == known[:1]
        and abs(len(typed) - len(known)) <= 1
        and _distance(typed, known) == 1
    )


def _distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment), stopping early above 1."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > 1:
            return 2
        previous2, previous = previous, current
    return previous[-1]


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase to look for: words in order, or (`together`) words anywhere in the text."""

    label: str  # what finding it means: an option id, "yes", "help", ...
    bases: tuple[str, ...]
    raws: tuple[str, ...]
    together: bool = False


def phrase(label: str, text: str, filler: frozenset[str]) -> Phrase | None:
    together = " + " in text
    words, _ = split(fold(text.replace(" + ", " ")))
    kept = [w for w in words if w.base not in filler] or words
    if not kept:
        return None
    return Phrase(label, tuple(w.base for w in kept), tuple(w.text for w in kept), together)


def phrases(label: str, texts: Iterable[str], filler: frozenset[str]) -> list[Phrase]:
    return [p for t in texts if (p := phrase(label, t, filler)) is not None]


@dataclass(frozen=True, slots=True)
class Found:
    label: str
    start: int  # positions among the content words
    end: int
    negated: bool
    exact: bool  # no typo forgiven
    spots: tuple[int, ...] = ()  # the content words it took

    def inside(self, other: Found) -> bool:
        """Found again as part of a longer phrase ("front" in "front of the thigh")."""
        return len(self.spots) < len(other.spots) and set(self.spots) <= set(other.spots)


class Reader:
    """One text, read against any number of phrase lists."""

    def __init__(
        self,
        words: list[Word],
        tokens: list[str],
        filler: frozenset[str],
        known: frozenset[str] = frozenset(),
    ) -> None:
        self.words, self.tokens = words, tokens
        self.content = [w for w in self.words if w.base not in filler]
        self.known = known  # words of their own ("years"), never read as a typo ("yeah")

    def _same(self, word: Word, base: str, raw: str, forms: bool, typos: bool) -> int | None:
        """2 for the word as written, 1 for another form of it (a plural) or a typo,
        None for another word. Without `forms`, only the word as written counts."""
        if word.text == raw or (word.text[:-1] == raw and word.text[-2:-1] == word.text[-1:]):
            return 2  # also "yess", "nooo"
        if not forms:
            return None
        if word.base == base:
            return 1
        if not typos or word.base in self.known:
            return None
        long_typed = len(word.text) >= 5 and len(base) >= 4
        if word.text.isalpha() and (
            near(word.text, raw)
            or near(word.base, base)
            or (long_typed and near_short(word.base, base))
        ):
            return 1
        return None

    def find(
        self,
        wanted: Iterable[Phrase],
        negators: frozenset[str] = frozenset(),
        as_written: bool = False,
    ) -> list[Found]:
        """Every place a phrase occurs, without two sharing a word: longer phrases first,
        then words as written before other forms ("backs" is not "back")."""
        places = [(p, spots, how) for p in wanted for spots, how in self._places(p, not as_written)]
        places.sort(key=lambda c: (-len(c[1]), -c[2]))
        found: list[Found] = []
        taken: set[int] = set()
        for p, spots, how in places:
            if p.together or not set(spots) & taken:
                taken |= set(spots)
                start, end = min(spots), max(spots) + 1
                said_so = set(p.bases) & negators  # "no I can't" is not turned by a "no"
                negated = self._negated(start, end, negators) if negators and not said_so else False
                found.append(Found(p.label, start, end, negated, how == 2 * len(spots), spots))
        found = [f for f in found if not any(f.inside(g) for g in found)]
        return sorted(found, key=lambda f: f.start)

    def _places(self, p: Phrase, forms: bool) -> list[tuple[tuple[int, ...], int]]:
        words, size = self.content, len(p.bases)
        typos = forms and all(len(r) >= 4 for r in p.raws)
        if p.together:
            hits = [self._first(p.bases[i], p.raws[i], forms, typos) for i in range(size)]
            spots = [h for h in hits if h is not None]
            clauses = {self.content[s].clause for s, _ in spots}
            if len(spots) == size and len({s for s, _ in spots}) == size and len(clauses) == 1:
                return [(tuple(sorted(s for s, _ in spots)), sum(h for _, h in spots))]
            return []
        places = []
        for start in range(len(words) - size + 1):
            same = [
                self._same(words[start + i], p.bases[i], p.raws[i], forms, typos)
                for i in range(size)
            ]
            if all(s is not None for s in same):
                places.append((tuple(range(start, start + size)), sum(s or 0 for s in same)))
        return places

    def _first(self, base: str, raw: str, forms: bool, typos: bool) -> tuple[int, int] | None:
        for i, word in enumerate(self.content):
            if (same := self._same(word, base, raw, forms, typos)) is not None:
                return i, same
        return None

    def _negated(self, start: int, end: int, negators: frozenset[str]) -> bool:
        clause = self.content[start].clause
        before = self.content[max(0, start - NEGATION_REACH) : start]
        if any(w.base in negators and w.clause == clause for w in before):
            return True
        after = self.content[end : end + 1]  # "standing doesn't"
        if any(w.base in AFTER_NEGATORS and w.clause == clause for w in after):
            return True
        return self._no_after(end, clause)

    def _no_after(self, end: int, clause: int) -> bool:
        """A "no" right after the phrase that closes its clause denies it ("cancer no.")."""
        after = self.content[end : end + 2]
        if not after or after[0].text != "no" or after[0].clause != clause:
            return False
        next_to = after[0].position == self.content[end - 1].position + 1  # not "..., so no"
        return next_to and (len(after) == 1 or after[1].clause != clause)

    def clause_of(self, position: int) -> int:
        return self.content[position].clause if position < len(self.content) else -1

    def leftover(self, found: Iterable[Found], ignore: frozenset[str] = frozenset()) -> list[Word]:
        """Content words no phrase took: what the text says besides what was found."""
        used = {i for f in found for i in f.spots}
        return [w for i, w in enumerate(self.content) if i not in used and w.base not in ignore]
