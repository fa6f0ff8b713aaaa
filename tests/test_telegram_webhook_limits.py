"""The webhook refuses before reading: a POST without the secret gets 403 and one over 1 MiB
gets 413 while its body has not even been sent, and the connection is closed instead of the
rest being read. An update is answered 200 only once its event is committed."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import pytest

from dialogs.engine import Engine
from dialogs.ports import UserKey
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, telegram_bot
from tests.test_telegram_webhook import SECRET, WEBHOOK_URL, free_port, post_update

NINETY_MB = 90 * 1024 * 1024


@pytest.fixture
async def webhook_port(
    engine: Engine, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> AsyncIterator[int]:
    port = free_port()
    webhook = {"webhook_url": WEBHOOK_URL, "webhook_secret": SECRET, "webhook_port": port}
    async with FakeTelegram() as fake, telegram_bot(engine, clock, fake, **webhook):
        yield port
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


async def headers_then_stall(port: int, headers: dict[str, str]) -> tuple[bytes, bytes]:
    """Send a request's headers and no body; return the status line and what followed it
    until the server closed the connection."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = ["POST /telegram/hook HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    try:
        status = await asyncio.wait_for(reader.readline(), 1.0)
        rest = await asyncio.wait_for(reader.read(), 1.0)  # EOF: the server closed
    finally:
        writer.close()
    return status, rest


@pytest.mark.parametrize(
    "secret", [None, "wrong", ""], ids=["no secret", "wrong secret", "empty secret"]
)
async def test_a_large_post_without_the_secret_is_refused_before_its_body_is_sent(
    webhook_port: int, secret: str | None
) -> None:
    headers = {"Content-Length": str(NINETY_MB)}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    status, _ = await headers_then_stall(webhook_port, headers)
    assert status.startswith(b"HTTP/1.1 403")


async def test_an_over_cap_post_with_the_secret_gets_413_before_its_body_is_sent(
    webhook_port: int,
) -> None:
    headers = {"Content-Length": str(NINETY_MB), "X-Telegram-Bot-Api-Secret-Token": SECRET}
    status, _ = await headers_then_stall(webhook_port, headers)
    assert status.startswith(b"HTTP/1.1 413")


async def test_an_over_cap_chunked_post_is_cut_off_after_the_cap(webhook_port: int) -> None:
    """Without a length the body is read up to the cap, and no further."""
    reader, writer = await asyncio.open_connection("127.0.0.1", webhook_port)
    head = (
        "POST /telegram/hook HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        f"X-Telegram-Bot-Api-Secret-Token: {SECRET}\r\n\r\n"
    )
    writer.write(head.encode())
    chunk, sent, status = b"x" * 65536, 0, b""
    try:
        while not status and sent < 8 * 1024 * 1024:
            writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            await asyncio.wait_for(writer.drain(), 1.0)
            sent += len(chunk)
            with contextlib.suppress(TimeoutError):
                status = await asyncio.wait_for(reader.readline(), 0.02)
    finally:
        writer.close()
    assert status.startswith(b"HTTP/1.1 413")
    assert sent < 2 * 1024 * 1024, "the server stopped reading soon after the cap"


async def test_an_update_is_answered_only_once_its_event_is_committed(
    engine: Engine, clock: FakeClock
) -> None:
    port = free_port()
    webhook = {"webhook_url": WEBHOOK_URL, "webhook_secret": SECRET, "webhook_port": port}
    async with FakeTelegram() as fake, telegram_bot(engine, clock, fake, **webhook):
        user, headers = fake.user(703), {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        pressed = {"message_id": 1, "date": 0, "chat": {"id": 703, "type": "private"}}
        for update_id, button in enumerate(("start.begin", "start.agree"), 1):
            update = {"update_id": update_id} | fake.press_update(user, pressed, button)
            assert await post_update(port, update, headers) == 200
        record = await engine.store.load(UserKey("telegram", "703"))  # the consent: saved
        assert record is not None and record.state != "start"
