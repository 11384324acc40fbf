"""`SlackNotifier`: the core's Notifier over the Slack Web API (DMs to contact people, answers in threads).

Exceptions propagate on purpose: the core marks a handoff `notify_failed` when a notification fails for good
(after slack_sdk's rate-limit and server-error retries).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeGuard

from slack_sdk import WebClient

from bot.handoff.views import HandoffView
from bot.i18n import t
from bot.slack import blocks as kit

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.notes import KnowledgeNote

log = logging.getLogger(__name__)


def is_direct(channel_id: str | None) -> TypeGuard[str]:
    """Slack's direct-message channel ids start with D; anything else may be seen by others."""
    return bool(channel_id) and str(channel_id).startswith("D")


class SlackNotifier:
    def __init__(
        self, client: WebClient, language: str = "de", language_of: Callable[[str], str] | None = None
    ) -> None:
        self.client = client
        self.language = language  # what contact people read unless contacts.yaml says otherwise
        self._language_of = language_of

    def language_for(self, user_id: str) -> str:
        return self._language_of(user_id) if self._language_of else self.language

    def notify_contact(self, user_id: str, handoff: HandoffView) -> None:
        title = "slack.handoff_reopened" if handoff.reopen_count else "slack.handoff_title"
        language = self.language_for(user_id)
        self.client.chat_postMessage(
            channel=user_id,
            text=kit.handoff_text(handoff, language),
            blocks=kit.handoff_blocks(handoff, language, title_key=title),
            unfurl_links=False,
        )

    def deliver_answer(self, handoff: HandoffView, answer: str) -> None:
        """In the original thread when that was a DM with Lotse; otherwise privately, never in a channel."""
        channel, thread = _asker_place(handoff)
        self.client.chat_postMessage(
            channel=channel,
            thread_ts=thread,
            text=answer[:3000],
            blocks=kit.delivered_answer_blocks(handoff, answer),
            unfurl_links=False,
        )

    def tell_asker(self, handoff: HandoffView, text: str) -> None:
        """A note to the employee where the answer will come (who has the question now)."""
        channel, thread = _asker_place(handoff)
        self.client.chat_postMessage(channel=channel, thread_ts=thread, text=text, unfurl_links=False)

    def note_knowledge(self, user_id: str, note: KnowledgeNote) -> None:
        """A DM to the contact person: what changed in the knowledge, rendered as Block Kit."""
        self.client.chat_postMessage(
            channel=user_id, text=note.text()[:3000], blocks=kit.knowledge_note_blocks(note), unfurl_links=False
        )

    def remind(self, user_id: str, handoff: HandoffView, overdue_hours: float) -> None:
        language = self.language_for(user_id)
        text = t("slack.reminder", language, id=handoff.id, hours=f"{overdue_hours:.0f}")
        self.client.chat_postMessage(
            channel=user_id,
            text=text,
            blocks=kit.section(text) + kit.handoff_blocks(handoff, language),
            unfurl_links=False,
        )


def _asker_place(handoff: HandoffView) -> tuple[str, str | None]:
    """The original thread when that was a DM with Lotse; otherwise a DM to the employee, never a channel."""
    if is_direct(handoff.asker_channel):
        return handoff.asker_channel, handoff.asker_thread
    return handoff.asker_id, None
