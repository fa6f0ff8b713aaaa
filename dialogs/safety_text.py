"""How the red-flag net reads a message before it looks for signs: the text folded to the form
the patterns see (see the header of redflags.yaml), general questions left out, neighbouring
sentences read together, and the words of someone typing for the user made the user's own."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from text_to_num import alpha2digit

from content.redflags import RedFlagRules

PAIRS = 12  # neighbouring sentences read together; long pastes are read in pieces anyway

_APOSTROPHE = "['\u2018\u2019\u201b`\u00b4\u02bc\uff07]"
_WILL = re.compile(_APOSTROPHE + r"ll\b")
_POSSESSIVE = re.compile(_APOSTROPHE + r"s\b")
_APOSTROPHES = re.compile(_APOSTROPHE)
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_EMOJI = re.compile(
    "[\u2190-\u21ff\u2300-\u23ff\u2460-\u27bf\u2900-\u297f\u2b00-\u2bff\u3030\u303d"
    "\u3297\u3299\U0001f000-\U0001faff\ufe0f\u200d]+"
)
_SENTENCE = re.compile(r"[!?;:|\n\r\u2028\u2029\u0085]+|\.(?!\d)|(?<!\d)\.")
_OTHER = re.compile(r"[^\w\s.,~/]|_")
_ELLIPSIS = re.compile(r"\.{2,}(?=\s*[^\W\d_])")  # "legs went numb... from boredom" goes on
_REPEATS = re.compile(r"([a-z])\1{2,}")
_SENTENCE_ENDS = re.compile(r"(?: \.)+ ")
# a sentence that corrects the one before ("... in my leg. It's actually between my legs.")
_CORRECTION = re.compile(
    r"\s*(?:(?:its|it is|it was|it) )?(?:actually|i meant|in fact)\b"
    r"|\s*(?:no wait|sorry i mean|correction)\b(?: ,)?"
)
_LINE_GOES_ON = re.compile(r"(?<=[^\W\d_])[ \t]*\r?\n\s*(?=[^\W\d_])")

# a year said in two numbers ("in nineteen ninety", "since twenty sixteen"), read as one
_YEAR_IN_TWO = re.compile(
    r"\b(in|since|from|of|until|till|before|after|around|about|back|circa) (19|20) ([1-9]\d)\b"
)

# "me bladder", "me legs": in many dialects "me" before a part of the body is "my"
_ME_AS_MY = re.compile(
    r"\bme (?=(?:bladder|bowels?|back|legs?|feet|foot|bum|bottom|backside|arse|knees?|hips?"
    r"|waterworks|privates|bits|stomach|tummy|belly|chest|side|spine|toes?|calf|calves|thighs?"
    r"|groin|pins|stream|wee|pee)\b)"
)
# "my legs ached, but today both of them gave way": "both of them" are the legs named just before
_BOTH_OF_THEM = re.compile(r"\b(?:both of them|they both|the pair of them|the two of them)\b")
_LEGS = re.compile(r"\b(?:legs|feet|thighs|calves|knees)\b")
LEGS_REACH = 80  # characters back to the legs that "both of them" are

_SENTENCES = re.compile(r"[^.!?\n]*[.!?\n]+|[^.!?\n]+$")
# "is it normal the pain starts sooner?" asks about their own pain
_FIRST_PERSON = re.compile(
    r"\b(?:i|im|ive|id|ill|my|me|mine|myself)\b"
    r"|\bthe (?:pain|ache|aching|numbness|tingling|weakness)\b"
)
_AS_SPEAKER = {"he": "i", "she": "i", "hes": "im", "shes": "im", "him": "me", "his": "my"}
_AS_SPEAKER |= {"himself": "myself", "herself": "myself", "her": "my"}
# "her" before no noun is the person, not her things ("wouldn't hold her", "we lifted her up")
_HER_AS_OBJECT = re.compile(
    r"\bher\b(?=\s*(?:$|[.,;:|~!?]|(?:up|down|out|in|into|to|and|but|with|on|off|over|back|a|an"
    r"|the|from|at|for|so|too|again|anymore|home|here|there|now|today|yesterday)\b))"
)
_THIRD_PERSON = re.compile(r"\b(?:" + "|".join(sorted(_AS_SPEAKER, key=len, reverse=True)) + r")\b")
_ABOUT_THE_BOT = re.compile(
    r"^\s*(?:why (?:do|did|would) you|what (?:counts|is|are|does|do you mean)|whats (?:a|an|the)"
    r"|what do (?:they|you) mean|how (?:do|would) (?:you|i) know)\b"
)
# "No." answers the question; "no other issues" says the asked thing is there
_DENIAL = re.compile(
    r"^\s*(?:no|nope|nah|not me|never|none|nil|nada|negative|i wish|if only)\b"
    r"(?!\s+(?:other|else|more|further|fever|temperature)\b)"
)
_ASKING = re.compile(
    r"^\s*(?:can|could|would|will|does|do|did|is|are|should|why|what|whats|how|when|where"
    r"|which|who|whos|any|anything)\b"
)


def normalize(text: str, rules: RedFlagRules) -> str:
    """The text as the patterns see it: see the header of redflags.yaml. Padded with spaces."""
    text = _LINE_GOES_ON.sub(" ", text)  # a line broken without punctuation goes on
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")  # zero-width
    folded = _COMBINING.sub("", folded)
    folded = _WILL.sub(" will", folded)
    folded = _POSSESSIVE.sub("", folded)
    folded = _APOSTROPHES.sub("", folded).replace("&", " and ")
    folded = _EMOJI.sub(" ~ ", folded)
    folded = _SENTENCE.sub(" . ", _ELLIPSIS.sub(" , ", folded))
    folded = _OTHER.sub(" ", folded.replace(",", " , "))
    folded = _REPEATS.sub(r"\1\1", folded)
    spelling = rules.spellings.get
    folded = in_digits(" ".join([spelling(word, word) for word in folded.split()]))
    folded = _ME_AS_MY.sub("my ", folded)
    folded = rules.comma_break.sub("| ", rules.clause_break.sub("| ", folded))
    return f" {_legs_named(folded)} "


def _legs_named(text: str) -> str:
    def named(match: re.Match[str]) -> str:
        before = text[max(0, match.start() - LEGS_REACH) : match.start()]
        return "both legs" if _LEGS.search(before) else match.group()

    return _BOTH_OF_THEM.sub(named, text)


def in_digits(words: str) -> str:
    """Numbers told in words as digits ("thirty eight point nine" -> "38.9", "two thousand and
    five" -> "2005"), so that a temperature or a year reads the same however it is typed; one
    and two stay words ("one leg", "two weeks")."""
    return _YEAR_IN_TWO.sub(r"\1 \2\3", str(alpha2digit(words, "en")))


def without_general_questions(text: str) -> str:
    """A question about signs in general ("can a fall cause stenosis?", "why do you ask about
    cancer?") is not a report of one: it is left out, as is a question the user answers "No"
    at once. A question about oneself ("is it normal that I can't feel ...?") stays."""
    sentences = _SENTENCES.findall(text)
    if not any(sentence.rstrip().endswith("?") for sentence in sentences):
        return text
    kept = []
    for index, sentence in enumerate(sentences):
        if sentence.rstrip().endswith("?"):
            plain = sentence.casefold().replace("'", "").replace("\u2019", "")
            following = sentences[index + 1].casefold() if index + 1 < len(sentences) else ""
            asking = _ASKING.search(plain) and not _FIRST_PERSON.search(plain)
            general = asking or _ABOUT_THE_BOT.search(plain)
            if general or _DENIAL.search(following):
                kept.append(" . ")
                continue
        kept.append(sentence)
    return "".join(kept)


def neighbours(text: str, corrections_only: bool = False) -> list[tuple[str, int]]:
    """Each sentence run on into the next, for a sign said across two ("Now there's
    numbness. It's between my legs."); with `corrections_only`, only a sentence that corrects
    the one before ("It's actually ...")."""
    sentences = [s for s in _SENTENCE_ENDS.split(text) if s.strip()]

    def paired(a: str, b: str) -> bool:
        short = min(len(a.split()), len(b.split())) <= 6
        return _CORRECTION.match(b) is not None or (short and not corrections_only)

    pairs = [(a, _unmarked(b)) for a, b in pairwise(sentences) if paired(a, b)]
    return [(f"{a} {b}", len(a)) for a, b in pairs[:PAIRS]]  # a fragment beside a sentence


def _unmarked(sentence: str) -> str:
    """A correcting sentence without its "no wait": what it corrects to is read with the
    sentence before ("leg going numb. no wait, it's both legs now")."""
    marker = _CORRECTION.match(sentence)
    if marker is None or "wait" not in marker.group():
        return sentence
    return sentence[marker.end() :].lstrip(" |")  # its clause runs on from the one before


def prepared(text: str, rules: RedFlagRules) -> str:
    """The message as the net reads it: general questions left out, normalised, and in the
    user's voice where someone types for them (said in a question too: "should he keep
    doing the walks?")."""
    kept = without_general_questions(text)
    normal = normalize(kept, rules)
    return as_speaker(normal, rules, None if kept == text else normalize(text, rules))


def as_speaker(text: str, rules: RedFlagRules, told: str | None = None) -> str:
    """Someone types for the user ("Dad is the one using the app"): his words are the user's.
    `told`: the whole message, where `text` is what is left of it without its questions."""
    cue = rules.cues.proxy
    proxy = cue.search(text) if cue is not None else None
    if proxy is None:
        in_question = cue is not None and told is not None and cue.search(told) is not None
        return in_first_person(text) if in_question else text
    return (
        in_first_person(text[: proxy.start()])
        + proxy.group()
        + in_first_person(text[proxy.end() :])
    )


def in_first_person(words: str) -> str:
    """Third-person words as the speaker's own ("he says his legs" -> "i says my legs"), for a
    message someone types for the user; shared with the crisis check."""
    return _THIRD_PERSON.sub(
        lambda match: _AS_SPEAKER[match.group()], _HER_AS_OBJECT.sub("me", words)
    )
