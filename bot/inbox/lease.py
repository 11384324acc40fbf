"""Taking rows of a work table with a lease: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so replicas never take the
same row and never wait for each other; on SQLite every transaction is BEGIN IMMEDIATE (bot/store/db.py), which
serializes the take. A row whose lease ran out (its worker died) is free again; a worker that lives renews its
lease (`renew_rows`, from bot/inbox/heartbeat.py), and a row of a dead process of this host is freed at once
(`release_dead_owners`)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import CursorResult, Select, or_, select, update
from sqlalchemy.orm import Session

from bot.inbox.owner import is_dead_here

log = logging.getLogger(__name__)


def free_rows(model: Any, now: datetime, *conditions: Any, limit: int) -> Select[Any]:
    """Pending rows of `model` matching `conditions` whose lease is unset or expired, oldest first, locked."""
    query = (
        select(model)
        .where(model.status == "pending", or_(model.lease_until.is_(None), model.lease_until < now), *conditions)
        .order_by(model.id)
        .limit(limit)
    )
    return query.with_for_update(skip_locked=True)


def take(session: Session, query: Select[Any]) -> list[Any]:
    return list(session.scalars(query))


def renew_rows(session: Session, model: Any, held: Mapping[int, int], owner: str, until: datetime) -> set[int]:
    """Extend the leases of `held` ({row id: attempt}) that `owner` still holds at that attempt; their ids."""
    kept: set[int] = set()
    for row_id, attempts in held.items():
        result = session.execute(
            update(model)
            .where(
                model.id == row_id, model.attempts == attempts, model.lease_owner == owner, model.status == "pending"
            )
            .values(lease_until=until)
        )
        if cast(CursorResult[Any], result).rowcount:
            kept.add(row_id)
    return kept


def release_dead_owners(store: Any, models: tuple[Any, ...]) -> int:
    """Free at once the pending rows of `models` leased to a process of this host that no longer runs (a
    restarted process's dead predecessor, a sibling replica killed on the same machine); returns how many."""
    now = store.clock.now()
    released = 0
    with store.session() as session:
        for model in models:
            owners = session.scalars(
                select(model.lease_owner)
                .where(model.status == "pending", model.lease_owner.is_not(None), model.lease_until >= now)
                .distinct()
            ).all()
            dead = [owner for owner in owners if is_dead_here(owner)]
            if not dead:
                continue
            result = session.execute(
                update(model)
                .where(model.status == "pending", model.lease_owner.in_(dead), model.lease_until >= now)
                .values(lease_until=now - timedelta(seconds=1))
            )
            released += int(cast(CursorResult[Any], result).rowcount or 0)
    if released:
        log.warning("freed %s lease(s) of dead process(es) on this host", released)
    return released
