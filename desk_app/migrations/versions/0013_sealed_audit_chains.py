"""Sealed audit chains: heads sealed with the audit key, retention runs and tombstones chained, call_ref

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-08

- `audit_chain_heads.seal`: an HMAC of each head made with the audit key, which lives outside the database
  (desk_app.audit.key); every head is sealed here with the key of the desk that upgrades, so that key is
  the one every desk needs from now on.
- `retention_runs` becomes an audit chain: its rows are hashed in id order and get a head.
- `audit_tombstones` replaces 0008's `audit_pruned`: each tombstone is a row of a chain of its own (the
  pruned row's chain, id and hashes, and the run that pruned it), so a tombstone can no longer be made by
  copying a row's hashes in SQL. The tombstones already there are chained in run, chain and id order.
- `access_log.call_ref`: the call an entry was made in, under the hash from now on (NULL for older entries).

What is chained here is trusted as it stands: run `desk-app audit verify` before upgrading.
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from desk_app.audit.canonical import GENESIS, RETENTION_RUNS, TOMBSTONES, canonical, chain_rows, row_hash
from desk_app.audit.key import current

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5_000
_RUN_FK = "fk_audit_tombstones_retention_run_id_retention_runs"
_OLD_RUN_FK = "fk_audit_pruned_retention_run_id_retention_runs"


def _id_type() -> sa.types.TypeEngine[int]:
    return sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _chain_runs(connection: sa.Connection) -> tuple[int, str]:
    """Hash the retention runs already recorded, in id order, as desk_app.audit.append would have."""
    rows = connection.execute(
        sa.text("SELECT id, ran_at, agent_id, CAST(counts AS TEXT) FROM retention_runs ORDER BY id")
    ).all()
    update = sa.text("UPDATE retention_runs SET prev_hash = :prev_hash, row_hash = :row_hash WHERE id = :id")
    last_id, last_hash = 0, GENESIS
    for run_id, ran_at, agent_id, counts in rows:
        values = {"id": run_id, "ran_at": ran_at, "agent_id": agent_id, "counts": json.loads(counts)}
        new_hash = row_hash(last_hash, canonical(RETENTION_RUNS, values))
        connection.execute(update, {"id": run_id, "prev_hash": last_hash, "row_hash": new_hash})
        last_id, last_hash = run_id, new_hash
    return last_id, last_hash


def _chain_tombstones(connection: sa.Connection, tombstones: sa.Table) -> tuple[int, str]:
    """Copy 0008's tombstones into the chained table, numbered and hashed in run, chain and row order."""
    page = sa.text(
        "SELECT chain, row_id, prev_hash, row_hash, retention_run_id FROM audit_pruned"
        " ORDER BY retention_run_id, chain, row_id LIMIT :batch OFFSET :skip"
    )
    last_id, last_hash = 0, GENESIS
    while True:
        rows: list[dict[str, Any]] = [
            {
                "pruned_chain": chain,
                "pruned_id": pruned_id,
                "pruned_prev_hash": pruned_prev,
                "pruned_row_hash": pruned_hash,
                "retention_run_id": run_id,
            }
            for chain, pruned_id, pruned_prev, pruned_hash, run_id in connection.execute(
                page, {"batch": BATCH, "skip": last_id}
            )
        ]
        if not rows:
            return last_id, last_hash
        last_id, last_hash = chain_rows(TOMBSTONES, rows, last_id=last_id, last_hash=last_hash)
        connection.execute(sa.insert(tombstones), rows)


