"""/menu: the main things as buttons at any time, and the next steps offered when a plan is
ready (set a daily reminder, see the exercises step by step)."""

from __future__ import annotations

from dialogs import plan_view, reminders
from dialogs.conversation import NEW
from dialogs.machine import PLAN
from dialogs.messages import Button
from dialogs.router import Context, Router

router = Router("menu")
ITEMS = ("exercises", "why", "posture", "remind", "checkin", "help")
NEXT_STEPS = ("remind", "exercises", "menu")


def _buttons(ctx: Context, items: tuple[str, ...]) -> list[Button]:
    return [Button(f"menu.{item}", ctx.conv.t(f"menu.{item}")) for item in items]


@router.command("menu")
def show_menu(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    if conv.state == NEW:
        conv.say(conv.t("menu.before_start"), [conv.button("start.begin", "start.begin")])
        return
    items = ITEMS if "plan" in conv.data else ("posture", "remind", "help")
    lead = [Button("menu.continue", conv.t("menu.continue"))] if conv.state in ctx.questions else []
    conv.say(conv.t("menu.title"), [*lead, *_buttons(ctx, items)])


@router.buttons("menu")
def on_menu_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    if conv.state == NEW or value not in (*ITEMS, "menu", "continue"):
        return False
    commands = {c.name: c for c in ctx.setting.commands}
    if value == "menu":
        show_menu(ctx, ())
    elif value == "continue":
        ctx.ask_current()
    elif value == "remind":
        reminders.remind(ctx, ())
    elif value == "exercises":
        plan_view.show_exercises(ctx, ())
    else:
        commands[value].run(ctx, ())
    return True


@router.after_every_message
def offer_next_steps(ctx: Context) -> None:
    """Right after a plan is shown (the interview's end, a check-in, a cleared hold)."""
    conv = ctx.conv
    before = conv.record.state if conv.record else NEW
    if conv.keep and conv.state == PLAN and before != PLAN and "plan" in conv.data:
        conv.say(conv.t("menu.next_steps"), _buttons(ctx, NEXT_STEPS))
