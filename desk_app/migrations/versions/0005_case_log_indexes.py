"""Case log indexes: keyset orders by received and due date, open cases only, and the closing time

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# As in the model: literals, so that a query spelling the same condition can use the partial indexes.
OPEN_CASES_SQL = "state NOT IN ('completed', 'refused', 'withdrawn')"


def upgrade() -> None:
    """Upgrade schema."""
    open_only = sa.text(OPEN_CASES_SQL)
    # The two-column indexes begin with the single-column ones' column and replace them.
    op.drop_index("ix_cases_received_at", table_name="cases")
    op.drop_index("ix_cases_due_on", table_name="cases")
    op.create_index("ix_cases_received_at_id", "cases", ["received_at", "id"])
    op.create_index("ix_cases_due_on_id", "cases", ["due_on", "id"])
    op.create_index(
        "ix_cases_open_received_at",
        "cases",
        ["received_at", "id"],
        sqlite_where=open_only,
        postgresql_where=open_only,
    )
    op.create_index(
        "ix_cases_open_due_on", "cases", ["due_on", "id"], sqlite_where=open_only, postgresql_where=open_only
    )
    op.create_index("ix_cases_closed_at", "cases", ["closed_at"])


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_cases_closed_at", table_name="cases")
    op.drop_index("ix_cases_open_due_on", table_name="cases")
    op.drop_index("ix_cases_open_received_at", table_name="cases")
    op.drop_index("ix_cases_due_on_id", table_name="cases")
    op.drop_index("ix_cases_received_at_id", table_name="cases")
    op.create_index("ix_cases_due_on", "cases", ["due_on"])
    op.create_index("ix_cases_received_at", "cases", ["received_at"])
