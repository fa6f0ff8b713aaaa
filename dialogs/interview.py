"""The interview: its questions (each showing where it is: "Question 6 of 13"), typed answers
through the shared answer layer, Back, the not-sure path of the safety questions, and
/interview to start again."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from content.answers import AnswerWords
from content.bundle import Content
from content.interview import Kind, Question, Wording
from dialogs import background, soon, talk
from dialogs.answers import read
from dialogs.conversation import NEW
from dialogs.lexicon import Choices
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import Button
from dialogs.plan import make_plan
from dialogs.prompts import item_choices, question_choices
from dialogs.reading import ASK, CONTROL, NOT_SURE, VALUE, Reading, ask
from dialogs.router import Context, Router, StateSpec
from dialogs.start import ask_consent

BACK = "back"
UNSURE = "not_sure"  # the button that starts the not-sure path of a safety question
UNSURE_KEY = "unsure"  # in the data: {"question": id, "item": index} on that path
UNIT_KEY = "unit_for"  # {"question": id, "number": n}: a number typed without its unit

router = Router("interview")
router.on_every_message(talk.resume_after_pause)


def _words(ctx: Context) -> tuple[Question, Wording]:
    question = ctx.questions[ctx.conv.state]
    return question, ctx.content.interview.words(ctx.conv.language, question)


def ask_question(ctx: Context) -> None:
    conv = ctx.conv
    question, wording = _words(ctx)
    item = _item_on_path(ctx, question)
    if item is not None:
        text = conv.t("interview.item", number=item + 1, total=len(wording.items))
        conv.say(f"{text}\n• {wording.items[item].text}", question_buttons(ctx))
        return
    conv.say(f"{position(ctx)}\n{wording.text}", question_buttons(ctx))


def position(ctx: Context) -> str:
    """ "Question 6 of 13", or "Check-in question 2 of 7"."""
    conv = ctx.conv
    interview = ctx.content.interview
    states = [q.state for q in interview.questions]
    if conv.state in states:
        return conv.t("interview.position", number=states.index(conv.state) + 1, total=len(states))
    checkin = interview.checkin_states()
    number = checkin.index(conv.state) + 1 if conv.state in checkin else 1
    return conv.t("interview.checkin_position", number=number, total=len(checkin))


def question_buttons(ctx: Context) -> list[Button]:
    conv = ctx.conv
    question, wording = _words(ctx)
    if _item_on_path(ctx, question) is not None:
        buttons = [
            Button(f"{question.id}.item.{v}", conv.t(f"answers.item_{v}"))
            for v in ("yes", "no", UNSURE)
        ]
        return [*buttons, Button(f"{BACK}.{question.id}", conv.t("answers.back"))]
    if question.kind is Kind.SCALE:
        labels = {o: o for o in question.options}
    else:
        labels = wording.labels or {o: conv.t(f"answers.{o}") for o in question.options}
    buttons = [Button(f"{question.id}.{o}", labels[o]) for o in question.options]
    if question.tier:
        buttons.append(Button(f"{question.id}.{UNSURE}", conv.t("answers.not_sure")))
    if BACK in ctx.triggers_here():
        buttons.append(Button(f"{BACK}.{question.id}", conv.t("answers.back")))
    return buttons


def _item_on_path(ctx: Context, question: Question) -> int | None:
    unsure = ctx.conv.data.get(UNSURE_KEY)
    if isinstance(unsure, dict) and unsure.get("question") == question.id:
        return int(unsure["item"])
    return None


def answer_typed(ctx: Context, text: str) -> None:
    conv = ctx.conv
    question = ctx.questions[conv.state]
    words = ctx.content.answers_for(conv.language)
    item = _item_on_path(ctx, question)
    if item is not None:
        _answer_item(ctx, question, read(text, _choices(ctx, question, item), words))
        return
    pending = conv.data.pop(UNIT_KEY, None)
    number = (
        pending["number"]
        if isinstance(pending, dict) and pending["question"] == question.id
        else None
    )
    reading = read(text, _choices(ctx, question, None), words, local_day(conv), number)
    if reading.kind == VALUE and reading.value in question.ends and _too_young(text, words):
        reading = ask("unclear")  # "5" typed at the age: a slip more likely than a 5-year-old
    _act(ctx, question, reading)


def _choices(ctx: Context, question: Question, item: int | None) -> Choices:
    """What a typed answer is read against: one item on the not-sure path, else the question."""
    language = ctx.conv.language
    if item is not None:
        return item_choices(question, item, language)
    return question_choices(question, ctx.content.interview.words(language, question), language)


TOLD = "told"  # in the data, for one step: the words of a sign told at its own question


def answer_with_words(ctx: Context, words: str) -> None:
    ctx.conv.data[TOLD] = words
    _answer(ctx, "yes")
    ctx.conv.data.pop(TOLD, None)


def act(ctx: Context, reading: Reading) -> None:
    """A reading of a typed answer to the question being asked, acted on."""
    question = ctx.questions[ctx.conv.state]
    if _item_on_path(ctx, question) is not None:
        _answer_item(ctx, question, reading)
    else:
        _act(ctx, question, reading)


def choices_here(ctx: Context) -> Choices:
    question = ctx.questions[ctx.conv.state]
    return _choices(ctx, question, _item_on_path(ctx, question))


def _too_young(text: str, words: AnswerWords) -> bool:
    """A typed age under 12, which would end the interview and keep nothing: asked again."""
    tokens = text.replace("-", " ").split()
    ages = [int(t) for t in tokens if t.isdigit()]
    ages += [int(v) for t in tokens if (v := words.numbers.get(t)) is not None]
    return bool(ages) and max(ages) < 12


def _act(ctx: Context, question: Question, reading: Reading) -> None:
    if reading.kind == VALUE:
        _answer(ctx, reading.value)
    elif reading.kind == NOT_SURE and question.tier:
        ctx.conv.data[UNSURE_KEY] = {"question": question.id, "item": 0}
        ask_question(ctx)
    elif reading.kind == CONTROL:
        _control(ctx, reading)
    elif reading.kind == ASK and reading.detail == "unit":  # "2": weeks, months or years?
        ctx.conv.data[UNIT_KEY] = {"question": question.id, "number": float(reading.value)}
        wording = ctx.content.interview.words(ctx.conv.language, question)
        ctx.conv.say(wording.unit_question.format(number=reading.value), question_buttons(ctx))
    else:
        talk.ask_again(ctx, reading, ask_question, question_buttons)


def _answer(ctx: Context, value: str) -> None:
    talk.forget_retries(ctx.conv)
    ctx.conv.data.pop(UNSURE_KEY, None)
    ctx.fire("answer", value=value)


def _control(ctx: Context, reading: Reading) -> None:
    if reading.value == BACK:
        _go_back(ctx)
    else:
        talk.control(ctx, reading, ask_question, question_buttons)


def _go_back(ctx: Context) -> None:
    conv = ctx.conv
    unsure = conv.data.get(UNSURE_KEY)
    if isinstance(unsure, dict) and unsure.get("question") == ctx.questions[conv.state].id:
        if unsure["item"] > 0:
            unsure["item"] -= 1
        else:
            conv.data.pop(UNSURE_KEY)
        ask_question(ctx)
    elif not ctx.fire("back"):
        conv.say(conv.t("interview.first_question"))
        ask_question(ctx)


def _answer_item(ctx: Context, question: Question, reading: Reading) -> None:
    """The not-sure path: one item at a time. A yes (or a "not sure", taken cautiously as a
    yes) answers the question with yes; a no to every item answers it with no."""
    conv = ctx.conv
    wording = ctx.content.interview.words(conv.language, question)
    if reading.kind == CONTROL:
        _control(ctx, reading)
    elif reading.kind == NOT_SURE or reading.value == "yes":
        if reading.kind == NOT_SURE:
            conv.say(conv.t("interview.item_unsure"))
        _answer(ctx, "yes")
    elif reading.value == "no":
        unsure = conv.data[UNSURE_KEY]
        if unsure["item"] + 1 < len(wording.items):
            unsure["item"] += 1
            ask_question(ctx)
        else:
            _answer(ctx, "no")
    else:
        conv.say(conv.t("interview.item_hint"))
        ask_question(ctx)


def record_answer(ctx: Context, event: Any, where: str) -> None:
    question = ctx.questions[event.transition.source]
    ctx.conv.data.setdefault(where, {})[question.id] = event.kwargs["value"]


def _left_question(ctx: Context, event: Any) -> None:
    record_answer(ctx, event, "answers")
    background.record(ctx, ctx.questions[event.transition.source].id, event.kwargs["value"])
    advise_if_soon(ctx, event)
    if ctx.conv.state == PLAN:
        make_plan(ctx.conv, ctx.content.plans)


def advise_if_soon(ctx: Context, event: Any) -> None:
    """A soon-tier screening "yes" does not stop the interview; its advice comes here."""
    source = event.transition.source
    if ctx.questions[source].tier == "soon" and event.kwargs["value"] == "yes":
        soon.soon_from_screening(ctx, source, ctx.conv.data.get(TOLD))


def _question_ids(content: Content) -> list[str]:
    return [q.id for q in content.interview.questions]


@router.buttons_named_by(_question_ids)
@router.buttons(BACK)
def on_question_button(ctx: Context, scope: str, value: str) -> bool:
    """A question's buttons count only while that question is the one being asked."""
    if ctx.conv.state not in ctx.questions:
        return False
    if f"{scope}.{value}" not in {b.id for b in question_buttons(ctx)}:
        return False
    question = ctx.questions[ctx.conv.state]
    if scope == BACK:
        _go_back(ctx)
    elif value.startswith("item."):
        kind = NOT_SURE if value == f"item.{UNSURE}" else VALUE
        _answer_item(ctx, question, Reading(kind, value.removeprefix("item.")))
    elif value == UNSURE and question.tier:
        _act(ctx, question, Reading(NOT_SURE))
    else:
        _answer(ctx, value)
    return True


@router.command("interview", waits_while_held=True)
def restart(ctx: Context, args: tuple[str, ...]) -> None:
    if ctx.conv.state == NEW:
        ask_consent(ctx)
        return
    for key in ("answers", UNSURE_KEY, UNIT_KEY):
        ctx.conv.data.pop(key, None)
    ctx.fire("restart")


@router.after_every_message
def back_to_the_question(ctx: Context) -> None:
    """A command or a reply in the middle of the interview (/why, /posture, "no, keep it")
    ends by asking the current question again, so the user knows where they are."""
    conv = ctx.conv
    if conv.state not in ctx.questions or not conv.keep or talk.paused(conv):
        return
    if conv.replies and not conv.replies[-1].buttons:
        ask_question(ctx)
        asked = conv.replies[-1]
        conv.replies[-1] = replace(asked, text=f"{conv.t('interview.back_to')}\n{asked.text}")


def _question_states(content: Content) -> list[str]:
    return [q.state for q in content.interview.questions]


router.own_states(_question_states, StateSpec(ask_question, answer_typed, left=_left_question))
