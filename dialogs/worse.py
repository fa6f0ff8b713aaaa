"""The "This made it worse" button: under each exercise in /exercises, on the daily
reminder, and typed. It asks what got worse and where. Leg, saddle or bladder symptoms go
straight to the red-flag hold; otherwise that exercise drops to its easier version, or is
swapped, or is left out, and the change is kept for the next check-in."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from content.plans import PlanRules
from dialogs import holds
from dialogs.conversation import Conversation
from dialogs.local_time import local_day
from dialogs.machine import PLAN
from dialogs.messages import Alert, Button
from dialogs.plan import Item, Plan, moved, save_plan, stored_plan
from dialogs.plan_render import name
from dialogs.router import Context, Router
from dialogs.safety import Finding
from dialogs.typed import by_number, mentions, pick

KINDS = ["back", "leg", "saddle", "other"]
NOT_SURE = "any"
ESCALATE = {"saddle": Alert.EMERGENCY, "leg": Alert.SOON}
CHANGES_KEPT = 30

router = Router("worse")


def button(conv: Conversation, family: str) -> Button:
    return Button(f"worse.ex.{family}", conv.t("worse.button"))


@router.reminder_part
def on_reminder(ctx: Context, day: str) -> None:
    """After a session done in the last two days, the reminder asks if it made things worse."""
    conv = ctx.conv
    today = date.fromisoformat(day)
    recent = {(today - timedelta(days=n)).isoformat() for n in (1, 2)}
    done = recent & set(conv.data.get("done_days", []))
    if done and stored_plan(conv, ctx.content.plans) is not None:
        conv.say(conv.t("worse.reminder"), [Button("worse.start", conv.t("worse.button"))])


@router.buttons("worse")
def on_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    plan = stored_plan(conv, ctx.content.plans) if conv.state == PLAN else None
    if plan is None:
        return False
    step, _, rest = value.partition(".")
    families = [i.family for i in plan.items]
    if step == "start":
        ask_which(conv, plan)
    elif step == "ex" and rest in [*families, NOT_SURE]:
        ask_what(conv, rest)
    elif step == "what" and _pending(conv, "what") == rest.rpartition(".")[0]:
        family, _, kind = rest.rpartition(".")
        if kind not in KINDS:
            return False
        answer(ctx, plan, family, kind)
    else:
        return False
    return True


def wants_to_tell(conv: Conversation, text: str) -> bool:
    return mentions(conv, "worse.say.start", text)


def waiting(conv: Conversation) -> bool:
    """A worse-question asked today and not answered yet (one left for a day is let go)."""
    pending = conv.data.get("worse")
    return isinstance(pending, dict) and pending.get("day") == local_day(conv).isoformat()


def ask_which(conv: Conversation, plan: Plan) -> None:
    conv.data["worse"] = {"step": "which", "day": local_day(conv).isoformat()}
    buttons = [Button(f"worse.ex.{i.family}", name(conv, i.version)) for i in plan.items]
    buttons.append(Button(f"worse.ex.{NOT_SURE}", conv.t("worse.not_sure")))
    conv.say(conv.t("worse.which"), buttons)


def ask_what(conv: Conversation, family: str) -> None:
    conv.data["worse"] = {"step": "what", "family": family, "day": local_day(conv).isoformat()}
    buttons = [Button(f"worse.what.{family}.{k}", conv.t(f"worse.{k}")) for k in KINDS]
    conv.say(conv.t("worse.what"), buttons)


def answer_typed(ctx: Context, text: str) -> None:
    """A typed answer to whichever worse-question is waiting."""
    conv = ctx.conv
    plan = stored_plan(conv, ctx.content.plans)
    pending = conv.data.get("worse") or {}
    if plan is None:
        conv.data.pop("worse", None)
        return
    if pending.get("step") == "which":
        family = _which_typed(conv, plan, text)
        if family is None:
            conv.say(conv.t("worse.hint"))
            ask_which(conv, plan)
        else:
            ask_what(conv, family)
        return
    kind = pick(conv, "worse.say", KINDS, text, first=("saddle", "leg"))
    if kind is None:
        conv.say(conv.t("worse.hint"))
        ask_what(conv, str(pending.get("family", NOT_SURE)))
    else:
        answer(ctx, plan, str(pending.get("family", NOT_SURE)), kind)


def _which_typed(conv: Conversation, plan: Plan, text: str) -> str | None:
    """An exercise named by its number, or by its name; "not sure" stands for all of them."""
    numbered = by_number([*(i.family for i in plan.items), NOT_SURE], text)
    if numbered is not None:
        return numbered
    said = text.lower()
    named = [i.family for i in plan.items if name(conv, i.version).lower() in said]
    if named:
        return named[0]
    return NOT_SURE if mentions(conv, "worse.say.other", text) else None


def answer(ctx: Context, plan: Plan, family: str, kind: str) -> None:
    conv = ctx.conv
    conv.data.pop("worse", None)
    if kind in ESCALATE:
        label = conv.t(f"worse.{kind}_label")
        holds.escalate(ctx, Finding(ESCALATE[kind], f"worse_{kind}", label))
        return
    targets = [i for i in plan.items if family in (i.family, NOT_SURE)]
    for item in targets:
        plan = _change(ctx, plan, item)
    save_plan(conv, plan)
    conv.say(conv.t("worse.follow_up"))


def _change(ctx: Context, plan: Plan, item: Item) -> Plan:
    """One exercise that made it worse: easier, else swapped, else left out."""
    conv, rules = ctx.conv, ctx.content.plans
    new = moved(rules, item, plan.avoid, -1) or _swap(rules, plan, item)
    kind = "dropped" if new is None else "easier" if new.family == item.family else "swapped"
    items = (
        [i for i in plan.items if i is not item]
        if new is None
        else [new if i is item else i for i in plan.items]
    )
    if new is None:
        dropped = conv.data["plan"].setdefault("dropped", [])
        dropped.append(item.family)
    values: dict[str, Any] = {"old": name(conv, item.version)}
    if new is not None:
        values["new"] = name(conv, new.version)
    conv.say(conv.t(f"worse.{kind}", **values))
    _log(conv, item, new, kind)
    return replace(plan, items=tuple(items))


def _swap(rules: PlanRules, plan: Plan, item: Item) -> Item | None:
    families = rules.catalogue.families
    instead = families[item.family].instead
    if instead is None or instead in {i.family for i in plan.items}:
        return None
    fitting = families[instead].fitting(plan.avoid)
    if not fitting:
        return None
    version = fitting[0]
    surface = version.surface(plan.avoid) or version.surfaces[0]
    return Item(instead, version.id, surface, item.reasons, item.fitted)


def _log(conv: Conversation, item: Item, new: Item | None, kind: str) -> None:
    changes: list[dict[str, Any]] = conv.data.setdefault("changes", [])
    changes.append(
        {
            "date": local_day(conv).isoformat(),
            "family": item.family,
            "old": item.version,
            "new": new.version if new else None,
            "kind": kind,
            "why": "made_it_worse",
        }
    )
    del changes[:-CHANGES_KEPT]


def _pending(conv: Conversation, step: str) -> str | None:
    pending = conv.data.get("worse")
    if waiting(conv) and isinstance(pending, dict) and pending.get("step") == step:
        return str(pending.get("family"))
    return None
