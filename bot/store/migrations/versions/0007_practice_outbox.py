"""Practice through the outbox: an outbox message may belong to a practice exercise instead of a handoff, and
carries a key unique per slot (`practice:<platform>:<user>:<week>`), so two replicas never record it twice.

Revision ID: 0007_practice_outbox
Revises: 0006_practice
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_practice_outbox"
down_revision = "0006_practice"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox_messages") as batch:
        batch.alter_column("handoff_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("practice_assignment_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("dedupe_key", sa.String(255), nullable=True))
        batch.create_foreign_key(
            "fk_outbox_messages_practice_assignment",
            "practice_assignments",
            ["practice_assignment_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch.create_unique_constraint("uq_outbox_messages_dedupe_key", ["dedupe_key"])
    op.create_index("ix_outbox_messages_practice_assignment_id", "outbox_messages", ["practice_assignment_id"])


def downgrade() -> None:
    op.execute("DELETE FROM outbox_messages WHERE handoff_id IS NULL")
    op.drop_index("ix_outbox_messages_practice_assignment_id", table_name="outbox_messages")
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_constraint("uq_outbox_messages_dedupe_key", type_="unique")
        batch.drop_constraint("fk_outbox_messages_practice_assignment", type_="foreignkey")
        batch.drop_column("dedupe_key")
        batch.drop_column("practice_assignment_id")
        batch.alter_column("handoff_id", existing_type=sa.Integer(), nullable=False)
