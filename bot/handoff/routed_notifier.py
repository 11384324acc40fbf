"""One Notifier for a process that serves Slack and Teams together: each call goes to the platform it concerns.

Contact people are reached on the platform their id belongs to (Teams: an Entra object id, a GUID; Slack: U…/W…),
answers and reminders follow the same rule; an answer goes back to the platform the question came from. So a
contact person's inbox counts handoffs from both platforms (one database), and each is answered where it was asked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.handoff.notifier import Notifier
from bot.handoff.views import HandoffView

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.notes import KnowledgeNote

_GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def platform_of(user_id: str) -> str:
    """ "teams" for an Entra (AAD) object id, "slack" otherwise."""
    return "teams" if _GUID.match(user_id or "") else "slack"


class RoutedNotifier:
    def __init__(self, notifiers: Mapping[str, Notifier]) -> None:
        self._notifiers = dict(notifiers)

    def _for(self, platform: str) -> Notifier:
        notifier = self._notifiers.get(platform)
        if notifier is None:
            raise LookupError(f"no {platform} notifier in this process")
        return notifier

    def notify_contact(self, user_id: str, handoff: HandoffView) -> None:
        self._for(platform_of(user_id)).notify_contact(user_id, handoff)

    def deliver_answer(self, handoff: HandoffView, answer: str) -> None:
        self._for(handoff.platform).deliver_answer(handoff, answer)

    def remind(self, user_id: str, handoff: HandoffView, overdue_hours: float) -> None:
        self._for(platform_of(user_id)).remind(user_id, handoff, overdue_hours)

    def tell_asker(self, handoff: HandoffView, text: str) -> None:
        self._for(handoff.platform).tell_asker(handoff, text)

    def note_knowledge(self, user_id: str, note: KnowledgeNote) -> None:
        self._for(platform_of(user_id)).note_knowledge(user_id, note)

    def refresh_cards(self, view: HandoffView) -> int:
        refresh = getattr(self._notifiers.get("teams"), "refresh_cards", None)
        return refresh(view) if refresh is not None else 0
