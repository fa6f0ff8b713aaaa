"""What the bot keeps about a user, in their hands: see it (/progress, /export), delete it
(/forget). The two reads are answered by the engine, outside any transaction. Deleting
everything needs a deliberate tap: a typed "yes" is understood, and asks for the tap."""

from __future__ import annotations

from typing import Any

from dialogs.answers import read
from dialogs.conversation import NEW
from dialogs.prompts import forget_choices
from dialogs.reading import VALUE
from dialogs.router import Context, Router

router = Router("data_rights")
PROMPT = "forget"
OFFERED = "forget_offered"  # the step that showed the confirmation


def _read_by_the_engine(ctx: Context, args: tuple[str, ...]) -> None:
    """Reached only when the words after the command raised a flag, which the net handles."""


router.command("progress", query=True)(_read_by_the_engine)
router.command("export", query=True)(_read_by_the_engine)


@router.command("forget")
def forget(ctx: Context, args: tuple[str, ...]) -> None:
    if ctx.conv.state == NEW:
        ctx.conv.say(ctx.conv.t("forget.nothing"))
        return
    _confirm(ctx)


def _confirm(ctx: Context, lead: str = "") -> None:
    conv = ctx.conv
    text = f"{lead}\n\n{conv.t('forget.confirm')}" if lead else conv.t("forget.confirm")
    conv.say(text, [conv.button("forget.yes", "forget.yes"), conv.button("forget.no", "forget.no")])
    conv.data[OFFERED] = (conv.record.seq if conv.record else 0) + 1  # this step's number
    ctx.awaits(PROMPT)


@router.reads_typed_replies(PROMPT)
def typed_reply(ctx: Context, text: str, prompt: dict[str, Any]) -> bool:
    conv = ctx.conv
    if conv.state == NEW:
        return False
    labels = {"yes": conv.t("forget.yes"), "no": conv.t("forget.no")}
    words = ctx.content.answers_for(conv.language)
    reading = read(text, forget_choices(words, conv.language, labels), words)
    if reading.kind == VALUE and reading.value == "no":
        conv.say(conv.t("forget.kept"))
    elif reading.kind == VALUE:
        _confirm(ctx, conv.t("forget.tap_to_delete"))
    else:
        _confirm(ctx, conv.t("forget.unclear"))
    return True


@router.buttons("forget")
def on_forget_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    if conv.state == NEW or value not in ("yes", "no"):
        return False
    offered_at = conv.data.pop(OFFERED, None)
    if conv.record is None or offered_at != conv.record.seq:
        return False  # only right after the prompt: nothing may have happened in between
    if value == "yes":
        conv.keep = False
        conv.say(conv.t("forget.done"))
    else:
        conv.say(conv.t("forget.kept"))
    return True
