"""Content is checked when loaded: a broken entry stops start-up with one line naming it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from content.bundle import load_content
from content.errors import ContentError
from content.texts import CONTENT_DIR


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def edit_yaml(path: Path, change: Callable[[dict], None]) -> None:  # type: ignore[type-arg]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_the_shipped_content_loads() -> None:
    content = load_content()
    families = content.plans.catalogue.families
    seed = {"glute_bridge", "bird_dog", "side_leg_lift", "dead_bug", "pelvic_tilt"}
    seed |= {"hamstring_stretch", "seated_core"}
    assert seed | {"knee_to_chest", "seated_forward_bend", "hip_flexor_stretch"} <= set(families)
    assert next(q.tier for q in content.interview.questions if q.tier) == "emergency"


def test_an_unknown_exercise_in_a_rule_names_the_file_and_rule(content_copy: Path) -> None:
    edit_yaml(content_copy / "plans.yaml", lambda d: d["rules"][0]["exercises"].update({"yoga": 1}))
    with pytest.raises(ContentError) as error:
        load_content(content_copy)
    assert str(error.value).startswith("plans.yaml: long_sitting:")
    assert "yoga" in str(error.value)


def test_a_rule_that_names_nothing_is_refused(content_copy: Path) -> None:
    def empty_rule(data: dict) -> None:  # type: ignore[type-arg]
        data["rules"].append({"id": "empty", "when": {"gait": ["sway"]}})

    edit_yaml(content_copy / "plans.yaml", empty_rule)
    with pytest.raises(ContentError, match=r"plans.yaml: empty: the rule names nothing"):
        load_content(content_copy)


def test_the_base_of_every_plan_names_no_contributor(content_copy: Path) -> None:
    """A contributor shown to everyone would follow from no answer."""
    edit_yaml(content_copy / "plans.yaml", lambda d: d["base"].update(contributors=["nerve"]))
    with pytest.raises(ContentError, match=r"plans.yaml: base: names what only an answer"):
        load_content(content_copy)


def test_an_exercise_family_needs_an_easier_and_a_harder_version(content_copy: Path) -> None:
    def one_version(data: dict) -> None:  # type: ignore[type-arg]
        family = data["families"]["bird_dog"]
        family["versions"] = family["versions"][2:3]

    edit_yaml(content_copy / "exercises.yaml", one_version)
    with pytest.raises(ContentError, match=r"exercises.yaml: bird_dog: needs an easier"):
        load_content(content_copy)


def test_a_rule_on_an_unknown_option_is_refused(content_copy: Path) -> None:
    edit_yaml(
        content_copy / "plans.yaml", lambda d: d["rules"][0]["when"].update({"gait": ["moonwalk"]})
    )
    with pytest.raises(
        ContentError, match=r"plans.yaml: long_sitting: gait has no option 'moonwalk'"
    ):
        load_content(content_copy)


def test_a_missing_text_names_its_key(content_copy: Path) -> None:
    edit_yaml(content_copy / "en" / "texts.yaml", lambda d: d["exercise"].pop("bird_dog"))
    with pytest.raises(
        ContentError, match=r"en/texts.yaml.*: exercise.bird_dog.name: text is missing"
    ):
        load_content(content_copy)


def test_a_missing_question_wording_names_the_question(content_copy: Path) -> None:
    edit_yaml(content_copy / "en" / "interview.yaml", lambda d: d.pop("eases"))
    with pytest.raises(ContentError, match=r"en/interview.yaml: eases: wording is missing"):
        load_content(content_copy)


def test_a_bad_emergency_number_names_the_country(content_copy: Path) -> None:
    edit_yaml(
        content_copy / "emergency.yaml", lambda d: d.update({"FR": {"number": "one-one-two"}})
    )
    with pytest.raises(ContentError, match=r"emergency.yaml: FR:"):
        load_content(content_copy)


def test_engine_texts_are_all_present() -> None:
    content = load_content()
    for key in (
        "start.greeting",
        "consent.text",
        "errors.try_again",
        "hold.emergency",
        "hold.urgent",
    ):
        assert content.texts.has(key), key


def test_every_text_key_named_in_the_code_exists() -> None:
    import re

    content = load_content()
    code = "\n".join(p.read_text() for p in (CONTENT_DIR.parent / "dialogs").glob("*.py"))
    keys = set(re.findall(r"""\.t\(\s*"([a-z_]+\.[a-z_.]+)"\s*[,)]""", code))
    keys |= set(re.findall(r"""button\(\s*"[a-z_.]+",\s*"([a-z_]+\.[a-z_.]+)"\s*\)""", code))
    assert len(keys) > 30
    missing = sorted(k for k in keys if not content.texts.has(k))
    assert missing == []


def test_an_unquoted_no_in_a_question_is_refused_not_ignored(content_copy: Path) -> None:
    path = content_copy / "interview.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('"no": not_possible', "no: not_possible"), encoding="utf-8")
    with pytest.raises(ContentError, match=r'interview\.yaml: floor: .*write "no" in quotes'):
        load_content(content_copy)
