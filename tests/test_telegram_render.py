"""How replies are cut and laid out for Telegram, without a network."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.adapter import api_urls
from bot.telegram.render import (
    MAX_CAPTION,
    MAX_TEXT,
    Part,
    button_rows,
    render,
    split_text,
    telegram_length,
)
from dialogs.messages import Alert, Button, Reply


def labels(rows: tuple[tuple[Button, ...], ...]) -> list[list[str]]:
    return [[b.label for b in row] for row in rows]


def buttons(*names: str) -> tuple[Button, ...]:
    return tuple(Button(f"q.{i}", name) for i, name in enumerate(names))


def test_a_scale_of_short_labels_takes_six_a_row() -> None:
    rows = button_rows(buttons(*(str(n) for n in range(11)), "⬅ Back"))
    assert labels(rows) == [["0", "1", "2", "3", "4", "5"], ["6", "7", "8", "9", "10"], ["⬅ Back"]]


def test_longer_labels_take_at_most_three_a_row_and_what_fits_a_phone() -> None:
    rows = button_rows(buttons("Yes", "No", "Maybe", "Later"))
    assert labels(rows) == [["Yes", "No", "Maybe"], ["Later"]]
    rows = button_rows(buttons("Yes, one of these", "No, none of these"))
    assert labels(rows) == [["Yes, one of these"], ["No, none of these"]]


def test_a_button_id_over_64_bytes_is_refused() -> None:
    button_rows((Button("é" * 32, "fits: 64 bytes"),))
    with pytest.raises(ValueError, match="64 bytes"):
        button_rows((Button("é" * 32 + "x", "65 bytes"),))


@pytest.mark.parametrize(
    ("alert", "banner"),
    [
        (Alert.SOON, "SEE A CLINICIAN SOON"),
        (Alert.URGENT, "URGENT"),
        (Alert.EMERGENCY, "EMERGENCY"),
    ],
)
def test_an_alert_starts_with_a_line_that_stands_out(alert: Alert, banner: str) -> None:
    [part] = render(Reply("Please get help now.", alert=alert))
    first, rest = part.text.split("\n", 1)
    assert first.endswith(banner) and not first[0].isalnum()
    assert rest == "Please get help now."


def test_a_long_text_is_cut_between_paragraphs_with_the_buttons_on_the_last_part() -> None:
    paragraphs = [f"Paragraph {n}. " + "word " * 300 for n in range(8)]
    text = "\n\n".join(paragraphs)
    parts = render(Reply(text, buttons("OK")))
    assert len(parts) > 1
    assert all(telegram_length(p.text) <= MAX_TEXT for p in parts)
    assert "\n\n".join(p.text for p in parts) == text
    assert [bool(p.rows) for p in parts] == [False] * (len(parts) - 1) + [True]


def test_a_paragraph_too_long_is_cut_between_lines_then_anywhere() -> None:
    lines = "\n".join("line " * 100 for _ in range(20))
    assert all(p.endswith("line ") for p in split_text(lines))
    solid = "🙂" * 5000  # two UTF-16 units each
    pieces = split_text(solid)
    assert "".join(pieces) == solid
    assert [telegram_length(p) for p in pieces] == [4096, 4096, 1808]


@given(st.text(alphabet=st.sampled_from("ab \n🙂"), max_size=300).filter(str.strip))
def test_no_piece_is_ever_too_long_and_nothing_but_spacing_is_lost(text: str) -> None:
    pieces = split_text(text, limit=40)
    assert all(p.strip() and telegram_length(p) <= 40 for p in pieces)
    assert "".join("".join(p.split()) for p in pieces) == "".join(text.split())


def test_an_image_takes_the_text_as_caption_when_it_fits() -> None:
    short = render(Reply("Hold for ten seconds.", buttons("Done"), image="stretch.png"))
    done = ((Button("q.0", "Done"),),)
    assert short == [Part("Hold for ten seconds.", done, photo="stretch.png")]
    long_text = "x" * (MAX_CAPTION + 1)
    photo, text = render(Reply(long_text, buttons("Done"), image="stretch.png"))
    assert photo == Part("", photo="stretch.png")
    assert text.text == long_text and text.rows


def test_a_picture_and_a_file_come_first_and_the_text_after_them() -> None:
    reply = Reply("Your progress.", buttons("OK"), image="chart.png", document="export.json")
    assert render(reply) == [
        Part("", photo="chart.png"),
        Part("", document="export.json"),
        Part("Your progress.", ((Button("q.0", "OK"),),)),
    ]


def test_an_empty_reply_still_makes_a_message() -> None:
    assert render(Reply("  ")) == [Part("…")]


@pytest.mark.parametrize(
    ("base", "api", "files"),
    [
        (
            "http://127.0.0.1:8081/bot",
            "http://127.0.0.1:8081/bot",
            "http://127.0.0.1:8081/file/bot",
        ),
        ("http://127.0.0.1:8081/", "http://127.0.0.1:8081/bot", "http://127.0.0.1:8081/file/bot"),
        ("http://h/api/bot{token}", "http://h/api/bot{token}", "http://h/api/file/bot{token}"),
    ],
)
def test_a_local_bot_api_server_address_is_read_either_way(base: str, api: str, files: str) -> None:
    assert api_urls(base) == (api, files)
