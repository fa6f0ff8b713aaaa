"""A bad flare ("I'm in agony, can't move"): a short plan for now, a red-flag re-check, and the
plan at its gentlest for a few days (the easiest version of each exercise, at most two)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from content.plans import PlanRules
from dialogs import holds
from dialogs.conversation import Conversation
from dialogs.local_time import local_day
from dialogs.messages import Alert
from dialogs.plan import Item, Plan, moved, save_plan
from dialogs.plan_render import names
from dialogs.router import Context
from dialogs.safety import Finding
from dialogs.typed import mentions
from dialogs.wording import plural

MOST = 2


def sounds_like_a_flare(conv: Conversation, text: str) -> bool:
    return mentions(conv, "flare.say", text)


def start(ctx: Context, plan: Plan) -> None:
    conv, rules = ctx.conv, ctx.content.plans
    until = local_day(conv) + timedelta(days=rules.progression.flare_days - 1)
    items = gentlest(rules, plan)
    conv.data["plan"]["flare"] = {
        "until": until.isoformat(),
        "items": [i.to_json() for i in items],
        "asked": True,
    }
    save_plan(conv, plan)
    conv.say(conv.t("flare.plan"))
    buttons = [conv.button("flare.yes", "flare.yes"), conv.button("flare.no", "flare.no")]
    conv.say(conv.t("flare.recheck"), buttons)


def gentlest(rules: PlanRules, plan: Plan) -> list[Item]:
    families = rules.catalogue.families
    ordered = sorted(plan.items, key=lambda i: not families[i.family].gentle)
    return [_easiest(rules, plan, i) for i in ordered[:MOST]]


def _easiest(rules: PlanRules, plan: Plan, item: Item) -> Item:
    while (easier := moved(rules, item, plan.avoid, -1)) is not None:
        item = easier
    return item


def on_button(ctx: Context, scope: str, value: str) -> bool:
    conv = ctx.conv
    flare = _flare(conv)
    if flare is None or not flare.get("asked") or value not in ("yes", "no"):
        return False
    flare["asked"] = False
    if value == "yes":
        label = conv.t("flare.flag_label")
        holds.escalate(ctx, Finding(Alert.EMERGENCY, "flare_recheck", label))
        return True
    until = date.fromisoformat(flare["until"])
    days = (until - local_day(conv)).days + 1
    items = [_item(i) for i in flare["items"]]
    if items:
        conv.say(plural(conv, "flare.gentle", days, days=days, exercises=names(conv, items)))
    else:
        conv.say(conv.t("flare.walking_only", until=until.isoformat()))
    return True


def current_items(conv: Conversation, plan: Plan) -> list[Item]:
    """The exercises to do today: the flare's while one is on, else the plan's."""
    flare = _flare(conv)
    return [_item(i) for i in flare["items"]] if flare else list(plan.items)


def active_until(conv: Conversation) -> str | None:
    flare = _flare(conv)
    return str(flare["until"]) if flare else None


def expire(conv: Conversation) -> None:
    """After the flare's last day the usual plan (and its reminder) come back."""
    plan = conv.data.get("plan")
    flare = plan.get("flare") if isinstance(plan, dict) else None
    over = isinstance(flare, dict) and local_day(conv) > date.fromisoformat(flare["until"])
    if isinstance(plan, dict) and over:
        del plan["flare"]
        plan["exercises"] = [i["version"] for i in plan.get("items", [])]


def _flare(conv: Conversation) -> dict[str, Any] | None:
    plan = conv.data.get("plan")
    flare = plan.get("flare") if isinstance(plan, dict) else None
    if not isinstance(flare, dict) or local_day(conv) > date.fromisoformat(flare["until"]):
        return None
    return flare


def _item(raw: dict[str, Any]) -> Item:
    return Item(raw["family"], raw["version"], raw["surface"], tuple(raw["reasons"]))
