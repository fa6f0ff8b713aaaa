"""The token bucket every Telegram send goes through, on a fake clock and then for real."""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import AsyncIterator

import pytest

from bot.rate_limit import RateLimiter
from dialogs.engine import Engine
from dialogs.messages import Outgoing, Reply
from tests.conftest import FakeClock
from tests.fake_telegram import FakeTelegram, telegram_bot


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


async def acquire_times(limiter: RateLimiter, clock: FakeMonotonic, count: int) -> list[float]:
    times = []
    for _ in range(count):
        await limiter.acquire()
        times.append(clock.now)
    return times


async def test_acquisitions_are_spaced_at_the_rate() -> None:
    clock = FakeMonotonic()
    limiter = RateLimiter(5.0, clock, sleep=clock.sleep)
    times = await acquire_times(limiter, clock, 10)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert times[0] == 100.0
    assert gaps == pytest.approx([0.2] * 9)


async def test_a_burst_goes_at_once_and_idle_time_saves_no_more_than_a_burst() -> None:
    clock = FakeMonotonic()
    limiter = RateLimiter(10.0, clock, burst=3, sleep=clock.sleep)
    assert await acquire_times(limiter, clock, 3) == [100.0] * 3
    clock.now += 60  # a quiet minute
    times = await acquire_times(limiter, clock, 5)
    assert times[:3] == [160.0] * 3
    assert times[3:] == pytest.approx([160.1, 160.2])


async def test_concurrent_callers_are_served_in_arrival_order() -> None:
    clock = FakeMonotonic()
    limiter = RateLimiter(2.0, clock, sleep=clock.sleep)
    served: list[int] = []

    async def caller(n: int) -> None:
        await limiter.acquire()
        served.append(n)

    await asyncio.gather(*(caller(n) for n in range(6)))
    assert served == list(range(6))
    assert sum(clock.slept) == pytest.approx(2.5)


@pytest.mark.parametrize(("rate", "burst"), [(0, 1), (-1, 1), (1, 0)])
def test_a_rate_or_burst_that_makes_no_sense_is_refused(rate: float, burst: int) -> None:
    with pytest.raises(ValueError):
        RateLimiter(rate, burst=burst)


@pytest.fixture
async def fake() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram() as server:
        yield server
    assert server.problems == []


async def test_sends_through_the_adapter_keep_to_the_configured_rate(
    engine: Engine, clock: FakeClock, fake: FakeTelegram
) -> None:
    fake.user(801)
    async with telegram_bot(engine, clock, fake, rate_per_s=20.0) as bot:
        started = time.monotonic()
        replies = [Outgoing(0, "telegram", "801", "801", Reply(f"note {n}")) for n in range(8)]
        await asyncio.gather(*(bot.send(r) for r in replies))
        elapsed = time.monotonic() - started

    sent = fake.calls_to("sendMessage")
    assert len(sent) == 8
    assert elapsed >= 7 / 20  # the first goes at once, then one every 1/20 s
    assert sent[-1].at - sent[0].at >= 7 / 20 - 0.02  # less the jitter of one request
