"""The exchange log: every question with its outcome, feedback, and every post check, for the weekly report."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.clock import Clock
from bot.models import Asker, Conversation, Reply
from bot.store.db import Store
from bot.store.models import VERDICTS, Exchange, PostCheck


@dataclass(frozen=True)
class PostCheckRecord:
    id: int
    author_id: str
    verdict: str
    language: str
    draft: str | None


class ExchangeLog:
    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def record(self, reply: Reply, asker: Asker, conversation: Conversation, reason: str | None = None) -> int:
        """Store one exchange; a message recorded before (same platform message id) returns its id."""
        platform = conversation.platform or asker.platform
        existing = self._find(platform, conversation.message_id)
        if existing is not None:
            return existing
        try:
            with self._store.session() as session:
                row = _exchange_row(reply, asker, conversation, platform, reason)
                row.created_at = self._clock.now()
                session.add(row)
                session.flush()
                return row.id
        except IntegrityError:
            found = self._find(platform, conversation.message_id)
            if found is None:
                raise
            return found

    def set_feedback(self, exchange_id: int, actor_id: str, helpful: bool) -> None:
        """Rate an answer; only the person who asked may rate their own exchange."""
        with self._store.session() as session:
            row = session.get(Exchange, exchange_id)
            if row is None:
                raise LookupError(f"exchange {exchange_id} not found")
            if row.asker_id != actor_id:
                raise PermissionError(
                    f"Nur die fragende Person kann bewerten / Only the asker can rate exchange {exchange_id}"
                )
            row.feedback = "helpful" if helpful else "not_helpful"
            row.feedback_at = self._clock.now()

    def record_post_check(
        self,
        author_id: str,
        platform: str,
        language: str,
        verdict: str,
        finding_count: int,
        categories: Sequence[str],
        draft: str | None,
        handoff_id: int | None = None,
    ) -> int:
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}; expected one of {', '.join(VERDICTS)}")
        with self._store.session() as session:
            row = PostCheck(
                created_at=self._clock.now(),
                platform=platform,
                author_id=author_id,
                language=language,
                verdict=verdict,
                finding_count=finding_count,
                categories=list(categories),
                draft=draft,
                handoff_id=handoff_id,
            )
            session.add(row)
            session.flush()
            return row.id

    def find_post_check(self, check_id: int) -> PostCheckRecord | None:
        """A logged post check (its draft is None once the retention period deleted it)."""
        with self._store.session() as session:
            row = session.get(PostCheck, check_id)
            if row is None:
                return None
            return PostCheckRecord(
                id=row.id, author_id=row.author_id, verdict=row.verdict, language=row.language, draft=row.draft
            )

    def _find(self, platform: str, message_id: str | None) -> int | None:
        if not message_id:
            return None
        with self._store.session() as session:
            query = select(Exchange.id).filter_by(platform=platform, message_id=message_id)
            return session.scalars(query).first()


def _exchange_row(
    reply: Reply, asker: Asker, conversation: Conversation, platform: str, reason: str | None = None
) -> Exchange:
    top = reply.sources[0] if reply.sources else None
    return Exchange(
        platform=platform,
        asker_id=asker.user_id,
        channel_id=conversation.channel_id,
        thread_id=conversation.thread_id,
        message_id=conversation.message_id or None,
        language=reply.language,
        question=reply.question,
        answer=reply.answer or None,
        outcome=reply.outcome,
        reason=reason or (reply.handoff.reason if reply.handoff else None),
        category=reply.category,
        confidence=float(reply.confidence),
        top_document=top.document if top else None,
        top_section=top.section if top else None,
        top_anchor=(top.anchor or top.section.split(" › ")[-1]) if top else None,
        tentative=reply.tentative,
    )
