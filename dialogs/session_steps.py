"""The words and the bookkeeping of a guided session: how long it takes, each exercise's
message (its name and where, the dose with a hold counted in slow breaths, two or three form
cues, what you should feel, when to stop), what became of each exercise, and the closing
summary. Pure functions of the conversation's language, the content and the session."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from content.exercises import Dose
from content.plans import PlanRules
from dialogs.conversation import Conversation
from dialogs.plan import Item
from dialogs.ports import JsonDict
from dialogs.wording import plural

SECONDS_PER_REP = 4
SECONDS_PER_BREATH = 5  # a slow breath, in and out
REST_BETWEEN_SETS_S = 30
GETTING_READY_S = 30  # into position, and a look at the picture
OUTCOMES = ("done", "eased", "skipped", "hurt")


def minutes(rules: PlanRules, items: Iterable[Item]) -> int:
    """The session's length, rounded to the minute: the reps at a steady pace, the holds,
    both sides, a short rest between sets and a moment to get ready for each exercise."""
    seconds = sum(_seconds(rules.catalogue.version(i.version).dose) for i in items)
    return max(1, round(seconds / 60))


def _seconds(dose: Dose) -> int:
    per_rep = SECONDS_PER_REP + (dose.hold_s or 0)
    per_set = dose.reps * per_rep if dose.reps else dose.hold_s or 0
    sides = 2 if dose.per_side else 1
    return GETTING_READY_S + dose.sets * per_set * sides + (dose.sets - 1) * REST_BETWEEN_SETS_S


def breaths(conv: Conversation, seconds: int) -> str:
    count = max(1, round(seconds / SECONDS_PER_BREATH))
    return plural(conv, "session.breaths", count, breaths=count, seconds=seconds)


def dose_line(conv: Conversation, dose: Dose) -> str:
    side = conv.t("session.side") if dose.per_side else ""
    if dose.reps and dose.hold_s:
        held = breaths(conv, dose.hold_s)
        return conv.t(
            "session.dose_reps_hold", sets=dose.sets, reps=dose.reps, side=side, breaths=held
        )
    if dose.reps:
        return conv.t("session.dose_reps", sets=dose.sets, reps=dose.reps, side=side)
    return conv.t(
        "session.dose_hold", sets=dose.sets, side=side, breaths=breaths(conv, dose.hold_s or 0)
    )


def step_text(conv: Conversation, rules: PlanRules, item: Item, number: int, count: int) -> str:
    version = rules.catalogue.version(item.version)
    surface = item.surface
    if surface == "floor" and "bed" in version.surfaces:
        surface = "floor_or_bed"
    title = conv.t(
        "session.step",
        number=number,
        count=count,
        name=conv.t(f"exercise.{item.version}.name"),
        surface=conv.t(f"plan.surface.{surface}"),
    )
    family = item.family
    return "\n".join(
        [
            title,
            dose_line(conv, version.dose),
            "",
            conv.t("session.cues_title"),
            conv.t(f"session.cues.{item.version}"),
            "",
            f"{conv.t('session.feel_title')} {conv.t(f'exercise.{family}.feel')}",
            f"{conv.t('session.stop_title')} {conv.t(f'exercise.{family}.stop')}",
        ]
    )


def summary(conv: Conversation, counted: Mapping[str, int]) -> str:
    parts = [
        conv.t(f"session.summary_{outcome}", count=counted[outcome])
        for outcome in OUTCOMES
        if counted.get(outcome)
    ]
    return ", ".join(parts) or conv.t("session.summary_skipped", count=0)


def current_item(session: JsonDict) -> Item:
    raw = session["items"][session["at"]]
    return Item(raw["family"], raw["version"], raw["surface"])


def item_json(item: Item) -> JsonDict:
    return {"family": item.family, "version": item.version, "surface": item.surface}


def log(session: JsonDict, item: Item, outcome: str) -> None:
    """What became of an exercise: done, skipped or hurt."""
    session["outcomes"].append({"family": item.family, "version": item.version, "outcome": outcome})


def versions(session: JsonDict, outcome: str) -> list[str]:
    return [o["version"] for o in session["outcomes"] if o["outcome"] == outcome]


def counts(session: JsonDict) -> dict[str, int]:
    """For the summary: done as planned, done after Easier, skipped, stopped as it hurt."""
    eased = {e["to"] for e in session["eased"]}
    done = versions(session, "done")
    return {
        "done": len([v for v in done if v not in eased]),
        "eased": len([v for v in done if v in eased]),
        "skipped": len(versions(session, "skipped")),
        "hurt": len(versions(session, "hurt")),
    }


def record_value(session: JsonDict, pain: int | None) -> JsonDict:
    """What the history keeps of a session; no pain score means it was stopped."""
    return {
        "number": session["number"],
        "started": session["started"],
        "minutes": session["minutes"],
        "exercises": [i["planned"] for i in session["items"]],
        "done": versions(session, "done"),
        "eased": session["eased"],
        "skipped": versions(session, "skipped"),
        "hurt": versions(session, "hurt"),
        "pain": pain,
        "counts_for_day": bool(versions(session, "done")),
        "stopped": pain is None,
    }
