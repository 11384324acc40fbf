"""The database tables (SQLAlchemy 2 declarative). Schema changes go through a migration in `migrations/`.

Texts (questions, answers, drafts) are nullable: retention purges them and sets `text_purged_at`,
while counts, categories and the lifecycle stay for the weekly report.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from bot.store.types import UTCDateTime

# Value sets (kept as plain strings in the database; validated in the services).
OUTCOMES = ("answered", "handoff", "out_of_scope")
FEEDBACK = ("helpful", "not_helpful")
HANDOFF_REASONS = ("sensitive", "low_confidence", "requested", "post_approval")
HANDOFF_STATUSES = ("open", "claimed", "answered", "resolved")
EVENT_ACTIONS = (
    "opened",
    "notified",
    "notify_failed",
    "claimed",
    "answered",
    "resolved",
    "reopened",
    "reminded",
    "purged",
    "faq_requested",
    "faq_added",
    "deliver_failed",
    "routed",  # who had it when (bot/handoff/reach.py): the stage, the people, who was away
    "escalated",
    "handed_over",
    "asker_told",  # the employee was told who has the question now (after a hand-over)
    "asker_tell_failed",
    "escalation_stopped",  # the repeats after the last stage are used up (bot/handoff/service.py)
)
INBOX_STATUSES = ("pending", "done", "failed")
OUTBOX_STATUSES = ("pending", "delivered", "failed")
OUTBOX_KINDS = ("notify_contact", "deliver_answer", "tell_asker")
VERDICTS = ("ok", "revise", "approval")
CANDIDATE_STATUSES = ("open", "promoted")
VOTES = ("confirm", "reject")


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON}


class Exchange(Base):
    __tablename__ = "exchanges"
    __table_args__ = (UniqueConstraint("platform", "message_id", name="uq_exchanges_platform_message"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    platform: Mapped[str] = mapped_column(String(32))
    asker_id: Mapped[str] = mapped_column(String(128), index=True)
    channel_id: Mapped[str | None] = mapped_column(String(128))
    thread_id: Mapped[str | None] = mapped_column(String(128))
    message_id: Mapped[str | None] = mapped_column(String(128))
    language: Mapped[str] = mapped_column(String(8))
    question: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(64))
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    top_document: Mapped[str | None] = mapped_column(String(255))
    top_section: Mapped[str | None] = mapped_column(String(255))
    feedback: Mapped[str | None] = mapped_column(String(16))
    feedback_at: Mapped[datetime | None]
    text_purged_at: Mapped[datetime | None]
    tentative: Mapped[bool] = mapped_column(Boolean, default=False)  # "Meinst du das?" (bot/learning/views)
    top_anchor: Mapped[str | None] = mapped_column(String(255))  # the cited passage's anchor (a view's target)


class Handoff(Base):
    __tablename__ = "handoffs"
    __table_args__ = (UniqueConstraint("platform", "source_message_id", name="uq_handoffs_platform_source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exchange_id: Mapped[int | None] = mapped_column(ForeignKey("exchanges.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(index=True)
    platform: Mapped[str] = mapped_column(String(32))
    source_message_id: Mapped[str | None] = mapped_column(String(128))
    asker_id: Mapped[str] = mapped_column(String(128), index=True)
    asker_channel: Mapped[str | None] = mapped_column(String(128))
    asker_thread: Mapped[str | None] = mapped_column(String(128))
    language: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(32))
    category: Mapped[str | None] = mapped_column(String(64))
    contact_role: Mapped[str] = mapped_column(String(64))
    question: Mapped[str | None] = mapped_column(Text)
    context: Mapped[list[Any]] = mapped_column(JSON, default=list)
    draft: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), index=True, default="open")
    claimed_by: Mapped[str | None] = mapped_column(String(128))
    claimed_at: Mapped[datetime | None]
    answered_by: Mapped[str | None] = mapped_column(String(128))
    answered_at: Mapped[datetime | None]
    answer: Mapped[str | None] = mapped_column(Text)
    resolved_by: Mapped[str | None] = mapped_column(String(128))
    resolved_at: Mapped[datetime | None]
    reopen_count: Mapped[int] = mapped_column(Integer, default=0)
    reopened_at: Mapped[datetime | None]
    first_response_at: Mapped[datetime | None]
    last_reminder_at: Mapped[datetime | None]
    notify_failed: Mapped[bool] = mapped_column(Boolean, default=False)
    notify_error: Mapped[str | None] = mapped_column(String(500))
    faq_entry_id: Mapped[str | None] = mapped_column(String(128))
    text_purged_at: Mapped[datetime | None]
    # reachability (bot/handoff/reach.py, migration 0005): who holds it now, urgency, escalation, the asker's notes
    holders: Mapped[str] = mapped_column(String(2000), default="")  # "|U1|U2|": the people it was put in front of
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)  # the stage it is at (0 = first)
    escalated_at: Mapped[datetime | None]
    reach: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=dict)  # absent owners, expected time, first step


class Absence(Base):
    """A contact person's self-declared absence: from `since` until `until` (a day, inclusive) or open-ended;
    `ended_at` when they said they are back."""

    __tablename__ = "absences"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[str] = mapped_column(String(128), index=True)
    since: Mapped[datetime]
    until: Mapped[datetime | None]  # the first moment they are back (local midnight after the last day away)
    until_day: Mapped[str | None] = mapped_column(String(10))  # the last day away as said, ISO (for the texts)
    ended_at: Mapped[datetime | None]
    platform: Mapped[str] = mapped_column(String(32), default="")


class HandoffEvent(Base):
    """The audit log: who did what to a handoff, and when."""

    __tablename__ = "handoff_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handoff_id: Mapped[int] = mapped_column(ForeignKey("handoffs.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class PostCheck(Base):
    __tablename__ = "post_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    platform: Mapped[str] = mapped_column(String(32))
    author_id: Mapped[str] = mapped_column(String(128))
    language: Mapped[str] = mapped_column(String(8))
    verdict: Mapped[str] = mapped_column(String(16))
    finding_count: Mapped[int] = mapped_column(Integer, default=0)
    categories: Mapped[list[Any]] = mapped_column(JSON, default=list)
    draft: Mapped[str | None] = mapped_column(Text)
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id", ondelete="SET NULL"))
    text_purged_at: Mapped[datetime | None]


class ProcessedEvent(Base):
    """Deliveries an adapter has handled, so retried webhooks are processed once."""

    __tablename__ = "processed_events"
    __table_args__ = (UniqueConstraint("platform", "event_key", name="uq_processed_events_platform_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    event_key: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime]
    owner: Mapped[str | None] = mapped_column(String(255))  # the inbox item that claimed it (crash re-runs)


class ReportRun(Base):
    """One weekly report per period and channel."""

    __tablename__ = "report_runs"
    __table_args__ = (UniqueConstraint("period", "channel", name="uq_report_runs_period_channel"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(16), default="claimed")
    created_at: Mapped[datetime]
    posted_at: Mapped[datetime | None]


class InboxItem(Base):
    """A received, verified request, stored before it is acknowledged and worked off from here (bot/inbox)."""

    __tablename__ = "inbox_items"
    __table_args__ = (UniqueConstraint("platform", "event_key", name="uq_inbox_items_platform_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    event_key: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[datetime] = mapped_column(index=True)
    body: Mapped[str | None] = mapped_column(Text)  # cleared when done (it carries message text)
    status: Mapped[str] = mapped_column(String(16), index=True, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))


class OutboxMessage(Base):
    """A notification or answer delivery, recorded with the handoff change that caused it, sent by bot/inbox; or a
    weekly practice exercise (`kind` practice, `practice_assignment_id`), recorded with its exercise row.
    `dedupe_key` is unique: one message per slot (practice: per person and week), across replicas. Or a
    note to the contact people about a knowledge change (`change_id`, bot/learning/notes.py)."""

    __tablename__ = "outbox_messages"
    __table_args__ = (UniqueConstraint("dedupe_key", name="uq_outbox_messages_dedupe_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handoff_id: Mapped[int | None] = mapped_column(ForeignKey("handoffs.id", ondelete="CASCADE"), index=True)
    practice_assignment_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_assignments.id", ondelete="CASCADE", name="fk_outbox_messages_practice_assignment"),
        index=True,
    )
    dedupe_key: Mapped[str | None] = mapped_column(String(255))
    change_id: Mapped[int | None] = mapped_column(ForeignKey("knowledge_changes.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    recipient: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(16), index=True, default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    lease_owner: Mapped[str | None] = mapped_column(String(128))
    lease_until: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(String(500))


class KnowledgeChange(Base):
    """One change of the indexed knowledge (sections added, changed, removed), announced once to the contact people
    whichever replica or `lotse ingest` noticed it first (`change_key`: the index before and after, hashed)."""

    __tablename__ = "knowledge_changes"
    __table_args__ = (UniqueConstraint("change_key", name="uq_knowledge_changes_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    change_key: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class JobRun(Base):
    """One run of a scheduled job per time slot, whichever replica claims it first."""

    __tablename__ = "job_runs"
    __table_args__ = (UniqueConstraint("name", "slot", name="uq_job_runs_name_slot"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    slot: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[datetime]
    owner: Mapped[str] = mapped_column(String(128))


class PlatformReference(Base):
    """Where a platform can be reached again (Teams: a person's 1:1 conversation, a tenant's serviceUrl, the report
    channel, a card Lotse sent): `kind` + `key` → `value` (ids and URLs only, never message text)."""

    __tablename__ = "platform_references"
    __table_args__ = (UniqueConstraint("platform", "kind", "ref_key", name="uq_platform_references_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(32))
    ref_key: Mapped[str] = mapped_column(String(255))
    value: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime]


class ViewCandidate(Base):
    """A passage askers confirmed as the answer to their questions ("Ja, danke" on a tentative answer).

    Its confirmed questions become question views of the passage (bot/learning/views.py) once people enough
    confirmed it or a contact person approved it. Counts only; the questions are in `view_votes`."""

    __tablename__ = "view_candidates"
    __table_args__ = (UniqueConstraint("document", "anchor", name="uq_view_candidates_passage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    document: Mapped[str] = mapped_column(String(255))
    anchor: Mapped[str] = mapped_column(String(255))
    section: Mapped[str] = mapped_column(String(500))
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), index=True, default="open")
    promoted_at: Mapped[datetime | None]
    approved_by: Mapped[str | None] = mapped_column(String(128))


class ViewVote(Base):
    """One asker's verdict on a tentative answer: its question confirms or rejects the candidate's passage.

    `voter` is a one-way hash of the asker (distinct people are counted, nobody is named); `question` is
    purged with the retention period like every stored text; `question_key` (a hash) stays for vetoes."""

    __tablename__ = "view_votes"
    __table_args__ = (UniqueConstraint("candidate_id", "exchange_id", name="uq_view_votes_exchange"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("view_candidates.id", ondelete="CASCADE"), index=True)
    exchange_id: Mapped[int | None] = mapped_column(ForeignKey("exchanges.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(index=True)
    voter: Mapped[str] = mapped_column(String(64))
    vote: Mapped[str] = mapped_column(String(16))
    question: Mapped[str | None] = mapped_column(Text)
    question_key: Mapped[str] = mapped_column(String(64), index=True)
    eligible: Mapped[bool] = mapped_column(Boolean, default=True)  # no personal data, not sensitive
    promoted_at: Mapped[datetime | None]  # written to the learned views file
    text_purged_at: Mapped[datetime | None]


class PracticeParticipant(Base):
    """A person's own choice about the weekly practice (bot/practice): `in` or `out`. Without a row, the company
    setting decides (LOTSE_PRACTICE_FOR_EVERYONE / company.yaml `practice.for_everyone`)."""

    __tablename__ = "practice_participants"
    __table_args__ = (UniqueConstraint("platform", "user_id", name="uq_practice_participants_person"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(128))
    status: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))
    updated_at: Mapped[datetime]


class PracticeAssignment(Base):
    """One scenario a person got (at most one per ISO week, also across replicas) and their first choice.
    Only aggregated in the report (per topic, minimum answers), never shown per person."""

    __tablename__ = "practice_assignments"
    __table_args__ = (UniqueConstraint("platform", "user_id", "week", name="uq_practice_assignments_week"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(32))
    user_id: Mapped[str] = mapped_column(String(128), index=True)
    week: Mapped[str] = mapped_column(String(10))  # 2026-W49
    scenario_id: Mapped[str] = mapped_column(String(255))
    topic: Mapped[str] = mapped_column(String(255))
    language: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime] = mapped_column(index=True)
    sent_at: Mapped[datetime | None]
    first_choice: Mapped[int | None] = mapped_column(Integer)
    right: Mapped[bool | None] = mapped_column(Boolean)
    answered_at: Mapped[datetime | None]
