"""A small async token bucket: at most `rate_per_s` acquisitions per second on average, with
bursts of at most `burst`. Shared by every sender of one platform (replies and reminders)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RateLimiter:
    def __init__(
        self,
        rate_per_s: float,
        clock_monotonic: Callable[[], float] = time.monotonic,
        *,
        burst: int = 1,
        sleep: Callable[[float], Awaitable[object]] = asyncio.sleep,
    ) -> None:
        if rate_per_s <= 0:
            raise ValueError("rate_per_s must be positive")
        if burst < 1:
            raise ValueError("burst must be at least 1")
        self.rate_per_s = rate_per_s
        self._clock = clock_monotonic
        self._sleep = sleep
        self._capacity = float(burst)
        self._tokens = float(burst)
        self._updated = clock_monotonic()
        self._lock = asyncio.Lock()  # waiters are served in arrival order

    async def acquire(self) -> None:
        """Wait until a token is free, then take it."""
        async with self._lock:
            self._refill()
            if self._tokens < 1:
                await self._sleep((1 - self._tokens) / self.rate_per_s)
                self._refill()
            # After the wait the bucket may hold a hair under one token (float rounding);
            # the debt is paid back by the next caller's wait, so the rate holds.
            self._tokens -= 1

    def _refill(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._updated)
        self._tokens = min(self._capacity, self._tokens + elapsed * self.rate_per_s)
        self._updated = now
