"""Walks told in words are read for their minutes, the minutes until the pain came on and the
pain score, however they are put; texts that tell no walk are left alone."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.bundle import load_content
from dialogs.answers import normalise
from dialogs.walk_log import TypedWalk, read_minutes, read_walk

WORDS = load_content().answers_for("en")


def read(text: str) -> TypedWalk | None:
    return read_walk(normalise(text), WORDS)


@pytest.mark.parametrize(
    ("text", "minutes", "onset", "pain"),
    [
        ("walked 25 min, pain came on after 15", 25, 15, None),
        ("walked 20 min, pain after 12", 20, 12, None),
        ("Walked 20 minutes. Pain after 12 minutes, 4/10", 20, 12, 4),
        ("I walked for half an hour, no pain", 30, None, None),
        ("walked 1 hour, pain after 20 min, 5 out of 10", 60, 20, 5),
        ("walked for an hour and a half", 90, None, None),
        ("a 30 minute walk, it started hurting after 10 minutes", 30, 10, None),
        ("after 15 minutes the pain started; walked 25 in total", 25, 15, None),
        ("walked twenty minutes, pain after twelve minutes", 20, 12, None),
        ("walked 2 km in 25 min", 25, None, None),
        ("walked at 9am for 40 min, pain kicked in at 30", 40, 30, None),
        ("walked 1.5 hours", 90, None, None),
        ("went for a walk, 35 mins, the ache came on after 20, pain was 3", 35, 20, 3),
    ],
)
def test_a_walk_told_in_words(
    text: str, minutes: float, onset: float | None, pain: int | None
) -> None:
    told = read(text)
    assert told is not None, text
    assert (told.minutes, told.onset, told.pain) == (minutes, onset, pain)


@pytest.mark.parametrize(
    "text",
    ["walking is hard", "I want to walk further", "my pain is 5 today", "hello", "walked 3 km"],
)
def test_texts_that_tell_no_walk(text: str) -> None:
    assert read(text) is None


PHRASES = (
    "walked {m} min, pain after {o}",
    "walked {m} minutes, pain came on after {o} minutes",
    "I walked for {m} mins and the pain started after {o} mins",
    "walk {m} min pain at {o} min",
    "{m} min walk, hurt after {o}",
)


@given(
    st.integers(min_value=1, max_value=240),
    st.integers(min_value=0, max_value=240),
    st.sampled_from(PHRASES),
)
def test_any_minutes_in_any_phrasing_are_read_as_told(
    minutes: int, onset: int, phrase: str
) -> None:
    told = read(phrase.format(m=minutes, o=onset))
    assert told is not None
    assert (told.minutes, told.onset) == (minutes, onset)


@given(st.integers(min_value=1, max_value=240), st.integers(min_value=0, max_value=10))
def test_a_pain_score_out_of_ten_is_never_taken_for_minutes(minutes: int, score: int) -> None:
    told = read(f"walked {minutes} min, pain {score}/10")
    assert told is not None and (told.minutes, told.onset, told.pain) == (minutes, None, score)


def test_lengths_told_alone() -> None:
    assert read_minutes("about 25", WORDS) == 25
    assert read_minutes("half an hour", WORDS) == 30
    assert read_minutes("1.5 hours", WORDS) == 90
    assert read_minutes("no idea", WORDS) is None