def upgrade() -> None:
    """Upgrade schema."""
    connection = op.get_bind()
    with op.batch_alter_table("access_log") as batch:
        batch.add_column(sa.Column("call_ref", _id_type(), nullable=True))
    with op.batch_alter_table("audit_chain_heads") as batch:
        batch.add_column(sa.Column("seal", sa.String(length=64), nullable=True))

    # The foreign key to the runs comes last: SQLite rebuilds retention_runs below, which it cannot do
    # while another table refers to it.
    tombstones = op.create_table(
        "audit_tombstones",
        sa.Column("id", _id_type(), nullable=False),
        sa.Column("pruned_chain", sa.String(length=32), nullable=False),
        sa.Column("pruned_id", _id_type(), nullable=False),
        sa.Column("pruned_prev_hash", sa.String(length=64), nullable=False),
        sa.Column("pruned_row_hash", sa.String(length=64), nullable=False),
        sa.Column("retention_run_id", sa.Integer(), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_tombstones")),
        sa.UniqueConstraint("pruned_chain", "pruned_id", name=op.f("uq_audit_tombstones_pruned_chain")),
    )
    tombstones_head = _chain_tombstones(connection, tombstones)
    op.drop_table("audit_pruned")

    with op.batch_alter_table("retention_runs") as batch:
        batch.add_column(sa.Column("row_hash", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
    runs_head = _chain_runs(connection)
    with op.batch_alter_table("retention_runs") as batch:
        batch.alter_column("row_hash", existing_type=sa.String(length=64), nullable=False)
        batch.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
    with op.batch_alter_table("audit_tombstones") as batch:
        batch.create_foreign_key(
            _RUN_FK, "retention_runs", ["retention_run_id"], ["id"], deferrable=True, initially="DEFERRED"
        )

    heads = sa.table(
        "audit_chain_heads",
        sa.column("chain"),
        sa.column("last_id"),
        sa.column("last_hash"),
        sa.column("seal"),
    )
    for chain, (last_id, last_hash) in ((RETENTION_RUNS, runs_head), (TOMBSTONES, tombstones_head)):
        connection.execute(sa.insert(heads).values(chain=chain, last_id=last_id, last_hash=last_hash))
    key = current()
    for chain, last_id, last_hash in connection.execute(
        sa.select(heads.c.chain, heads.c.last_id, heads.c.last_hash)
    ):
        seal = key.seal(chain, last_id, last_hash)
        connection.execute(sa.update(heads).where(heads.c.chain == chain).values(seal=seal))
    with op.batch_alter_table("audit_chain_heads") as batch:
        batch.alter_column("seal", existing_type=sa.String(length=64), nullable=False)


def downgrade() -> None:
    """Downgrade schema."""
    connection = op.get_bind()
    with op.batch_alter_table("audit_tombstones") as batch:
        batch.drop_constraint(_RUN_FK, type_="foreignkey")
    with op.batch_alter_table("retention_runs") as batch:
        batch.drop_column("prev_hash")
        batch.drop_column("row_hash")
    pruned = op.create_table(
        "audit_pruned",
        sa.Column("chain", sa.String(length=32), nullable=False),
        sa.Column("row_id", _id_type(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("row_hash", sa.String(length=64), nullable=False),
        sa.Column("retention_run_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["retention_run_id"], ["retention_runs.id"], name=op.f(_OLD_RUN_FK)),
        sa.PrimaryKeyConstraint("chain", "row_id", name=op.f("pk_audit_pruned")),
    )
    rows = connection.execute(
        sa.text(
            "SELECT pruned_chain, pruned_id, pruned_prev_hash, pruned_row_hash, retention_run_id"
            " FROM audit_tombstones ORDER BY id"
        )
    ).all()
    if rows:
        columns = ("chain", "row_id", "prev_hash", "row_hash", "retention_run_id")
        connection.execute(sa.insert(pruned), [dict(zip(columns, row, strict=True)) for row in rows])
    op.drop_table("audit_tombstones")
    connection.execute(
        sa.text("DELETE FROM audit_chain_heads WHERE chain IN (:runs, :tombstones)"),
        {"runs": RETENTION_RUNS, "tombstones": TOMBSTONES},
    )
    with op.batch_alter_table("audit_chain_heads") as batch:
        batch.drop_column("seal")
    with op.batch_alter_table("access_log") as batch:
        batch.drop_column("call_ref")
