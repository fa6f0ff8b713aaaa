"""Print the interview's Mermaid diagram, drawn from the machine: `python -m dialogs.diagram`."""

from __future__ import annotations

from content.interview import load_interview
from dialogs.machine import build_machine, mermaid

HEADER = """# The conversation's state machine

Generated from `dialogs/machine.py` by `make diagram`; a test fails when this file is stale.
States starting `rf_` are the red-flag screening questions, `q_` the walking-pattern questions.

```mermaid
"""


def render() -> str:
    return HEADER + mermaid(build_machine(load_interview())) + "```\n"


if __name__ == "__main__":
    print(render(), end="")
