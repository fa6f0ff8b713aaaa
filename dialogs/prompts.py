"""The prompts with buttons, described for the answer layer: each interview question, consent,
the /forget confirmation, a reminder, and the pain score after Done."""

from __future__ import annotations

from functools import lru_cache

from content.answers import AnswerWords
from content.interview import Kind, Question, Wording
from dialogs.answers import read
from dialogs.lexicon import Choices
from dialogs.words import fold, split

REMINDER_OPTIONS = ("done", "snooze_15", "snooze_60", "snooze_evening", "skip", "stop")
TALK = ("help", "pause", "smalltalk")  # the controls a prompt outside the interview reads
PAIN_AFTER_DONE = Choices("rem.pain", "scale", tuple(str(n) for n in range(11)), {}, talk=TALK)
ZONE_TALK = Choices("tz", "choice", (), {}, talk=TALK)  # no place named
YES_OR_NO = Choices("yes_no", "yesno", ("yes", "no"), {})  # a plain yes or no, no labels


def read_yes_no(text: str, words: AnswerWords) -> str | None:
    """ "yes" or "no" through the one answer layer, or None when it is not clear."""
    reading = read(text, YES_OR_NO, words)
    return reading.value if reading.saved else None


def read_pain(text: str, words: AnswerWords) -> int | None:
    """A pain score 0-10 through the one answer layer, or None when it is not clear."""
    reading = read(text, PAIN_AFTER_DONE, words)
    return int(reading.value) if reading.saved else None


def _topic(text: str, say: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The question's own words that name no option: "no tightness" denies what it asks."""
    return _topic_of(text, tuple(say.values()))


@lru_cache(maxsize=256)  # a question's words are the same on every message
def _topic_of(text: str, say: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    named = {w.base for phrases in say for p in phrases for w in split(fold(p))[0]}
    return frozenset(w.base for w in split(fold(text))[0]) - named


@lru_cache(maxsize=256)
def _asked(text: str) -> frozenset[str]:
    return frozenset(w.base for w in split(fold(text))[0])


def question_choices(question: Question, wording: Wording, language: str) -> Choices:
    say = {o: (wording.labels.get(o, ""), *wording.synonyms.get(o, ())) for o in question.options}
    topic = _topic(wording.text, say)
    if question.kind is Kind.YESNO:
        return Choices(
            f"{language}.q.{question.id}",
            "yesno",
            question.options,
            {},
            controls=True,
            safety=question.tier is not None,
            items=tuple(item.say for item in wording.items),
            denials=tuple(item.deny for item in wording.items),
            unless=tuple(item.unless for item in wording.items),
            topic=topic,
        )
    return Choices(
        f"{language}.q.{question.id}",
        question.kind.value,
        question.options,
        say,
        ask=wording.ask,
        picking=question.picking,
        controls=True,
        topic=topic,
        asked=_asked(wording.text),
    )


def item_choices(question: Question, number: int, language: str) -> Choices:
    """One item of a screening question, asked alone on the not-sure path."""
    return Choices(f"{language}.item.{question.id}.{number}", "yesno", ("yes", "no"), {})


def consent_choices(words: AnswerWords, language: str, labels: dict[str, str]) -> Choices:
    return _confirmation("consent", words, language, labels, "agree", "decline", ("smalltalk",))


def forget_choices(words: AnswerWords, language: str, labels: dict[str, str]) -> Choices:
    return _confirmation("forget", words, language, labels, "yes", "no")


def _confirmation(
    name: str,
    words: AnswerWords,
    language: str,
    labels: dict[str, str],
    yes: str,
    no: str,
    talk: tuple[str, ...] = (),
) -> Choices:
    say = {o: (labels.get(o, ""), *words.prompts[name][o]) for o in (yes, no)}
    return Choices(
        f"{language}.{name}", "yesno", (yes, no), say, yes=yes, no=no, agree_is_yes=True, talk=talk
    )


def reminder_choices(words: AnswerWords, language: str, labels: dict[str, str]) -> Choices:
    typed = words.prompts["reminder"]
    say = {o: (labels.get(o, ""), *typed.get(o, ())) for o in REMINDER_OPTIONS}
    return Choices(
        f"{language}.reminder",
        "reminder",
        REMINDER_OPTIONS,
        say,
        ask=words.reminder_vague,
        talk=("help", "smalltalk"),  # its "stop" and "later" are its own buttons
    )
