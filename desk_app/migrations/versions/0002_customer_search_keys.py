"""Customer search keys: name_search and kana_search, indexed, filled in for the rows already there

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from desk_app.domain.kana import KEY_LENGTH, kana_key, name_key

# revision identifiers, used by Alembic.
revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Small enough that one batch never holds much memory, big enough that a million customers take seconds.
BATCH = 10_000


def _key_type() -> sa.types.TypeEngine[str]:
    # The same type as the model: compared by code point on PostgreSQL whatever the database's locale.
    return sa.String(KEY_LENGTH).with_variant(sa.String(KEY_LENGTH, collation="C"), "postgresql")


def _backfill(connection: sa.Connection) -> None:
    """Compute the keys in Python with the functions the application uses, so every dialect agrees."""
    select = sa.text(
        "SELECT id, name, name_kana FROM customers WHERE id > :after AND (name IS NOT NULL"
        " OR name_kana IS NOT NULL) ORDER BY id LIMIT :batch"
    )
    update = sa.text(
        "UPDATE customers SET name_search = :name_search, kana_search = :kana_search WHERE id = :id"
    )
    after = 0
    while True:
        rows = connection.execute(select, {"after": after, "batch": BATCH}).all()
        if not rows:
            return
        connection.execute(
            update,
            [
                {"id": row_id, "name_search": name_key(name), "kana_search": kana_key(kana)}
                for row_id, name, kana in rows
            ],
        )
        after = rows[-1][0]


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column("customers", sa.Column("name_search", _key_type(), nullable=True))
    op.add_column("customers", sa.Column("kana_search", _key_type(), nullable=True))
    _backfill(op.get_bind())
    # Built after the backfill: filling an indexed column row by row is several times slower.
    op.create_index(op.f("ix_customers_name_search"), "customers", ["name_search"], unique=False)
    op.create_index(op.f("ix_customers_kana_search"), "customers", ["kana_search"], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index(op.f("ix_customers_kana_search"), table_name="customers")
    op.drop_index(op.f("ix_customers_name_search"), table_name="customers")
    with op.batch_alter_table("customers") as batch:
        batch.drop_column("kana_search")
        batch.drop_column("name_search")
