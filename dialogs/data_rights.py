"""What the bot keeps about a user, in their hands: see it (/progress, /export), delete it
(/forget). The two reads are answered by the engine, outside any transaction."""

from __future__ import annotations

from dialogs.conversation import NEW
from dialogs.router import Context, Router

router = Router("data_rights")
OFFERED = "forget_offered"  # the step that showed the confirmation


def _read_by_the_engine(ctx: Context, args: tuple[str, ...]) -> None:
    """Reached only when the words after the command raised a flag, which the net handles."""


router.command("progress", query=True)(_read_by_the_engine)
router.command("export", query=True)(_read_by_the_engine)


@router.command("forget")
def forget(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    if conv.state == NEW:
        conv.say(conv.t("forget.nothing"))
        return
    conv.data[OFFERED] = (conv.record.seq if conv.record else 0) + 1  # this step's number
    conv.say(
        conv.t("forget.confirm"),
        [conv.button("forget.yes", "forget.yes"), conv.button("forget.no", "forget.no")],
    )


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
