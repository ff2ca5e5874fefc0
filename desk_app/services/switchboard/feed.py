"""What one desk reads of the switchboard: the events routed to its agent, in order, after the last it saw."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallSource, CallState
from desk_app.services.customers.lookup import national_form
from desk_app.storage.models import Agent, CallEventRoute, CallEventRow

# A desk back after a long outage reads its backlog in pages of this many.
PAGE = 500
# A call still open after this long is one whose hang-up never came: a restarted desk does not show it.
OPEN_CALL_AT_MOST = dt.timedelta(hours=1)


@dataclass(frozen=True)
class RoutedEvent:
    """An event as one desk receives it (its `answered_by` is the login of the desk that answered)."""

    event_id: int
    event: CallEvent


def last_event_id(session: Session, agent_id: int) -> int:
    """The newest event routed to the agent (0 for none): where a desk starting now begins to read."""
    newest = session.scalar(
        select(func.max(CallEventRoute.event_id)).where(CallEventRoute.agent_id == agent_id)
    )
    return int(newest or 0)


def routed_since(session: Session, agent_id: int, after: int, *, limit: int = PAGE) -> list[RoutedEvent]:
    """The events routed to the agent with ids above `after`, oldest first, at most `limit`."""
    rows = session.execute(
        select(CallEventRow, Agent.login)
        .join(CallEventRoute, CallEventRoute.event_id == CallEventRow.id)
        .outerjoin(Agent, Agent.id == CallEventRow.agent_id)
        .where(CallEventRoute.agent_id == agent_id, CallEventRoute.event_id > after)
        .order_by(CallEventRoute.event_id)
        .limit(limit)
    ).all()
    return [RoutedEvent(row.id, _event(row, login)) for row, login in rows]


def _event(row: CallEventRow, answered_by: str | None) -> CallEvent:
    source = CallSource(row.source.split(" ", 1)[0])
    state = row.state or CallState.RINGING
    return CallEvent(
        call_id=row.call_id,
        at=row.at,
        state=state,
        source=source,
        raw_number=row.raw_number,
        number_e164=row.e164,
        number_display=national_form(row.e164) if row.e164 else None,
        reason=row.no_number_reason,
        line=row.line,
        users=tuple(row.users or ()),
        answered_by=answered_by,
    )


def resume_point(session: Session, agent_id: int, *, now: dt.datetime) -> int:
    """Where a desk starting now begins to read: before the first event of any call routed to it that is
    still going (rang or answered within the hour, not yet over), so a desk restarted mid-call shows the
    call again; else after the newest event routed to it."""
    over = select(CallEventRow.source, CallEventRow.call_id).where(
        CallEventRow.state.in_((CallState.ENDED, CallState.MISSED))
    )
    open_calls = (
        select(func.min(CallEventRoute.event_id))
        .join(CallEventRow, CallEventRow.id == CallEventRoute.event_id)
        .where(
            CallEventRoute.agent_id == agent_id,
            CallEventRow.at >= now - OPEN_CALL_AT_MOST,
            CallEventRow.state.in_((CallState.RINGING, CallState.ANSWERED)),
            tuple_(CallEventRow.source, CallEventRow.call_id).not_in(over),
        )
    )
    first_open = session.scalar(open_calls)
    if first_open is not None:
        return int(first_open) - 1
    return last_event_id(session, agent_id)
