"""The log guard: whatever reaches the root handlers carries no token and no raw update."""

from __future__ import annotations

import logging

import pytest
from telegram import Update

from bot.telegram.log_guard import REDACTED, LogGuard, RedactingFilter

TOKEN = "123456789:AAH-secret_part-0123456789"
MESSAGE = {"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}, "text": "my words"}


def test_the_token_and_its_secret_half_are_redacted_wherever_they_appear(
    caplog: pytest.LogCaptureFixture,
) -> None:
    guard = LogGuard([TOKEN])
    guard.install()
    try:
        log = logging.getLogger("somewhere")
        log.warning("GET https://api.telegram.org/bot%s/getMe", TOKEN)
        log.warning("half: %s", TOKEN.split(":")[1])
        try:
            raise RuntimeError(f"connect to /bot{TOKEN}/sendMessage failed")
        except RuntimeError:
            log.exception("send failed")
    finally:
        guard.remove()
    assert TOKEN.split(":")[1] not in caplog.text
    assert caplog.text.count(REDACTED) == 3


def test_what_ptb_could_not_parse_is_withheld(caplog: pytest.LogCaptureFixture) -> None:
    guard = LogGuard([TOKEN])
    guard.install()
    try:
        logging.getLogger("telegram.ext.Updater").critical(
            "Something went wrong. Received data was: %r", {"message": {"text": "my words"}}
        )
        update = Update.de_json({"update_id": 1, "message": MESSAGE}, None)
        logging.getLogger("telegram.ext.Application").critical("Error for update %s", update)
        logging.getLogger("telegram.request").error('Can not load invalid JSON data: "%s"', "[my")
    finally:
        guard.remove()
    assert "my words" not in caplog.text and "[my" not in caplog.text
    assert caplog.text.count("withheld") == 3


def test_noisy_loggers_are_quieted_only_while_installed() -> None:
    logging.getLogger("httpx").setLevel(logging.NOTSET)
    guard = LogGuard([TOKEN])
    guard.install()
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING
    assert not logging.getLogger("telegram.ext.ExtBot").isEnabledFor(logging.DEBUG)
    guard.remove()
    assert logging.getLogger("httpx").level == logging.NOTSET


def test_a_record_whose_arguments_do_not_fit_still_passes() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "%d items", ("many",), None)
    assert RedactingFilter([TOKEN]).filter(record)
    assert record.getMessage() == "%d items"
