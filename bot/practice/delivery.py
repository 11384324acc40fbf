"""Weekly exercises through the durable outbox (bot/inbox/outbox.py), like the handoff messages.

The exercise row and its outbox message are written in one transaction; the message's key
(`practice:<platform>:<user>:<week>`) is unique, so two replicas or a restarted job never record it twice. The
process that recorded it sends it at once; if it dies first, the lease runs out and any replica's outbox sender
(`Deliveries.send_due`, which hands the `practice` kind to `PracticeDeliveries.send`) sends it. A message is
only sent on a working day within working hours (public holidays of LOTSE_HOLIDAY_REGION included); otherwise it
waits, untried, for the next working morning. Each platform adapter registers how it sends (`register`).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.handoff.business_hours import WorkingTime
from bot.handoff.delivery import Deliveries
from bot.inbox.checkpoints import checkpoint
from bot.practice.service import Assignment, Practice
from bot.practice.slots import next_working_moment, within_working_time
from bot.practice.weekly import Deliver
from bot.store.db import Store
from bot.store.models import OutboxMessage, PracticeAssignment

log = logging.getLogger(__name__)
PRACTICE = "practice"
UNSERVED_RETRY = timedelta(minutes=5)


def message_key(platform: str, user_id: str, week: str) -> str:
    return f"practice:{platform}:{user_id}:{week}"


class PracticeDeliveries:
    def __init__(self, store: Store, deliveries: Deliveries, practice: Practice, clock: Clock, working: WorkingTime):
        self._store = store
        self._outbox = deliveries.outbox
        self._practice = practice
        self._clock = clock
        self._working = working
        self._deliverers: dict[str, Deliver] = {}
        deliveries.kinds[PRACTICE] = self.send

    def register(self, platform: str, deliver: Deliver) -> None:
        """How `platform` sends an exercise (Slack: a DM with buttons; Teams: an Adaptive Card)."""
        self._deliverers[platform] = deliver

    # --- recording ---------------------------------------------------------------------------------------------
    def record(self, session: Session, row: PracticeAssignment) -> int:
        """The outbox message of a new exercise, inside the exercise's own transaction."""
        message = self._outbox.record_keyed(
            session,
            PRACTICE,
            row.user_id,
            self._clock.now(),
            key=message_key(row.platform, row.user_id, row.week),
            practice_assignment_id=row.id,
        )
        session.flush()
        return message.id

    def ensure(self, assignment: Assignment) -> int | None:
        """The message of an exercise made without one (before the outbox carried practice, or a lost send);
        None when it has one already (recorded here or by another replica)."""
        key = message_key(assignment.person.platform, assignment.person.user_id, assignment.week)
        with self._store.session() as session:
            if session.scalars(select(OutboxMessage.id).filter_by(dedupe_key=key)).first() is not None:
                return None
        try:
            with self._store.session() as session:
                row = session.get(PracticeAssignment, assignment.id)
                return self.record(session, row) if row is not None else None
        except IntegrityError:  # another replica recorded it meanwhile
            log.info("practice: exercise %s already has its outbox message", assignment.id)
            return None

    # --- sending -----------------------------------------------------------------------------------------------
    def send(self, message_id: int) -> bool:
        """Send one exercise this process holds; True when it reached the person."""
        now = self._clock.now()
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.status != "pending" or message.practice_assignment_id is None:
                return False
            row = session.get(PracticeAssignment, message.practice_assignment_id)
            if row is None or row.sent_at is not None:  # shown already (`/training jetzt`)
                self._outbox.sent(session, message, now)
                return False
            platform, user_id, assignment_id, attempts = row.platform, row.user_id, row.id, message.attempts
        deliver = self._deliverers.get(platform)
        if not self._practice.takes_part(platform, user_id):  # "Nicht mehr" meanwhile: never sent
            return self._settle(message_id, cancel=True)
        if not within_working_time(now, self._working):
            return self._settle(message_id, until=next_working_moment(now, self._working))
        if deliver is None:  # this process does not serve that platform: a replica that does takes it
            return self._settle(message_id, until=now + UNSERVED_RETRY)
        assignment = self._practice.assignment(assignment_id)
        if assignment is None or message_id not in self._outbox.renew({message_id: attempts}):
            return False
        with self._outbox.heartbeat.holding(message_id, attempts):
            checkpoint("outbox.send.practice")
            try:
                deliver(assignment)
            except Exception as exc:
                log.warning("practice: sending exercise %s failed (%s)", assignment_id, type(exc).__name__)
                self._outcome(message_id, attempts, f"{type(exc).__name__}: {exc}"[:300])
                return False
        return self._outcome(message_id, attempts, None)

    def _settle(self, message_id: int, *, cancel: bool = False, until: datetime | None = None) -> bool:
        """Not sent now: cancelled for good, or given back untried until `until`."""
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.status != "pending":
                return False
            if cancel:
                message.status, message.lease_owner, message.lease_until = "cancelled", None, None
            elif until is not None:
                self._outbox.defer(message, until)
        return False

    def _outcome(self, message_id: int, attempts: int, error: str | None) -> bool:
        now = self._clock.now()
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.attempts != attempts:
                return False
            if error is not None:
                self._outbox.attempt_failed(session, message, now, error)
                return False
            self._outbox.sent(session, message, now)
            row = session.get(PracticeAssignment, message.practice_assignment_id)
            if row is not None and row.sent_at is None:
                row.sent_at = now
        return True
