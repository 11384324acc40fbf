"""Contact people's absences, self-service: "away until 18.12." and "back", stored in the database.

    absences = Absences(store, clock, timezone="Europe/Berlin")
    absences.set_away("U1", until=date(2026, 12, 18))   # away now, back on 19.12. at midnight (local time)
    absences.set_away("U1")                             # away until they say they are back
    absences.back("U1")                                 # ends it
    absences.absent_ids()                               # who is away right now
    absences.current("U1")                              # Away(user_id, until_day) or None

While someone is away, bot/handoff/reach.py routes new handoffs past them (deputy, lead, fallback).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.store.db import Store
from bot.store.models import Absence


@dataclass(frozen=True)
class Away:
    user_id: str
    until_day: date | None  # the last day away; None = until they say they are back


class Absences:
    def __init__(self, store: Store, clock: Clock, timezone: str = "Europe/Berlin") -> None:
        self._store = store
        self._clock = clock
        self._zone = ZoneInfo(timezone)

    def set_away(self, user_id: str, until: date | None = None, platform: str = "") -> Away:
        """Away from now on (replacing an earlier absence), until the end of `until` (local time) or open-ended."""
        now = self._clock.now()
        if until is not None and until < now.astimezone(self._zone).date():
            raise ValueError("the end of an absence cannot lie in the past")
        back_at = datetime.combine(until + timedelta(days=1), time(0), tzinfo=self._zone) if until else None
        with self._store.session() as session:
            for row in session.scalars(self._active(now).where(Absence.user_id == user_id)):
                row.ended_at = now
            session.add(
                Absence(
                    user_id=user_id,
                    since=now,
                    until=back_at,
                    until_day=until.isoformat() if until else None,
                    platform=platform,
                )
            )
        return Away(user_id, until)

    def back(self, user_id: str) -> bool:
        """End the user's absence now; False if they were not away."""
        now = self._clock.now()
        with self._store.session() as session:
            rows = list(session.scalars(self._active(now).where(Absence.user_id == user_id)))
            for row in rows:
                row.ended_at = now
            return bool(rows)

    def current(self, user_id: str, at: datetime | None = None) -> Away | None:
        at = at or self._clock.now()
        with self._store.session() as session:
            row = session.scalars(self._active(at).where(Absence.user_id == user_id).order_by(Absence.id)).first()
            return _away(row) if row is not None else None

    def absent(self, at: datetime | None = None) -> dict[str, Away]:
        """Everyone away at `at` (now): user id → Away."""
        with self._store.session() as session:
            return self.absent_in(session, at or self._clock.now())

    def absent_in(self, session: Session, at: datetime) -> dict[str, Away]:
        """The same inside the caller's transaction (a second one would wait for it on SQLite)."""
        return {row.user_id: _away(row) for row in session.scalars(self._active(at).order_by(Absence.id))}

    def absent_ids(self, at: datetime | None = None) -> set[str]:
        return set(self.absent(at))

    def overlapping(self, start: datetime, end: datetime) -> list[tuple[str, datetime, datetime | None]]:
        """Absences that overlap [start, end): (user id, from, to or None) — for the report."""
        query = select(Absence).where(
            Absence.since < end,
            or_(Absence.until.is_(None), Absence.until > start),
            or_(Absence.ended_at.is_(None), Absence.ended_at > start),
        )
        with self._store.session() as session:
            return [(row.user_id, row.since, _end(row)) for row in session.scalars(query.order_by(Absence.id))]

    @staticmethod
    def _active(at: datetime) -> Select[Absence]:
        return select(Absence).where(
            Absence.since <= at,
            Absence.ended_at.is_(None),
            or_(Absence.until.is_(None), Absence.until > at),
        )


def _away(row: Absence) -> Away:
    return Away(row.user_id, date.fromisoformat(row.until_day) if row.until_day else None)


def _end(row: Absence) -> datetime | None:
    ends = [moment for moment in (row.until, row.ended_at) if moment is not None]
    return min(ends) if ends else None
