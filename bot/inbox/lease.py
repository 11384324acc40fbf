"""Taking rows of a work table with a lease: on PostgreSQL `FOR UPDATE SKIP LOCKED`, so replicas never take the
same row and never wait for each other; on SQLite every transaction is BEGIN IMMEDIATE (bot/store/db.py), which
serializes the take. A row whose lease ran out (its worker died) is free again."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session


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
