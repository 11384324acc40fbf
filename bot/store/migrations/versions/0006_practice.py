"""Practice: who takes part (opt-in / opt-out) and which scenario each person got, with their first choice.

Revision ID: 0006_practice
Revises: 0005_reachability
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_practice"
down_revision = "0005_reachability"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "practice_participants",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("platform", "user_id", name="uq_practice_participants_person"),
    )
    op.create_table(
        "practice_assignments",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("user_id", sa.String(128), nullable=False),
        sa.Column("week", sa.String(10), nullable=False),
        sa.Column("scenario_id", sa.String(255), nullable=False),
        sa.Column("topic", sa.String(255), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("first_choice", sa.Integer(), nullable=True),
        sa.Column("right", sa.Boolean(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("platform", "user_id", "week", name="uq_practice_assignments_week"),
    )
    op.create_index("ix_practice_assignments_created_at", "practice_assignments", ["created_at"])
    op.create_index("ix_practice_assignments_user_id", "practice_assignments", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_practice_assignments_user_id", table_name="practice_assignments")
    op.drop_index("ix_practice_assignments_created_at", table_name="practice_assignments")
    op.drop_table("practice_assignments")
    op.drop_table("practice_participants")
