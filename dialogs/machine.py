"""The ONE state machine every user's conversation runs on, built from the interview content.

Models are never attached: a fresh Conversation is passed to `fire` for each event, so the
machine holds no per-user state and costs nothing per user."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from transitions import Machine, MachineError

from content.interview import Interview
from dialogs.conversation import NEW

PLAN = "plan"
HOLD = "hold"  # a red flag was raised; the plan waits until the user has been checked


class EndsInterview:
    """The condition on an answer that ends the interview early: the answer is one of these."""

    def __init__(self, answers: tuple[str, ...]) -> None:
        self.answers = answers

    def __call__(self, event: Any) -> bool:
        return event.kwargs.get("value") in self.answers

    def __str__(self) -> str:
        return "ends_interview"


def build_machine(interview: Interview) -> Machine:
    questions = [q.state for q in interview.questions]
    # a "yes" to a screening question holds the plan, except at the soon tier (the plan goes
    # on gently, with the advice: see dialogs/holds.py)
    screening = [q.state for q in interview.questions if q.tier and q.tier != "soon"]
    machine = Machine(
        model=None,
        states=[NEW, *questions, PLAN, HOLD],
        initial=NEW,
        auto_transitions=False,
        send_event=True,
        after_state_change="announce",
    )
    machine.add_transition("agree", NEW, questions[0])
    ends = {q.state: q.ends for q in interview.questions if q.ends}
    for here, after in zip(questions, [*questions[1:], PLAN], strict=True):
        if here in screening:
            machine.add_transition("answer", here, HOLD, conditions="answered_yes")
        if here in ends:
            machine.add_transition("answer", here, PLAN, conditions=EndsInterview(ends[here]))
        machine.add_transition("answer", here, after)
    for earlier, here in pairwise(questions):
        machine.add_transition("back", here, earlier)
    checkin = interview.checkin_states()
    if checkin:
        machine.add_states(checkin)
        machine.add_transition("checkin", PLAN, checkin[0])
        for here, after in zip(checkin, [*checkin[1:], PLAN], strict=True):
            if here[2:] in {s[3:] for s in screening}:
                machine.add_transition("answer", here, HOLD, conditions="answered_yes")
            machine.add_transition("answer", here, after)
        for earlier, here in pairwise(checkin):
            machine.add_transition("back", here, earlier)
    asking = [*questions, *checkin]
    machine.add_transition("restart", [*asking, PLAN], questions[0])
    machine.add_transition("flag", [*asking, PLAN], HOLD)
    for target in [*asking, PLAN]:
        machine.add_transition("resume", HOLD, target, conditions="is_resume_target")
    return machine


def fire(machine: Machine, trigger: str, model: Any, **kwargs: Any) -> bool:
    """Run `trigger` on a model; False when the trigger does not apply in its state."""
    event = machine.events.get(trigger)
    if event is None:
        return False
    try:
        return bool(event.trigger(model, **kwargs))
    except MachineError:
        return False


def mermaid(machine: Machine) -> str:
    """A Mermaid state diagram drawn from the machine itself."""
    lines = ["stateDiagram-v2", f"    [*] --> {machine.initial}"]
    for name, event in machine.events.items():
        for source, transitions in event.transitions.items():
            for transition in transitions:
                conditions = [str(c.func) for c in transition.conditions]
                label = name + (f" [{', '.join(conditions)}]" if conditions else "")
                lines.append(f"    {source} --> {transition.dest}: {label}")
    return "\n".join(lines) + "\n"
