"""Agents' telephone extensions, by which a PBX names the desk a call is for

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0014"
down_revision: str | Sequence[str] | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # Empty after the upgrade: no agent had an extension before, and an administrator gives them.
    op.create_table(
        "agent_extensions",
        sa.Column("extension", sa.String(length=8), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_agent_extensions_agent_id_agents")
        ),
        sa.PrimaryKeyConstraint("extension", name=op.f("pk_agent_extensions")),
    )
    op.create_index(op.f("ix_agent_extensions_agent_id"), "agent_extensions", ["agent_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_agent_extensions_agent_id"), table_name="agent_extensions")
    op.drop_table("agent_extensions")
