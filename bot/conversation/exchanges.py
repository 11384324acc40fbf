"""Exchange lookup: one recorded question (who asked, where, in which language), as a plain value.

    ExchangeLookup(store).get(exchange_id)  # -> ExchangeRecord | None

Buttons under an answer carry only the exchange id; adapters and core services look the rest up here.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.store.db import Store
from bot.store.models import Exchange


@dataclass(frozen=True)
class ExchangeRecord:
    id: int
    platform: str
    asker_id: str
    channel_id: str | None
    thread_id: str | None
    message_id: str | None
    language: str
    question: str | None  # None once the retention period deleted the text
    category: str | None
    outcome: str
    feedback: str | None  # helpful | not_helpful | None
    tentative: bool = False  # "Meinst du das?": the passage was offered, not asserted
    top_document: str | None = None  # the cited passage (document id, section path, anchor)
    top_section: str | None = None
    top_anchor: str | None = None


class ExchangeLookup:
    def __init__(self, store: Store) -> None:
        self._store = store

    def get(self, exchange_id: int | None) -> ExchangeRecord | None:
        if exchange_id is None:
            return None
        with self._store.session() as session:
            row = session.get(Exchange, exchange_id)
            if row is None:
                return None
            return ExchangeRecord(
                id=row.id,
                platform=row.platform,
                asker_id=row.asker_id,
                channel_id=row.channel_id,
                thread_id=row.thread_id,
                message_id=row.message_id,
                language=row.language,
                question=row.question,
                category=row.category,
                outcome=row.outcome,
                feedback=row.feedback,
                tentative=bool(row.tentative),
                top_document=row.top_document,
                top_section=row.top_section,
                top_anchor=row.top_anchor,
            )
