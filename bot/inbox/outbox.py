"""The outbox: messages to people (notifications, answer deliveries) recorded as pending in the SAME transaction
as the handoff change that causes them, then sent with retries and backoff and marked delivered or failed.

A new message is leased to the process that recorded it, which sends it right after the commit (so the CLI and
the terminal chat still deliver at once); if that process dies, the lease runs out and the background sender of
any replica takes it over. While a message is being sent its lease is renewed (`heartbeat`), so the lease is
short; a send checks first that this process still holds the message at its attempt (`renew`), and records its
outcome only then. A failed send is retried after `backoff * 2**(attempts-1)` (capped at one hour) until
`max_attempts`, then marked failed. Hand-written rather than huey/procrastinate for the reason in
bot/inbox/inbox.py, and because the message must commit in the handoff's own transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.inbox.heartbeat import Heartbeat
from bot.inbox.lease import free_rows, renew_rows, take
from bot.store.db import Store
from bot.store.models import OutboxMessage

BACKOFF_CAP = timedelta(hours=1)


@dataclass(frozen=True)
class OutboxPolicy:
    owner: str
    lease: timedelta
    max_attempts: int = 8
    backoff: timedelta = timedelta(seconds=5)
    max_hold: timedelta = timedelta(minutes=5)

    def retry_at(self, now: datetime, attempts: int) -> datetime:
        return now + min(self.backoff * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


class Outbox:
    def __init__(self, store: Store, policy: OutboxPolicy) -> None:
        self._store = store
        self.policy = policy
        self.heartbeat = Heartbeat(
            self.renew, every=policy.lease.total_seconds() / 3, max_hold=policy.max_hold, name="lotse-outbox-lease"
        )

    def renew(self, held: Mapping[int, int]) -> set[int]:
        """Extend the leases of `held` ({message id: attempt}) this process still has; returns their ids."""
        with self._store.session() as session:
            return renew_rows(
                session, OutboxMessage, held, self.policy.owner, self._store.clock.now() + self.policy.lease
            )

    def record(
        self,
        session: Session,
        handoff_id: int | None,
        kind: str,
        recipients: list[str],
        now: datetime,
        *,
        change_id: int | None = None,
        leased: bool = True,
    ) -> None:
        """Add pending messages inside the caller's transaction, leased to this process for the first send (or,
        with `leased=False`, free for any replica's background sender: a CLI run that cannot send itself)."""
        for recipient in recipients:
            session.add(self._pending(kind, recipient, now, leased, handoff_id=handoff_id, change_id=change_id))

    def record_keyed(
        self, session: Session, kind: str, recipient: str, now: datetime, *, key: str, practice_assignment_id: int
    ) -> OutboxMessage:
        """A message not tied to a handoff (a practice exercise), unique by `key` across replicas: a second record
        of the same key fails with an IntegrityError when the caller's transaction commits."""
        message = self._pending(
            kind, recipient, now, True, practice_assignment_id=practice_assignment_id, dedupe_key=key
        )
        session.add(message)
        return message

    def _pending(self, kind: str, recipient: str, now: datetime, leased: bool, **links: Any) -> OutboxMessage:
        """A new pending message, leased to this process for its first send unless `leased` is False."""
        return OutboxMessage(
            kind=kind,
            recipient=recipient,
            created_at=now,
            status="pending",
            attempts=1,
            next_attempt_at=now,
            lease_owner=self.policy.owner if leased else None,
            lease_until=now + self.policy.lease if leased else None,
            **links,
        )

    def defer(self, message: OutboxMessage, until: datetime) -> None:
        """Give a message back untried (not due yet, or nobody here can send its kind): no attempt is counted."""
        message.lease_owner, message.lease_until, message.next_attempt_at = None, None, until

    def mine(self, handoff_id: int | None, kind: str, *, change_id: int | None = None) -> list[int]:
        """The messages of `handoff_id` (or of knowledge change `change_id`) this process recorded and has not sent
        yet (the first attempt)."""
        now = self._store.clock.now()
        of = OutboxMessage.change_id == change_id if change_id is not None else OutboxMessage.handoff_id == handoff_id
        query = (
            select(OutboxMessage.id)
            .where(
                of,
                OutboxMessage.kind == kind,
                OutboxMessage.status == "pending",
                OutboxMessage.lease_owner == self.policy.owner,
                OutboxMessage.lease_until > now,
            )
            .order_by(OutboxMessage.id)
        )
        with self._store.session() as session:
            return list(session.scalars(query))

    def take_due(self, limit: int = 20) -> list[int]:
        """Lease messages due for a (re)try whose lease is free: retries, and those a dead process left."""
        now = self._store.clock.now()
        with self._store.session() as session:
            rows = take(session, free_rows(OutboxMessage, now, OutboxMessage.next_attempt_at <= now, limit=limit))
            taken = []
            for row in rows:
                if row.lease_owner is not None:  # a taken-over lease: the earlier attempt never reported back
                    row.attempts += 1
                if row.attempts > self.policy.max_attempts:
                    row.status, row.error = "failed", "given up: the sending process died every time"
                    row.lease_owner = row.lease_until = None
                    continue
                row.lease_owner, row.lease_until = self.policy.owner, now + self.policy.lease
                taken.append(row.id)
            return taken

    def sent(self, session: Session, message: OutboxMessage, now: datetime) -> None:
        message.status, message.sent_at, message.error = "delivered", now, None
        message.lease_owner = message.lease_until = None

    def attempt_failed(self, session: Session, message: OutboxMessage, now: datetime, error: str) -> bool:
        """Record a failed send; True when it was the last attempt (the message is now failed)."""
        message.error, message.lease_owner, message.lease_until = error[:500], None, None
        if message.attempts >= self.policy.max_attempts:
            message.status = "failed"
            return True
        message.next_attempt_at = self.policy.retry_at(now, message.attempts)
        message.attempts += 1
        return False

    def counts(self, since: datetime | None = None, until: datetime | None = None) -> dict[str, int]:
        query = select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)
        if since is not None:
            query = query.where(OutboxMessage.created_at >= since)
        if until is not None:
            query = query.where(OutboxMessage.created_at < until)
        with self._store.session() as session:
            return {status: count for status, count in session.execute(query)}
