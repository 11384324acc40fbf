"""429 with Retry-After, handled the same way for every model call: the reader, the follow-up rewrite, the review.

    throttle = Throttle()                                        # one per provider, shared (bot/app.py)
    reply = throttle.call(lambda: model.invoke(prompt), deadline=time.monotonic() + timeout)

A call answered with 429 and a Retry-After that ends at least MIN_CALL_SECONDS before the caller's deadline waits
that long and is made once more. A longer Retry-After (or a second 429) raises `RateLimited` at once, and until it
has passed every caller sharing the throttle is refused without a call (`RateLimited(called=False)`), unless the
rest of the pause is short enough to wait within its own deadline. The caller then falls back (the extractive
answer, the follow-up rule, the rule verdict). A 429 without a readable Retry-After is an ordinary provider error.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
MAX_PAUSE_SECONDS = 300.0
MIN_CALL_SECONDS = 1.0  # what a call needs after the wait; a Retry-After leaving less is not waited


class RateLimited(Exception):
    """The provider asked to wait longer than the deadline allows; `called`: a request was made (and refused)."""

    def __init__(self, seconds: float, *, called: bool) -> None:
        super().__init__(f"rate limited for {seconds:.1f} s")
        self.seconds = seconds
        self.called = called


def retry_after(error: BaseException) -> float | None:
    """Seconds from a rate-limit error's Retry-After header (any provider whose error carries the response)."""
    response = getattr(error, "response", None)
    headers = getattr(response, "headers", None)
    if getattr(response, "status_code", None) != 429 or headers is None:
        return None
    try:
        return max(0.0, float(headers.get("retry-after", "")))
    except (TypeError, ValueError):
        return None


class Throttle:
    def __init__(
        self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._paused_until = 0.0

    def paused(self) -> bool:
        return self._clock() < self._paused_until

    def call(self, fn: Callable[[], T], deadline: float) -> T:
        """`fn()`, after a pause that still fits the deadline; once more after a short Retry-After."""
        self._wait_out_pause(deadline)
        try:
            return fn()
        except Exception as error:
            seconds = retry_after(error)
            if seconds is None:
                raise
            self._pause(seconds)
            if not self._fits(seconds, deadline):
                raise RateLimited(seconds, called=True) from error
            self._sleep(seconds)
        try:
            return fn()
        except Exception as error:
            seconds = retry_after(error)
            if seconds is None:
                raise
            self._pause(seconds)
            raise RateLimited(seconds, called=True) from error

    def _wait_out_pause(self, deadline: float) -> None:
        left = self._paused_until - self._clock()
        if left <= 0:
            return
        if not self._fits(left, deadline):
            raise RateLimited(left, called=False)
        self._sleep(left)

    def _fits(self, seconds: float, deadline: float) -> bool:
        return self._clock() + seconds + MIN_CALL_SECONDS <= deadline

    def _pause(self, seconds: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + min(seconds, MAX_PAUSE_SECONDS))
