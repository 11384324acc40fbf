"""One pool of inbox workers for every platform a process serves: each stored request goes to its platform's
handler (`item.platform`), and the pool takes only items of platforms it has a handler for, so a process that
serves only Teams never takes (and fails) a Slack item of a shared database.

    pool = WorkerPool(inbox, threads=settings.inbox_workers)
    pool.serve("slack", StoredEventHandler(...))      # bot/slack/stored_events.py
    pool.serve("teams", StoredActivityHandler(ctx))    # bot/teams/stored.py
    pool.start(); ...; pool.wake() after a put; pool.stop()
"""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from bot.inbox.inbox import Inbox, StoredRequest
from bot.inbox.lease import release_dead_owners
from bot.inbox.owner import INSTANCE
from bot.inbox.worker import Handler, InboxWorker
from bot.store.db import Store
from bot.store.models import InboxItem, OutboxMessage

log = logging.getLogger(__name__)


def release_dead_leases(store: Store) -> int:
    """Free the inbox items and outbox messages a dead process of this host held (bot/inbox/owner.py)."""
    try:
        return release_dead_owners(store, (InboxItem, OutboxMessage))
    except Exception:  # the leases then simply run out
        log.exception("could not free the leases of dead processes")
        return 0


class UnknownPlatform(RuntimeError):
    pass


class WorkerPool:
    def __init__(self, inbox: Inbox, *, threads: int = 4, poll_seconds: float = 1.0) -> None:
        self.inbox = inbox
        self._handlers: dict[str, Handler] = {}
        self._worker = InboxWorker(inbox, self, threads=threads, poll_seconds=poll_seconds, platforms=self.platforms)
        self.started = False

    @classmethod
    def for_settings(cls, store: Store, settings: Any, owner: str = INSTANCE) -> WorkerPool:
        """A pool (no platform yet, not started) over `store`'s inbox: LOTSE_INBOX_WORKERS, LOTSE_LEASE_SECONDS,
        LOTSE_LEASE_MAX_HOLD_SECONDS."""
        inbox = Inbox(
            store,
            owner=owner,
            lease=timedelta(seconds=settings.lease_seconds),
            max_hold=timedelta(seconds=settings.lease_max_hold_seconds),
        )
        return cls(inbox, threads=settings.inbox_workers)

    def serve(self, platform: str, handler: Handler) -> WorkerPool:
        self._handlers[platform] = handler
        return self

    def platforms(self) -> tuple[str, ...]:
        return tuple(self._handlers)

    def __call__(self, item: StoredRequest) -> None:
        handler = self._handlers.get(item.platform)
        if handler is None:  # cannot happen through take(platforms=...); a clear error if it does
            raise UnknownPlatform(item.platform)
        handler(item)

    def start(self) -> WorkerPool:
        if not self.started:
            release_dead_leases(self.inbox.store)  # what this process's dead predecessor held: free at once
            self._worker.start()
            self.started = True
        return self

    def wake(self) -> None:
        self._worker.wake()

    def stop(self, timeout: float = 30.0) -> None:
        if self.started:
            self._worker.stop(timeout)
            self.started = False
