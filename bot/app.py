"""The composition root: builds Lotse's parts from settings, lazily and once, and wires them together.

Core services take only their collaborators (the store, the clock, the retriever, …), never this container;
only this module knows how they fit. Adapters (CLI, terminal chat, Slack, Teams) get a `Lotse` and use its
services (see docs/architecture.md); tests build one over a temporary data dir. Each part is created on first
use so a command only pays for what it needs.
"""

from __future__ import annotations

import logging
import threading
from functools import cached_property
from typing import TYPE_CHECKING

from bot.clock import Clock, SystemClock
from bot.settings import Settings

if TYPE_CHECKING:  # pragma: no cover
    from bot.assistant import Assistant
    from bot.calibration import Calibration
    from bot.contacts import ContactDirectory
    from bot.conversation.exchanges import ExchangeLookup
    from bot.conversation.feedback import Feedback
    from bot.conversation.history import ThreadHistory
    from bot.embeddings import Embedder
    from bot.guard import Guard
    from bot.handoff.absence_desk import AbsenceDesk
    from bot.handoff.desk import HandoffDesk
    from bot.handoff.notifier import Notifier
    from bot.handoff.requests import HandoffRequests
    from bot.handoff.service import HandoffService
    from bot.knowledge import CompanyKnowledge
    from bot.learning.case_examples import CaseExamples
    from bot.learning.loop import LearningLoop
    from bot.learning.notes import KnowledgeNotes
    from bot.learning.views import ViewLearning
    from bot.postcheck.checker import PostChecker
    from bot.postcheck.service import PostChecks
    from bot.practice.catalog import Catalog
    from bot.practice.delivery import PracticeDeliveries
    from bot.practice.service import Practice
    from bot.reading.reader import Reader
    from bot.reading.rewrite import FollowUps
    from bot.reading.throttle import Throttle
    from bot.retrieval.hybrid import HybridRetriever
    from bot.store.db import Store
    from bot.store.exchanges import ExchangeLog
    from bot.triage.triage import Triage
    from ingest.index_store import IndexStore

log = logging.getLogger(__name__)


