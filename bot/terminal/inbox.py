"""`/anfragen` (`/inbox`): the contact person's side of the local inbox: list, pick, answer, add to the FAQ."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.handoff.views import HandoffView
from bot.i18n import t
from bot.learning.loop import faq_refusal, faq_refusal_key, wait_for_reindex
from bot.render.handoff import details, inbox_line
from bot.terminal.console import Console

if TYPE_CHECKING:  # pragma: no cover
    from bot.app import Lotse


class InboxDesk:
    def __init__(self, lotse: Lotse, actor: str, console: Console) -> None:
        self.lotse = lotse
        self.actor = actor
        self.console = console

    def run(self, argument: str, language: str) -> None:
        """List the open handoffs, or open the one numbered in `argument`, and answer it."""
        desk = self.lotse.handoff_desk
        if not desk.is_contact(self.actor):
            self.console.say(not_contact_text(self.lotse, self.actor, language))
            return
        views = desk.overview(self.actor).inbox or []
        if not views:
            self.console.say(t("term.inbox_empty", language))
            return
        choice = argument.strip().lstrip("#")
        if not choice:
            now = self.lotse.clock.now()
            lines = [t("term.inbox_title", language, count=len(views))]
            lines += [inbox_line(view, self.actor, now, language) for view in views]
            self.console.say("\n".join(lines))
            choice = (self.console.ask(t("term.inbox_pick", language) + " ›") or "").strip().lstrip("#")
        if choice:
            self._open(choice, {view.id: view for view in views}, language)

    def _open(self, choice: str, views: dict[int, HandoffView], language: str) -> None:
        view = views.get(int(choice)) if choice.isdigit() else None
        if view is None:
            self.console.say(t("term.inbox_no_such", language, id=choice))
            return
        self.console.say("\n" + details(view, self.actor, self.lotse.clock.now(), language) + "\n")
        text = (self.console.ask(t("term.answer_prompt", language) + " ›") or "").strip()
        if text:
            self._answer(view, text, language)

    def _answer(self, view: HandoffView, text: str, language: str) -> None:
        to_faq = faq_refusal_key(view) is None and self.console.confirm(
            t("term.faq_prompt", language) + " ›", t("term.yes", language)
        )
        desk = self.lotse.handoff_desk
        answered = desk.answer(self.actor, view.id, text, add_to_faq=to_faq)  # refusals: TerminalChat.handle
        self.console.say(t("term.answer_saved", language, id=view.id))
        if to_faq:
            wait_for_reindex(self.lotse.handoffs)  # searchable before the next question
            refusal = faq_refusal(answered, language)
            entry = desk.view(self.actor, view.id).faq_entry_id
            self.console.say(refusal or t("faq_added", language, entry=entry or "?"))


def not_contact_text(lotse: Lotse, user: str, language: str) -> str:
    contact = next(iter(sorted(lotse.contacts.all_user_ids())), "ID")
    return t("term.not_contact", language, user=user, contact=contact)
