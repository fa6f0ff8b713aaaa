"""The free-text red-flag safety net: recall on a set of user phrasings, false alarms on benign
messages, robustness on any text, speed, and the loader's errors on a broken file."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content.errors import ContentError
from content.redflags import RedFlagRules, default_redflags_path, load_redflag_rules
from dialogs.messages import Alert
from dialogs.safety import Finding, SafetyNet

PHRASINGS = Path(__file__).parent / "data" / "redflag_phrasings.yaml"
TIERS = {"emergency": Alert.EMERGENCY, "urgent": Alert.URGENT, "soon": Alert.SOON}
_NET = SafetyNet(load_redflag_rules(default_redflags_path()))  # for the Hypothesis tests
REQUIRED_SIGNS = {
    "saddle_numbness": "emergency",
    "bladder_control": "emergency",
    "bowel_control": "emergency",
    "sexual_sensation": "emergency",
    "both_legs": "emergency",
    "serious_accident": "emergency",
    "fever_unwell": "urgent",
    "weight_loss": "urgent",
    "cancer_history": "urgent",
    "steroid_use": "urgent",
    "osteoporosis": "urgent",
    "immune_suppression": "urgent",
    "injected_drugs": "urgent",
    "lump_or_shape_change": "urgent",
    "constant_or_night_pain": "soon",  # on its own (CLINICAL.md, second edition)
    "fall_or_injury": "urgent",
    "worsening_pain": "soon",
    "leg_numbness": "soon",
    "leg_weakness": "soon",
}


@pytest.fixture(scope="module")
def rules() -> RedFlagRules:
    return load_redflag_rules(default_redflags_path())


@pytest.fixture(scope="module")
def net(rules: RedFlagRules) -> SafetyNet:
    return SafetyNet(rules)


@pytest.fixture(scope="module")
def phrasings() -> dict[str, list[str]]:
    data = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    assert set(data) == {"emergency", "urgent", "soon", "none", "background"}
    return {
        tier: [str(text) for text in texts]
        for tier, texts in data.items()
        if tier in TIERS or tier == "none"
    }


def test_a_lasting_risk_factor_alone_is_background_and_sharpens_a_new_sign(net: SafetyNet) -> None:
    data = yaml.safe_load(PHRASINGS.read_text(encoding="utf-8"))
    for text in data["background"]:
        assert net.check(text) is None, text
        sharper = net.check(f"{text}. Since Monday I have a new pain low in my back")
        assert sharper is not None and sharper.tier is Alert.URGENT, text


def _tier(finding: Finding | None) -> Alert:
    return finding.tier if finding is not None else Alert.NONE


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


# ---------------------------------------------------------------- the phrasing set


def test_the_phrasing_set_is_big_and_varied(phrasings: dict[str, list[str]]) -> None:
    total = sum(len(texts) for texts in phrasings.values())
    assert total >= 170
    assert len(phrasings["none"]) >= 60
    for tier in TIERS:
        assert len(phrasings[tier]) >= 25, tier
    everything = [text for texts in phrasings.values() for text in texts]
    assert len(set(everything)) == len(everything), "a phrasing is listed twice"


def test_recall_and_false_alarms_meet_the_goals(
    net: SafetyNet, phrasings: dict[str, list[str]]
) -> None:
    results = {
        tier: [(text, _tier(net.check(text))) for text in texts]
        for tier, texts in phrasings.items()
    }
    lines = ["red-flag safety net on tests/data/redflag_phrasings.yaml:"]
    recall: dict[str, float] = {}
    for tier in TIERS:
        caught = sum(1 for _, got in results[tier] if got is not Alert.NONE)
        recall[tier] = _share(caught, len(results[tier]))
        lines.append(f"  {tier:9} n={len(results[tier]):3}  caught at any tier {recall[tier]:6.1%}")
    at_tier = sum(1 for _, got in results["emergency"] if got is Alert.EMERGENCY)
    emergency_at_tier = _share(at_tier, len(results["emergency"]))
    alarms = [(text, got) for text, got in results["none"] if got is not Alert.NONE]
    false_alarm_rate = _share(len(alarms), len(results["none"]))
    lines.append(f"  emergency caught at EMERGENCY tier {emergency_at_tier:6.1%}")
    lines.append(f"  benign    n={len(results['none']):3}  false alarms {false_alarm_rate:6.1%}")
    report = "\n".join(lines)
    print(report)

    missed = [
        f"{tier}: {text!r} -> {got.value}"
        for tier in TIERS
        for text, got in results[tier]
        if got is Alert.NONE or (tier == "emergency" and got is not Alert.EMERGENCY)
    ]
    detail = "\n".join([report, *missed, *(f"false alarm: {t!r} -> {g.value}" for t, g in alarms)])
    assert emergency_at_tier == 1.0, detail
    assert recall["urgent"] >= 0.95, detail
    assert recall["soon"] >= 0.95, detail
    assert false_alarm_rate <= 0.03, detail


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no numbness but I can't control my bladder", Alert.EMERGENCY),
        ("I don't have numbness", Alert.NONE),
        ("never had cancer", Alert.NONE),
        ("the tingling went away years ago", Alert.NONE),
        # a past cancer is background (CLINICAL.md, second edition); with a new pain, urgent
        ("I had cancer five years ago", Alert.NONE),
        ("I had cancer five years ago and this back pain is new", Alert.URGENT),
        ("my glutes burn after the bridges", Alert.NONE),
        ("I CANT PEEEEE!!!", Alert.EMERGENCY),
        ("numb   bum\u00a0🙁", Alert.EMERGENCY),
        ("Numbness\tin my groin\x00", Alert.EMERGENCY),
    ],
)
def test_examples_from_the_brief(net: SafetyNet, text: str, expected: Alert) -> None:
    assert _tier(net.check(text)) is expected


def test_the_most_urgent_sign_wins(net: SafetyNet) -> None:
    finding = net.check("I had cancer years back, my leg is weak, and now I can't pee at all")
    assert finding is not None
    assert finding.tier is Alert.EMERGENCY
    # a past cancer with new nerve signs is its own emergency (the cancer team's advice)
    assert finding.sign == "cancer_and_nerves"
    assert finding.label


def test_a_finding_names_the_sign_and_a_plain_label(net: SafetyNet, rules: RedFlagRules) -> None:
    finding = net.check("lost about a stone without trying")
    assert finding == Finding(Alert.URGENT, "weight_loss", _label(rules, "weight_loss"))


def _label(rules: RedFlagRules, sign_id: str) -> str:
    return next(sign.label for sign in rules.signs if sign.id == sign_id)


# ---------------------------------------------------------------- robustness and speed


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_check_never_raises_on_any_text(text: str) -> None:
    finding = _NET.check(text)
    assert finding is None or isinstance(finding, Finding)


_WORDS = [
    "no",
    "not",
    "never",
    "numb",
    "bum",
    "bladder",
    "pee",
    "cant",
    "control",
    "leg",
    "both",
    "legs",
    "weak",
    "fever",
    "cancer",
    "years ago",
    "but",
    ",",
    ".",
    "😭",
    "and i",
    "or",
    "tingling",
    "groin",
    "went away",
    "my mum",
    "\x00",
    "\n",
    "worse",
    "at night",
    "fell",
]


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(st.sampled_from(_WORDS), max_size=40).map(" ".join))
def test_check_never_raises_on_word_salad(text: str) -> None:
    finding = _NET.check(text)
    assert finding is None or isinstance(finding, Finding)


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\x00\x01\x02\x1f\x7f",
        "🙂" * 5000,
        "a" * 100_000,
        "no numbness in my groin, " * 4000,
        ("my back aches after walking, sitting eases it. " * 2100)[:100_000],
        "\u202e\u200b\ufeff\ud800\udfff\U0010ffff",
    ],
)
def test_odd_and_huge_texts(net: SafetyNet, text: str) -> None:
    started = time.perf_counter()
    assert net.check(text) is None
    assert time.perf_counter() - started < 2.0


def test_a_red_flag_at_the_end_of_a_long_text_is_found(net: SafetyNet) -> None:
    text = "my back aches after walking, sitting eases it. " * 2000 + "I can't feel my bum."
    assert _tier(net.check(text)) is Alert.EMERGENCY


def test_check_is_deterministic(net: SafetyNet, phrasings: dict[str, list[str]]) -> None:
    texts = [text for texts in phrasings.values() for text in texts]
    first = [net.check(text) for text in texts]
    fresh = SafetyNet(load_redflag_rules(default_redflags_path()))  # built again, once
    again = [fresh.check(text) for text in texts]
    assert first == again


# ---------------------------------------------------------------- the shipped file and errors


def test_the_shipped_file_covers_every_required_sign(rules: RedFlagRules) -> None:
    shipped = {sign.id: sign.tier for sign in rules.signs}
    for sign_id, tier in REQUIRED_SIGNS.items():
        assert shipped.get(sign_id) == tier, sign_id
    assert all(sign.label and len(sign.label) <= 120 for sign in rules.signs)
    assert default_redflags_path("en").name == "redflags.yaml"


def _minimal() -> dict[str, Any]:
    return {
        "version": 1,
        "spellings": {"numb": ["numm"]},
        "shorthands": {"gap": " (?:[a-z]+ ){0,3}"},
        "clauses": {"break_words": ["but"], "new_subject_words": ["i"]},
        "cues": {
            "negation": ["no"],
            "hypothetical": ["what if"],
            "hedges": ["not sure"],
            "negation_after": ["ruled out"],
            "other_person": ["my mum"],
            "past": ["years ago"],
            "resolved_next": ["it went away"],
        },
        "signs": [
            {
                "id": "saddle",
                "tier": "emergency",
                "label": "numb bottom",
                "patterns": ["numb{gap}bum"],
            },
            {"id": "weak_leg", "tier": "soon", "label": "a weak leg", "patterns": ["weak leg"]},
        ],
    }


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "redflags.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_a_minimal_file_loads_and_works(tmp_path: Path) -> None:
    net = SafetyNet(load_redflag_rules(_write(tmp_path, _minimal())))
    assert _tier(net.check("numm in my bum")) is Alert.EMERGENCY
    assert net.check("no numb bum") is None
    assert _tier(net.check("weak leg")) is Alert.SOON


def _broken(change: str) -> tuple[dict[str, Any], str]:
    data = _minimal()
    sign = data["signs"][1]
    if change == "unknown tier":
        sign["tier"] = "whenever"
    elif change == "bad regex":
        sign["patterns"] = ["weak (leg"]
    elif change == "duplicate id":
        sign["id"] = "saddle"
    elif change == "empty patterns":
        sign["patterns"] = []
    elif change == "missing label":
        del sign["label"]
    elif change == "unknown shorthand":
        sign["patterns"] = ["weak{nowhere}leg"]
    elif change == "matches empty text":
        sign["patterns"] = ["(?:weak)?"]
    return data, str(sign["id"])


@pytest.mark.parametrize(
    "change",
    [
        "unknown tier",
        "bad regex",
        "duplicate id",
        "empty patterns",
        "missing label",
        "unknown shorthand",
        "matches empty text",
    ],
)
def test_a_broken_file_names_the_file_and_the_entry(tmp_path: Path, change: str) -> None:
    data, entry = _broken(change)
    path = _write(tmp_path, data)
    with pytest.raises(ContentError) as raised:
        load_redflag_rules(path)
    assert raised.value.entry == entry
    assert str(path) in str(raised.value)
    assert entry in str(raised.value)


def test_a_sign_without_an_id_is_named_by_its_place(tmp_path: Path) -> None:
    data = _minimal()
    del data["signs"][1]["id"]
    with pytest.raises(ContentError, match=r"signs\[1\]"):
        load_redflag_rules(_write(tmp_path, data))


def test_a_missing_or_unreadable_file_is_a_content_error(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="missing"):
        load_redflag_rules(tmp_path / "nowhere.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("signs: [unclosed", encoding="utf-8")
    with pytest.raises(ContentError, match=r"bad\.yaml"):
        load_redflag_rules(bad)


def test_a_bad_cue_names_its_list(tmp_path: Path) -> None:
    data = _minimal()
    data["cues"]["past"] = ["years (ago"]
    with pytest.raises(ContentError) as raised:
        load_redflag_rules(_write(tmp_path, data))
    assert raised.value.entry == "cues.past"
