"""Retries for Bot Connector calls on 429 and 5xx: the Teams SDK sends once and raises.

A middleware on the SDK's HTTP client (`Client.use`), so every call the SDK makes (send, update, create
conversation) gets it. Only answers that say the call was *not* carried out are retried: 429 (throttled, with
its Retry-After) and 500/502/503/504. A timeout or a dropped connection after the request left is not retried:
Bot Connector has no idempotency key, and a second POST could show the message twice; such a call fails and the
core records the failure (a handoff is marked `notify_failed`, never lost).
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

log = logging.getLogger(__name__)
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_ATTEMPTS = 4
BASE_DELAY_S = 0.5
MAX_DELAY_S = 20.0


def retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("Retry-After")
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def backoff(attempt: int) -> float:
    """Exponential backoff with jitter: ~0.5 s, 1 s, 2 s … capped."""
    return min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (attempt - 1)) * random.uniform(0.5, 1.0)


class RetryMiddleware:
    """`client.use(RetryMiddleware())`: retries a refused call (429/5xx) with backoff, at most MAX_ATTEMPTS times."""

    def __init__(self, attempts: int = MAX_ATTEMPTS, sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep) -> None:
        self.attempts = attempts
        self._sleep = sleep
        self.retried = 0  # how many calls were repeated (for logs and tests)

    async def send(self, context: Any, next: Callable[[], Awaitable[httpx.Response]]) -> httpx.Response:  # noqa: A002
        attempt = 1
        while True:
            try:
                return await next()
            except httpx.HTTPStatusError as error:
                status = error.response.status_code
                if status not in RETRY_STATUSES or attempt >= self.attempts:
                    raise
                delay = retry_after(error.response)
                delay = backoff(attempt) if delay is None else min(delay, MAX_DELAY_S)
                log.warning(
                    "Bot Connector answered %s to %s; retry %s in %.1f s", status, context.method, attempt, delay
                )
                self.retried += 1
                attempt += 1
                await self._sleep(delay)
