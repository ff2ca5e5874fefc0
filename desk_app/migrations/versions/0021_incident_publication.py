"""An incident's public announcement (公表): the day, and how and where it was announced

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0021"
down_revision: str | Sequence[str] | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # No incident was recorded as announced before this revision: the day empty, the words "".
    op.add_column("incidents", sa.Column("published_on", sa.Date(), nullable=True))
    op.add_column("incidents", sa.Column("publication", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("publication")
        batch.drop_column("published_on")
