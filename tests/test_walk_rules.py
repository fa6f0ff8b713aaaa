"""The walking prescription and its weekly step, as the rules in content/walking.yaml say:
bouts a little under the pain-onset time and never under 2 minutes, the rest that suits the
pattern, a step up after a good week, a hold after a mixed one, a step back after a flare."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.bundle import Content, load_content
from content.errors import ContentError
from dialogs.walk_rx import aids, dose, first_bout, is_circulation, measure, prompts
from dialogs.walk_week import limit_for, review
from tests.test_content import content_copy, edit_yaml  # noqa: F401 (a fixture)

CONTENT = load_content()
RULES = CONTENT.walking
START = "2026-03-02"


def walks(count: int, pain: int = 2, onset: float | None = None, **extra: object) -> list[dict]:  # type: ignore[type-arg]
    return [
        {"day": f"2026-03-0{2 + n}", "minutes": 28.0, "onset": onset, "pain": pain} | extra
        for n in range(count)
    ]


@given(st.integers(min_value=1, max_value=24 * 60))
def test_a_bout_is_a_little_under_the_onset_and_never_under_two_minutes(onset: int) -> None:
    bout = first_bout(RULES, onset)
    assert bout >= 2
    assert bout <= 15, "two bouts of 15 already make the aim"
    if 4 <= onset <= 20:  # under 4, 2 minutes is the floor; over 20, 15 is the ceiling
        assert 0.5 * onset <= bout <= 0.8 * onset


@given(
    st.integers(min_value=2, max_value=15),
    st.sampled_from(["sitting", "standing_still", "neither"]),
)
def test_the_session_holds_two_to_four_bouts_and_stays_near_the_aim(bout: int, eases: str) -> None:
    d = dose(RULES, bout, eases)
    assert 2 <= d.bouts <= 4 and d.days_a_week == 5
    assert abs(d.session_min - 30) <= max(bout / 2, 30 - 4 * bout)
    assert d.times_a_day == (2 if bout <= 4 else 1)


def test_the_rest_suits_the_pattern() -> None:
    assert dose(RULES, 7, "sitting").rest_how == "sit"
    assert dose(RULES, 7, "standing_still").rest_how == "stand"
    assert dose(RULES, 7, "neither").rest_how == "stand"
    assert dose(RULES, 7, None).rest_how == "stand"


def test_ten_minutes_to_the_pain_gives_four_bouts_of_seven() -> None:
    d = dose(RULES, first_bout(RULES, 10), "sitting")
    assert (d.bout_min, d.bouts, d.rest_min, d.times_a_day) == (7, 4, 2, 1)


def test_aids_fit_the_pattern_and_the_circulation_pattern_gets_none() -> None:
    assert "poles" in aids(RULES, {"eases": "sitting"}) and "bike" in aids(
        RULES, {"eases": "sitting"}
    )
    assert "bike" not in aids(RULES, {"eases": "neither"})
    calf = {"where": "calf", "eases": "standing_still"}
    assert is_circulation(RULES, calf) and aids(RULES, calf) == []
    assert not is_circulation(RULES, {"where": "calf", "eases": "sitting"})
    assert not is_circulation(RULES, {"where": "back", "eases": "standing_still"})


def test_the_acceptable_pain_is_four_or_two_above_the_usual() -> None:
    assert limit_for(RULES, 1) == 4
    assert limit_for(RULES, 5) == 7


def test_a_good_week_steps_the_bouts_up_by_a_minute_or_two() -> None:
    week = review(RULES, START, walks(5), 7, 4, [])
    assert (week.decision, week.reason, week.after) == ("up", "good", 8)
    assert review(RULES, START, walks(5), 14, 4, []).after == 15  # 15 % of 14 is 2, capped at 15
    assert review(RULES, START, walks(5), 12, 4, []).after == 14  # 15 % of 12 is 2


def test_a_flare_steps_the_bouts_back_by_a_quarter() -> None:
    stopped = walks(4)
    stopped[1]["stopped"] = True
    week = review(RULES, START, stopped, 8, 4, [])
    assert (week.decision, week.reason, week.after) == ("back", "flare", 6)
    mostly_too_painful = walks(2, pain=7) + walks(2, pain=3)
    assert review(RULES, START, mostly_too_painful, 8, 4, []).reason == "flare"
    assert review(RULES, START, walks(4), 2, 4, []).after >= 2


def test_a_mixed_or_thin_week_holds() -> None:
    one_too_painful = walks(1, pain=7) + walks(3, pain=3)
    assert review(RULES, START, one_too_painful, 8, 4, []).reason == "mixed"
    assert review(RULES, START, walks(2), 8, 4, []).reason == "few"
    week = review(RULES, START, [], 8, 4, [])
    assert (week.decision, week.reason, week.after) == ("hold", "none", 8)


def test_a_measured_onset_keeps_the_bouts_under_it() -> None:
    week = review(RULES, START, walks(5, onset=6.0), 8, 4, [])
    assert (week.reason, week.after, week.decision) == ("capped", 4, "back")  # 80 % of 6
    assert review(RULES, START, walks(5, onset=20.0), 8, 4, []).after == 9


def test_a_shorter_onset_than_last_week_holds_and_two_falls_are_worse() -> None:
    earlier = [{"onset": 12.0}, {"onset": 10.0}]
    week = review(RULES, START, walks(5, onset=8.0), 5, 4, earlier)
    assert week.reason == "falling" and week.after == 5 and week.worse
    not_yet = review(RULES, START, walks(5, onset=8.0), 5, 4, [{"onset": 10.0}])
    assert not not_yet.worse
    level = review(RULES, START, walks(5, onset=10.0), 5, 4, earlier)
    assert not level.worse


def test_prompts_follow_the_bouts_and_rests() -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    planned = prompts(start, dose(RULES, 7, "sitting"))
    offsets = [(p.at - start) // timedelta(minutes=1) for p in planned]
    assert offsets == [7, 9, 16, 18, 25, 27, 34]
    assert [p.kind for p in planned] == ["rest", "walk"] * 3 + ["last"]


@given(st.floats(min_value=0, max_value=120 * 60), st.integers(min_value=2, max_value=15))
def test_a_timed_walk_never_counts_more_walking_than_time(elapsed: float, bout: int) -> None:
    d = dose(RULES, bout, "sitting")
    got = measure(elapsed, None, d)
    assert 0 <= got.minutes <= elapsed / 60 + 0.05
    assert 1 <= got.bouts <= d.bouts
    rests = (d.bouts - 1) * d.rest_min * 60
    assert got.minutes >= (elapsed - rests) / 60 - 0.05


def test_the_pain_onset_is_counted_within_its_bout() -> None:
    d = dose(RULES, 7, "sitting")  # bouts start at 0, 9, 18 and 27 minutes
    assert measure(30 * 60, 12 * 60, d).onset == 3.0
    assert measure(30 * 60, 8 * 60, d).onset == 7.0  # during a rest: at the bout's end


def test_walking_content_is_checked_when_loaded(content_copy: Path) -> None:  # noqa: F811
    path = content_copy / "walking.yaml"
    edit_yaml(path, lambda d: d["rests"].pop("neither"))
    with pytest.raises(
        ContentError, match=r"walking.yaml: rests: no rest for the answer 'neither'"
    ):
        load_content(content_copy)


def test_a_bout_share_out_of_range_is_refused(content_copy: Path) -> None:  # noqa: F811
    edit_yaml(content_copy / "walking.yaml", lambda d: d["prescription"].update(share_of_onset=2))
    with pytest.raises(ContentError, match=r"prescription.share_of_onset: must be between"):
        load_content(content_copy)


def test_an_aid_rule_on_an_unknown_option_is_refused(content_copy: Path) -> None:  # noqa: F811
    edit_yaml(
        content_copy / "walking.yaml", lambda d: d["aids"][0]["when"].update(eases=["dancing"])
    )
    with pytest.raises(ContentError, match=r"leaning_forward_eases: eases has no option 'dancing'"):
        load_content(content_copy)


def test_every_aid_has_its_text(content_copy: Path) -> None:  # noqa: F811
    edit_yaml(content_copy / "walking.yaml", lambda d: d["aids"][0]["aids"].append("jetpack"))
    with pytest.raises(ContentError, match=r"walk.aid.jetpack: text is missing"):
        load_content(content_copy)


def test_the_shipped_content_has_walking_rules(content: Content) -> None:
    assert content.walking.prescription.min_bout_min == 2
    assert 0.7 <= content.walking.prescription.share_of_onset <= 0.8


def test_a_typed_word_for_two_buttons_is_refused(content_copy: Path) -> None:  # noqa: F811
    edit_yaml(content_copy / "walking.yaml", lambda d: d["typed"]["stop"].append("done"))
    with pytest.raises(ContentError, match=r"walking.yaml: typed: 'done' stands for two buttons"):
        load_content(content_copy)
