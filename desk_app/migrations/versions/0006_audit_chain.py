"""Audit chain: row_hash and prev_hash on case_events and access_log, the chains' heads, existing rows chained

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

"""

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desk_app.audit.canonical import COLUMNS, GENESIS, canonical, row_hash

# revision identifiers, used by Alembic.
revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The chains this revision made (0011 adds two more, and call_ref, which these rows never had).
CHAINS = ("case_events", "access_log")
# Rows read and updated per statement: a demo database's 100,000 rows take a few seconds on either database.
BATCH = 5_000


def _id_type() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _backfill(connection: sa.Connection, chain: str) -> tuple[int, str]:
    """Chain the rows already there in id order, hashing in Python with the application's own functions."""
    columns = ", ".join("CAST(detail AS TEXT)" if name == "detail" else name for name in COLUMNS[chain])
    page = sa.text(f"SELECT {columns} FROM {chain} WHERE id > :after ORDER BY id LIMIT :batch")
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        # One statement per batch: psycopg sends the three lists as arrays.
        update = sa.text(
            f"UPDATE {chain} AS t SET row_hash = v.row_hash, prev_hash = v.prev_hash"
            " FROM unnest(CAST(:ids AS bigint[]), CAST(:row_hashes AS text[]), CAST(:prev_hashes AS text[]))"
            " AS v(id, row_hash, prev_hash) WHERE t.id = v.id"
        )
    else:
        update = sa.text(f"UPDATE {chain} SET row_hash = :row_hash, prev_hash = :prev_hash WHERE id = :id")
    last_id, last_hash = 0, GENESIS
    while True:
        rows = connection.execute(page, {"after": last_id, "batch": BATCH}).all()
        if not rows:
            return last_id, last_hash
        changes = []
        for row in rows:
            values = dict(zip(COLUMNS[chain], row, strict=True))
            if chain == "case_events":
                values["detail"] = json.loads(values["detail"])
            new_hash = row_hash(last_hash, canonical(chain, values))
            changes.append({"id": values["id"], "row_hash": new_hash, "prev_hash": last_hash})
            last_id, last_hash = values["id"], new_hash
        if postgresql:
            connection.execute(
                update,
                {
                    "ids": [change["id"] for change in changes],
                    "row_hashes": [change["row_hash"] for change in changes],
                    "prev_hashes": [change["prev_hash"] for change in changes],
                },
            )
        else:
            connection.execute(update, changes)


def upgrade() -> None:
    """Upgrade schema."""
    heads = op.create_table(
        "audit_chain_heads",
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("last_id", _id_type(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("chain", name=op.f("pk_audit_chain_heads")),
    )
    for chain in CHAINS:
        # Nullable while the rows already there are chained, then required: an insert that bypasses
        # desk_app.audit fails at once instead of leaving a row nobody can verify.
        op.add_column(chain, sa.Column("row_hash", sa.String(length=64), nullable=True))
        op.add_column(chain, sa.Column("prev_hash", sa.String(length=64), nullable=True))
    connection = op.get_bind()
    for chain in CHAINS:
        last_id, last_hash = _backfill(connection, chain)
        op.bulk_insert(heads, [{"chain": chain, "last_id": last_id, "last_hash": last_hash}])
    for chain in CHAINS:
        with op.batch_alter_table(chain) as batch:
            batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
            batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    for chain in CHAINS:
        with op.batch_alter_table(chain) as batch:
            batch.drop_column("prev_hash")
            batch.drop_column("row_hash")
    op.drop_table("audit_chain_heads")
