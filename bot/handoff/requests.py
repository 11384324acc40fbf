"""Opening handoffs: the one place that builds a `HandoffRequest`, for every road that leads to a person.

    requests = HandoffRequests(handoffs, ExchangeLookup(store), retriever=lambda: lotse.retriever)

    requests.for_reply(reply, asker, conversation, reason="sensitive")      # the assistant's own decision
    opened = requests.person_for_exchange(exchange_id, user)                 # "Mit einem Menschen sprechen"
    opened = requests.person_for_reply(reply, asker, conversation)           # the terminal's /mensch
    opened = requests.post_approval(verdict, author, "slack", message_id=…)  # "Zur Freigabe senden"
    say(opened.text(language))   # "Ich habe deine Frage an … weitergegeben" / "… liegt bereits bei …"

Every request is idempotent per source (platform + source message id): asking twice returns the handoff that
is already open (`opened.created` is False). Refusals are keyed `PermissionDenied` / `HandoffNotFound`.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from bot.compose import to_passage
from bot.conversation.exchanges import ExchangeLookup
from bot.conversation.feedback import learn
from bot.handoff.errors import HandoffNotFound, PermissionDenied
from bot.handoff.service import HandoffRequest, HandoffService
from bot.handoff.views import HandoffView
from bot.handoff.waiting import waiting_lines
from bot.i18n import t
from bot.models import Asker, Conversation, Passage, Reply
from bot.postcheck.approval import approval_passages, approval_summary
from bot.postcheck.verdict import Verdict
from bot.retrieval.hybrid import RetrievalResult

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.views import ViewLearning

log = logging.getLogger(__name__)
CONTEXT_PASSAGES = 3
APPROVAL_PASSAGES = 5
APPROVAL_ROLE = "communications"


class Retriever(Protocol):
    def search(self, query: str, language: str, k: int = ...) -> RetrievalResult: ...


@dataclass(frozen=True)
class HandoffOpened:
    """A handoff the asker asked for: the view, whether it is new, and what to tell the asker."""

    view: HandoffView
    created: bool
    language: str  # the asker's (the question's or the draft's)
    key: str  # i18n key of the message for the asker

    def text(self, language: str | None = None) -> str:
        language = language or self.language
        said = t(self.key, language, contact=self.view.contact_name, id=self.view.id)
        return "\n".join([said, *waiting_lines(self.view, language)])


class HandoffRequests:
    def __init__(
        self,
        handoffs: HandoffService,
        exchanges: ExchangeLookup,
        retriever: Callable[[], Retriever],
        learning: ViewLearning | None = None,
    ) -> None:
        """`retriever` is called only when passages are needed (loading it loads the embedding model).

        `learning`: asking for a person right after a tentative answer ("Nein, bitte an eine Person", the
        terminal's /mensch) counts as the asker's "no" to the offered passage (bot/learning/views.py)."""
        self._handoffs = handoffs
        self._exchanges = exchanges
        self._retriever = retriever
        self._learning = learning

    # --- the assistant's decision --------------------------------------------------------------------
    def for_reply(
        self, reply: Reply, asker: Asker, conversation: Conversation, reason: str, contact_role: str | None = None
    ) -> tuple[HandoffView, bool]:
        """A handoff for a question the assistant did not answer itself (sensitive, unsure, requested)."""
        return self._open(
            HandoffRequest(
                platform=conversation.platform,
                source_message_id=conversation.message_id,
                asker_id=asker.user_id,
                asker_channel=conversation.channel_id,
                asker_thread=conversation.thread_id,
                language=reply.language,
                reason=reason,
                category=reply.category,
                contact_role=contact_role,
                question=reply.question,
                context=list(reply.sources),
                exchange_id=reply.exchange_id,
            )
        )

    # --- "talk to a person" --------------------------------------------------------------------------
    def person_for_exchange(self, exchange_id: int | None, actor_id: str) -> HandoffOpened:
        """The button under an answer: only the asker may pass their recorded question on."""
        record = self._exchanges.get(exchange_id)
        if record is None or not record.question:
            raise HandoffNotFound(exchange_id or 0, key="handoff.error.request_not_found")
        if record.asker_id != actor_id:
            raise PermissionDenied("handoff.error.own_question_only")
        view, created = self._open(
            HandoffRequest(
                platform=record.platform,
                source_message_id=f"human:{record.id}",
                asker_id=actor_id,
                asker_channel=record.channel_id,
                asker_thread=record.thread_id,
                language=record.language,
                reason="requested",
                question=record.question,
                category=record.category,
                context=self.best_passages(record.question, record.language),
                exchange_id=record.id,
            )
        )
        learn(self._learning, record, confirmed=False)
        return _opened(view, created, record.language, "handoff_requested")

    def person_for_reply(self, reply: Reply, asker: Asker, conversation: Conversation) -> HandoffOpened:
        """Pass on the reply the asker just read (the terminal keeps it in memory), with its passages."""
        source = f"human:{reply.exchange_id or uuid.uuid4().hex}"
        view, created = self._open(
            HandoffRequest(
                platform=conversation.platform,
                source_message_id=source,
                asker_id=asker.user_id,
                asker_channel=conversation.channel_id,
                asker_thread=conversation.thread_id,
                language=reply.language,
                reason="requested",
                question=reply.question,
                category=reply.category,
                context=self.best_passages(reply.question, reply.language) if reply.tentative else list(reply.sources),
                exchange_id=reply.exchange_id,
            )
        )
        if reply.tentative and reply.exchange_id is not None:
            record = self._exchanges.get(reply.exchange_id)
            if record is not None:
                learn(self._learning, record, confirmed=False)
        return _opened(view, created, reply.language, "handoff_requested")

    # --- post approval -------------------------------------------------------------------------------
    def post_approval(
        self,
        verdict: Verdict,
        author_id: str,
        platform: str,
        message_id: str | None = None,
        channel: str | None = None,
        thread: str | None = None,
    ) -> HandoffOpened:
        """A draft whose verdict is `approval` goes to communications with the guideline passages.

        Raises ValueError if the verdict is not `approval` (nothing to clear).
        """
        if verdict.verdict != "approval":
            raise ValueError(t("postcheck.not_approval", verdict.language, verdict=verdict.verdict))
        approvals = [f for f in verdict.findings if f.severity == "approval"]
        view, created = self._open(
            HandoffRequest(
                platform=platform,
                source_message_id=message_id,
                asker_id=author_id,
                asker_channel=channel,
                asker_thread=thread,
                language=verdict.language,
                reason="post_approval",
                category=approvals[0].category if approvals else None,
                contact_role=APPROVAL_ROLE,
                question=approval_summary(verdict),
                context=approval_passages(verdict)[:APPROVAL_PASSAGES],
                draft=verdict.draft,
                exchange_id=None,
            )
        )
        return _opened(view, created, verdict.language, "handoff_post_approval")

    # --- context --------------------------------------------------------------------------------------
    def best_passages(self, question: str, language: str, k: int = CONTEXT_PASSAGES) -> list[Passage]:
        """The bot's best passages for the contact person; none (logged) when retrieval fails."""
        try:
            result = self._retriever().search(question, language, k=k)
            return [to_passage(hit) for hit in result.hits[:k]]
        except Exception:
            log.exception("retrieving context for a handoff failed")
            return []

    def _open(self, request: HandoffRequest) -> tuple[HandoffView, bool]:
        return self._handoffs.open(request)


def _opened(view: HandoffView, created: bool, language: str, key: str) -> HandoffOpened:
    return HandoffOpened(view=view, created=created, language=language, key=key if created else "handoff_existing")


__all__: Sequence[str] = ("HandoffOpened", "HandoffRequests", "Retriever")
