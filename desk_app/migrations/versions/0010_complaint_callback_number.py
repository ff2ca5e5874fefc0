"""Complaints: the number a supervisor calls back when the caller has no registered number

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # Complaints recorded before this have none: their callers were promised a call to the registered
    # number, which is what an empty value still means.
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("callback_number", sa.String(length=20), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("callback_number")
