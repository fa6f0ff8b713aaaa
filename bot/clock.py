"""The clock is injected everywhere, so tests can travel through days without sleeping."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

Sleep = Callable[[float], Awaitable[object]]


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


async def sleep_unless_stopped(stop: asyncio.Event, seconds: float, sleep: Sleep) -> bool:
    """A back-off with an injectable sleep, cut short when `stop` is set; True when stopped."""
    sleeping = asyncio.ensure_future(sleep(seconds))
    stopping = asyncio.ensure_future(stop.wait())
    await asyncio.wait({sleeping, stopping}, return_when=asyncio.FIRST_COMPLETED)
    sleeping.cancel()
    stopping.cancel()
    await asyncio.gather(sleeping, stopping, return_exceptions=True)
    return stop.is_set()
