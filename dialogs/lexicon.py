"""One language's answer words, prepared once for reading: phrase lists in canonical form, the
amount reader, and the words of each prompt's options (built on first use, then kept)."""

from __future__ import annotations

from dataclasses import dataclass, field

from content.answers import AnswerWords
from content.interview import Picking
from dialogs.amounts import Amounts
from dialogs.words import BLANK, Phrase, Reader, canonical, fold, phrases, unaddressed

YES, NO, NOT_SURE, HEDGE, CONTRAST, AGREE = "yes", "no", "not_sure", "hedge", "contrast", "agree"
ITEM, DENIAL = "item", "deny"  # "item0" names item 0; "deny0" says it does not apply
OTHER_TIMES = "other_times"  # a number of a usual or an extreme time, not of now
CONDITIONAL = "conditional"  # an answer that changes with the day ("depends on the day")
UNCHANGED = "unchanged"  # nothing new or worse ("same as always", "no change")
CHANGED = "changed"  # something new or worse ("worse this week"), unless denied ("no worse")
UNLESS = "unless"  # "unless1": beside item 1 named, it is not the sign asked ("on purpose")


@dataclass(frozen=True)
class Choices:
    """What one prompt's typed answers can pick, and how."""

    key: str  # unique per prompt and language (the cache key for its phrases)
    kind: str  # "yesno", "scale", "minutes", "choice", "reminder"
    options: tuple[str, ...]
    say: dict[str, tuple[str, ...]]  # option -> words that pick it (labels included)
    ask: tuple[str, ...] = ()  # things that are none of the options: a question back
    picking: Picking = field(default_factory=Picking)
    yes: str = "yes"  # the yes/no options' ids (consent: agree / decline)
    no: str = "no"
    controls: bool = False  # the interview: help, back, pause and small talk are read
    talk: tuple[str, ...] = ()  # elsewhere, the controls read ("help", "smalltalk", "pause")
    safety: bool = False  # a screening question: a hedge is a yes, items are known
    items: tuple[tuple[str, ...], ...] = ()
    denials: tuple[tuple[str, ...], ...] = ()  # per item: words that say it does not apply
    unless: tuple[tuple[str, ...], ...] = ()  # per item: words that make the sign named another
    agree_is_yes: bool = False  # a confirmation: "ok" and "fine" say yes
    topic: frozenset[str] = frozenset()  # what the question asks about ("tight"), no option's
    asked: frozenset[str] = frozenset()  # every word of the question ("get down ... up again")


