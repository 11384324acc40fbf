"""Answers waiting for an employee who reads them later (the terminal): which are new, and marking them read.

Slack brings an answer into the thread at once. In the terminal the employee may not be there when the contact
person answers, so the chat shows answers that arrived since they last looked (in the same chat or on the next
start). "Shown" is an audit event (`answer_shown`) on the handoff, so a second answer after a reopen shows again.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, select

from bot.clock import Clock
from bot.handoff.service import HandoffService
from bot.handoff.views import HandoffView
from bot.store.db import Store
from bot.store.models import Handoff, HandoffEvent

SHOWN = "answer_shown"


class AnswerBox:
    def __init__(self, store: Store, service: HandoffService, clock: Clock, platform: str = "cli") -> None:
        self._store = store
        self._service = service
        self._clock = clock
        self._platform = platform

    def unseen(self, asker_id: str) -> list[HandoffView]:
        """Answered handoffs of `asker_id` whose latest answer they have not been shown, oldest first."""
        shown = exists().where(
            and_(
                HandoffEvent.handoff_id == Handoff.id,
                HandoffEvent.action == SHOWN,
                HandoffEvent.at >= Handoff.answered_at,
            )
        )
        query = (
            select(Handoff.id)
            .where(
                Handoff.asker_id == asker_id,
                Handoff.platform == self._platform,
                Handoff.answer.is_not(None),
                Handoff.answered_at.is_not(None),
                ~shown,
            )
            .order_by(Handoff.answered_at, Handoff.id)
        )
        with self._store.session() as session:
            ids = list(session.scalars(query))
        return [self._service.get(asker_id, handoff_id) for handoff_id in ids]

    def mark_shown(self, view: HandoffView) -> None:
        with self._store.session() as session:
            session.add(
                HandoffEvent(handoff_id=view.id, at=self._clock.now(), actor=view.asker_id, action=SHOWN, detail={})
            )
