"""Script drafts: a talk script part-way through, per agent, so a crash or restart resumes it

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "script_drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("draft_key", sa.String(length=64), nullable=False),
        sa.Column("script_id", sa.String(length=64), nullable=False),
        sa.Column("script_version", sa.Integer(), nullable=False),
        sa.Column("current_step", sa.String(length=64), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_script_drafts_agent_id_agents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_script_drafts")),
        sa.UniqueConstraint("agent_id", "draft_key", name=op.f("uq_script_drafts_agent_id")),
    )


def downgrade() -> None:
    op.drop_table("script_drafts")
