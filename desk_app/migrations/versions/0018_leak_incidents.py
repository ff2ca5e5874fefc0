"""Leak incidents: the register, its reports, the customers affected, linked cases and reports, notices

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-20

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0018"
down_revision: str | Sequence[str] | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_no", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("discovered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("discovered_how", sa.Text(), nullable=False),
        sa.Column("what_happened", sa.Text(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("cause", sa.Text(), nullable=False),
        sa.Column("measures", sa.Text(), nullable=False),
        sa.Column("secondary_harm", sa.Text(), nullable=False),
        sa.Column("customer_guidance", sa.Text(), nullable=False),
        sa.Column("categories", sa.JSON(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["agents.id"], name=op.f("fk_incidents_created_by_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["agents.id"], name=op.f("fk_incidents_updated_by_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incidents")),
        sa.UniqueConstraint("incident_no", name=op.f("uq_incidents_incident_no")),
    )
    op.create_table(
        "incident_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("submitted_on", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_reports_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["agents.id"], name=op.f("fk_incident_reports_recorded_by_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_incident_reports")),
        sa.UniqueConstraint("incident_id", "kind", name=op.f("uq_incident_reports_incident_id")),
    )
    # A notice is a letter of the incident, not of a case: `letters.case_id` may now be empty.
    with op.batch_alter_table("letters") as batch:
        batch.alter_column("case_id", existing_type=sa.Integer(), nullable=True)
        batch.add_column(sa.Column("incident_id", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_letters_incident_id"), ["incident_id"], unique=False)
        batch.create_foreign_key(
            batch.f("fk_letters_incident_id_incidents"), "incidents", ["incident_id"], ["id"]
        )
    op.create_table(
        "incident_customers",
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("attached_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attached_by_id", sa.Integer(), nullable=False),
        sa.Column("notice_letter_id", sa.Integer(), nullable=True),
        sa.Column("notice_skipped", sa.String(length=16), nullable=True),
        sa.ForeignKeyConstraint(
            ["attached_by_id"], ["agents.id"], name=op.f("fk_incident_customers_attached_by_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_incident_customers_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_customers_incident_id_incidents")
        ),
        sa.ForeignKeyConstraint(
            ["notice_letter_id"],
            ["letters.id"],
            name=op.f("fk_incident_customers_notice_letter_id_letters"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("incident_id", "customer_id", name=op.f("pk_incident_customers")),
    )
    op.create_index(
        op.f("ix_incident_customers_customer_id"), "incident_customers", ["customer_id"], unique=False
    )
    op.create_table(
        "incident_cases",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_incident_cases_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["incident_id"], ["incidents.id"], name=op.f("fk_incident_cases_incident_id_incidents")
        ),
        sa.PrimaryKeyConstraint("case_id", name=op.f("pk_incident_cases")),
    )
    op.create_index(op.f("ix_incident_cases_incident_id"), "incident_cases", ["incident_id"], unique=False)
    op.create_table(
        "incident_suspicious_links",
        sa.Column("suspicious_report_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("linked_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["incident_id"],
            ["incidents.id"],
            name=op.f("fk_incident_suspicious_links_incident_id_incidents"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_by_id"], ["agents.id"], name=op.f("fk_incident_suspicious_links_linked_by_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["suspicious_report_id"],
            ["suspicious_reports.id"],
            name=op.f("fk_incident_suspicious_links_suspicious_report_id_suspicious_reports"),
        ),
        sa.PrimaryKeyConstraint("suspicious_report_id", name=op.f("pk_incident_suspicious_links")),
    )
    op.create_index(
        op.f("ix_incident_suspicious_links_incident_id"),
        "incident_suspicious_links",
        ["incident_id"],
        unique=False,
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_incident_suspicious_links_incident_id"), table_name="incident_suspicious_links")
    op.drop_table("incident_suspicious_links")
    op.drop_index(op.f("ix_incident_cases_incident_id"), table_name="incident_cases")
    op.drop_table("incident_cases")
    op.drop_index(op.f("ix_incident_customers_customer_id"), table_name="incident_customers")
    op.drop_table("incident_customers")
    # Notices have no case to keep them by: they go with the incidents.
    op.execute("DELETE FROM letters WHERE case_id IS NULL")
    with op.batch_alter_table("letters") as batch:
        batch.drop_constraint(batch.f("fk_letters_incident_id_incidents"), type_="foreignkey")
        batch.drop_index(batch.f("ix_letters_incident_id"))
        batch.drop_column("incident_id")
        batch.alter_column("case_id", existing_type=sa.Integer(), nullable=False)
    op.drop_table("incident_reports")
    op.drop_table("incidents")
