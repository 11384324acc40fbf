"""Per-user rate limits on questions and handoffs, counted in the database.

Why no separate counter table or in-memory bucket: every question that costs a model call is already recorded
in `exchanges` and every handoff in `handoffs`, both indexed by asker and time. Counting those rows in the
window works across processes and replicas sharing one database, survives restarts, and needs no migration.
A refused question is not recorded, so a user who waits is let through again once the window has moved on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select

from bot.clock import Clock
from bot.settings import Settings
from bot.store.db import Store
from bot.store.models import Exchange, Handoff

QUESTION_WINDOW = timedelta(minutes=1)
HANDOFF_WINDOW = timedelta(hours=1)


@dataclass(frozen=True)
class Limits:
    questions_per_minute: int  # 0 = unlimited
    handoffs_per_hour: int  # 0 = unlimited


class RateLimiter:
    def __init__(self, store: Store, clock: Clock, limits: Limits) -> None:
        self._store = store
        self._clock = clock
        self.limits = limits

    @classmethod
    def for_settings(cls, store: Store, clock: Clock, settings: Settings) -> RateLimiter:
        return cls(store, clock, Limits(settings.rate_questions_per_minute, settings.rate_handoffs_per_hour))

    def questions_exceeded(self, user_id: str) -> bool:
        """True when the user already asked `questions_per_minute` recorded questions in the last minute."""
        limit = self.limits.questions_per_minute
        return limit > 0 and self._count(Exchange, user_id, QUESTION_WINDOW, limit) >= limit

    def handoffs_exceeded(self, user_id: str) -> bool:
        """True when `handoffs_per_hour` handoffs of this user were opened in the last hour."""
        limit = self.limits.handoffs_per_hour
        return limit > 0 and self._count(Handoff, user_id, HANDOFF_WINDOW, limit) >= limit

    def _count(self, table: type[Exchange] | type[Handoff], user_id: str, window: timedelta, cap: int) -> int:
        since = self._clock.now() - window
        recent = (
            select(table.id).where(table.asker_id == user_id, table.created_at >= since).limit(cap).subquery()
        )  # never count further than the limit
        with self._store.session() as session:
            return int(session.scalar(select(func.count()).select_from(recent)) or 0)
