"""Showing the plan: the plan itself when it is the current state, /exercises, /why, /posture;
and what is typed while the plan is the current state (a flare, "this made it worse", the
answer to a question the plan asked). The plan itself is built by plan.py."""

from __future__ import annotations

from dialogs import flare, worse
from dialogs.conversation import Conversation
from dialogs.machine import PLAN
from dialogs.messages import Alert, Button
from dialogs.plan import Plan, stored_plan
from dialogs.plan_render import DEFAULT_TIPS, exercise_text, plan_text, tips_text, why_text
from dialogs.router import Context, Router, StateSpec
from dialogs.typed import mentions, pick

RISKS = ["smoke", "diabetes", "both", "neither"]

router = Router("plan")


def _plan_or_apology(ctx: Context) -> Plan | None:
    plan = stored_plan(ctx.conv, ctx.content.plans)
    if plan is None:
        ctx.conv.say(ctx.conv.t("plan.not_ready"))
    return plan


def show_plan(ctx: Context) -> None:
    conv = ctx.conv
    if "plan" not in conv.data and ctx.content.plans.turns_away(conv.data.get("answers", {})):
        conv.say(conv.t("plan.not_for_you"))
        return
    plan = _plan_or_apology(ctx)
    if plan is None:
        return
    items = flare.current_items(conv, plan)
    text = plan_text(conv, ctx.content.plans, plan, items)
    if (until := flare.active_until(conv)) is not None:
        text = f"{conv.t('flare.active', until=until)}\n\n{text}"
    conv.say(text)
    for advice in plan.advice:
        conv.say(conv.t(f"plan.advice.{advice}"), alert=Alert.SOON)
    if _asking_about_risks(conv, plan):
        buttons = [Button(f"vasc.{r}", conv.t(f"plan.vasc.{r}")) for r in RISKS]
        conv.say(conv.t("plan.vasc.question"), buttons)
    ctx.add_plan_parts()


@router.command("exercises", waits_while_held=True)
def show_exercises(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    plan = _plan_or_apology(ctx)
    if plan is None:
        return
    intro = conv.t("plan.stop_general")
    if (until := flare.active_until(conv)) is not None:
        intro = f"{conv.t('flare.active', until=until)}\n\n{intro}"
    conv.say(intro)
    items = flare.current_items(conv, plan)
    for number, item in enumerate(items, 1):
        text = exercise_text(conv, ctx.content.plans, number, item)
        picture = ctx.setting.pictures.picture(item.version)
        conv.say(text, [worse.button(conv, item.family)], image=picture)
    if any(i.surface == "bed" for i in items):
        conv.say(conv.t("plan.bed_tip"))


@router.command("why")
def show_why(ctx: Context, args: tuple[str, ...]) -> None:
    plan = _plan_or_apology(ctx)
    if plan is not None:
        ctx.conv.say(why_text(ctx.conv, plan, flare.current_items(ctx.conv, plan)))


@router.command("posture")
def show_posture(ctx: Context, args: tuple[str, ...]) -> None:
    plan = stored_plan(ctx.conv, ctx.content.plans)
    ctx.conv.say(tips_text(ctx.conv, plan.tips if plan else DEFAULT_TIPS))


def on_text(ctx: Context, text: str) -> bool:
    """Typed words while the plan is the current state; False when they are none of the
    plan's (another feature's free-text reader may know them)."""
    conv = ctx.conv
    plan = stored_plan(conv, ctx.content.plans)
    risk = _risks_typed(conv, text) if plan else None
    if plan is None:
        return False
    if flare.sounds_like_a_flare(conv, text):
        flare.start(ctx, plan)
    elif worse.waiting(conv):
        worse.answer_typed(ctx, text)
    elif worse.wants_to_tell(conv, text):
        worse.ask_which(conv, plan)
    elif risk is not None and _asking_about_risks(conv, plan):
        _record_risks(conv, risk)
    else:
        return False
    return True


@router.buttons("vasc")
def on_risk_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    plan = stored_plan(conv, ctx.content.plans) if conv.state == PLAN else None
    if plan is None or value not in RISKS or not _asking_about_risks(conv, plan):
        return False
    _record_risks(conv, value)
    return True


def _risks_typed(conv: Conversation, text: str) -> str | None:
    said = {r for r in ("smoke", "diabetes") if mentions(conv, f"plan.vasc.say.{r}", text)}
    if said == {"smoke", "diabetes"}:
        return "both"
    return said.pop() if said else pick(conv, "plan.vasc.say", RISKS, text, first=("both",))


def _asking_about_risks(conv: Conversation, plan: Plan) -> bool:
    return "circulation" in plan.advice and "risk_factors" not in conv.data


def _record_risks(conv: Conversation, value: str) -> None:
    conv.data["risk_factors"] = value
    conv.say(conv.t("plan.vasc.no_risk" if value == "neither" else "plan.vasc.risk"))


@router.on_every_message
@router.on_due
def _end_a_flare(ctx: Context) -> None:
    flare.expire(ctx.conv)


router.buttons("flare")(flare.on_button)
router.own_states([PLAN], StateSpec(ask=show_plan, text=on_text))
