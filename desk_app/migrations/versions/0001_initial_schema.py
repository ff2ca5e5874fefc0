"""Initial schema: customers, phones, orders, provision records, agents, cases, calls, access log, letters

Revision ID: 0001
Revises:
Create Date: 2026-11-26

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "agents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("login", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agents")),
        sa.UniqueConstraint("login", name=op.f("uq_agents_login")),
    )
    op.create_table(
        "customers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_no", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=True),
        sa.Column("name_kana", sa.String(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("postal_code", sa.String(length=7), nullable=True),
        sa.Column("prefecture", sa.String(length=8), nullable=True),
        sa.Column("city", sa.String(length=100), nullable=True),
        sa.Column("street", sa.String(length=200), nullable=True),
        sa.Column("building", sa.String(length=200), nullable=True),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("shopping_credit", sa.Boolean(), nullable=False),
        sa.Column("workplace_name", sa.String(length=200), nullable=True),
        sa.Column("workplace_phone", sa.String(length=32), nullable=True),
        sa.Column("catalogue_opt_in", sa.Boolean(), nullable=False),
        sa.Column("catalogue_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("direct_mail_opt_in", sa.Boolean(), nullable=False),
        sa.Column("direct_mail_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("email_magazine_opt_in", sa.Boolean(), nullable=False),
        sa.Column("email_magazine_changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("customer_no", name=op.f("uq_customers_customer_no")),
    )
    op.create_index(op.f("ix_customers_name_kana"), "customers", ["name_kana"], unique=False)
    op.create_index(op.f("ix_customers_postal_code"), "customers", ["postal_code"], unique=False)
    op.create_table(
        "call_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("raw_number", sa.String(length=64), nullable=True),
        sa.Column("e164", sa.String(length=20), nullable=True),
        sa.Column("no_number_reason", sa.String(length=32), nullable=True),
        sa.Column("line", sa.String(length=32), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_call_log_agent_id_agents")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_call_log_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_log")),
    )
    op.create_index(op.f("ix_call_log_call_id"), "call_log", ["call_id"], unique=False)
    op.create_index(op.f("ix_call_log_customer_id"), "call_log", ["customer_id"], unique=False)
    op.create_index(op.f("ix_call_log_e164"), "call_log", ["e164"], unique=False)
    op.create_index(op.f("ix_call_log_started_at"), "call_log", ["started_at"], unique=False)
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_no", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=32), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("opened_by_id", sa.Integer(), nullable=False),
        sa.Column("assigned_to_id", sa.Integer(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("fee_yen", sa.Integer(), nullable=False),
        sa.Column("fee_received_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("script_id", sa.String(length=64), nullable=True),
        sa.Column("script_version", sa.Integer(), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("row_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assigned_to_id"], ["agents.id"], name=op.f("fk_cases_assigned_to_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_cases_customer_id_customers")
        ),
        sa.ForeignKeyConstraint(["opened_by_id"], ["agents.id"], name=op.f("fk_cases_opened_by_id_agents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cases")),
        sa.UniqueConstraint("case_no", name=op.f("uq_cases_case_no")),
    )
    op.create_index(op.f("ix_cases_assigned_to_id"), "cases", ["assigned_to_id"], unique=False)
    op.create_index(op.f("ix_cases_customer_id"), "cases", ["customer_id"], unique=False)
    op.create_index(op.f("ix_cases_due_on"), "cases", ["due_on"], unique=False)
    op.create_index(op.f("ix_cases_kind"), "cases", ["kind"], unique=False)
    op.create_index(op.f("ix_cases_received_at"), "cases", ["received_at"], unique=False)
    op.create_index(op.f("ix_cases_state"), "cases", ["state"], unique=False)
    op.create_table(
        "orders",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_no", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("ordered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("amount_yen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_orders_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("order_no", name=op.f("uq_orders_order_no")),
    )
    op.create_index("ix_orders_customer_ordered", "orders", ["customer_id", "ordered_at"], unique=False)
    op.create_table(
        "phones",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("raw", sa.String(length=64), nullable=False),
        sa.Column("e164", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_phones_customer_id_customers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phones")),
    )
    op.create_index(op.f("ix_phones_customer_id"), "phones", ["customer_id"], unique=False)
    op.create_index(op.f("ix_phones_e164"), "phones", ["e164"], unique=False)
    op.create_table(
        "provision_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("provided_on", sa.Date(), nullable=False),
        sa.Column("recipient_name", sa.String(length=200), nullable=False),
        sa.Column("recipient_address", sa.String(length=300), nullable=False),
        sa.Column("recipient_representative", sa.String(length=100), nullable=False),
        sa.Column("items_provided", sa.String(length=300), nullable=False),
        sa.Column("purpose", sa.String(length=300), nullable=False),
        sa.Column("basis", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_provision_records_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provision_records")),
    )
    op.create_index(
        op.f("ix_provision_records_customer_id"), "provision_records", ["customer_id"], unique=False
    )
    op.create_table(
        "access_log",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("call_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_access_log_agent_id_agents")),
        sa.ForeignKeyConstraint(["call_id"], ["call_log.id"], name=op.f("fk_access_log_call_id_call_log")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_access_log_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_access_log_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
    )
    op.create_index(op.f("ix_access_log_at"), "access_log", ["at"], unique=False)
    op.create_index(op.f("ix_access_log_customer_id"), "access_log", ["customer_id"], unique=False)
    op.create_table(
        "case_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_case_events_agent_id_agents")),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_case_events_case_id_cases")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_events")),
    )
    op.create_index(op.f("ix_case_events_case_id"), "case_events", ["case_id"], unique=False)
    op.create_table(
        "letters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("printed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mailed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("mail_method", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"], name=op.f("fk_letters_case_id_cases")),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["agents.id"], name=op.f("fk_letters_created_by_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_letters")),
    )
    op.create_index(op.f("ix_letters_case_id"), "letters", ["case_id"], unique=False)
    op.create_table(
        "order_lines",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_code", sa.String(length=20), nullable=False),
        sa.Column("product_name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("amount_yen", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["order_id"], ["orders.id"], name=op.f("fk_order_lines_order_id_orders"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_order_lines")),
    )
    op.create_index(op.f("ix_order_lines_order_id"), "order_lines", ["order_id"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_order_lines_order_id"), table_name="order_lines")
    op.drop_table("order_lines")
    op.drop_index(op.f("ix_letters_case_id"), table_name="letters")
    op.drop_table("letters")
    op.drop_index(op.f("ix_case_events_case_id"), table_name="case_events")
    op.drop_table("case_events")
    op.drop_index(op.f("ix_access_log_customer_id"), table_name="access_log")
    op.drop_index(op.f("ix_access_log_at"), table_name="access_log")
    op.drop_table("access_log")
    op.drop_index(op.f("ix_provision_records_customer_id"), table_name="provision_records")
    op.drop_table("provision_records")
    op.drop_index(op.f("ix_phones_e164"), table_name="phones")
    op.drop_index(op.f("ix_phones_customer_id"), table_name="phones")
    op.drop_table("phones")
    op.drop_index("ix_orders_customer_ordered", table_name="orders")
    op.drop_table("orders")
    op.drop_index(op.f("ix_cases_state"), table_name="cases")
    op.drop_index(op.f("ix_cases_received_at"), table_name="cases")
    op.drop_index(op.f("ix_cases_kind"), table_name="cases")
    op.drop_index(op.f("ix_cases_due_on"), table_name="cases")
    op.drop_index(op.f("ix_cases_customer_id"), table_name="cases")
    op.drop_index(op.f("ix_cases_assigned_to_id"), table_name="cases")
    op.drop_table("cases")
    op.drop_index(op.f("ix_call_log_started_at"), table_name="call_log")
    op.drop_index(op.f("ix_call_log_e164"), table_name="call_log")
    op.drop_index(op.f("ix_call_log_customer_id"), table_name="call_log")
    op.drop_index(op.f("ix_call_log_call_id"), table_name="call_log")
    op.drop_table("call_log")
    op.drop_index(op.f("ix_customers_postal_code"), table_name="customers")
    op.drop_index(op.f("ix_customers_name_kana"), table_name="customers")
    op.drop_table("customers")
    op.drop_table("agents")
