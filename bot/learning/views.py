"""Learning from the asker: "Ja, danke" on a tentative answer teaches Lotse a new way into that passage.

    learning = ViewLearning(store, clock, writer, reindexer, contacts, confirmations=2)
    learning.confirm(record)      # the asker said the offered passage answers their question
    learning.reject(record)       # the asker said it does not ("Nein, bitte an eine Person", 👎)
    learning.approve(actor, id)   # a contact person vouches for a candidate at once
    learning.vetoed(question, document, anchor)  # askers rejected this passage for this very question

A candidate is one passage that askers confirmed for their questions. It becomes knowledge (its confirmed
questions are written as question views of the passage, knowledge/questions/learned.<document>.<lang>.yaml,
and the index is refreshed in the background) once `confirmations` different people confirmed it and it has
more confirmations than rejections, or once a contact person approved it. After that, a newly confirmed
question of that passage is added at once. Only answers offered tentatively count; a question that carries
personal data, is long, or fell into a sensitive category is counted but never written. People are counted
by a one-way hash, never named; question texts are purged after the retention period (bot/handoff/retention.py).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.contacts import ContactDirectory
from bot.conversation.exchanges import ExchangeRecord
from bot.errors import LotseError
from bot.i18n import register
from bot.learning.privacy import may_become_view
from bot.learning.views_writer import ViewWriter
from bot.retrieval.analysis import analyze
from bot.store.db import Store
from bot.store.models import ViewCandidate, ViewVote

log = logging.getLogger(__name__)

register(
    {
        "views.error.not_contact": {
            "de": "Nur Ansprechpersonen können gelernte Fragen freigeben.",
            "en": "Only contact people can approve learned questions.",
        },
        "views.error.not_found": {
            "de": "Diesen Vorschlag gibt es nicht (mehr).",
            "en": "This candidate does not exist (any more).",
        },
    }
)


class ViewRefused(LotseError):
    """keys: views.error.not_contact, views.error.not_found."""


@dataclass(frozen=True)
class CandidateSummary:
    """A candidate as the weekly report shows it: the passage and counts, no question, no person."""

    id: int
    document: str
    section: str
    status: str
    confirmations: int  # different people who confirmed
    rejections: int  # different people who rejected
    questions: int  # confirmed questions that may become views
    written: int  # of those, written as views
    promoted_at: datetime | None
    approved: bool


def voter_hash(platform: str, user_id: str) -> str:
    return hashlib.sha256(f"lotse-voter\0{platform}\0{user_id}".encode()).hexdigest()[:32]


def question_key(question: str, language: str) -> str:
    """The same question in other casing, punctuation or word forms maps to the same key."""
    terms = " ".join(sorted(set(analyze(question, language)))) or " ".join(question.casefold().split())
    return hashlib.sha256(terms.encode()).hexdigest()[:32]


class ViewLearning:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        writer: ViewWriter,
        reindex: Callable[[], None] | None,
        contacts: ContactDirectory,
        *,
        confirmations: int = 2,
    ) -> None:
        self._store = store
        self._clock = clock
        self.writer = writer
        self._reindex = reindex
        self._contacts = contacts
        self.confirmations = max(1, confirmations)

    # --- votes ----------------------------------------------------------------------------------------
    def confirm(self, record: ExchangeRecord) -> bool:
        """Count the asker's "yes"; True when this made new views (written, re-index requested)."""
        return self._vote(record, "confirm")

    def reject(self, record: ExchangeRecord) -> bool:
        return self._vote(record, "reject")

    def _vote(self, record: ExchangeRecord, vote: str) -> bool:
        if not (record.tentative and record.outcome == "answered" and record.top_document and record.question):
            return False  # only a passage offered as "Meinst du das?" is on trial
        anchor = record.top_anchor or (record.top_section or "").split(" › ")[-1]
        now = self._clock.now()
        with self._store.session() as session:
            candidate = self._candidate(session, record, anchor, now)
            row = session.scalars(select(ViewVote).filter_by(candidate_id=candidate.id, exchange_id=record.id)).first()
            if row is None:
                row = ViewVote(
                    candidate_id=candidate.id,
                    exchange_id=record.id,
                    voter=voter_hash(record.platform, record.asker_id),
                    question=" ".join(record.question.split()),
                    question_key=question_key(record.question, record.language),
                    eligible=may_become_view(record.question, record.category),
                )
                session.add(row)
            row.vote, row.at = vote, now
            candidate.updated_at = now
            session.flush()
            written = self._promote_if_due(session, candidate, now)
        return self._written(written)

    def _candidate(self, session: Session, record: ExchangeRecord, anchor: str, now: datetime) -> ViewCandidate:
        document = record.top_document or ""
        query = select(ViewCandidate).filter_by(document=document, anchor=anchor)
        found = session.scalars(query).first()
        if found is not None:
            return found
        try:
            with session.begin_nested():
                row = ViewCandidate(
                    created_at=now,
                    updated_at=now,
                    document=document,
                    anchor=anchor,
                    section=record.top_section or anchor,
                    language=record.language,
                    status="open",
                )
                session.add(row)
            return row
        except IntegrityError:  # another asker's vote created it a moment ago
            return session.scalars(query).one()

    # --- promotion ------------------------------------------------------------------------------------
    def approve(self, actor_id: str, candidate_id: int) -> int:
        """A contact person vouches for a candidate: its confirmed questions become views now."""
        if not self._contacts.is_contact(actor_id):
            raise ViewRefused("views.error.not_contact")
        now = self._clock.now()
        with self._store.session() as session:
            candidate = session.get(ViewCandidate, candidate_id)
            if candidate is None:
                raise ViewRefused("views.error.not_found")
            candidate.approved_by = actor_id
            written = self._promote(session, candidate, now)
        self._written(written)
        return written

    def _promote_if_due(self, session: Session, candidate: ViewCandidate, now: datetime) -> int:
        confirms, rejects = _counts(session, candidate.id)
        if confirms <= rejects:
            return 0  # more (or as many) people said no than yes: never shown as learned
        if candidate.status == "promoted" or confirms >= self.confirmations:
            return self._promote(session, candidate, now)
        return 0

    def _promote(self, session: Session, candidate: ViewCandidate, now: datetime) -> int:
        if candidate.status != "promoted":
            candidate.status, candidate.promoted_at = "promoted", now
        votes = session.scalars(select(ViewVote).filter_by(candidate_id=candidate.id)).all()
        rejected = {v.question_key for v in votes if v.vote == "reject"}
        due = [
            v
            for v in votes
            if v.vote == "confirm"
            and v.eligible
            and v.question
            and not v.promoted_at
            and v.question_key not in rejected
        ]
        by_language: dict[str, list[ViewVote]] = {}
        for vote in due:
            by_language.setdefault(_vote_language(session, vote, candidate.language), []).append(vote)
        written = 0
        for language, votes_ in by_language.items():
            written += self.writer.add(
                candidate.document, candidate.anchor, language, [v.question or "" for v in votes_]
            )
            for vote in votes_:
                vote.promoted_at = now
        return written

    def _written(self, written: int) -> bool:
        if written and self._reindex is not None:
            self._reindex()
        return written > 0

    # --- reading --------------------------------------------------------------------------------------
    def vetoed(self, question: str, language: str, document: str, anchor: str) -> bool:
        """Askers rejected this passage for this question more often than they confirmed it."""
        key = question_key(question, language)
        with self._store.session() as session:
            rows = session.execute(
                select(ViewVote.vote, func.count(func.distinct(ViewVote.voter)))
                .join(ViewCandidate, ViewCandidate.id == ViewVote.candidate_id)
                .where(ViewCandidate.document == document, ViewCandidate.anchor == anchor, ViewVote.question_key == key)
                .group_by(ViewVote.vote)
            ).all()
        counts = {str(vote): int(n) for vote, n in rows}
        return counts.get("reject", 0) > counts.get("confirm", 0)

    def summaries(self, status: str | None = None) -> list[CandidateSummary]:
        with self._store.session() as session:
            query = select(ViewCandidate).order_by(ViewCandidate.updated_at.desc())
            if status:
                query = query.filter_by(status=status)
            return [_summary(session, c) for c in session.scalars(query).all()]


