"""The interview: its questions, typed answers, Back, and /interview to start again."""

from __future__ import annotations

from typing import Any

from content.bundle import Content
from content.interview import Kind
from dialogs.answers import parse_answer
from dialogs.conversation import NEW
from dialogs.machine import PLAN
from dialogs.messages import Button
from dialogs.plan import make_plan
from dialogs.router import Context, Router, StateSpec
from dialogs.start import ask_consent

BACK = "back"

router = Router("interview")


def ask_question(ctx: Context) -> None:
    conv = ctx.conv
    question = ctx.questions[conv.state]
    wording = ctx.content.interview.words(conv.language, question)
    conv.say(wording.text, question_buttons(ctx))


def question_buttons(ctx: Context) -> list[Button]:
    conv = ctx.conv
    question = ctx.questions[conv.state]
    wording = ctx.content.interview.words(conv.language, question)
    if question.kind is Kind.SCALE:
        labels = {o: o for o in question.options}
    else:
        labels = wording.labels or {o: conv.t(f"answers.{o}") for o in question.options}
    buttons = [Button(f"{question.id}.{o}", labels[o]) for o in question.options]
    if BACK in ctx.triggers_here():
        buttons.append(Button(f"{BACK}.{question.id}", conv.t("answers.back")))
    return buttons


def answer_typed(ctx: Context, text: str) -> None:
    conv = ctx.conv
    question = ctx.questions[conv.state]
    wording = ctx.content.interview.words(conv.language, question)
    value = parse_answer(text, question, wording, ctx.content.answers_for(conv.language))
    if value is None:
        conv.say(wording.hint)
        ctx.ask_current()
        return
    ctx.fire("answer", value=value)


def record_answer(ctx: Context, event: Any, where: str) -> None:
    question = ctx.questions[event.transition.source]
    ctx.conv.data.setdefault(where, {})[question.id] = event.kwargs["value"]


def _left_question(ctx: Context, event: Any) -> None:
    record_answer(ctx, event, "answers")
    if ctx.conv.state == PLAN:
        make_plan(ctx.conv, ctx.content.plans)


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
    if scope == BACK:
        ctx.fire("back")
    else:
        ctx.fire("answer", value=value)
    return True


@router.command("interview", waits_while_held=True)
def restart(ctx: Context, args: tuple[str, ...]) -> None:
    if ctx.conv.state == NEW:
        ask_consent(ctx)
        return
    ctx.conv.data.pop("answers", None)
    ctx.fire("restart")


def _question_states(content: Content) -> list[str]:
    return [q.state for q in content.interview.questions]


router.own_states(_question_states, StateSpec(ask_question, answer_typed, left=_left_question))
