"""The greeting, consent and /help: what a new user meets before anything is kept."""

from __future__ import annotations

from dialogs.conversation import NEW
from dialogs.local_time import local_day
from dialogs.router import Context, Router, StateSpec

router = Router("start")


def greet(ctx: Context) -> None:
    conv = ctx.conv
    conv.say(conv.t("start.greeting"), [conv.button("start.begin", "start.begin")])


def ask_consent(ctx: Context) -> None:
    conv = ctx.conv
    conv.say(
        conv.t("consent.text"),
        [
            conv.button("start.agree", "consent.agree"),
            conv.button("start.decline", "consent.decline"),
        ],
    )


@router.command("start")
def start(ctx: Context, args: tuple[str, ...]) -> None:
    if ctx.conv.state != NEW:
        ctx.conv.say(ctx.conv.t("start.greeting"))
        ctx.conv.say(ctx.conv.t("start.welcome_back"))
    ctx.ask_current()


@router.command("help")
def show_help(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    lines = [conv.t("help.title"), ""]
    lines += [f"/{c.name} – {conv.t(f'commands.{c.name}')}" for c in ctx.setting.commands]
    lines += ["", conv.t("help.footer")]
    conv.say("\n".join(lines))


@router.buttons("start")
def on_start_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    if conv.state != NEW:
        return False
    if value == "begin":
        ask_consent(ctx)
    elif value == "agree":
        conv.keep = True
        conv.data["started"] = local_day(conv).isoformat()
        ctx.fire("agree")
    elif value == "decline":
        conv.say(conv.t("consent.declined"))
    else:
        return False
    return True


router.own_states([NEW], StateSpec(ask=greet, text=lambda ctx, text: start(ctx, ())))
