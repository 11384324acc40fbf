"""Retention: after `retention_days`, texts (questions, answers, drafts, askers' votes) are deleted; counts stay.

What remains is enough for the weekly report (outcome, category, reason, times, feedback) but no longer
says what anyone asked or wrote.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.store.db import Store
from bot.store.models import Exchange, Handoff, HandoffEvent, PlatformReference, PostCheck, ViewVote

SYSTEM_ACTOR = "lotse"


def purge_expired(store: Store, now: datetime, retention_days: int) -> int:
    """Purge texts of everything created before `now - retention_days`; returns the number of records."""
    cutoff = now - timedelta(days=retention_days)
    with store.session() as session:
        _drop_message_references(session, cutoff)
        return (
            _purge_exchanges(session, cutoff, now)
            + _purge_handoffs(session, cutoff, now)
            + _purge_post_checks(session, cutoff, now)
            + _purge_view_votes(session, cutoff, now)
        )


# Per-message platform references (ids only: which reply belongs to which exchange, which card to replace, which
# message was answered) outlive their use once the texts are gone; people's conversations and channels stay.
MESSAGE_REFERENCE_KINDS = ("answered", "reply", "card")


def _drop_message_references(session: Session, cutoff: datetime) -> None:
    session.execute(
        delete(PlatformReference).where(
            PlatformReference.kind.in_(MESSAGE_REFERENCE_KINDS), PlatformReference.updated_at < cutoff
        )
    )


def _purge_exchanges(session: Session, cutoff: datetime, now: datetime) -> int:
    rows = session.scalars(
        select(Exchange).where(Exchange.created_at < cutoff, Exchange.text_purged_at.is_(None))
    ).all()
    for row in rows:
        row.question, row.answer, row.text_purged_at = None, None, now
    return len(rows)


def _purge_handoffs(session: Session, cutoff: datetime, now: datetime) -> int:
    rows = session.scalars(select(Handoff).where(Handoff.created_at < cutoff, Handoff.text_purged_at.is_(None))).all()
    for row in rows:
        row.question, row.answer, row.draft, row.text_purged_at = None, None, None, now
        row.context = [_without_text(passage) for passage in row.context or []]
        session.add(HandoffEvent(handoff_id=row.id, at=now, actor=SYSTEM_ACTOR, action="purged", detail={}))
    return len(rows)


def _purge_post_checks(session: Session, cutoff: datetime, now: datetime) -> int:
    rows = session.scalars(
        select(PostCheck).where(PostCheck.created_at < cutoff, PostCheck.text_purged_at.is_(None))
    ).all()
    for row in rows:
        row.draft, row.text_purged_at = None, now
    return len(rows)


def _purge_view_votes(session: Session, cutoff: datetime, now: datetime) -> int:
    """Questions askers confirmed or rejected (bot/learning/views.py); views already written stay in knowledge/."""
    rows = session.scalars(select(ViewVote).where(ViewVote.at < cutoff, ViewVote.text_purged_at.is_(None))).all()
    for row in rows:
        row.question, row.text_purged_at = None, now
    return len(rows)


def _without_text(passage: Any) -> Any:
    if isinstance(passage, dict):
        return {key: value for key, value in passage.items() if key != "text"}
    return passage
