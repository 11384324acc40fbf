"""The contact person's desk, for every adapter: claim, open to answer, answer (+ FAQ), resolve, overview.

    desk = HandoffDesk(handoffs, contacts)
    desk.claim(user, handoff_id)                    # -> HandoffView
    form = desk.open_answer(user, handoff_id)       # -> AnswerForm(view, faq_refusal)  (show a dialog)
    text = desk.check_answer(user, raw_text)        # fast, before a dialog is acknowledged
    view = desk.answer(user, handoff_id, text, add_to_faq=True)
    desk.resolve(user, handoff_id)
    overview = desk.overview(user)                  # -> Overview(mine, inbox)  (App Home, inbox lists)

Only configured contact people may act: anyone else gets `PermissionDenied("handoff.error.contacts_only")`
before anything changes. Every refusal is a keyed error (bot.handoff.errors) the adapter renders.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.contacts import ContactDirectory
from bot.handoff.errors import EmptyAnswer, PermissionDenied
from bot.handoff.service import ACTIVE, HandoffService
from bot.handoff.views import HandoffView
from bot.learning.loop import faq_refusal_key


@dataclass(frozen=True)
class AnswerForm:
    view: HandoffView
    faq_refusal: str | None  # i18n key why "add to the FAQ" is not offered, or None


@dataclass(frozen=True)
class Overview:
    mine: list[HandoffView]  # the user's own open requests, oldest first
    inbox: list[HandoffView] | None  # for contact people: all open and claimed handoffs; else None


class HandoffDesk:
    def __init__(self, handoffs: HandoffService, contacts: ContactDirectory) -> None:
        self._handoffs = handoffs
        self._contacts = contacts

    def is_contact(self, user_id: str) -> bool:
        return self._contacts.is_contact(user_id)

    def require_contact(self, user_id: str) -> None:
        if not self._contacts.is_contact(user_id):
            raise PermissionDenied("handoff.error.contacts_only")

    def claim(self, user_id: str, handoff_id: int) -> HandoffView:
        self.require_contact(user_id)
        return self._handoffs.claim(user_id, handoff_id)

    def resolve(self, user_id: str, handoff_id: int) -> HandoffView:
        self.require_contact(user_id)
        return self._handoffs.resolve(user_id, handoff_id)

    def view(self, user_id: str, handoff_id: int) -> HandoffView:
        """The current state (to refresh a message or card after a change)."""
        return self._handoffs.get(user_id, handoff_id)

    def open_answer(self, user_id: str, handoff_id: int) -> AnswerForm:
        self.require_contact(user_id)
        view = self._handoffs.get(user_id, handoff_id)
        return AnswerForm(view=view, faq_refusal=faq_refusal_key(view))

    def check_answer(self, user_id: str, text: str | None) -> str:
        """The answer text, stripped; refuses non-contacts and empty answers without touching the store."""
        self.require_contact(user_id)
        cleaned = (text or "").strip()
        if not cleaned:
            raise EmptyAnswer()
        return cleaned

    def answer(self, user_id: str, handoff_id: int, text: str, add_to_faq: bool = False) -> HandoffView:
        """Store and deliver the answer (and, if asked and allowed, add it to the FAQ)."""
        cleaned = self.check_answer(user_id, text)
        return self._handoffs.answer(user_id, handoff_id, cleaned, add_to_faq=add_to_faq)

    def overview(self, user_id: str) -> Overview:
        visible = self._handoffs.list_for(user_id, statuses=ACTIVE)  # oldest first
        mine = [view for view in visible if view.asker_id == user_id]
        return Overview(mine=mine, inbox=visible if self._contacts.is_contact(user_id) else None)
