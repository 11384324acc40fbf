"""Thread history: what Lotse was already asked in a thread, from the exchange log (durable across restarts).

    history = ThreadHistory(store)
    history.earlier_questions("slack", channel, thread_ts, exclude_message=message_id)  # -> ("…", "…")
    history.lotse_in_thread("slack", channel, thread_ts)                               # -> bool

Adapters put the earlier questions into `Conversation.history`, so a short follow-up leans on the thread's
question; in shared channels they follow up only where Lotse already answered (`lotse_in_thread`).
"""

from __future__ import annotations

from sqlalchemy import select

from bot.store.db import Store
from bot.store.models import Exchange

HISTORY = 5


class ThreadHistory:
    def __init__(self, store: Store, limit: int = HISTORY) -> None:
        self._store = store
        self._limit = limit

    def earlier_questions(
        self, platform: str, channel: str, thread: str, exclude_message: str | None = None
    ) -> tuple[str, ...]:
        """The last questions of this thread, oldest first, without the message being answered now."""
        query = (
            select(Exchange.question, Exchange.message_id)
            .where(Exchange.platform == platform, Exchange.channel_id == channel, Exchange.thread_id == thread)
            .order_by(Exchange.created_at, Exchange.id)
        )
        with self._store.session() as session:
            rows = [(q, m) for q, m in session.execute(query) if q and m != exclude_message]
        return tuple(q for q, _ in rows[-self._limit :])

    def lotse_in_thread(self, platform: str, channel: str, thread: str) -> bool:
        """True when Lotse has recorded an exchange in this thread."""
        query = (
            select(Exchange.id)
            .where(Exchange.platform == platform, Exchange.channel_id == channel, Exchange.thread_id == thread)
            .limit(1)
        )
        with self._store.session() as session:
            return session.scalars(query).first() is not None
