"""Initial schema: exchanges, handoffs with audit events, post checks, processed events, report runs.

Revision ID: 0001_initial
Revises:
Create Date: 2026-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_initial"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    _exchanges()
    _handoffs()
    _handoff_events()
    _post_checks()
    _processed_events()
    _report_runs()


def _exchanges() -> None:
    op.create_table(
        "exchanges",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("asker_id", sa.String(128), nullable=False),
        sa.Column("channel_id", sa.String(128)),
        sa.Column("thread_id", sa.String(128)),
        sa.Column("message_id", sa.String(128)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("question", sa.Text()),
        sa.Column("answer", sa.Text()),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(32)),
        sa.Column("category", sa.String(64)),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("top_document", sa.String(255)),
        sa.Column("top_section", sa.String(255)),
        sa.Column("feedback", sa.String(16)),
        sa.Column("feedback_at", _TS),
        sa.Column("text_purged_at", _TS),
        sa.UniqueConstraint("platform", "message_id", name="uq_exchanges_platform_message"),
    )
    op.create_index("ix_exchanges_created_at", "exchanges", ["created_at"])
    op.create_index("ix_exchanges_asker_id", "exchanges", ["asker_id"])


def _handoffs() -> None:
    op.create_table(
        "handoffs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("exchange_id", sa.Integer(), sa.ForeignKey("exchanges.id", ondelete="SET NULL")),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("source_message_id", sa.String(128)),
        sa.Column("asker_id", sa.String(128), nullable=False),
        sa.Column("asker_channel", sa.String(128)),
        sa.Column("asker_thread", sa.String(128)),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(32), nullable=False),
        sa.Column("category", sa.String(64)),
        sa.Column("contact_role", sa.String(64), nullable=False),
        sa.Column("question", sa.Text()),
        sa.Column("context", sa.JSON(), nullable=False),
        sa.Column("draft", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("claimed_by", sa.String(128)),
        sa.Column("claimed_at", _TS),
        sa.Column("answered_by", sa.String(128)),
        sa.Column("answered_at", _TS),
        sa.Column("answer", sa.Text()),
        sa.Column("resolved_by", sa.String(128)),
        sa.Column("resolved_at", _TS),
        sa.Column("reopen_count", sa.Integer(), nullable=False),
        sa.Column("reopened_at", _TS),
        sa.Column("first_response_at", _TS),
        sa.Column("last_reminder_at", _TS),
        sa.Column("notify_failed", sa.Boolean(), nullable=False),
        sa.Column("notify_error", sa.String(500)),
        sa.Column("faq_entry_id", sa.String(128)),
        sa.Column("text_purged_at", _TS),
        sa.UniqueConstraint("platform", "source_message_id", name="uq_handoffs_platform_source"),
    )
    op.create_index("ix_handoffs_created_at", "handoffs", ["created_at"])
    op.create_index("ix_handoffs_asker_id", "handoffs", ["asker_id"])
    op.create_index("ix_handoffs_status", "handoffs", ["status"])


def _handoff_events() -> None:
    op.create_table(
        "handoff_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("handoff_id", sa.Integer(), sa.ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", _TS, nullable=False),
        sa.Column("actor", sa.String(128), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
    )
    op.create_index("ix_handoff_events_handoff_id", "handoff_events", ["handoff_id"])


def _post_checks() -> None:
    op.create_table(
        "post_checks",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("author_id", sa.String(128), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("finding_count", sa.Integer(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("draft", sa.Text()),
        sa.Column("handoff_id", sa.Integer(), sa.ForeignKey("handoffs.id", ondelete="SET NULL")),
        sa.Column("text_purged_at", _TS),
    )
    op.create_index("ix_post_checks_created_at", "post_checks", ["created_at"])


def _processed_events() -> None:
    op.create_table(
        "processed_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("event_key", sa.String(255), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("platform", "event_key", name="uq_processed_events_platform_key"),
    )


def _report_runs() -> None:
    op.create_table(
        "report_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("period", sa.String(16), nullable=False),
        sa.Column("channel", sa.String(128), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("posted_at", _TS),
        sa.UniqueConstraint("period", "channel", name="uq_report_runs_period_channel"),
    )


def downgrade() -> None:
    for table in ("report_runs", "processed_events", "post_checks", "handoff_events", "handoffs", "exchanges"):
        op.drop_table(table)
