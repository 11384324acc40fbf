"""Exactly-once handling of Slack deliveries, durable across restarts (the store's processed events)."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger(__name__)
PLATFORM = "slack"


class Deduper:
    def __init__(self, store: Any) -> None:
        self._store = store

    def first(self, key: str) -> bool:
        """True the first time `key` is seen; a retried or duplicated delivery gets False."""
        try:
            return self._store.claim_event(PLATFORM, key)
        except Exception:  # the database is down: better answer twice than never
            log.exception("could not record Slack event %s", key)
            return True

    def event(self, event_id: str | None) -> bool:
        return not event_id or self.first(f"event:{event_id}")

    def message(self, channel: str | None, ts: str | None) -> bool:
        return not ts or self.first(f"message:{channel}:{ts}")
