"""All content, loaded and cross-checked once at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from content.answers import AnswerWords, load_answer_words
from content.crisis import CrisisRules, load_crisis_rules
from content.emergency import EmergencyNumber, load_emergency_numbers
from content.interview import Interview, load_interview
from content.plans import PlanRules, load_plan_rules
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
    texts.require(["crisis.reply", "crisis.follow_up", "crisis.line_unknown"])
    walking = load_walking_rules(directory, interview)
    texts.require(walking.text_keys(), "texts.yaml (walk)")
    redflags = load_redflag_rules(directory / DEFAULT_LANGUAGE / "redflags.yaml")
    advice = [s.advice for s in redflags.signs] + [c.advice for c in redflags.combinations]
    texts.require((key for key in advice if key), "texts.yaml (red-flag advice)")
    return Content(
        texts=texts,
        interview=interview,
        answers=load_answer_words(directory),
        redflags=redflags,
        emergency=emergency,
        plans=plans,
        crisis=load_crisis_rules(directory),
        walking=walking,
    )
