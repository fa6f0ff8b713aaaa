"""The words of a plan: its message, each exercise step by step, the why and the walking tips.
Pure functions of the conversation's language, the content and the plan."""

from __future__ import annotations

from collections.abc import Iterable

from content.exercises import Dose
from content.plans import PlanRules
from dialogs.conversation import Conversation
from dialogs.plan import Item, Plan

DEFAULT_TIPS = ("relaxed_upright", "natural_steps", "arms_swing", "short_bouts")


def name(conv: Conversation, version: str) -> str:
    return conv.t(f"exercise.{version}.name")


def names(conv: Conversation, items: Iterable[Item]) -> str:
    return ", ".join(name(conv, i.version) for i in items)


def dose_text(conv: Conversation, dose: Dose) -> str:
    if dose.reps and dose.hold_s:
        text = conv.t("plan.dose_reps_hold", sets=dose.sets, reps=dose.reps, hold=dose.hold_s)
    elif dose.reps:
        text = conv.t("plan.dose_reps", sets=dose.sets, reps=dose.reps)
    else:
        text = conv.t("plan.dose_hold", sets=dose.sets, hold=dose.hold_s)
    return text + (conv.t("plan.per_side") if dose.per_side else "")


def header(conv: Conversation, rules: PlanRules, number: int, item: Item) -> str:
    version = rules.catalogue.version(item.version)
    surface = item.surface
    if surface == "floor" and "bed" in version.surfaces:
        surface = "floor_or_bed"
    return conv.t(
        "plan.exercise_header",
        number=number,
        name=name(conv, item.version),
        surface=conv.t(f"plan.surface.{surface}"),
        dose=dose_text(conv, version.dose),
    )


def plan_text(conv: Conversation, rules: PlanRules, plan: Plan, items: list[Item]) -> str:
    lines = [conv.t("plan.title")]
    lines += ["", *(conv.t(f"plan.note.{n}") for n in plan.notes)] if plan.notes else []
    lines += ["", conv.t("plan.contributors_title")]
    lines += [f"• {conv.t(f'plan.contributor.{c}')}" for c in plan.contributors]
    if not plan.contributors:
        lines.append(conv.t("plan.contributors_none"))
    if plan.high_pain:
        lines += ["", conv.t("plan.high_pain")]
    if plan.gentlest:
        lines += ["", conv.t("plan.gentlest")]
    lines += ["", conv.t("plan.exercises_title")]
    lines += [header(conv, rules, i, item) for i, item in enumerate(items, 1)]
    lines += ["", tips_text(conv, plan.tips), "", conv.t("plan.footer")]
    return "\n".join(lines)


def tips_text(conv: Conversation, tips: Iterable[str]) -> str:
    return "\n".join([conv.t("plan.tips_title"), *(f"• {conv.t(f'plan.tip.{t}')}" for t in tips)])


def exercise_text(conv: Conversation, rules: PlanRules, number: int, item: Item) -> str:
    family = item.family
    return "\n".join(
        [
            header(conv, rules, number, item),
            "",
            conv.t("plan.steps_title"),
            conv.t(f"exercise.{item.version}.steps"),
            "",
            f"{conv.t('plan.feel_title')} {conv.t(f'exercise.{family}.feel')}",
            f"{conv.t('plan.cues_title')} {conv.t(f'exercise.{family}.cues')}",
            f"{conv.t('plan.stop_title')} {conv.t(f'exercise.{family}.stop')}",
        ]
    )


def because(conv: Conversation, rule_ids: Iterable[str]) -> str:
    return conv.t("plan.and").join(conv.t(f"plan.because.{r}") for r in rule_ids)


def why_text(conv: Conversation, plan: Plan, items: list[Item]) -> str:
    lines = [conv.t("plan.why_title")]
    for item in items:
        reasons = because(conv, item.reasons) if item.reasons else conv.t("plan.why_base")
        lines.append("• " + conv.t("plan.why_line", name=name(conv, item.version), reasons=reasons))
        if item.fitted:
            lines.append(conv.t("plan.why_version", reasons=because(conv, item.fitted)))
    lines += ["", conv.t("plan.why_factors_title")]
    for contributor, rule_ids in plan.traced.items():
        factor = conv.t(f"plan.factor.{contributor}")
        lines.append(
            "• " + conv.t("plan.why_factor_line", name=factor, reasons=because(conv, rule_ids))
        )
    if not plan.traced:
        lines.append(conv.t("plan.why_no_factors"))
    return "\n".join(lines)
