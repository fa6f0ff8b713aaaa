"""What the interview says to words that are not an answer: help explains the question in other
words, "stop" pauses and says how to go on, "hello" gets a short reply and the question again,
and an unclear answer gets a hint, then a shorter prompt the second time."""

from __future__ import annotations

from collections.abc import Callable

from dialogs.conversation import Conversation
from dialogs.messages import Button
from dialogs.prompt_talk import smalltalk_reply
from dialogs.reading import Reading
from dialogs.router import Context

RETRY_KEY = "retry"  # {"state": ..., "count": n}: unclear answers in a row at one question
PAUSED_KEY = "paused"  # set by "stop" or "later", until the next message

Ask = Callable[[Context], None]
Buttons = Callable[[Context], list[Button]]


def control(ctx: Context, reading: Reading, ask: Ask, buttons: Buttons) -> None:
    conv = ctx.conv
    question = ctx.questions[conv.state]
    if reading.value == "help":
        wording = ctx.content.interview.words(conv.language, question)
        conv.say(wording.explain, buttons(ctx))
    elif reading.value == "pause":
        conv.data[PAUSED_KEY] = True
        conv.say(conv.t("interview.paused"))
    else:
        conv.say(smalltalk_reply(conv, reading))
        ask(ctx)


def ask_again(ctx: Context, reading: Reading, ask: Ask, buttons: Buttons) -> None:
    """The first unclear answer gets a hint and the question; later ones a short prompt."""
    conv = ctx.conv
    question = ctx.questions[conv.state]
    wording = ctx.content.interview.words(conv.language, question)
    retry = conv.data.get(RETRY_KEY)
    count = retry["count"] + 1 if isinstance(retry, dict) and retry["state"] == conv.state else 1
    conv.data[RETRY_KEY] = {"state": conv.state, "count": count}
    why = f"interview.ask.{reading.detail or reading.kind}"
    lead = conv.t(why) if conv.texts.has(why) else ""
    if count > 1:
        conv.say(" ".join(filter(None, [lead, wording.hint])), buttons(ctx))
        return
    conv.say("\n".join(filter(None, [lead, wording.hint])))
    ask(ctx)


def forget_retries(conv: Conversation) -> None:
    conv.data.pop(RETRY_KEY, None)


def paused(conv: Conversation) -> bool:
    return bool(conv.data.get(PAUSED_KEY))


def resume_after_pause(ctx: Context) -> None:
    """Any message after a pause ends it (the interview goes on where it was)."""
    ctx.conv.data.pop(PAUSED_KEY, None)
