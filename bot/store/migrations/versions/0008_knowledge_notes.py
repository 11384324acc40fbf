"""Knowledge changes announced to the contact people through the outbox (an outbox message without a handoff).

Revision ID: 0008_knowledge_notes
Revises: 0007_practice_outbox
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_knowledge_notes"
down_revision = "0007_practice_outbox"  # which already lets handoff_id be NULL
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "knowledge_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("change_key", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("summary", sa.JSON(), nullable=False),
        sa.UniqueConstraint("change_key", name="uq_knowledge_changes_key"),
    )
    with op.batch_alter_table("outbox_messages") as batch:
        batch.add_column(sa.Column("change_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_outbox_messages_change_id", "knowledge_changes", ["change_id"], ["id"], ondelete="CASCADE"
        )
        batch.create_index("ix_outbox_messages_change_id", ["change_id"])


def downgrade() -> None:
    op.execute("DELETE FROM outbox_messages WHERE change_id IS NOT NULL")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_index("ix_outbox_messages_change_id")
        batch.drop_constraint("fk_outbox_messages_change_id", type_="foreignkey")
        batch.drop_column("change_id")
    op.drop_table("knowledge_changes")
