from pathlib import Path

from dialogs.diagram import render

DIAGRAM = Path(__file__).resolve().parent.parent / "docs" / "interview.md"


def test_the_committed_diagram_matches_the_machine() -> None:
    assert DIAGRAM.read_text(encoding="utf-8") == render(), "run `make diagram` and commit"
