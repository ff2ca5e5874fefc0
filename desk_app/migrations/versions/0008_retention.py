"""Retention: each purge recorded (retention_runs) and the tombstones of purged chained rows (audit_pruned)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "retention_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_retention_runs_agent_id_agents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_runs")),
    )
    op.create_table(
        "audit_pruned",
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("retention_run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["retention_run_id"],
            ["retention_runs.id"],
            name=op.f("fk_audit_pruned_retention_run_id_retention_runs"),
        ),
        sa.PrimaryKeyConstraint("chain", "row_id", name=op.f("pk_audit_pruned")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("audit_pruned")
    op.drop_table("retention_runs")
