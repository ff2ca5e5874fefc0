"""Registers: complaints, and reports of suspicious mail or calls using the company's name

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desk_app.domain.kana import KEY_LENGTH

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key_type() -> sa.types.TypeEngine[str]:
    # The same type as the model: compared by code point on PostgreSQL whatever the database's locale.
    return sa.String(KEY_LENGTH).with_variant(sa.String(KEY_LENGTH, collation="C"), "postgresql")


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "complaints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("escalated", sa.Boolean(), nullable=False),
        sa.Column("escalated_to_id", sa.Integer(), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("answer_given", sa.Text(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_complaints_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["escalated_to_id"], ["agents.id"], name=op.f("fk_complaints_escalated_to_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["agents.id"], name=op.f("fk_complaints_recorded_by_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaints")),
        sa.UniqueConstraint("case_id", name=op.f("uq_complaints_case_id")),
    )
    op.create_index(op.f("ix_complaints_category"), "complaints", ["category"], unique=False)
    op.create_table(
        "suspicious_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("claimed_sender", sa.String(length=200), nullable=False),
        sa.Column("claimed_sender_key", _key_type(), nullable=False),
        sa.Column("shown_number_e164", sa.String(length=20), nullable=True),
        sa.Column("shown_number_raw", sa.String(length=64), nullable=True),
        sa.Column("shown_url", sa.String(length=500), nullable=True),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("disclosed", sa.Boolean(), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_suspicious_reports_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"], ["agents.id"], name=op.f("fk_suspicious_reports_recorded_by_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suspicious_reports")),
        sa.UniqueConstraint("case_id", name=op.f("uq_suspicious_reports_case_id")),
    )
    op.create_index(
        op.f("ix_suspicious_reports_claimed_sender_key"),
        "suspicious_reports",
        ["claimed_sender_key"],
        unique=False,
    )
    op.create_index(
        op.f("ix_suspicious_reports_received_on"), "suspicious_reports", ["received_on"], unique=False
    )
    op.create_index(
        op.f("ix_suspicious_reports_shown_number_e164"),
        "suspicious_reports",
        ["shown_number_e164"],
        unique=False,
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("suspicious_reports")
    op.drop_table("complaints")
