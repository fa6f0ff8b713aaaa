"""Showing the plan: the plan itself when it is the current state, /exercises, /why, /posture."""

from __future__ import annotations

from dialogs.conversation import Conversation
from dialogs.machine import PLAN
from dialogs.plan import Plan, stored_plan
from dialogs.router import Context, Router, StateSpec

DEFAULT_TIPS = ("chest_up", "neutral_pelvis", "core_gentle", "midfoot", "natural_steps")

router = Router("plan")


def _plan_or_apology(conv: Conversation) -> Plan | None:
    plan = stored_plan(conv)
    if plan is None:
        conv.say(conv.t("plan.not_ready"))
    return plan


def show_plan(ctx: Context) -> None:
    conv = ctx.conv
    plan = _plan_or_apology(conv)
    if plan is None:
        return
    lines = [conv.t("plan.title"), "", conv.t("plan.contributors_title")]
    lines += [f"• {conv.t(f'plan.contributor.{c}')}" for c in plan.contributors]
    if plan.high_pain:
        lines += ["", conv.t("plan.high_pain")]
    lines += ["", conv.t("plan.exercises_title")]
    lines += [_header(ctx, i, ex) for i, ex in enumerate(plan.exercises, 1)]
    lines += ["", conv.t("plan.tips_title")]
    lines += [f"• {conv.t(f'plan.tip.{t}')}" for t in plan.tips]
    lines += ["", conv.t("plan.footer")]
    conv.say("\n".join(lines))
    ctx.add_plan_parts()


@router.command("exercises", waits_while_held=True)
def show_exercises(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    plan = _plan_or_apology(conv)
    if plan is None:
        return
    for i, ex in enumerate(plan.exercises, 1):
        conv.say(
            "\n".join(
                [
                    _header(ctx, i, ex),
                    "",
                    conv.t("plan.steps_title"),
                    conv.t(f"exercise.{ex}.steps"),
                    "",
                    f"{conv.t('plan.feel_title')} {conv.t(f'exercise.{ex}.feel')}",
                    f"{conv.t('plan.cues_title')} {conv.t(f'exercise.{ex}.cues')}",
                ]
            )
        )


@router.command("why")
def show_why(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    plan = _plan_or_apology(conv)
    if plan is None:
        return
    lines = [conv.t("plan.why_title")]
    for ex in plan.exercises:
        reasons = [conv.t(f"plan.because.{r}") for r in plan.reasons.get(ex, ())]
        because = conv.t("plan.and").join(reasons) if reasons else conv.t("plan.why_base")
        lines.append(
            "• " + conv.t("plan.why_line", name=conv.t(f"exercise.{ex}.name"), reasons=because)
        )
    conv.say("\n".join(lines))


@router.command("posture")
def show_posture(ctx: Context, args: tuple[str, ...]) -> None:
    conv = ctx.conv
    plan = stored_plan(conv)
    tips = plan.tips if plan else DEFAULT_TIPS
    conv.say(
        "\n".join([conv.t("plan.tips_title"), *(f"• {conv.t(f'plan.tip.{t}')}" for t in tips)])
    )


def _header(ctx: Context, number: int, ex: str) -> str:
    conv, rules = ctx.conv, ctx.content.plans
    dose, step = rules.exercises[ex], rules.progression
    level = int((conv.data.get("plan") or {}).get("level", 0))
    if dose.reps:
        reps = dose.reps + level * step.reps_per_level
        text = conv.t("plan.dose_reps", sets=dose.sets, reps=reps)
    else:
        hold = (dose.hold_s or 0) + level * step.hold_s_per_level
        text = conv.t("plan.dose_hold", sets=dose.sets, hold=hold)
    if dose.per_side:
        text += conv.t("plan.per_side")
    return conv.t(
        "plan.exercise_header", number=number, name=conv.t(f"exercise.{ex}.name"), dose=text
    )


router.own_states([PLAN], StateSpec(ask=show_plan))
