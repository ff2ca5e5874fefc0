"""The `NOTIFY` channels the gateway announces on; each payload is a row id only (or empty).

PostgreSQL caps a payload near 8,000 bytes and never replays one: a listener reads the rows themselves,
from the table, after the id it saw last. A transaction's announcements are gathered and sent in one
statement just before it commits (a batch of events is one round trip, not one per desk per event); a
transaction rolled back announces nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, text
from sqlalchemy.orm import Session

# Every change the supervisors' board shows: a call event, a presence change, a missed call taken.
BOARD = "desk_board"
_PENDING = "desk_app.notify"
_SEND = text(
    "SELECT pg_notify(channel, payload)"
    " FROM unnest(CAST(:channels AS text[]), CAST(:payloads AS text[])) AS pending(channel, payload)"
)


def agent_channel(agent_id: int) -> str:
    """The channel of one agent's desk: events routed to it."""
    return f"desk_agent_{agent_id}"


def notify(session: Session, channel: str, payload: str = "") -> None:
    """Announce on `channel` when the session's transaction commits; one announcement per channel per
    transaction, carrying the newest payload (a listener reads everything after the id it saw last)."""
    if session.get_bind().dialect.name == "postgresql":
        pending: dict[str, str] = session.info.setdefault(_PENDING, {})
        pending.pop(channel, None)
        pending[channel] = payload


@event.listens_for(Session, "before_commit")
def _send_pending(session: Session) -> None:
    pending: dict[str, str] | None = session.info.pop(_PENDING, None)
    if pending:
        session.execute(_SEND, {"channels": list(pending), "payloads": list(pending.values())})


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending(session: Session, _previous_transaction: Any) -> None:
    session.info.pop(_PENDING, None)
