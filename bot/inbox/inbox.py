"""The durable inbox: a verified request is stored BEFORE it is acknowledged and worked off from the table.

`put` is the only thing the HTTP side does with an event; a retry of the same event (same key) finds the row
and is not stored twice, whether the first copy is done or still waiting (a crashed worker's lease runs out and
another worker takes it over). A worker renews its lease while it works (`heartbeat`, bot/inbox/heartbeat.py), so
the lease is short: seconds after a worker died its items are free again, and a restarted process frees at once
what its dead predecessor held (`release_dead_owners`, bot/inbox/lease.py). A row that was taken `max_attempts` times without finishing (the process died
each time) is marked failed instead of looping. The body (message text) is cleared when the row is done.

Why our own table rather than huey or procrastinate: the item must live in Lotse's database (SQLite by default,
PostgreSQL when scaled out) next to the processed-event claims, and both backends must behave the same; huey's
SQLite storage is a separate file per process host and procrastinate needs PostgreSQL.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, delete, func, select, update
from sqlalchemy.exc import IntegrityError

from bot.inbox.heartbeat import Heartbeat
from bot.inbox.lease import free_rows, renew_rows, take
from bot.store.db import Store
from bot.store.models import InboxItem

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredRequest:
    id: int
    platform: str
    key: str
    body: str
    attempts: int
    received_at: datetime | None = None


class Inbox:
    def __init__(
        self,
        store: Store,
        *,
        owner: str,
        lease: timedelta,
        max_attempts: int = 3,
        max_hold: timedelta = timedelta(minutes=5),
    ) -> None:
        self._store = store
        self.owner = owner
        self._lease = lease
        self._max_attempts = max_attempts
        self.heartbeat = Heartbeat(
            self.renew, every=lease.total_seconds() / 3, max_hold=max_hold, name="lotse-inbox-lease"
        )

    @property
    def store(self) -> Store:
        return self._store

    def put(self, platform: str, key: str, body: str) -> bool:
        """Store a request; False when it was stored before (a retry or duplicate): nothing is added."""
        row = InboxItem(
            platform=platform,
            event_key=key[:255],
            received_at=self._store.clock.now(),
            body=body,
            status="pending",
            attempts=0,
        )
        try:
            with self._store.session() as session:
                session.add(row)
        except IntegrityError:
            return False
        return True

    def take(self, limit: int = 1, platforms: Collection[str] | None = None) -> list[StoredRequest]:
        """Lease up to `limit` waiting requests to this owner (only those of `platforms`, when given)."""
        now = self._store.clock.now()
        taken: list[StoredRequest] = []
        conditions = [] if platforms is None else [InboxItem.platform.in_(list(platforms))]
        with self._store.session() as session:
            for row in take(session, free_rows(InboxItem, now, *conditions, limit=limit)):
                row.attempts += 1
                if row.attempts > self._max_attempts:
                    log.error(
                        "inbox item %s (%s) given up after %s attempts", row.id, row.event_key, self._max_attempts
                    )
                    row.status, row.body, row.finished_at = "failed", None, now
                    row.error = f"given up: taken {self._max_attempts} times without finishing"
                    continue
                row.lease_owner, row.lease_until = self.owner, now + self._lease
                taken.append(
                    StoredRequest(row.id, row.platform, row.event_key, row.body or "", row.attempts, row.received_at)
                )
        return taken

    def put_held(self, platform: str, key: str, body: str) -> StoredRequest | None:
        """Store a request already leased to this process, which works it at once (a click answered within its
        HTTP request); None when it was stored before. Should the process die, a worker takes it over."""
        now = self._store.clock.now()
        row = InboxItem(
            platform=platform,
            event_key=key[:255],
            received_at=now,
            body=body,
            status="pending",
            attempts=1,
            lease_owner=self.owner,
            lease_until=now + self._lease,
        )
        try:
            with self._store.session() as session:
                session.add(row)
                session.flush()
                item_id = row.id
        except IntegrityError:
            return None
        return StoredRequest(item_id, platform, key[:255], body, 1, now)

    def renew(self, held: Mapping[int, int]) -> set[int]:
        """Extend the leases of `held` ({item id: attempt}) this owner still has; returns their ids."""
        with self._store.session() as session:
            return renew_rows(session, InboxItem, held, self.owner, self._store.clock.now() + self._lease)

    def finish(self, item_id: int, error: str | None = None, *, attempts: int | None = None) -> bool:
        """Done (or failed with `error`): the body is cleared, a retry of the same request is dropped. With
        `attempts` (the worker's fence) only while this owner still holds that attempt; False when it did not."""
        values = dict(
            status="failed" if error else "done",
            body=None,
            finished_at=self._store.clock.now(),
            lease_owner=None,
            lease_until=None,
            error=(error or None) and error[:500],
        )
        query = update(InboxItem).where(InboxItem.id == item_id)
        if attempts is not None:
            query = query.where(
                InboxItem.attempts == attempts, InboxItem.lease_owner == self.owner, InboxItem.status == "pending"
            )
        with self._store.session() as session:
            result = session.execute(query.values(**values))
            done = bool(cast(CursorResult[Any], result).rowcount)
        if not done:
            log.warning("inbox item %s: another worker took it over; this attempt is not recorded", item_id)
        return done

    def counts(self) -> dict[str, int]:
        with self._store.session() as session:
            query = select(InboxItem.status, func.count()).group_by(InboxItem.status)
            return {status: count for status, count in session.execute(query)}

    def prune(self, older_than: timedelta) -> int:
        """Forget finished requests older than `older_than` (Slack retries for hours, not days)."""
        cutoff = self._store.clock.now() - older_than
        with self._store.session() as session:
            result = session.execute(
                delete(InboxItem).where(InboxItem.status != "pending", InboxItem.finished_at < cutoff)
            )
            return int(cast(CursorResult[Any], result).rowcount or 0)  # a DELETE returns a cursor result
