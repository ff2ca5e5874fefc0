"""Switchboard: call events and their routes, presence, the blocklist, wrap-up codes and taken missed calls

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-10

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0015"
down_revision: str | Sequence[str] | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # All empty after the upgrade: the gateway fills the events, desks their presence, supervisors the
    # blocklist; calls before it have no wrap-up code and no missed call was taken from a list.
    op.create_table(
        "blocked_numbers",
        sa.Column("e164", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("added_by_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["added_by_id"], ["agents.id"], name=op.f("fk_blocked_numbers_added_by_id_agents")
        ),
        sa.PrimaryKeyConstraint("e164", name=op.f("pk_blocked_numbers")),
    )
    op.create_table(
        "presence_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "available",
                "on_call",
                "after_call",
                "away",
                "signed_out",
                name="presencestate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_presence_changes_agent_id_agents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence_changes")),
    )
    with op.batch_alter_table("presence_changes", schema=None) as batch_op:
        batch_op.create_index("ix_presence_changes_agent_at", ["agent_id", "at"], unique=False)

    op.create_table(
        "agent_presence",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column(
            "state",
            sa.Enum(
                "available",
                "on_call",
                "after_call",
                "away",
                "signed_out",
                name="presencestate",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("since", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("after_call_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("after_call_extended", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("call_row_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_agent_presence_agent_id_agents")),
        sa.ForeignKeyConstraint(
            ["call_row_id"],
            ["call_log.id"],
            name=op.f("fk_agent_presence_call_row_id_call_log"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("agent_id", name=op.f("pk_agent_presence")),
    )
    op.create_table(
        "call_events",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("call_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column(
            "state",
            sa.Enum("ringing", "answered", "ended", "missed", name="callstate", native_enum=False, length=32),
            nullable=True,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("raw_number", sa.String(length=64), nullable=True),
        sa.Column("e164", sa.String(length=20), nullable=True),
        sa.Column(
            "no_number_reason",
            sa.Enum(
                "withheld",
                "out_of_area",
                "public_phone",
                "service_conflict",
                "error",
                name="nonumberreason",
                native_enum=False,
                length=32,
            ),
            nullable=True,
        ),
        sa.Column("line", sa.String(length=32), nullable=True),
        sa.Column("users", sa.JSON(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("call_row_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=True),
        sa.ForeignKeyConstraint(["agent_id"], ["agents.id"], name=op.f("fk_call_events_agent_id_agents")),
        sa.ForeignKeyConstraint(
            ["call_row_id"],
            ["call_log.id"],
            name=op.f("fk_call_events_call_row_id_call_log"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_events")),
        sa.UniqueConstraint("source", "call_id", "kind", name=op.f("uq_call_events_source")),
    )
    with op.batch_alter_table("call_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_call_events_at"), ["at"], unique=False)

    op.create_table(
        "call_event_routes",
        sa.Column("event_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_call_event_routes_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["call_events.id"],
            name=op.f("fk_call_event_routes_event_id_call_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("event_id", "agent_id", name=op.f("pk_call_event_routes")),
    )
    with op.batch_alter_table("call_event_routes", schema=None) as batch_op:
        batch_op.create_index("ix_call_event_routes_agent_event", ["agent_id", "event_id"], unique=False)

    # Added in place, not by rebuilding the table as SQLite's batch mode would: the access log refers to
    # calls, and dropping the old call_log under it would break those references. For the same reason
    # taken_by_id has no foreign key (SQLite could neither add nor drop one in place); agents are never
    # deleted, only disabled.
    op.add_column("call_log", sa.Column("wrap_up_code", sa.String(length=32), nullable=True))
    op.add_column("call_log", sa.Column("taken_by_id", sa.Integer(), nullable=True))
    op.add_column("call_log", sa.Column("taken_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_column("call_log", "taken_at")
    op.drop_column("call_log", "taken_by_id")
    op.drop_column("call_log", "wrap_up_code")

    with op.batch_alter_table("call_event_routes", schema=None) as batch_op:
        batch_op.drop_index("ix_call_event_routes_agent_event")

    op.drop_table("call_event_routes")
    with op.batch_alter_table("call_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_call_events_at"))

    op.drop_table("call_events")
    op.drop_table("agent_presence")
    with op.batch_alter_table("presence_changes", schema=None) as batch_op:
        batch_op.drop_index("ix_presence_changes_agent_at")

    op.drop_table("presence_changes")
    op.drop_table("blocked_numbers")
