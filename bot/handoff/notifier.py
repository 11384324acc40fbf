"""How the core reaches people about handoffs. Adapters (Slack, terminal) implement `Notifier`."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from bot.handoff.views import HandoffView

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.notes import KnowledgeNote

log = logging.getLogger(__name__)


class Notifier(Protocol):
    def notify_contact(self, user_id: str, handoff: HandoffView) -> None:
        """Tell a contact person privately about a new (or reopened) handoff."""

    def deliver_answer(self, handoff: HandoffView, answer: str) -> None:
        """Bring the contact person's answer to the employee, in the original thread."""

    def remind(self, user_id: str, handoff: HandoffView, overdue_hours: float) -> None:
        """Remind a contact person; `overdue_hours` = business hours the handoff has been waiting."""

    def tell_asker(self, handoff: HandoffView, text: str) -> None:
        """A note to the employee where the answer would go (e.g. who has the question now, after a hand-over)."""

    def note_knowledge(self, user_id: str, note: KnowledgeNote) -> None:
        """Tell a contact person privately that the knowledge changed (bot/learning/notes.py)."""


class LogNotifier:
    """Default without a chat platform: logs ids only (never text) and remembers what it sent."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, int]] = []

    def notify_contact(self, user_id: str, handoff: HandoffView) -> None:
        self._record("notify", user_id, handoff)

    def deliver_answer(self, handoff: HandoffView, answer: str) -> None:
        self._record("answer", handoff.asker_id, handoff)

    def remind(self, user_id: str, handoff: HandoffView, overdue_hours: float) -> None:
        self._record("remind", user_id, handoff)

    def tell_asker(self, handoff: HandoffView, text: str) -> None:
        self._record("tell", handoff.asker_id, handoff)

    def note_knowledge(self, user_id: str, note: KnowledgeNote) -> None:
        self.sent.append(("knowledge", user_id, 0))
        log.info("knowledge note -> %s", user_id)

    def _record(self, kind: str, user_id: str, handoff: HandoffView) -> None:
        self.sent.append((kind, user_id, handoff.id))
        log.info("handoff %s: %s -> %s", handoff.id, kind, user_id)