class Lexicon:
    def __init__(self, words: AnswerWords) -> None:
        self.words = words
        filler = frozenset(canonical(w) for f in words.filler for w in fold(f).split())
        self.filler = filler | {BLANK}  # and a word that says nothing where it stands
        self.negators = frozenset(canonical(fold(n)) for n in words.negators)
        self.amounts = Amounts(words)
        self.emoji = words.emoji
        self.general = {
            name: phrases(name, getattr(words, name), self.filler)
            for name in (
                YES,
                NO,
                NOT_SURE,
                HEDGE,
                CONTRAST,
                AGREE,
                "no_pain",
                OTHER_TIMES,
                CONDITIONAL,
                UNCHANGED,
                CHANGED,
            )
        }
        self.control = {
            name: phrases(name, say, self.filler) for name, say in words.control.items()
        }
        self.change_answer = phrases("back", words.change_answer, frozenset())
        self.wait_for = phrases("wait", words.wait_for, frozenset())
        self.control_words = {  # every word kept: "not now" is no bare "not"
            name: phrases(name, say, frozenset()) for name, say in words.control.items()
        }
        self.smalltalk = [
            p for name, say in words.smalltalk.items() for p in phrases(name, say, self.filler)
        ]
        self.glue = frozenset(canonical(fold(g)) for g in words.control_glue) | self.filler
        self.resume = frozenset(canonical(fold(g)) for g in words.resume)
        self.question = frozenset(canonical(fold(q)) for q in words.question)
        self.counts = frozenset(canonical(fold(c)) for c in words.counts)
        self.generic = frozenset(canonical(fold(g)) for g in words.generic)
        self.speaker = frozenset(canonical(fold(g)) for g in words.speaker)
        self.again = frozenset(canonical(fold(g)) for g in words.again)
        self.owners = frozenset(canonical(fold(g)) for g in words.owners)
        self.hedged = frozenset(canonical(fold(g)) for g in words.hedged)
        self.at_times = frozenset(canonical(fold(g)) for g in words.at_times)
        self.at_clock = frozenset(canonical(fold(g)) for g in words.at_clock)
        self.range_words = frozenset(canonical(fold(g)) for g in words.range)
        self.since = frozenset(canonical(fold(g)) for g in words.since)
        self.future = frozenset(tuple(fold(g).split()) for g in words.future)
        self.later = frozenset(tuple(fold(g).split()) for g in words.later)
        self.as_well = frozenset(tuple(fold(g).split()) for g in words.as_well)
        self.turns = frozenset(canonical(fold(g)) for g in words.turns)
        self.mostly = frozenset(canonical(fold(g)) for g in words.mostly)
        self.explain_me = frozenset(canonical(fold(g)) for g in words.explain_me)
        self.now = frozenset(canonical(fold(g)) for g in words.now)
        self.how_long = frozenset(canonical(w) for g in words.how_long for w in fold(g).split())
        self.adding = frozenset(canonical(fold(g)) for g in words.adding)
        self.then = frozenset(canonical(fold(g)) for g in words.then)
        self.others = frozenset(canonical(fold(g)) for g in words.others)
        self.oneself = frozenset(canonical(fold(g)) for g in words.oneself)
        self.other_parts = frozenset(canonical(fold(g)) for g in words.other_parts)
        self.back_words = frozenset(canonical(fold(g)) for g in words.back_words)
        numbers = {canonical(w) for n in words.numbers for w in fold(n).split()}
        self.known = frozenset(self.amounts.units) | numbers
        self.address = frozenset(canonical(fold(a)) for a in words.address)
        self.answers = frozenset(  # the one-word yes and no: "nah" in "nah mate"
            p.bases[0] for p in self.of(YES, NO) if len(p.bases) == 1
        )
        self._options: dict[str, list[Phrase]] = {}

    def reader(self, text: str) -> Reader:
        words, tokens = self.amounts.words_of(text)
        words = unaddressed(words, self.address, self.answers)
        return Reader(words, tokens, self.filler, self.known)

    def options(self, choices: Choices) -> list[Phrase]:
        """Phrases for each option (labelled by option id) and for what is none of them."""
        if choices.key not in self._options:
            found = [
                p for o in choices.options for p in phrases(o, choices.say.get(o, ()), self.filler)
            ]
            found += phrases("?", choices.ask, self.filler)
            for number, item in enumerate(choices.items):
                found += phrases(f"{ITEM}{number}", item, self.filler)
            for number, denial in enumerate(choices.denials):
                found += phrases(f"{DENIAL}{number}", denial, self.filler)
            for number, unless in enumerate(choices.unless):
                found += phrases(f"{UNLESS}{number}", unless, self.filler)
            self._options[choices.key] = found
        return self._options[choices.key]

    def of(self, *names: str) -> list[Phrase]:
        return [p for n in names for p in self.general[n]]


_LEXICONS: dict[int, tuple[AnswerWords, Lexicon]] = {}


def lexicon(words: AnswerWords) -> Lexicon:
    """The prepared lexicon of `words`, built on first use (the content lives as long as the
    process, and its object is kept here beside the lexicon, so its id stays its own)."""
    kept = _LEXICONS.get(id(words))
    if kept is None or kept[0] is not words:
        kept = (words, Lexicon(words))
        _LEXICONS[id(words)] = kept
    return kept[1]
