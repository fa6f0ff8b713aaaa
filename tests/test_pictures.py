"""The exercise pictures: one for every version in content/, drawn by the project's own code from
content/poses.yaml, readable, wide enough for a phone, with alt text from the content; drawn
once and kept; and a new exercise is pose data and its text, not new drawing code."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest
import yaml
from PIL import Image, UnidentifiedImageError

from bot.pictures.book import PictureBook
from bot.pictures.draw import ACCENT, BODY
from bot.pictures.sheet import contact_sheet
from content.bundle import Content, load_content
from content.errors import ContentError
from content.texts import CONTENT_DIR

MIN_WIDTH = 400


def picture_problems(book: PictureBook, content: Content) -> list[str]:
    """What a reader would notice: a version with no picture, a file that does not open as a
    PNG, one too narrow for a phone, one whose alt text is not the content's."""
    problems = []
    for family in content.plans.catalogue.families.values():
        for version in family.versions:
            path = book.picture(version.id)
            if path is None or not Path(path).exists():
                problems.append(f"{version.id}: no picture")
                continue
            try:
                with Image.open(path) as image:
                    image.load()
                    kind, width, alt = image.format, image.width, image.info.get("Description")
            except (OSError, UnidentifiedImageError):
                problems.append(f"{version.id}: unreadable")
                continue
            expected = content.texts.get("en", f"session.alt.{version.id}")
            if kind != "PNG":
                problems.append(f"{version.id}: not a PNG")
            if width < MIN_WIDTH:
                problems.append(f"{version.id}: {width} px wide")
            if not expected.strip() or alt != expected:
                problems.append(f"{version.id}: no alt text")
    return problems


def test_every_exercise_and_version_has_a_readable_picture_with_alt_text(
    pictures: PictureBook, content: Content
) -> None:
    versions = [v for f in content.plans.catalogue.families.values() for v in f.versions]
    assert len(versions) >= 33
    assert picture_problems(pictures, content) == []
    paths = {pictures.picture(v.id) for v in versions}
    assert len(paths) == len(versions), "each version has its own file"


def test_the_check_fails_for_a_missing_unreadable_narrow_or_undescribed_picture(
    pictures: PictureBook, content: Content, tmp_path: Path
) -> None:
    book = copied_book(pictures, content, tmp_path)
    assert book.draw_missing()[0] == 0
    assert picture_problems(book, content) == []
    folder = book.planned
    folder["glute_bridge"].path.unlink()
    folder["bird_dog"].path.write_bytes(b"not a picture")
    Image.new("RGB", (300, 200), "white").save(folder["dead_bug"].path)  # PNG, no alt text
    with Image.open(folder["seated_core"].path) as image:
        image.copy().save(folder["seated_core"].path)  # saved again, without its description
    assert sorted(picture_problems(book, content)) == [
        "bird_dog: unreadable",
        "dead_bug: 300 px wide",
        "dead_bug: no alt text",
        "glute_bridge: no picture",
        "seated_core: no alt text",
    ]


def test_every_picture_shows_the_figure_and_an_arrow_in_high_contrast(
    pictures: PictureBook, content: Content
) -> None:
    for version in content.poses.pictures:
        path = pictures.picture(version)
        assert path is not None
        with Image.open(path) as image:
            colours = {rgb for _, rgb in image.convert("RGB").getcolors(1 << 20) or ()}
        assert _rgb(BODY) in colours, f"{version}: no figure"
        assert _rgb(ACCENT) in colours, f"{version}: no arrow for the movement"
        assert (255, 255, 255) in colours


def test_the_alt_text_mentions_the_hourglass_exactly_where_the_end_is_held(
    content: Content,
) -> None:
    for family in content.plans.catalogue.families.values():
        for version in family.versions:
            alt = content.texts.get("en", f"session.alt.{version.id}")
            assert ("hourglass" in alt) == bool(version.dose.hold_s), version.id


def test_pictures_are_drawn_once_kept_private_and_drawn_again_when_their_pose_changes(
    pictures: PictureBook, content: Content, tmp_path: Path, content_copy: Path
) -> None:
    book = copied_book(pictures, content, tmp_path / "pictures")
    assert book.draw_missing()[0] == 0, "nothing is drawn twice"
    old = book.planned["bridge_small"].path

    def lower_bridge(data: dict) -> None:  # type: ignore[type-arg]
        data["pictures"]["bridge_small"]["poses"][1]["trunk"] = 188

    edit_yaml(content_copy / "poses.yaml", lower_bridge)
    changed = PictureBook(tmp_path / "pictures", load_content(content_copy))
    assert changed.draw_missing()[0] == 1
    assert not old.exists() and changed.planned["bridge_small"].path.exists()
    modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "pictures").iterdir()}
    assert modes == {0o600}


