"""Learning from the asker: view candidates and votes; exchanges remember a tentative answer's passage anchor.

Revision ID: 0004_view_candidates
Revises: 0003_platform_references
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_view_candidates"
down_revision = "0003_platform_references"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("exchanges") as batch:
        batch.add_column(sa.Column("tentative", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("top_anchor", sa.String(255)))
    op.create_table(
        "view_candidates",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
        sa.Column("document", sa.String(255), nullable=False),
        sa.Column("anchor", sa.String(255), nullable=False),
        sa.Column("section", sa.String(500), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("promoted_at", _TS),
        sa.Column("approved_by", sa.String(128)),
        sa.UniqueConstraint("document", "anchor", name="uq_view_candidates_passage"),
    )
    op.create_table(
        "view_votes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "candidate_id", sa.Integer(), sa.ForeignKey("view_candidates.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("exchange_id", sa.Integer(), sa.ForeignKey("exchanges.id", ondelete="SET NULL")),
        sa.Column("at", _TS, nullable=False),
        sa.Column("voter", sa.String(64), nullable=False),
        sa.Column("vote", sa.String(16), nullable=False),
        sa.Column("question", sa.Text()),
        sa.Column("question_key", sa.String(64), nullable=False),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("promoted_at", _TS),
        sa.Column("text_purged_at", _TS),
        sa.UniqueConstraint("candidate_id", "exchange_id", name="uq_view_votes_exchange"),
    )
    op.create_index("ix_view_candidates_created_at", "view_candidates", ["created_at"])
    op.create_index("ix_view_candidates_status", "view_candidates", ["status"])
    op.create_index("ix_view_votes_candidate_id", "view_votes", ["candidate_id"])
    op.create_index("ix_view_votes_at", "view_votes", ["at"])
    op.create_index("ix_view_votes_question_key", "view_votes", ["question_key"])


def downgrade() -> None:
    op.drop_table("view_votes")
    op.drop_table("view_candidates")
    with op.batch_alter_table("exchanges") as batch:
        batch.drop_column("top_anchor")
        batch.drop_column("tentative")
