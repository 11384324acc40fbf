"""Which delivery is being sent right now: the key a platform client stamps on the messages it posts, so that a
resumed attempt can recognise what its crashed predecessor already got through (bot/slack/once.py).

An inbox worker wraps one stored request's work in `delivering("inbox:<id>", resumed=attempt > 1, since=...)`,
the outbox one message's send in `delivering("outbox:<id>", ...)`. Every message posted inside gets its own key,
`<base>#<n>` (the n-th post of that work), so a request that posts two messages is recognised post by post.
`resumed` says whether an earlier attempt may have posted (it was taken over or retried); only then is it worth
looking. `since` is when the request or message was recorded: nothing of it can be older.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class Delivery:
    base: str
    resumed: bool
    since: datetime | None
    posted: int = 0
    seen: dict[Any, dict[str, str]] = field(default_factory=dict)  # per place: {key: ts} a resumed attempt found

    def next_key(self) -> str:
        self.posted += 1
        return f"{self.base}#{self.posted}"


class _Current(threading.local):
    delivery: Delivery | None = None


_current = _Current()


@contextmanager
def delivering(base: str, *, resumed: bool, since: datetime | None = None) -> Iterator[Delivery]:
    """Around the work of one stored request or one outbox send, in the thread that posts."""
    outer, _current.delivery = _current.delivery, Delivery(base, resumed, since)
    try:
        yield _current.delivery
    finally:
        _current.delivery = outer


def current() -> Delivery | None:
    return _current.delivery
