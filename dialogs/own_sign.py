"""A sign the red-flag net finds in a typed answer to the safety question that asks about it:
the question's own reading of the answer counts when it is a yes, or a "not sure", a request
for help or a yes taken back in the same breath ("I lost weight, but I've been on a diet")
that tells no sign firmly; any other answer, another sign, or an old one gets the net's own
advice."""

from __future__ import annotations

import re
from collections.abc import Callable

from content.bundle import Content
from content.interview import Question
from dialogs import interview
from dialogs.answers import normalise, read
from dialogs.firm import told_firmly
from dialogs.local_time import local_day
from dialogs.messages import Alert
from dialogs.reading import ASK, CONTROL, NOT_SURE, VALUE, Reading
from dialogs.router import Context
from dialogs.safety import Finding, net_of

_OWN = {(VALUE, "yes"), (NOT_SURE, ""), (CONTROL, "help"), (ASK, "contrast")}


def reading_here(ctx: Context, finding: Finding, text: str) -> Reading | None:
    """The reading of `text` at the safety question being asked, when that question names the
    sign the net found, at a tier at least the sign's, and the reading is one it owns: "yes,
    it's worse at night" is the question's answer, not a second alarm before the same
    question again; "not sure, maybe my bladder is a bit different" goes through its points."""
    question = ctx.questions.get(ctx.conv.state)
    if question is None or not question.tier or finding.timing == "longstanding":
        return None
    if Alert(question.tier).rank < finding.tier.rank:
        return None
    language = ctx.conv.language
    if finding.sign not in _signs_asked(ctx.content, question, language):
        return None
    reading = _read_here(ctx, text)
    detail = reading.value if reading.kind in (VALUE, CONTROL) else reading.detail
    if (reading.kind, detail) not in _OWN:
        return None
    net, words = net_of(ctx.content.redflags), ctx.content.answers_for(language)
    firm = detail != "yes" and told_firmly(text, finding.sign, net, words)
    return None if firm else reading


def take(ctx: Context, reading: Reading, words: str) -> None:
    """The question's reading acted on: a yes keeps the words the sign was told in."""
    if reading.kind == VALUE:
        interview.answer_with_words(ctx, words)
    else:
        interview.act(ctx, reading)


def gravest_yes(ctx: Context, text: str) -> bool:
    """A typed yes to a safety question of the gravest tier: its own advice is the gravest."""
    question = ctx.questions.get(ctx.conv.state)
    if question is None or question.tier is None or Alert(question.tier) is not Alert.EMERGENCY:
        return False
    reading = _read_here(ctx, text)
    return reading.kind == VALUE and reading.value == "yes"


def plain_answer(ctx: Context, text: str) -> bool:
    """Whether the text reads as a value at the interview question being asked: a plain
    answer, which the second opinion does not second-guess (the rules still read it). Before
    consent it always reads: the consent's reading is too loose to trust with that."""
    question = ctx.questions.get(ctx.conv.state)
    if question is None:
        return False
    return _read_here(ctx, text).kind == VALUE


def answered(text: str) -> Callable[[Context], bool]:
    """For a sign whose advice lets the interview go on: the typed answer to a question that
    is no safety question, saved when it reads as one ("nothing helps" at what eases it)."""

    def answer(ctx: Context) -> bool:
        question = ctx.questions.get(ctx.conv.state)
        if question is None or question.tier:
            return False
        reading = _read_here(ctx, text)
        if reading.kind != VALUE:
            return False
        interview.act(ctx, reading)
        return True

    return answer


def _read_here(ctx: Context, text: str) -> Reading:
    """The text read at the interview question being asked (the caller checked there is one)."""
    words, choices = ctx.content.answers_for(ctx.conv.language), interview.choices_here(ctx)
    return read(normalise(text), choices, words, local_day(ctx.conv))


_ASKED: dict[tuple[int, str, str], frozenset[str]] = {}


def _signs_asked(content: Content, question: Question, language: str) -> frozenset[str]:
    """The red-flag signs a safety question's own items name, as the net reads them."""
    key = (id(content), question.id, language)
    if key not in _ASKED:
        net, ids = net_of(content.redflags), frozenset(s.id for s in content.redflags.signs)
        items = content.interview.words(language, question).items
        texts = [t for item in items for t in (item.text, *_spelled_out(item.text))]
        told = frozenset().union(*(net.reported(t, ids) for t in texts))
        # a combination of signs the items name together is asked too ("tingling spreading
        # down one leg" is the sensation and the spreading)
        both = {c.id for c in content.redflags.combinations if all(g & told for g in c.groups)}
        _ASKED[key] = told | both
    return _ASKED[key]


def _spelled_out(text: str) -> list[str]:
    """A list of signs sharing their words, one by one: "pain, numbness or weakness in BOTH
    legs" also names "pain in BOTH legs" and "numbness in BOTH legs"."""
    parts = [p.strip() for p in re.split(r",|\bor\b", text) if p.strip()]
    out = []
    for i, part in enumerate(parts):
        tail = next((p.split(" ", 1)[1] for p in parts[i + 1 :] if " " in p), None)
        if " " not in part and tail:
            out.append(f"{part} {tail}")
    return out
