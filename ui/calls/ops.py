"""The background work of call handling: made from plain values, run by the runner in a session of its own,
returning frozen values and touching no widget.

The runner commits when the work returns, so a call's row and the access-log entries of what the agent
is shown commit together, or not at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallState
from desk_app.services.agents import AgentNotActive
from desk_app.services.customers import calls
from desk_app.services.customers.calls import CallCursor, CallSummary
from desk_app.services.customers.record import CustomerRecord, open_customer_record
from desk_app.services.customers.screen_pop import ScreenPop, screen_pop
from desk_app.services.database import Session
from ui.common.background import Work


@dataclass(frozen=True)
class RecordedEvent:
    call_row_id: int
    # Set for a ringing call with a number when an agent is signed in.
    pop: ScreenPop | None


def record_and_pop(event: CallEvent, agent_id: int | None) -> Work[RecordedEvent]:
    """One commit: the call's row and, for a ring, the screen pop, its access-log entries naming the call."""
    answered_by = agent_id if event.state is CallState.ANSWERED else None
    number = event.number_e164 if event.state is CallState.RINGING and agent_id is not None else None

    def work(session: Session) -> RecordedEvent:
        row_id = calls.record_call_event(session, event, agent_id=answered_by)
        pop = None
        if number is not None:
            try:
                pop = screen_pop(session, number, agent_id=agent_id, call_id=row_id)
            except AgentNotActive:
                # Disabled since signing in: the call is still logged, and the desk shows no one. The
                # refusal comes before the pop reads or writes anything, so the row commits alone.
                pop = None
        return RecordedEvent(row_id, pop)

    return work


def open_record(customer_id: int, agent_id: int, call_row_id: int | None) -> Work[CustomerRecord]:
    """The customer's record as the agent sees it, logged against the call under way (if any)."""

    def work(session: Session) -> CustomerRecord:
        return open_customer_record(session, customer_id, agent_id=agent_id, call_id=call_row_id)

    return work


def recent_calls(limit: int, before: CallCursor | None) -> Work[list[CallSummary]]:
    """The caller log, newest first: `limit` calls from the newest, or older than `before`."""

    def work(session: Session) -> list[CallSummary]:
        return calls.recent_calls(session, limit=limit, before=before)

    return work


def close_stale_calls(now: dt.datetime | None) -> Work[int]:
    """Ringing calls hours old become missed and answered ones ended; how many were closed."""

    def work(session: Session) -> int:
        return calls.close_stale_calls(session, now=now)

    return work
