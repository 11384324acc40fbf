"""Where a platform can reach someone again: small `kind`/`key` → value records (ids and URLs, never text).

Teams needs them to write first (a contact person's 1:1 conversation and the serviceUrl of their tenant), to
post the weekly report (the channel captured when Lotse was installed in a team), to replace a card it sent
(conversation and activity id) and to tie built-in feedback to an exchange (the answer's activity id).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.clock import Clock
from bot.store.db import Store
from bot.store.models import PlatformReference


class References:
    def __init__(self, store: Store, clock: Clock, platform: str) -> None:
        self._store = store
        self._clock = clock
        self._platform = platform

    def put(self, kind: str, key: str, value: dict[str, Any]) -> None:
        """Insert or replace the value of (kind, key)."""
        for _ in range(2):  # a concurrent insert of the same key: the second try updates it
            try:
                with self._store.session() as session:
                    row = self._row(session, kind, key)
                    if row is None:
                        session.add(
                            PlatformReference(
                                platform=self._platform,
                                kind=kind,
                                ref_key=key[:255],
                                value=dict(value),
                                updated_at=self._clock.now(),
                            )
                        )
                    else:
                        row.value, row.updated_at = dict(value), self._clock.now()
                return
            except IntegrityError:
                continue

    def get(self, kind: str, key: str) -> dict[str, Any] | None:
        with self._store.session() as session:
            row = self._row(session, kind, key)
            return dict(row.value) if row is not None else None

    def all(self, kind: str, prefix: str = "") -> list[tuple[str, dict[str, Any]]]:
        """Every (key, value) of `kind` whose key starts with `prefix`, newest first."""
        query = select(PlatformReference).filter_by(platform=self._platform, kind=kind)
        if prefix:
            query = query.where(PlatformReference.ref_key.startswith(prefix, autoescape=True))
        query = query.order_by(PlatformReference.updated_at.desc(), PlatformReference.id.desc())
        with self._store.session() as session:
            return [(row.ref_key, dict(row.value)) for row in session.scalars(query)]

    def _row(self, session: Any, kind: str, key: str) -> PlatformReference | None:
        query = select(PlatformReference).filter_by(platform=self._platform, kind=kind, ref_key=key[:255])
        return session.scalars(query).first()
