"""Durable inbox, outbox and scheduled-job claims; the owner of a processed-event claim.

Revision ID: 0002_inbox_outbox
Revises: 0001_initial
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_inbox_outbox"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("processed_events") as batch:
        batch.add_column(sa.Column("owner", sa.String(255)))
    _inbox_items()
    _outbox_messages()
    _job_runs()


def _inbox_items() -> None:
    op.create_table(
        "inbox_items",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("event_key", sa.String(255), nullable=False),
        sa.Column("received_at", _TS, nullable=False),
        sa.Column("body", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("lease_owner", sa.String(128)),
        sa.Column("lease_until", _TS),
        sa.Column("finished_at", _TS),
        sa.Column("error", sa.String(500)),
        sa.UniqueConstraint("platform", "event_key", name="uq_inbox_items_platform_key"),
    )
    op.create_index("ix_inbox_items_received_at", "inbox_items", ["received_at"])
    op.create_index("ix_inbox_items_status", "inbox_items", ["status"])


def _outbox_messages() -> None:
    op.create_table(
        "outbox_messages",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("handoff_id", sa.Integer(), sa.ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("recipient", sa.String(128), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", _TS, nullable=False),
        sa.Column("lease_owner", sa.String(128)),
        sa.Column("lease_until", _TS),
        sa.Column("sent_at", _TS),
        sa.Column("error", sa.String(500)),
    )
    op.create_index("ix_outbox_messages_handoff_id", "outbox_messages", ["handoff_id"])
    op.create_index("ix_outbox_messages_status", "outbox_messages", ["status"])


def _job_runs() -> None:
    op.create_table(
        "job_runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("slot", sa.String(64), nullable=False),
        sa.Column("claimed_at", _TS, nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.UniqueConstraint("name", "slot", name="uq_job_runs_name_slot"),
    )


def downgrade() -> None:
    for table in ("job_runs", "outbox_messages", "inbox_items"):
        op.drop_table(table)
    with op.batch_alter_table("processed_events") as batch:
        batch.drop_column("owner")
