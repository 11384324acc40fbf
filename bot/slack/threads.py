"""Reading what Lotse already said in a Slack thread (for follow-ups) from the exchange log."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.store.models import Exchange

PLATFORM = "slack"
HISTORY = 5


def thread_history(store: Any, channel: str, thread_ts: str, exclude_message: str | None = None) -> tuple[str, ...]:
    """Earlier questions of this thread, oldest first (durable: survives a restart)."""
    query = (select(Exchange.question, Exchange.message_id)
             .where(Exchange.platform == PLATFORM, Exchange.channel_id == channel,
                    Exchange.thread_id == thread_ts)
             .order_by(Exchange.created_at, Exchange.id))
    with store.session() as session:
        rows = [(q, m) for q, m in session.execute(query) if q and m != exclude_message]
    return tuple(q for q, _ in rows[-HISTORY:])


def lotse_in_thread(store: Any, channel: str, thread_ts: str) -> bool:
    query = select(Exchange.id).where(Exchange.platform == PLATFORM, Exchange.channel_id == channel,
                                      Exchange.thread_id == thread_ts).limit(1)
    with store.session() as session:
        return session.scalars(query).first() is not None


def load_exchange(store: Any, exchange_id: int) -> Exchange | None:
    with store.session() as session:
        row = session.get(Exchange, exchange_id)
        if row is not None:
            session.expunge(row)
        return row
