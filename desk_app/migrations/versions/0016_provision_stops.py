"""Third-party provision stopped at the desk: each customer's setting and the stops themselves

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-14

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0016"
down_revision: str | Sequence[str] | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # Every customer so far allows provision on consent, as the company has been providing it: nobody could
    # stop it at the desk before this revision. The stops table starts empty. Columns are added in place (not
    # by copying the table, which SQLite cannot drop while other tables' rows refer to it).
    op.add_column(
        "customers", sa.Column("provision_opt_in", sa.Boolean(), nullable=False, server_default=sa.true())
    )
    op.add_column("customers", sa.Column("provision_changed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "provision_stops",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=True),
        sa.Column(
            "ground",
            sa.Enum(
                "consent_withdrawn",
                "without_consent",
                "no_longer_needed",
                "leak",
                "rights_at_risk",
                name="provisionstopground",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("stopped_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_provision_stops_case_id_cases"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_provision_stops_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provision_stops")),
    )
    op.create_index(op.f("ix_provision_stops_case_id"), "provision_stops", ["case_id"], unique=False)
    op.create_index(op.f("ix_provision_stops_customer_id"), "provision_stops", ["customer_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_provision_stops_customer_id"), table_name="provision_stops")
    op.drop_index(op.f("ix_provision_stops_case_id"), table_name="provision_stops")
    op.drop_table("provision_stops")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("provision_changed_at")
        batch.drop_column("provision_opt_in")
