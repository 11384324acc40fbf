"""The core's one question road: language → retrieval → triage → decision → answer or handoff → record.

Adapters call `Assistant.ask` and render the `Reply`; no rule of what to answer lives anywhere else.

    Assistant(settings, retriever=…, triage=…, contacts=…, exchanges=lambda: ExchangeLog(store, clock),
              handoffs=lambda: HandoffRequests(…))     # wired by the composition root, bot/app.py

`exchanges` and `handoffs` are providers, called only when a reply is recorded: `ask(…, record=False)` (the
evaluations, `lotse ask --no-record`) never opens the database, and an answer still reaches the user when the
database is down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from bot.compose import to_passage
from bot.contacts import ContactDirectory
from bot.guard import Guard
from bot.handoff.requests import HandoffRequests, Retriever
from bot.handoff.waiting import waiting_lines
from bot.i18n import t
from bot.language import detect_language
from bot.models import Asker, Conversation, HandoffRef, Reply
from bot.practice.taboo import is_taboo_question, taboo_answer
from bot.reading.extractive import ExtractiveReader
from bot.reading.reader import Reader, Reading, ReadingRequest, Tier
from bot.reading.rewrite import FollowUps, RuleFollowUps
from bot.retrieval.hybrid import RetrievalResult
from bot.settings import Settings
from bot.store.exchanges import ExchangeLog
from bot.text_input import clean
from bot.triage.decision import TriageDecision

if TYPE_CHECKING:  # pragma: no cover
    from bot.learning.views import ViewLearning
    from bot.triage.triage import Triage

log = logging.getLogger(__name__)
DEFAULT_MIN_DENSE = 0.35  # used only when no calibrated triage is configured
CONTEXT_PASSAGES = 3


class Assistant:
    def __init__(
        self,
        settings: Settings,
        *,
        retriever: Retriever,
        triage: Triage | None,
        contacts: ContactDirectory,
        exchanges: Callable[[], ExchangeLog],
        handoffs: Callable[[], HandoffRequests],
        guard: Guard | None = None,
        learning: Callable[[], ViewLearning] | None = None,
        reader: Reader | None = None,
        follow_ups: FollowUps | None = None,
    ) -> None:
        self.settings = settings
        self._retriever = retriever
        self._triage = triage  # None: no calibrated triage configured (a plain dense cut-off decides)
        self._contacts = contacts
        self._exchanges = exchanges
        self._handoffs = handoffs
        self._guard = guard or Guard(settings, triage=triage, contacts=contacts)  # bot/guard/: junk, floods, limits
        self._learning = learning  # askers' "no" to a passage for a question: never confident there again
        self._reader: Reader = reader or ExtractiveReader()  # bot/reading/: quotes, or a verified model answer
        self._follow_ups: FollowUps = follow_ups or RuleFollowUps()  # what a message in a thread is searched as
        self.last_reading: Reading | None = None  # the evaluation reads why a model's answer was not shown

    # --- the road ------------------------------------------------------------------------------------
    def ask(
        self,
        question: str | bytes | None,
        asker: Asker | None = None,
        conversation: Conversation | None = None,
        *,
        record: bool = True,
    ) -> Reply:
        asker = asker or Asker(user_id="cli")
        conversation = conversation or Conversation(platform=asker.platform)
        cleaned = clean(question, self.settings.max_question_chars, self.settings.max_input_chars)
        screened = self._guard.screen(cleaned, asker, record)
        if screened.reply is not None:
            return screened.reply  # too long, empty, junk or too many questions
        text = screened.text
        language = conversation.language or detect_language(text, default=self.settings.default_language)
        if is_taboo_question(text):  # "Worüber darf ich nicht posten?": the company's taboo topics, one example each
            return self._taboo(text, language, asker, conversation, record)
        result = self.retrieve(text, language, conversation)
        decision = self.triage(text, language, result)
        reply = self.decide(text, language, result, decision, vetoes=record, history=conversation.history)
        if cleaned.truncated:
            reply.notice = t("truncated", language, limit=self.settings.max_question_chars)
        if record:
            self._record(reply, asker, conversation, decision, result)
        elif reply.outcome == "handoff":
            self._describe_dry_run(reply, decision)
        return reply

    def _taboo(self, text: str, language: str, asker: Asker, conversation: Conversation, record: bool) -> Reply:
        answer = taboo_answer(self.settings.knowledge_dir, language)
        reply = Reply(question=text, language=language, outcome="answered", answer=answer, confidence=1.0)
        if record:
            try:
                reply.exchange_id = self._exchanges().record(reply, asker, conversation, reason=None)
            except Exception:  # the answer must reach the user even when the database is down
                log.exception("could not record the exchange")
        return reply

    def retrieve(self, text: str, language: str, conversation: Conversation) -> RetrievalResult:
        """Retrieval for the message; a follow-up with its thread (bot/reading/rewrite.py). Triage still reads `text`."""
        query = self._follow_ups.query(text, language, conversation.history)
        return self._retriever.search(query, language, k=5)

    def triage(self, text: str, language: str, result: RetrievalResult) -> TriageDecision:
        triage = self._triage
        return triage.assess(text, language, result) if triage is not None else TriageDecision()

    def tier(self, result: RetrievalResult) -> str:
        """confident | tentative | none (see bot/triage/answerability.py)."""
        triage = self._triage
        if triage is not None:
            return triage.tier(result)
        minimum = self.settings.min_confidence if self.settings.min_confidence is not None else DEFAULT_MIN_DENSE
        return "confident" if result.best is not None and result.top_dense >= minimum else "none"

    def decide(
        self,
        text: str,
        language: str,
        result: RetrievalResult,
        decision: TriageDecision,
        *,
        vetoes: bool = False,
        history: tuple[str, ...] = (),
    ) -> Reply:
        """The reply; with `vetoes`, a confident answer askers rejected for this question is offered tentatively."""
        self.last_reading = None
        sources = [to_passage(hit) for hit in result.hits[:CONTEXT_PASSAGES]]
        confidence = self.confidence_score(result)
        base: dict[str, Any] = dict(question=text, language=language, confidence=confidence, category=decision.category)
        if decision.kind in ("sensitive", "requested"):
            return Reply(outcome="handoff", answer="", sources=sources, **base)  # triage first: no reader sees it
        if decision.kind == "off_topic" or result.best is None:
            return Reply(outcome="out_of_scope", answer=t("out_of_scope", language), **base)
        tier = self.tier(result)
        if tier == "confident" and vetoes and self._vetoed(text, language, result):
            tier = "tentative"
        if tier != "none":
            contact = self._contacts.get(None).name
            request = ReadingRequest(text, language, result.hits, cast(Tier, tier), contact, history)
            reading = self.last_reading = self._reader.read(request)
            if reading.tier != "none":
                tentative = reading.tier == "tentative"
                return Reply(
                    outcome="answered", answer=reading.answer, sources=reading.sources, tentative=tentative, **base
                )
        if self._triage is None:
            return Reply(outcome="out_of_scope", answer=t("out_of_scope", language), **base)
        return Reply(outcome="handoff", answer="", sources=sources, **base)

    def _vetoed(self, text: str, language: str, result: RetrievalResult) -> bool:
        if self._learning is None or result.best is None:
            return False
        passage = to_passage(result.best)
        try:
            anchor = passage.anchor or passage.section.split(" › ")[-1]
            return self._learning().vetoed(text, language, passage.document, anchor)
        except Exception:  # the answer must reach the user even when the database is down
            log.exception("could not look up the askers' verdicts")
            return False

    def confidence_score(self, result: RetrievalResult) -> float:
        triage = self._triage
        if triage is not None:
            return float(triage.confidence(result))
        return float(result.top_dense)

    def _describe_dry_run(self, reply: Reply, decision: TriageDecision) -> None:
        """Not recorded (a dry run): say who the question would go to and why, since nothing was opened."""
        reason = handoff_reason(reply, decision) or "low_confidence"
        contact = self._contacts.get(decision.contact_role)
        reply.answer = t(
            "handoff_dry_run",
            reply.language,
            contact=contact.name,
            role=contact.role_label(reply.language),
            why=t("dry_run_" + reason, reply.language, category=reply.category or ""),
        )

    # --- recording and handoff ---------------------------------------------------------------------
    def _record(
        self, reply: Reply, asker: Asker, conversation: Conversation, decision: TriageDecision, result: RetrievalResult
    ) -> None:
        reason = handoff_reason(reply, decision)
        try:
            reply.exchange_id = self._exchanges().record(reply, asker, conversation, reason=reason)
        except Exception:  # the answer must reach the user even when the database is down
            log.exception("could not record the exchange")
        if reply.outcome == "handoff":
            self._open_handoff(reply, asker, conversation, decision, reason or "low_confidence")

    def _open_handoff(
        self, reply: Reply, asker: Asker, conversation: Conversation, decision: TriageDecision, reason: str
    ) -> None:
        contacts = self._contacts
        if not self._guard.may_hand_off(asker):
            reply.answer = self._guard.handoff_refusal(reply.language, decision.contact_role)
            return
        try:
            view, created = self._handoffs().for_reply(reply, asker, conversation, reason, decision.contact_role)
        except Exception:
            log.exception("could not open a handoff")
            fallback = contacts.get(decision.contact_role or "communications")
            reply.answer = t("handoff_failed", reply.language, email=fallback.email or "")
            return
        reply.handoff = HandoffRef(
            id=view.id,
            reason=view.reason,
            category=view.category,
            contact_role=view.contact_role,
            contact_name=view.contact_name,  # who has it now: a deputy when the role's people are away
            status=view.status,
            created=created,
        )
        key = "handoff_" + reason if created else "handoff_existing"
        reply.answer = t(key, reply.language, contact=view.contact_name, id=view.id)
        waiting = waiting_lines(view, reply.language)  # who stands in, when to expect an answer, the first step
        if waiting:
            reply.answer += "\n" + "\n".join(waiting)
        if reason == "low_confidence" and reply.sources:  # something to read while waiting, clearly not an answer
            nearest = reply.sources[0]
            reply.answer += "\n" + t(
                "nearest_passage", reply.language, title=nearest.title, section=nearest.section.split(" › ")[-1]
            )


def handoff_reason(reply: Reply, decision: TriageDecision) -> str | None:
    if reply.outcome != "handoff":
        return None
    if decision.kind == "sensitive":
        return "sensitive"
    if decision.kind == "requested":
        return "requested"
    return "low_confidence"
