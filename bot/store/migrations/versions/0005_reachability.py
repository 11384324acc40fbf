"""Reachability: who holds a handoff, urgency and escalation, and contact people's absences.

Revision ID: 0005_reachability
Revises: 0003_platform_references
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_reachability"
down_revision = "0004_view_candidates"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("handoffs") as batch:
        batch.add_column(sa.Column("holders", sa.String(2000), nullable=False, server_default=""))
        batch.add_column(sa.Column("urgent", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("escalation_level", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("reach", sa.JSON(), nullable=True))
    op.create_table(
        "absences",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("until_day", sa.String(10), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("platform", sa.String(32), nullable=False, server_default=""),
    )
    op.create_index("ix_absences_user_id", "absences", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_absences_user_id", table_name="absences")
    op.drop_table("absences")
    with op.batch_alter_table("handoffs") as batch:
        for column in ("reach", "escalated_at", "escalation_level", "urgent", "holders"):
            batch.drop_column(column)