class Lotse:
    def __init__(
        self, settings: Settings | None = None, *, clock: Clock | None = None, notifier: Notifier | None = None
    ) -> None:
        self.settings = settings or Settings()
        self.settings.ensure_dirs()
        self.clock: Clock = clock or SystemClock()
        self._notifier = notifier

    # --- knowledge and retrieval ---------------------------------------------------------------
    @cached_property
    def embedder(self) -> Embedder:
        from bot import vector_cache
        from bot.embeddings import Embedder

        vector_cache.use_directory(self.settings.index_dir)  # vectors of fixed texts kept beside the index
        return Embedder.load(self.settings.embedding_model, device=self.settings.embedding_device)

    @cached_property
    def index(self) -> IndexStore:
        from ingest.index_store import IndexStore

        return IndexStore(self.settings, lambda: self.embedder)

    @cached_property
    def retriever(self) -> HybridRetriever:
        from bot.retrieval.hybrid import Fusion, HybridRetriever
        from bot.retrieval.synonyms import Synonyms

        calibration = self.calibration
        fusion = Fusion(k=calibration.fusion_k, lexical_weight=calibration.lexical_weight)
        return HybridRetriever(
            self.index,
            self.embedder,
            Synonyms.load(self.settings.knowledge_dir),
            fusion,
            calibration.rerank_weights,
            calibration.view_offset,
        )

    @cached_property
    def calibration(self) -> Calibration:
        """The embedding model's cut-offs (bot/calibration.yaml, knowledge/calibration.yaml); no model loaded."""
        from bot.calibration import calibration_for

        return calibration_for(self.settings.embedding_model, self.settings.knowledge_dir)

    @cached_property
    def company(self) -> CompanyKnowledge:
        from bot.knowledge import CompanyKnowledge

        return CompanyKnowledge.load(self.settings.knowledge_dir)

    @cached_property
    def contacts(self) -> ContactDirectory:
        from bot.contacts import ContactDirectory

        return ContactDirectory.load(self.settings.knowledge_dir, self.settings.contact_ids)

    # --- persistence and handoffs ----------------------------------------------------------------
    @cached_property
    def store(self) -> Store:
        from bot.store.db import Store

        store = Store(self.settings.resolved_database_url, clock=self.clock)
        store.migrate()
        return store

    @property
    def notifier(self) -> Notifier:
        if self._notifier is None:
            from bot.handoff.notifier import LogNotifier

            self._notifier = LogNotifier()
        return self._notifier

    @notifier.setter
    def notifier(self, value: Notifier) -> None:
        """A new notifier (an adapter's) rebuilds the handoff service and the services built on it."""
        self._notifier = value
        for name in _ON_HANDOFFS:
            self.__dict__.pop(name, None)

    @cached_property
    def handoffs(self) -> HandoffService:
        from bot.handoff.service import HandoffService

        service = HandoffService(self.store, self.contacts, self.notifier, self.clock, self.settings)
        service.set_routing(self.routing())
        service.on_answer.append(self.learning_loop)  # "Zur FAQ hinzufügen": writes the FAQ, re-indexes in background
        return service

    @cached_property
    def learning_loop(self) -> LearningLoop:
        from bot.learning.faq_writer import FaqWriter
        from bot.learning.loop import LearningLoop, reindex_knowledge
        from bot.learning.reindex import Reindexer

        settings = self.settings
        writer = FaqWriter(settings.knowledge_dir, lock_dir=settings.data_dir)
        reindexer = Reindexer(lambda: reindex_knowledge(settings.knowledge_dir, lambda: self.index))
        return LearningLoop(writer, reindexer, self.contacts, self.store, self.clock, settings.timezone)

    @cached_property
    def view_learning(self) -> ViewLearning:
        """Askers' "Ja, danke" / "Nein" on tentative answers → learned question views (bot/learning/views.py)."""
        from bot.learning.views import ViewLearning
        from bot.learning.views_writer import ViewWriter

        settings = self.settings
        writer = ViewWriter(settings.knowledge_dir, lock_dir=settings.data_dir)
        return ViewLearning(
            self.store,
            self.clock,
            writer,
            lambda: self.learning_loop.reindexer.request(),
            self.contacts,
            confirmations=settings.learn_confirmations,
        )

    @cached_property
    def handoff_requests(self) -> HandoffRequests:
        """Every road to a person: the assistant's handoffs, "talk to a person", post approvals."""
        from bot.handoff.requests import HandoffRequests

        return HandoffRequests(
            self.handoffs, self.exchange_lookup, retriever=lambda: self.retriever, learning=self.view_learning
        )

    @cached_property
    def absence_desk(self) -> AbsenceDesk:
        """Contact people's absences: "abwesend bis 18.12." / "away until 12/18", "zurück" / "back"."""
        from bot.handoff.absence_desk import AbsenceDesk

        handoffs = self.handoffs
        return AbsenceDesk(handoffs.absences, handoffs, self.contacts, self.clock, self.settings.timezone)

    @cached_property
    def handoff_desk(self) -> HandoffDesk:
        """The contact person's side: claim, answer (+ FAQ), resolve, inbox."""
        from bot.handoff.desk import HandoffDesk

        return HandoffDesk(self.handoffs, self.contacts)

    @cached_property
    def case_examples(self) -> CaseExamples:
        """ "Als Beispiel übernehmen": an answered case becomes an example in the company's rule files."""
        from bot.learning.case_examples import CaseExamples
        from bot.learning.example_files import ExampleWriter

        settings = self.settings
        return CaseExamples(
            self.handoffs,
            self.contacts,
            ExampleWriter(settings.knowledge_dir, lock_dir=settings.data_dir),
            lambda: self.postchecker,
            self.store,
            self.clock,
            timezone=settings.timezone,
            on_saved=self.reload_rules,
        )

    def reload_rules(self) -> None:
        """Read triage and post-check rules again (after a contact person saved an example): dropped now, loaded
        again in the background, so the next message does not wait for the example embeddings."""
        for name in _ON_RULES:
            self.__dict__.pop(name, None)
        threading.Thread(target=self._load_rules, name="lotse-reload-rules", daemon=True).start()

    def _load_rules(self) -> None:
        try:
            self.triage  # noqa: B018
            self.postchecker.warm_up()
        except Exception:
            log.exception("reloading triage and post-check rules failed; they load on next use")

    # --- conversations -----------------------------------------------------------------------------
    @cached_property
    def exchange_log(self) -> ExchangeLog:
        from bot.store.exchanges import ExchangeLog

        return ExchangeLog(self.store, self.clock)

    @cached_property
    def exchange_lookup(self) -> ExchangeLookup:
        from bot.conversation.exchanges import ExchangeLookup

        return ExchangeLookup(self.store)

    @cached_property
    def thread_history(self) -> ThreadHistory:
        from bot.conversation.history import ThreadHistory

        return ThreadHistory(self.store)

    @cached_property
    def feedback(self) -> Feedback:
        from bot.conversation.feedback import Feedback

        return Feedback(self.exchange_log, self.exchange_lookup, self.view_learning)

    def routing(self) -> dict[str, str]:
        """Sensitive category → contact role, from knowledge/triage.yaml or the defaults (no model needed)."""
        from bot.triage.config import load_config_or_default

        config, _ = load_config_or_default(self.settings.knowledge_dir / "triage.yaml")
        return config.routing()

    # --- the assistant ---------------------------------------------------------------------------
    @cached_property
    def triage(self) -> Triage | None:
        try:
            from bot.triage.triage import Triage
        except ModuleNotFoundError:
            return None
        return Triage.load(self.settings.knowledge_dir, self.embedder, self.settings)

    @cached_property
    def assistant(self) -> Assistant:
        from bot.assistant import Assistant

        return Assistant(
            self.settings,
            retriever=self.retriever,
            triage=self.triage,
            contacts=self.contacts,
            exchanges=lambda: self.exchange_log,
            handoffs=lambda: self.handoff_requests,
            guard=self.guard,
            learning=lambda: self.view_learning,
            reader=self.reader,
            follow_ups=self.follow_ups,
        )

    @cached_property
    def reader(self) -> Reader:
        """The extractive reader, or with LOTSE_LLM set a language model whose answers Lotse verifies."""
        from bot.reading.extractive import ExtractiveReader

        if not self.settings.llm_enabled:
            return ExtractiveReader()
        from bot.reading.llm import LlmReader

        return LlmReader.from_settings(
            self.settings, embedder=lambda: self.embedder, fallback=ExtractiveReader(), throttle=self.llm_throttle
        )

    @cached_property
    def llm_throttle(self) -> Throttle:
        """One provider, one rate limit: a 429 seen by the reader, the rewrite or the review pauses all three."""
        from bot.reading.throttle import Throttle

        return Throttle()

    @cached_property
    def follow_ups(self) -> FollowUps:
        """What a message in a thread is searched as: the rule, or with LOTSE_LLM set a rewrite Lotse checks."""
        from bot.reading.rewrite import ModelFollowUps, RuleFollowUps

        if not self.settings.llm_enabled:
            return RuleFollowUps()
        from bot.reading.llm import chat_model

        timeout = self.settings.llm_timeout_seconds
        return ModelFollowUps(chat_model(self.settings), timeout=timeout, throttle=self.llm_throttle)

    @cached_property
    def guard(self) -> Guard:
        """Junk, oversize input and per-user rate limits (counted in the database) before the question road."""
        from bot.guard import Guard
        from bot.guard.rate_limit import RateLimiter

        return Guard(
            self.settings,
            triage=self.triage,
            contacts=self.contacts,
            limiter=lambda: RateLimiter.for_settings(self.store, self.clock, self.settings),
        )

    @cached_property
    def practice(self) -> Practice:
        """The weekly practice (bot/practice): scenarios from the company's material, who takes part, answers."""
        from bot.practice.catalog import load_catalog
        from bot.practice.service import Practice
        from bot.yaml_file import read_mapping

        knowledge_dir = self.settings.knowledge_dir
        for_everyone = self.settings.practice_for_everyone
        if for_everyone is None:
            company = read_mapping(knowledge_dir / "company.yaml") or {}
            section = company.get("practice") or {}
            for_everyone = bool(section.get("for_everyone", False)) if isinstance(section, dict) else False
        catalog = None

        def scenarios() -> Catalog:
            nonlocal catalog
            if catalog is None:
                catalog = load_catalog(knowledge_dir)
            return catalog

        return Practice(
            self.store,
            self.clock,
            scenarios,
            for_everyone=for_everyone,
            timezone=self.settings.timezone,
            default_language=self.settings.default_language,
        )

    @cached_property
    def practice_deliveries(self) -> PracticeDeliveries:
        """Weekly exercises through the handoffs' durable outbox (kind `practice`); adapters register senders."""
        from bot.handoff.business_hours import WorkingTime
        from bot.practice.delivery import PracticeDeliveries

        return PracticeDeliveries(
            self.store, self.handoffs.deliveries, self.practice, self.clock, WorkingTime.from_settings(self.settings)
        )

    @cached_property
    def knowledge_notes(self) -> KnowledgeNotes:
        """A note to the communications contacts when the knowledge changed (once per change, via the outbox)."""
        from bot.learning.notes import NOTE_ROLE, KnowledgeNotes

        return KnowledgeNotes(
            self.store, self.handoffs.deliveries, lambda: self.contacts.user_ids_for(NOTE_ROLE), self.clock
        )

    @cached_property
    def postchecker(self) -> PostChecker:
        from bot.postcheck.checker import PostChecker

        reviewer = None
        if self.settings.llm_enabled:  # a model adds findings Lotse checks (bot/postcheck/model_review.py)
            from bot.postcheck.model_review import ModelReviewer
            from bot.reading.llm import chat_model

            timeout = self.settings.llm_timeout_seconds
            reviewer = ModelReviewer(chat_model(self.settings), timeout=timeout, throttle=self.llm_throttle)
        # lazy: only the semantic rule needs the model, only quotes need the index
        return PostChecker.load(
            self.settings.knowledge_dir,
            embedder=lambda: self.embedder,
            index=lambda: self.index,
            default_language=self.settings.default_language,
            reviewer=reviewer,
        )

    @cached_property
    def post_checks(self) -> PostChecks:
        """Check a draft and log it; send a logged draft for approval."""
        from bot.postcheck.service import PostChecks

        return PostChecks(self.postchecker, self.exchange_log, self.handoff_requests)


# built on `handoffs`: rebuilt when the notifier changes
_ON_HANDOFFS = (
    "handoffs",
    "handoff_requests",
    "handoff_desk",
    "post_checks",
    "absence_desk",
    "case_examples",
    "knowledge_notes",
)
# read from knowledge/triage.yaml and knowledge/postcheck/: rebuilt by `reload_rules`
_ON_RULES = ("triage", "assistant", "guard", "postchecker", "post_checks")
