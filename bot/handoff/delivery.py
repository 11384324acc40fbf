"""Handoff messages through the outbox: contact notifications and answer deliveries, recorded with the handoff
change (same transaction), sent by whoever holds the lease, the outcome written to the handoff and its audit log.

Visible outcome: the outbox row (delivered / failed, attempts, error); `notified` events on success; the first and the final failure as `notify_failed` /
`deliver_failed` events; `Handoff.notify_failed` is set while no contact person was reached (or the answer has
not reached the employee) and cleared when a retry gets through. `summary()` feeds `lotse handoffs show`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.handoff.notifier import Notifier
from bot.handoff.views import HandoffView
from bot.handoff.waiting import holder_note
from bot.inbox.checkpoints import checkpoint
from bot.inbox.delivery_key import delivering
from bot.inbox.outbox import Outbox
from bot.store.db import Store
from bot.store.models import Handoff, HandoffEvent, KnowledgeChange, OutboxMessage

log = logging.getLogger(__name__)
NOTIFY, DELIVER, TELL_ASKER = "notify_contact", "deliver_answer", "tell_asker"
KNOWLEDGE_NOTE = "knowledge_note"  # not about a handoff: bot/learning/notes.py
SYSTEM_ACTOR = "lotse"
ViewOf = Callable[[Handoff], HandoffView]
UNSERVED_RETRY = timedelta(minutes=5)
NoteOf = Callable[[dict[str, Any], str], Any]  # (stored change summary, recipient) -> the note (KnowledgeNote)


@dataclass(frozen=True)
class DeliveryLine:
    kind: str
    recipient: str
    status: str
    attempts: int
    error: str | None


class Deliveries:
    def __init__(
        self,
        store: Store,
        outbox: Outbox,
        notifier: Notifier,
        clock: Clock,
        view_of: ViewOf,
        note_of: NoteOf | None = None,
    ) -> None:
        self._store = store
        self.outbox = outbox
        self._notifier = notifier
        self._clock = clock
        self._view_of = view_of
        self.kinds: dict[str, Callable[[int], object]] = {}  # other kinds' senders (practice: bot/practice/delivery.py)
        self._note_of = note_of

    # --- recording, inside the handoff's own transaction ------------------------------------------
    def record_notifications(self, session: Session, row: Handoff, recipients: list[str], now: datetime) -> None:
        if not recipients:
            row.notify_failed = True
            row.notify_error = f"no user ids configured for contact role {row.contact_role!r} (LOTSE_CONTACT_IDS)"
            _event(session, row.id, now, "notify_failed", {"error": row.notify_error})
            log.warning("handoff %s: no contact person could be notified", row.id)
            return
        self.outbox.record(session, row.id, NOTIFY, recipients, now)

    def record_delivery(self, session: Session, row: Handoff, now: datetime) -> None:
        self.outbox.record(session, row.id, DELIVER, [row.asker_id], now)

    def record_asker_note(self, session: Session, row: Handoff, now: datetime) -> None:
        """Tell the employee who has the question now (after a hand-over); the text is written when it is sent."""
        self.outbox.record(session, row.id, TELL_ASKER, [row.asker_id], now)

    # --- sending ------------------------------------------------------------------------------------
    def send_now(self, handoff_id: int, kind: str) -> None:
        """The first attempt of what this process just recorded for `handoff_id`."""
        for message_id in self.outbox.mine(handoff_id, kind):
            self.send(message_id)

    def send_now_change(self, change_id: int) -> None:
        """The first attempt of the knowledge note this process just recorded for change `change_id`."""
        for message_id in self.outbox.mine(None, KNOWLEDGE_NOTE, change_id=change_id):
            self.send(message_id)

    def send_due(self, limit: int = 20) -> int:
        """Retries and messages a dead process left behind; returns how many were attempted."""
        taken = self.outbox.take_due(limit)
        for message_id in taken:
            self.send(message_id)
        return len(taken)

    def send(self, message_id: int) -> None:
        """Send one message this process holds (its lease is renewed meanwhile); skipped when another has it."""
        note = self._pending_note(message_id)
        if note is not None:
            self._send_note(message_id, *note)
            return
        if self._other_kind(message_id):
            return
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            row = session.get(Handoff, message.handoff_id) if message is not None and message.handoff_id else None
            if message is None or row is None or message.status != "pending":
                return
            view, kind, recipient, answer = self._view_of(row), message.kind, message.recipient, row.answer
            attempts, created = message.attempts, message.created_at
        if message_id not in self.outbox.renew({message_id: attempts}):
            log.info("outbox message %s is held by another process; not sent here", message_id)
            return
        resumed = attempts > 1  # taken over or retried: an earlier attempt may have got through
        with (
            self.outbox.heartbeat.holding(message_id, attempts),
            delivering(f"outbox:{message_id}", resumed=resumed, since=created),
        ):
            checkpoint(f"outbox.send.{kind}")
            try:
                if kind == NOTIFY:
                    self._notifier.notify_contact(recipient, view)
                elif kind == TELL_ASKER:
                    self._notifier.tell_asker(view, holder_note(view, view.language))
                elif answer is None:
                    raise LookupError("the answer text was purged before it could be delivered")
                else:
                    self._notifier.deliver_answer(view, answer)
            except Exception as exc:
                log.warning("handoff %s: %s to %s failed (%s)", view.id, kind, recipient, type(exc).__name__)
                self._outcome(message_id, _error_text(exc), attempts)
                return
            self._outcome(message_id, None, attempts)

    def _other_kind(self, message_id: int) -> bool:
        """A message that is not about a handoff goes to its kind's sender; without one here (that platform is not
        served by this process) it is given back untried for a replica that has one."""
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.handoff_id is not None or message.change_id is not None:
                return False
            sender = self.kinds.get(message.kind)
            if sender is None:
                self.outbox.defer(message, self._clock.now() + UNSERVED_RETRY)
                return True
        sender(message_id)
        return True

    def _pending_note(self, message_id: int) -> tuple[dict[str, Any], str, int] | None:
        """(change summary, recipient, attempt) when `message_id` is a pending knowledge note."""
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            if message is None or message.change_id is None or message.status != "pending":
                return None
            change = session.get(KnowledgeChange, message.change_id)
            return (dict(change.summary), message.recipient, message.attempts) if change is not None else None

    def _send_note(self, message_id: int, summary: dict[str, Any], recipient: str, attempts: int) -> None:
        """A note to a contact person that the knowledge changed, composed in their language when it is sent."""
        if message_id not in self.outbox.renew({message_id: attempts}):
            return
        with self.outbox.heartbeat.holding(message_id, attempts):
            try:
                if self._note_of is None:
                    raise LookupError("no composer for knowledge notes in this process")
                self._notifier.note_knowledge(recipient, self._note_of(summary, recipient))
            except Exception as exc:
                log.warning("knowledge note %s to %s failed (%s)", message_id, recipient, type(exc).__name__)
                self._outcome(message_id, _error_text(exc), attempts)
                return
            self._outcome(message_id, None, attempts)

    def summary(self, handoff_id: int) -> list[DeliveryLine]:
        query = select(OutboxMessage).where(OutboxMessage.handoff_id == handoff_id).order_by(OutboxMessage.id)
        with self._store.session() as session:
            return [DeliveryLine(m.kind, m.recipient, m.status, m.attempts, m.error) for m in session.scalars(query)]

    # --- outcomes -----------------------------------------------------------------------------------
    def _outcome(self, message_id: int, error: str | None, attempts: int | None = None) -> None:
        now = self._clock.now()
        with self._store.session() as session:
            message = session.get(OutboxMessage, message_id)
            if message is not None and message.change_id is not None:  # a knowledge note: no handoff to update
                if attempts is None or message.attempts == attempts:
                    _note_outcome(self.outbox, session, message, now, error)
                return
            row = session.get(Handoff, message.handoff_id, with_for_update=True) if message is not None else None
            if message is None or row is None:  # pruned by retention (or its handoff deleted) while it was sent
                log.info("outbox message %s has no record any more; outcome not stored", message_id)
                return
            if attempts is not None and message.attempts != attempts:  # taken over while this send stood still
                log.warning("outbox message %s was taken over by another process; outcome not stored", message_id)
                return
            if error is None:
                self.outbox.sent(session, message, now)
                _succeeded(session, row, message, now)
            else:
                first = message.attempts == 1
                final = self.outbox.attempt_failed(session, message, now, error)
                _failed(session, row, message, now, error, first=first, final=final)


def _note_outcome(outbox: Outbox, session: Session, message: OutboxMessage, now: datetime, error: str | None) -> None:
    if error is None:
        outbox.sent(session, message, now)
    elif outbox.attempt_failed(session, message, now, error):
        log.warning(
            "knowledge note %s to %s: given up after %s attempts", message.id, message.recipient, message.attempts
        )


def _succeeded(session: Session, row: Handoff, message: OutboxMessage, now: datetime) -> None:
    if message.kind == TELL_ASKER:
        _event(session, row.id, now, "asker_told", {"user_id": message.recipient})
        return
    notify = message.kind == NOTIFY
    if notify:  # a delivered answer shows in the outbox lines (`lotse handoffs show`), as before not as an event
        _event(session, row.id, now, "notified", {"user_id": message.recipient})
    own_flag = row.notify_failed and (row.notify_error or "").startswith("deliver_answer") != notify
    if own_flag:  # a retry got through: the handoff is no longer marked
        row.notify_failed, row.notify_error = False, None


def _failed(
    session: Session, row: Handoff, message: OutboxMessage, now: datetime, error: str, *, first: bool, final: bool
) -> None:
    if message.kind == TELL_ASKER:  # a note only: the handoff itself is not marked
        if first or final:
            note: dict[str, Any] = {"user_id": message.recipient, "error": error} | ({"final": True} if final else {})
            _event(session, row.id, now, "asker_tell_failed", note)
        return
    notify = message.kind == NOTIFY
    if first or final:
        detail: dict[str, Any] = {"user_id": message.recipient, "error": error} | ({"final": True} if final else {})
        _event(session, row.id, now, "notify_failed" if notify else "deliver_failed", detail)
    if not notify:
        row.notify_failed, row.notify_error = True, f"deliver_answer: {error}"[:500]
        return
    delivered = session.scalars(
        select(OutboxMessage.id).where(
            OutboxMessage.handoff_id == row.id, OutboxMessage.kind == NOTIFY, OutboxMessage.status == "delivered"
        )
    ).first()
    if delivered is None:  # nobody reached (yet): the contact people's inbox shows the mark
        row.notify_failed, row.notify_error = True, f"{message.recipient}: {error}"[:500]


def _event(session: Session, handoff_id: int, at: datetime, action: str, detail: dict[str, Any]) -> None:
    session.add(HandoffEvent(handoff_id=handoff_id, at=at, actor=SYSTEM_ACTOR, action=action, detail=detail))


def _error_text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]
