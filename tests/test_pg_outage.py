"""PostgreSQL goes away for a while (a restart, as the bot sees it, through a proxy that is cut
and restored): the user is asked to try again in a moment, the bot keeps running, nothing is
half-saved, and once the database is back the interview goes on from where it was."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import fresh_postgres_url, load_user
from tests.process import BotProcess
from tests.tcp_proxy import TcpProxy
from tests.test_faults import TRY_AGAIN

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
async def real_url() -> str:
    return await fresh_postgres_url()


@pytest.fixture
async def proxy(real_url: str) -> AsyncIterator[TcpProxy]:
    url = make_url(real_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    await proxy.start()
    try:
        yield proxy
    finally:
        await proxy.cut()


async def say(bot: BotProcess, **message: str) -> dict[str, Any]:
    """Send one message and return the one reply it gets (read off the event loop, which
    runs the proxy)."""
    bot.send(**message)
    return await asyncio.to_thread(bot.read)


def asks(reply: dict[str, Any], question: str) -> bool:
    return any(b["id"].startswith(f"{question}.") for b in reply["buttons"])


async def test_the_bot_apologises_while_postgres_is_away_and_recovers_by_itself(
    real_url: str, proxy: TcpProxy, bot_process: Any
) -> None:
    through_proxy = make_url(real_url).set(host="127.0.0.1", port=proxy.port)
    bot = bot_process(through_proxy.render_as_string(hide_password=False), user="kim")
    await say(bot, button="start.begin")
    assert asks(await say(bot, button="start.agree"), "saddle_bladder")
    assert asks(await say(bot, button="saddle_bladder.no"), "both_legs_accident")
    before = await load_user(real_url, "kim")
    assert before is not None

    await proxy.cut()  # every pooled connection is reset; new ones are refused
    for message in ({"button": "both_legs_accident.no"}, {"text": "/help"}, {"text": "no"}):
        reply = await say(bot, **message)
        assert TRY_AGAIN in reply["text"], "a kind answer, not a crash or silence"
    assert bot.proc.poll() is None, "the bot keeps running"
    assert await load_user(real_url, "kim") == before, "nothing half-saved"

    await proxy.restore()  # the database is back: no restart of the bot needed
    assert asks(await say(bot, button="both_legs_accident.no"), "unwell_history")
    after = await load_user(real_url, "kim")
    assert after is not None and after.seq == before.seq + 1, "the answer applied once"
    assert after.state == "rf_unwell_history"
    assert after.data["answers"] == {**before.data["answers"], "both_legs_accident": "no"}

    await proxy.cut()  # a quick restart between two messages: the pooled connections are dead,
    await proxy.restore()  # but the next message must not be the one to find out, even a read
    bot.send(text="/progress")  # answered, then back to the question it was at
    replies = await asyncio.to_thread(bot.read_until, lambda m: bool(m["buttons"]))
    assert "nothing to show yet" in replies[0]["text"] and asks(replies[-1], "unwell_history")
    assert asks(await say(bot, button="unwell_history.no"), "constant_or_injury")

    assert await asyncio.to_thread(bot.close) == "", "no stray replies"
    assert bot.proc.returncode == 0
    assert "Traceback" not in bot.stderr_text
