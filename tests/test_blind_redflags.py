"""The red-flag and crisis nets on the blind development set (tests/data/blind, written from
the clinical facts by people who never saw the patterns). The locked fifth is not read here:
it is scored once, by hand, with `python -m tests.score_redflags locked`."""

from __future__ import annotations

from tests.score_redflags import score


def test_the_development_set_meets_the_goals() -> None:
    result = score("dev")
    totals, good = result["totals"], result["good"]

    def share(*expects: str) -> float:
        return sum(good[e] for e in expects) / sum(totals[e] for e in expects)

    misses = "\n".join(f"{k}: {v[:3]}" for k, v in result["misses"].items())
    assert share("emergency") >= 0.98, misses
    assert share("urgent", "soon") >= 0.96, misses
    assert share("crisis") >= 0.97, misses
    assert share("longstanding") >= 0.98, misses  # not sent to the emergency department
    assert share("none") >= 0.98, misses  # no alarm on an ordinary message
    assert result["asked_calm"] <= 0.05 * totals["none"], misses
