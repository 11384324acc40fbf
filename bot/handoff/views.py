"""The core's read model of a handoff: what contact people and adapters see (never ORM objects)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from bot.models import HandoffRef, Passage

__all__ = ["HandoffEventView", "HandoffView", "Passage"]


@dataclass(frozen=True)
class HandoffView:
    id: int
    status: str
    reason: str
    category: str | None
    contact_role: str
    contact_name: str
    language: str
    platform: str
    source_message_id: str | None
    asker_id: str
    asker_channel: str | None
    asker_thread: str | None
    question: str | None
    context: tuple[Passage, ...]
    draft: str | None
    answer: str | None
    created_at: datetime
    claimed_by: str | None
    claimed_at: datetime | None
    answered_by: str | None
    answered_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    first_response_at: datetime | None
    last_reminder_at: datetime | None
    reopen_count: int
    reopened_at: datetime | None
    notify_failed: bool
    notify_error: str | None
    exchange_id: int | None
    faq_entry_id: str | None
    text_purged: bool
    overdue: bool
    holders: tuple[str, ...] = ()  # the people it was put in front of (bot/handoff/reach.py)
    urgent: bool = False
    escalation_level: int = 0
    reach: dict[str, Any] = field(default_factory=dict)  # absent owners, expected time, first step (waiting.py)

    @property
    def is_active(self) -> bool:
        return self.status in ("open", "claimed")

    def to_ref(self, created: bool = True) -> HandoffRef:
        return HandoffRef(
            id=self.id,
            reason=self.reason,
            category=self.category,
            contact_role=self.contact_role,
            contact_name=self.contact_name,
            status=self.status,
            created=created,
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        for key, value in data.items():
            if isinstance(value, datetime):
                data[key] = value.isoformat()
        data["context"] = [p.to_json() for p in self.context]
        return data


@dataclass(frozen=True)
class HandoffEventView:
    at: datetime
    actor: str
    action: str
    detail: dict[str, Any]
