"""All content, loaded and cross-checked once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content.answers import AnswerWords, load_answer_words
from content.crisis import CrisisRules, load_crisis_rules
from content.emergency import EmergencyNumber, load_emergency_numbers
from content.errors import ContentError
from content.interview import Interview, load_interview
from content.plans import PlanRules, load_plan_rules
from content.poses import Poses, load_poses
from content.redflags import RedFlagRules, load_redflag_rules
from content.texts import CONTENT_DIR, DEFAULT_LANGUAGE, Texts
from content.walking import WalkingRules, load_walking_rules


@dataclass(frozen=True)
class Content:
    texts: Texts
    interview: Interview
    answers: dict[str, AnswerWords]
    redflags: RedFlagRules
    emergency: dict[str, EmergencyNumber]
    plans: PlanRules
    crisis: CrisisRules
    walking: WalkingRules
    poses: Poses  # the exercises' pictures, drawn by bot/pictures

    def answers_for(self, language: str) -> AnswerWords:
        return self.answers.get(language) or self.answers[DEFAULT_LANGUAGE]


def load_content(directory: Path = CONTENT_DIR) -> Content:
    texts = Texts.load(directory)
    interview = load_interview(directory)
    emergency = load_emergency_numbers(directory)
    texts.require(n.advice_key for n in emergency.values() if n.advice_key)
    texts.require(f"hold.label.{q.id}" for q in interview.questions if q.tier)
    plans = load_plan_rules(directory, interview)
    texts.require(plans.text_keys(), "texts.yaml (plan)")
    poses = load_poses(directory, plans.catalogue)
    every = [f"session.{part}.{v}" for v in poses.pictures for part in ("alt", "cues")]
    texts.require(every, "texts.yaml (a picture's alt text, a session's form cues)")
    blank = next((key for key in every if not texts.get(DEFAULT_LANGUAGE, key).strip()), None)
    if blank is not None:
        raise ContentError(f"{DEFAULT_LANGUAGE}/texts.yaml", blank, "the text is blank")
    texts.require(["crisis.reply", "crisis.follow_up", "crisis.line_unknown"])
    walking = load_walking_rules(directory, interview)
    texts.require(walking.text_keys(), "texts.yaml (walk)")
    redflags = load_redflag_rules(directory / DEFAULT_LANGUAGE / "redflags.yaml")
    advice = [s.advice for s in redflags.signs] + [c.advice for c in redflags.combinations]
    texts.require((key for key in advice if key), "texts.yaml (red-flag advice)")
    unknown = interview.risk_factors() - {sign.id for sign in redflags.signs}
    if unknown:
        raise ContentError("interview.yaml", f"background.{min(unknown)}", "no such red-flag sign")
    return Content(
        texts=texts,
        interview=interview,
        answers=load_answer_words(directory),
        redflags=redflags,
        emergency=emergency,
        plans=plans,
        crisis=load_crisis_rules(directory),
        walking=walking,
        poses=poses,
    )
