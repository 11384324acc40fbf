"""`TeamsNotifier`: the core's Notifier port over Bot Connector.

- a new handoff: a proactive 1:1 card to each contact person (`conversations.create` with their AAD object id and
  the stored serviceUrl of their tenant), remembered so every copy can be replaced after an action;
- an answer: into the employee's 1:1 chat with Lotse;
- a reminder: a note with the card again.
Exceptions propagate on purpose: the core marks the handoff `notify_failed` (after the sender's retries).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from microsoft_teams.api import MessageActivityInput

from bot.handoff.views import HandoffView
from bot.i18n import t
from bot.teams import cards
from bot.teams.context import TeamsContext

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.notes import KnowledgeNote

log = logging.getLogger(__name__)


class TeamsNotifier:
    def __init__(self, ctx: TeamsContext) -> None:
        self.ctx = ctx

    def notify_contact(self, user_id: str, handoff: HandoffView) -> None:
        title = "teams.handoff_reopened" if handoff.reopen_count else "teams.handoff_title"
        language = self.ctx.language_for(user_id)
        card = cards.handoff_card(handoff, language, self.ctx.name_of, title_key=title)
        conversation, service_url = self.ctx.personal(user_id)
        sent = self.ctx.sender.send(conversation, service_url, MessageActivityInput().add_card(card))
        self.remember_card(handoff.id, user_id, conversation, service_url, sent)

    def deliver_answer(self, handoff: HandoffView, answer: str) -> None:
        conversation, service_url = self._asker_chat(handoff)
        name = self.ctx.name_of(handoff.answered_by)
        self.ctx.sender.send(conversation, service_url, cards.delivered_answer(handoff, answer, name))

    def tell_asker(self, handoff: HandoffView, text: str) -> None:
        """A note to the employee in the chat the answer will come to (who has the question now)."""
        conversation, service_url = self._asker_chat(handoff)
        self.ctx.sender.send(conversation, service_url, MessageActivityInput(text=text))

    def note_knowledge(self, user_id: str, note: KnowledgeNote) -> None:
        """A 1:1 card to the contact person: what changed in the knowledge."""
        conversation, service_url = self.ctx.personal(user_id)
        activity = MessageActivityInput(text=note.headline).add_card(cards.knowledge_note_card(note))
        self.ctx.sender.send(conversation, service_url, activity)

    def remind(self, user_id: str, handoff: HandoffView, overdue_hours: float) -> None:
        language = self.ctx.language_for(user_id)
        note = t("teams.reminder", language, id=handoff.id, hours=f"{overdue_hours:.0f}")
        card = cards.handoff_card(handoff, language, self.ctx.name_of, note=note)
        conversation, service_url = self.ctx.personal(user_id)
        sent = self.ctx.sender.send(conversation, service_url, MessageActivityInput(text=note).add_card(card))
        self.remember_card(handoff.id, user_id, conversation, service_url, sent)

    # --- cards sent, to replace them in place -------------------------------------------------------
    def remember_card(
        self, handoff_id: int, user_id: str, conversation: str, service_url: str, activity_id: str | None
    ) -> None:
        if activity_id:
            self.ctx.refs.put(
                "card",
                f"{handoff_id}:{user_id}",
                {
                    "user_id": user_id,
                    "conversation_id": conversation,
                    "service_url": service_url,
                    "activity_id": activity_id,
                },
            )

    def refresh_cards(self, view: HandoffView) -> int:
        """Replace every contact's copy of the handoff's card with its current state; returns how many."""
        done = 0
        for _key, ref in self.ctx.refs.all("card", prefix=f"{view.id}:"):
            language = self.ctx.language_for(ref["user_id"])
            card = cards.handoff_card(view, language, self.ctx.name_of)
            try:
                self.ctx.sender.update(
                    ref["conversation_id"],
                    ref["activity_id"],
                    ref["service_url"],
                    MessageActivityInput().add_card(card),
                )
                done += 1
            except Exception as exc:
                log.warning("handoff %s: replacing a card failed (%s)", view.id, type(exc).__name__)
        return done

    def _asker_chat(self, handoff: HandoffView) -> tuple[str, str]:
        if handoff.platform != "teams":
            raise LookupError(f"handoff {handoff.id} came from {handoff.platform}, not Teams")
        known = self.ctx.refs.get("user", handoff.asker_id) or {}
        if handoff.asker_channel and known.get("conversation_id") == handoff.asker_channel:
            return handoff.asker_channel, known["service_url"]
        return self.ctx.personal(handoff.asker_id)
