"""Imports and the desk: fields corrected at the desk since the last import, and the erased-customer register

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-08

"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    desk_changes = op.create_table(
        "desk_changes",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=32), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customers.id"], name=op.f("fk_desk_changes_customer_id_customers")
        ),
        sa.PrimaryKeyConstraint("customer_id", "field", name=op.f("pk_desk_changes")),
    )
    op.create_table(
        "erased_register",
        sa.Column("number_digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("number_digest", name=op.f("pk_erased_register")),
    )
    # Corrections made since the last customers import are desk changes the mail-order system has not
    # confirmed: without them the first import after this upgrade would silently undo them. (Erased
    # customers' numbers cannot be registered here — the register's key is outside the database — so
    # `desk-app retention run` registers an erased customer before it purges the blank row.)
    assert desk_changes is not None
    op.bulk_insert(desk_changes, _corrections_since_last_import())


def _corrections_since_last_import() -> list[dict[str, Any]]:
    access = sa.table(
        "access_log", sa.column("at", sa.DateTime(timezone=True)), sa.column("action"), sa.column("detail")
    )
    events = sa.table(
        "case_events",
        sa.column("case_id"),
        sa.column("at", sa.DateTime(timezone=True)),
        sa.column("kind"),
        sa.column("detail", sa.JSON()),
    )
    cases = sa.table("cases", sa.column("id"), sa.column("customer_id"))
    customers = sa.table("customers", sa.column("id"), sa.column("state"))
    last_import = (
        sa.select(sa.func.max(access.c.at))
        .where(access.c.action == "change", access.c.detail.like("import customers %"))
        .scalar_subquery()
    )
    rows = op.get_bind().execute(
        sa.select(cases.c.customer_id, events.c.at, events.c.detail)
        .select_from(events.join(cases, cases.c.id == events.c.case_id))
        .join(customers, customers.c.id == cases.c.customer_id)
        .where(
            events.c.kind == "corrected",
            customers.c.state != "erased",
            sa.or_(last_import.is_(None), events.c.at > last_import),
        )
    )
    latest: dict[tuple[int, str], Any] = {}
    for customer_id, at, detail in rows:
        for field in (detail or {}).get("changes", {}):
            key = (customer_id, str(field)[:32])
            if key not in latest or latest[key] < at:
                latest[key] = at
    return [
        {"customer_id": customer_id, "field": field, "changed_at": at}
        for (customer_id, field), at in sorted(latest.items())
    ]


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("erased_register")
    op.drop_table("desk_changes")
