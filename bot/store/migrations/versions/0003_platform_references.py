"""Platform references: where Lotse can reach someone again (Teams conversations, serviceUrls, sent cards).

Revision ID: 0003_platform_references
Revises: 0002_inbox_outbox
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_platform_references"
down_revision = "0002_inbox_outbox"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "platform_references",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(32), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("ref_key", sa.String(255), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("platform", "kind", "ref_key", name="uq_platform_references_key"),
    )


def downgrade() -> None:
    op.drop_table("platform_references")
