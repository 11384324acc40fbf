"""Exactly-once handling of Slack deliveries, durable across restarts (the store's processed events).

A stored event worked off from the inbox runs inside `owned_by(<inbox item>)`: its claims carry the item as
owner, so when a crash interrupted the work and the item is taken again, its own earlier claims do not make it
drop itself as a duplicate, while another delivery of the same message still is one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

log = logging.getLogger(__name__)
PLATFORM = "slack"


class Deduper:
    def __init__(self, store: Any) -> None:
        self._store = store
        self._local = threading.local()

    @property
    def store(self) -> Any:
        """The database the claims live in (the durable inbox of `lotse serve` uses it too)."""
        return self._store

    @contextmanager
    def owned_by(self, owner: str) -> Iterator[None]:
        self._local.owner = owner
        try:
            yield
        finally:
            self._local.owner = None

    def first(self, key: str) -> bool:
        """True the first time `key` is seen; a retried or duplicated delivery gets False."""
        try:
            return self._store.claim_event(PLATFORM, key, owner=getattr(self._local, "owner", None))
        except Exception:  # the database is down: better answer twice than never
            log.exception("could not record Slack event %s", key)
            return True

    def event(self, event_id: str | None) -> bool:
        return not event_id or self.first(f"event:{event_id}")

    def message(self, channel: str | None, ts: str | None) -> bool:
        return not ts or self.first(f"message:{channel}:{ts}")