def _counts(session: Session, candidate_id: int) -> tuple[int, int]:
    """(different people who confirmed, different people who rejected); a person's latest vote counts."""
    votes = session.scalars(select(ViewVote).filter_by(candidate_id=candidate_id).order_by(ViewVote.at)).all()
    latest = {v.voter: v.vote for v in votes}
    return sum(1 for v in latest.values() if v == "confirm"), sum(1 for v in latest.values() if v == "reject")


def _summary(session: Session, candidate: ViewCandidate) -> CandidateSummary:
    confirms, rejects = _counts(session, candidate.id)
    votes = session.scalars(select(ViewVote).filter_by(candidate_id=candidate.id, vote="confirm")).all()
    eligible = [v for v in votes if v.eligible]
    return CandidateSummary(
        id=candidate.id,
        document=candidate.document,
        section=candidate.section,
        status=candidate.status,
        confirmations=confirms,
        rejections=rejects,
        questions=len({v.question_key for v in eligible}),
        written=sum(1 for v in eligible if v.promoted_at),
        promoted_at=candidate.promoted_at,
        approved=candidate.approved_by is not None,
    )


def _vote_language(session: Session, vote: ViewVote, default: str) -> str:
    from bot.store.models import Exchange

    if vote.exchange_id is None:
        return default
    language = session.scalars(select(Exchange.language).filter_by(id=vote.exchange_id)).first()
    return language or default
