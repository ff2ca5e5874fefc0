"""The `NOTIFY` channels the gateway announces on; each payload is a row id only (or empty).

PostgreSQL caps a payload near 8,000 bytes and never replays one: a listener reads the rows themselves,
from the table, after the id it saw last.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# Every change the supervisors' board shows: a call event, a presence change, a missed call taken.
BOARD = "desk_board"


def agent_channel(agent_id: int) -> str:
    """The channel of one agent's desk: events routed to it."""
    return f"desk_agent_{agent_id}"


def notify(session: Session, channel: str, payload: str = "") -> None:
    """Announce on `channel` when the session's transaction commits (not at all if it rolls back)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_notify(:channel, :payload)"), {"channel": channel, "payload": payload}
        )
