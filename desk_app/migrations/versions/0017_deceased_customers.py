"""A customer reported deceased: the day a relative told the desk, and the day of death when given

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-21

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0017"
down_revision: str | Sequence[str] | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # Nobody was reported deceased before this revision. Added in place, as 0016's columns were.
    op.add_column("customers", sa.Column("death_reported_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("customers", sa.Column("died_on", sa.Date(), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("died_on")
        batch.drop_column("death_reported_at")
