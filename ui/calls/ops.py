"""The background work of call handling: made from plain values, run by the runner in a session of its own,
returning frozen values and touching no widget.

The runner commits when the work returns, so a call's row and the access-log entries of what the agent
is shown commit together, or not at all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from desk_app.callerid.events import CallEvent
from desk_app.config import Switchboard
from desk_app.domain.enums import CallState, PresenceState
from desk_app.services.agents import AgentNotActive
from desk_app.services.customers import calls
from desk_app.services.customers.calls import CallCursor, CallSummary
from desk_app.services.customers.record import CustomerRecord, open_customer_record
from desk_app.services.customers.screen_pop import ScreenPop, screen_pop
from desk_app.services.database import Session
from desk_app.services.incidents.customer_incidents import with_incidents
from desk_app.services.switchboard import missed, presence
from desk_app.services.switchboard.missed import MissedCall
from desk_app.services.switchboard.presence import Presence
from ui.common.background import Work


@dataclass(frozen=True)
class RecordedEvent:
    call_row_id: int
    # Set for a ringing call with a number when an agent is signed in.
    pop: ScreenPop | None


def record_and_pop(
    event: CallEvent, agent_id: int | None, *, answered_here: bool = True
) -> Work[RecordedEvent]:
    """One commit: the call's row and, for a ring, the screen pop, its access-log entries naming the call.

    `answered_here` False: another desk answered (the gateway says which), so this agent is not named.
    """
    answered_by = agent_id if event.state is CallState.ANSWERED and answered_here else None
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
        if pop is not None and pop.record is not None:
            # The open leak incidents the customer is affected by, for the record's warning.
            pop = dataclasses.replace(pop, record=with_incidents(session, pop.record))
        return RecordedEvent(row_id, pop)

    return work


def open_record(customer_id: int, agent_id: int, call_row_id: int | None) -> Work[CustomerRecord]:
    """The customer's record as the agent sees it, logged against the call under way (if any)."""

    def work(session: Session) -> CustomerRecord:
        record = open_customer_record(session, customer_id, agent_id=agent_id, call_id=call_row_id)
        return with_incidents(session, record)

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


# --- the switchboard: presence, after-call work and missed calls (a desk on the gateway's database) ------


def _now() -> dt.datetime:
    # Taken when the work runs, not when it was asked for: the timer it is compared with runs meanwhile.
    return dt.datetime.now(dt.UTC)


def presence_now(agent_id: int) -> Work[Presence]:
    """The agent's state now (after-call work whose time is up ends on the way)."""

    def work(session: Session) -> Presence:
        return presence.presence_of(session, agent_id, now=_now())

    return work


def begin_presence(agent_id: int) -> Work[Presence]:
    """Signed in at a desk: available, unless the agent is still on a call or in its after-call work
    (a desk restarted mid-call), which the calls end."""

    def work(session: Session) -> Presence:
        now = _now()
        current = presence.presence_of(session, agent_id, now=now)
        if current.state in (PresenceState.SIGNED_OUT, PresenceState.AWAY):
            return presence.set_state(session, agent_id, PresenceState.AVAILABLE, now=now)
        return current

    return work


def end_presence(agent_id: int) -> Work[Presence]:
    """The agent left the desk (signed out, another agent signed in, the window closed)."""

    def work(session: Session) -> Presence:
        return presence.set_state(session, agent_id, PresenceState.SIGNED_OUT, now=_now())

    return work


def choose_presence(
    agent_id: int, state: PresenceState, reason: str | None, settings: Switchboard
) -> Work[Presence]:
    """Available, or away with one of the configured reasons; `PresenceRefused` when the state forbids it."""

    def work(session: Session) -> Presence:
        return presence.set_state(session, agent_id, state, now=_now(), reason=reason, settings=settings)

    return work


def extend_after_call(agent_id: int, settings: Switchboard) -> Work[Presence]:
    """More time for after-call work, once per call."""

    def work(session: Session) -> Presence:
        return presence.extend_after_call(session, agent_id, now=_now(), settings=settings)

    return work


def wrap_up(agent_id: int, code: str, settings: Switchboard) -> Work[Presence]:
    """The wrap-up code kept on the call, and the agent available again."""

    def work(session: Session) -> Presence:
        return presence.wrap_up(session, agent_id, code, now=_now(), settings=settings)

    return work


def missed_today(agent_id: int) -> Work[list[MissedCall]]:
    """Today's missed calls (in Japan), newest first, taken or not."""

    def work(session: Session) -> list[MissedCall]:
        return missed.missed_calls(session, agent_id, now=_now())

    return work


def take_missed(agent_id: int, call_row_id: int) -> Work[MissedCall]:
    """The agent takes a missed call to call back; `MissedCallTaken` names who was first."""

    def work(session: Session) -> MissedCall:
        return missed.take_missed_call(session, agent_id, call_row_id, now=_now())

    return work