def test_a_new_exercise_is_its_pose_data_and_text(
    pictures: PictureBook, content: Content, tmp_path: Path, content_copy: Path
) -> None:
    def add_version(data: dict) -> None:  # type: ignore[type-arg]
        versions = data["families"]["glute_bridge"]["versions"]
        versions.append({"id": "bridge_hold", "surfaces": ["floor"], "sets": 2, "hold_s": 20})

    def add_poses(data: dict) -> None:  # type: ignore[type-arg]
        bridge = dict(data["pictures"]["glute_bridge"])
        bridge["poses"] = [bridge["poses"][0], {"hip": [-0.2, 1.6], "trunk": 202}]
        data["pictures"]["bridge_hold"] = bridge

    def add_texts(data: dict) -> None:  # type: ignore[type-arg]
        data["exercise"]["bridge_hold"] = {"name": "Bridge hold", "steps": "1. Lift and hold."}
        data["session"]["alt"]["bridge_hold"] = "Lying on the back, then the hips held up."
        data["session"]["cues"]["bridge_hold"] = "• Push through your heels.\n• Breathe."

    edit_yaml(content_copy / "exercises.yaml", add_version)
    edit_yaml(content_copy / "poses.yaml", add_poses)
    edit_yaml(content_copy / "en" / "texts.yaml", add_texts)
    grown = load_content(content_copy)
    book = copied_book(pictures, grown, tmp_path / "pictures")
    assert book.draw_missing()[0] == 1
    assert picture_problems(book, grown) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["pictures"].pop("heel_slide"), "heel_slide: this exercise version has no"),
        (
            lambda d: d["pictures"]["glute_bridge"]["poses"][1].update(trunk=230),
            "glute_bridge.2: the .* is below the floor",
        ),
        (
            lambda d: d["pictures"]["bird_dog_counter"]["poses"][0].update(arm={"to": [9.0, 5.0]}),
            "bird_dog_counter.1: cannot reach",
        ),
        (
            lambda d: d["pictures"]["seated_core"].update(props=[]),
            "seated_core: the picture does not show it done on: chair",
        ),
        (
            lambda d: d["pictures"]["dead_bug"].update(arrows=[{"path": "elbow"}]),
            "dead_bug: an arrow needs",
        ),
    ],
)
def test_pose_data_that_cannot_be_drawn_stops_start_up_naming_it(
    content_copy: Path, change: object, message: str
) -> None:
    edit_yaml(content_copy / "poses.yaml", change)  # type: ignore[arg-type]
    with pytest.raises(ContentError, match=f"poses.yaml: {message}"):
        load_content(content_copy)


def test_an_exercise_without_alt_text_stops_start_up(content_copy: Path) -> None:
    edit_yaml(content_copy / "en" / "texts.yaml", lambda d: d["session"]["alt"].pop("dead_bug"))
    with pytest.raises(ContentError, match=r"session.alt.dead_bug: text is missing"):
        load_content(content_copy)
    edit_yaml(content_copy / "en" / "texts.yaml", _blank_alt)
    with pytest.raises(ContentError, match=r"session.alt.pelvic_tilt: .*blank"):
        load_content(content_copy)


def _blank_alt(data: dict) -> None:  # type: ignore[type-arg]
    data["session"]["alt"]["dead_bug"] = "Two drawings."
    data["session"]["alt"]["pelvic_tilt"] = " "


def test_the_contact_sheet_holds_every_picture(
    pictures: PictureBook, content: Content, tmp_path: Path
) -> None:
    width, height = contact_sheet(pictures, tmp_path / "sheet.png")
    with Image.open(tmp_path / "sheet.png") as sheet:
        assert sheet.size == (width, height)
    assert width >= 6 * 300 and height > width


def copied_book(pictures: PictureBook, content: Content, folder: Path) -> PictureBook:
    """A book in `folder` holding copies of the session's pictures, not yet looked at."""
    folder.mkdir(parents=True, exist_ok=True)
    for planned in pictures.planned.values():
        shutil.copy2(planned.path, folder / planned.path.name)
    return PictureBook(folder, content)


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target


def edit_yaml(path: Path, change: object) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def _rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))
