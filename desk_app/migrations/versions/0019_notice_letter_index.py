"""Index incident_customers.notice_letter_id: a notice is found by its letter in the mail room and the
print room, and a letter deleted by retention clears the link through it

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-22

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0019"
down_revision: str | Sequence[str] | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_index(
        op.f("ix_incident_customers_notice_letter_id"),
        "incident_customers",
        ["notice_letter_id"],
        unique=False,
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_incident_customers_notice_letter_id"), table_name="incident_customers")
