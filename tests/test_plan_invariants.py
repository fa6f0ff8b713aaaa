"""Every answer combination the plan rules can tell apart, and what a physiotherapist would
refuse to sign in any of them: "chest lifted" for the pattern that eases with sitting, a
straight-leg stretch with symptoms below the knee, floor exercises for someone who can't get
down, a contributor that no answer points to, the circulation pattern blamed on posture.

The expectations come from the clinical facts, written here, not from the rules under test."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest

from content.bundle import load_content
from content.interview import Kind, Question
from dialogs.plan import Plan, build_plan

CONTENT = load_content()
RULES = CONTENT.plans
CATALOGUE = RULES.catalogue
Answers = dict[str, str]


def t(key: str) -> str:
    return CONTENT.texts.get("en", key)


# Which answers each contributor may follow from (CLINICAL.md, "Contributors" and the patterns).
TRACE: dict[str, Callable[[Answers], bool]] = {
    "stenosis_pattern": lambda a: a["eases"] == "sitting",
    "circulation": lambda a: a["eases"] == "standing_still" and a["where"] != "back",
    "nerve": lambda a: a["where"] in ("below_knee", "calf"),
    "long_sitting": lambda a: a["sitting_hours"] in ("4_to_8", "over_8"),
    "tight_hamstrings": lambda a: a["tightness"] in ("hamstrings", "both"),
    "tight_hip_flexors": lambda a: a["tightness"] in ("hip_flexors", "both"),
    "weak_glutes_core": lambda a: a["duration"] == "over_12_weeks" or a["gait"] == "sway",
    "hip_muscles": lambda a: a["gait"] == "sway",
    "long_strides": lambda a: a["gait"] == "long_strides",
}
POSTURE_OR_MUSCLE = set(TRACE) - {"stenosis_pattern", "circulation", "nerve"}
POSTURE_TIPS = {"relaxed_upright", "natural_steps"}
FLEXION_FRIENDLY = {"knee_to_chest", "seated_forward_bend", "pelvic_tilt"}
NOT_READ = ("age_band", "background")  # the plan rules never read these
NERVE_CUE = "if tingling or pain travels down the leg, bend the knee and ease off"


def values(question: Question) -> list[str]:
    """A question's answers, but for a number only one per band the rules tell apart."""
    if question.kind not in (Kind.SCALE, Kind.MINUTES):
        return list(question.options)
    conditions = [r.when[question.id] for r in RULES.rules if question.id in r.when]
    numbers = range(11) if question.kind is Kind.SCALE else [int(o) for o in question.options]
    bands: dict[tuple[bool, ...], str] = {}
    for n in numbers:
        bands.setdefault(tuple(c.matches(str(n)) for c in conditions), str(n))
    return list(bands.values())


def combinations() -> Iterator[Answers]:
    asked = [q for q in CONTENT.interview.questions if not q.tier and q.id not in NOT_READ]
    for combo in itertools.product(*(values(q) for q in asked)):
        told = dict(zip([q.id for q in asked], combo, strict=True))
        yield {"age_band": "65_to_74", "background": "none", **told}


def problems(a: Answers, plan: Plan) -> Iterator[str]:
    tips = " ".join(t(f"plan.tip.{tip}") for tip in plan.tips).lower()
    versions = [CATALOGUE.version(i.version) for i in plan.items]
    if not plan.items and a["care"] != "pregnant":
        yield "a plan without exercises"
    if a["eases"] == "sitting":
        if "chest" in tips or "walk tall" in tips:
            yield "stenosis pattern told to walk with the chest lifted"
        if "forward lean is fine" not in tips:
            yield "stenosis pattern without the forward-lean-is-fine tip"
        if not FLEXION_FRIENDLY & {i.family for i in plan.items}:
            yield "stenosis pattern without a flexion-friendly exercise"
    if a["where"] in ("below_knee", "calf"):
        if any("straight_leg" in v.involves for v in versions):
            yield "straight-leg stretch with symptoms below the knee"
        for item in plan.items:
            if item.family == "hamstring_stretch" and NERVE_CUE not in _cues(item.family):
                yield "hamstring stretch below the knee without the nerve cue"
    if a["floor"] != "easy" and any(i.surface == "floor" for i in plan.items):
        yield "floor exercise when getting down to the floor is hard"
    if a["care"] == "pregnant" and any("on_back" in v.involves for v in versions):
        yield "lying on the back in pregnancy"
    yield from _contributor_problems(a, plan)
    if "circulation" in plan.contributors:
        if POSTURE_OR_MUSCLE & set(plan.contributors) or POSTURE_TIPS & set(plan.tips):
            yield "circulation pattern blamed on posture or muscles"
        if "circulation" not in plan.advice:
            yield "circulation pattern without the advice to see a doctor"


def _contributor_problems(a: Answers, plan: Plan) -> Iterator[str]:
    rules = {r.id: r for r in RULES.rules}
    for contributor in plan.contributors:
        if not TRACE[contributor](a):
            yield f"contributor {contributor} follows from no answer"
        traced = plan.traced.get(contributor, ())
        if not traced or not all(
            rules[r].applies(a) and contributor in rules[r].contributors for r in traced
        ):
            yield f"contributor {contributor} not traced to the answer that named it"
    if TRACE["circulation"](a) and "circulation" not in plan.contributors:
        yield "circulation pattern missed"


def _cues(family: str) -> str:
    return (t(f"exercise.{family}.cues") + " " + t(f"exercise.{family}.stop")).lower()


def test_every_answer_combination_gives_a_plan_a_physiotherapist_would_sign() -> None:
    broken: dict[str, int] = {}
    example: dict[str, Answers] = {}
    total = 0
    for answers in combinations():
        total += 1
        for problem in problems(answers, build_plan(RULES, answers)):
            broken[problem] = broken.get(problem, 0) + 1
            example.setdefault(problem, answers)
    assert total > 8640, "every question's answers are combined"
    report = "\n".join(f"{n} of {total}: {p}, e.g. {example[p]}" for p, n in broken.items())
    assert not broken, report


def test_age_and_background_change_no_plan_so_one_answer_stands_for_all() -> None:
    assert all(not set(NOT_READ) & set(r.when) for r in RULES.rules)


@pytest.mark.parametrize(
    ("version", "involves", "steps"),
    [
        ("hamstring_stretch", "straight_leg", "leg straight"),
        ("hamstring_stretch_long", "straight_leg", "leg straight"),
        ("glute_bridge", "on_back", "lie on your back"),
        ("knee_to_chest", "on_back", "lie on your back"),
    ],
)
def test_the_exercise_data_says_what_the_instructions_ask(
    version: str, involves: str, steps: str
) -> None:
    assert involves in CATALOGUE.version(version).involves
    assert steps in t(f"exercise.{version}.steps").lower()


def test_every_kneeling_or_all_fours_version_is_marked_as_floor_only() -> None:
    for family in CATALOGUE.families.values():
        for version in family.versions:
            steps = t(f"exercise.{version.id}.steps").lower()
            if "kneel" in steps:
                assert version.surfaces == ("floor",), version.id
            if "lie on your back" in steps:
                assert "on_back" in version.involves, version.id


def test_every_family_has_an_easier_and_a_harder_version_for_the_floor_shy() -> None:
    """Someone who can't get down still has somewhere to go for most exercises."""
    avoid = frozenset({"floor"})
    movable = [f for f in CATALOGUE.families.values() if len(f.fitting(avoid)) >= 2]
    assert len(movable) >= len(CATALOGUE.families) - 3
