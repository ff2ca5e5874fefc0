"""The gateway's one write: an event from the PBX or an adapter, stored once, routed to desks, announced.

`accept` runs in the gateway's transaction, holding the switchboard's lock (on PostgreSQL a transaction
advisory lock), so event ids commit in the order they were given: a desk that reads `id > last seen` after
a notification can never pass over an id committed later. A second gateway fed the same events finds the
row already there (unique on source, call id and kind) and stores nothing.

A call only moves forward, as on the lone desk (`desk_app.callerid.call_book`): an answer after the hang-up
or a ring after the answer is stored as received but announced to no one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from desk_app.callerid.cti_request import VOICEMAIL_USER, CtiEvent
from desk_app.callerid.events import CallEvent, call_event
from desk_app.config import Switchboard
from desk_app.domain.enums import CallSource, CallState, NoNumberReason
from desk_app.services.customers.calls import record_call_event, stored_call_id
from desk_app.services.switchboard import presence
from desk_app.services.switchboard.channels import BOARD, agent_channel, notify
from desk_app.services.switchboard.routing import named_agents, ring_targets
from desk_app.storage.models import CallEventRoute, CallEventRow

# pg_advisory_xact_lock's key for the switchboard: "desk" in ASCII.
_LOCK_KEY = 0x6465736B
_LOCKED = "desk_app.switchboard_locked"
_LINE_LENGTH = 32


@dataclass(frozen=True)
class Incoming:
    """One event as a source reported it: a Generic CTI request or an adapter's ring or silence."""

    source: CallSource
    call_id: str
    kind: CtiEvent
    at: dt.datetime
    number: str | None = None
    reason: NoNumberReason | None = None
    # The line it came in on: the CTI queue or `to`, or the adapter's line name.
    line: str | None = None
    # The inbound number dialled (CTI `to`), for groups of desks.
    to: str | None = None
    users: tuple[str, ...] = ()
    answering_number: str | None = None
    forwarded: bool = False

    @property
    def by_voicemail(self) -> bool:
        return len(self.users) == 1 and self.users[0].casefold() == VOICEMAIL_USER

    @property
    def source_key(self) -> str:
        """Calls are numbered per source: each adapter line counts its own."""
        if self.source is CallSource.SERIAL and self.line:
            return f"serial {self.line}"[:40]
        return self.source.value


@dataclass(frozen=True)
class Accepted:
    """What `accept` did: `event_id` None for an event already stored (by this gateway or another)."""

    event_id: int | None
    state: CallState | None
    desks: tuple[int, ...] = ()

    @property
    def outcome(self) -> str:
        """A word for the gateway's counts and log (no number, no name)."""
        if self.event_id is None:
            return "duplicate"
        if self.state is None:
            return "kept, not announced"
        return f"{self.state.value} to {len(self.desks)} desk(s)"


def accept(
    session: Session,
    incoming: Incoming,
    *,
    settings: Switchboard,
    now: dt.datetime,
    directory: Mapping[str, int] | None = None,
) -> Accepted:
    """Store `incoming`, work out what the desks are told and which desks, and announce it on commit.

    `directory` (`extensions.pbx_directory`, kept by the gateway) finds the agents a PBX names without a
    query each; without it the names are looked up in the database.
    """
    transaction = session.get_transaction()
    if session.get_bind().dialect.name == "postgresql" and session.info.get(_LOCKED) is not transaction:
        # Held until the transaction ends: a batch of events in one transaction takes it once.
        session.execute(select(func.pg_advisory_xact_lock(_LOCK_KEY)))
        session.info[_LOCKED] = transaction
    call_id = stored_call_id(incoming.call_id)
    # The call's earlier events with the desks each went to, in one read.
    rows = session.execute(
        select(
            CallEventRow.id,
            CallEventRow.kind,
            CallEventRow.state,
            CallEventRow.agent_id,
            CallEventRoute.agent_id.label("routed_to"),
        )
        .outerjoin(CallEventRoute, CallEventRoute.event_id == CallEventRow.id)
        .where(CallEventRow.source == incoming.source_key, CallEventRow.call_id == call_id)
    ).all()
    earlier = list({row[0]: row for row in rows}.values())
    if any(row.kind == incoming.kind.value for row in earlier):
        return Accepted(None, None)
    kinds = {row.kind: row for row in earlier}
    routed_before = tuple(sorted({row.routed_to for row in rows if row.routed_to is not None}))
    answerer: int | None = None
    desks: tuple[int, ...] = ()
    state: CallState | None = None
    if incoming.kind is CtiEvent.NEW_CALL:
        if not earlier:
            state = CallState.RINGING
            desks = ring_targets(
                session, users=incoming.users, to=incoming.to, settings=settings, now=now, directory=directory
            )
    elif incoming.kind is CtiEvent.ANSWER:
        if CtiEvent.HANGUP.value not in kinds and not incoming.by_voicemail:
            state = CallState.ANSWERED
            names = incoming.users + ((incoming.answering_number,) if incoming.answering_number else ())
            answering = named_agents(session, names, directory)
            answerer = answering[0] if len(answering) == 1 else None
            desks = tuple(sorted(set(routed_before) | ({answerer} if answerer else set())))
    else:
        answered = kinds.get(CtiEvent.ANSWER.value)
        if earlier:
            if answered is not None and answered.state is CallState.ANSWERED:
                state, answerer = CallState.ENDED, answered.agent_id
                # The other desks were told of the answer already: the hang-up is the answering desk's.
                desks = (answerer,) if answerer else routed_before
            else:
                state = CallState.ENDED if incoming.forwarded and answered is None else CallState.MISSED
                desks = routed_before
    event = _call_event(incoming, state or CallState.RINGING)
    call_row_id = record_call_event(session, event, agent_id=answerer) if state else None
    row = CallEventRow(
        source=incoming.source_key,
        call_id=call_id,
        kind=incoming.kind.value,
        state=state,
        at=incoming.at,
        raw_number=event.raw_number[:64] if event.raw_number else None,
        e164=event.number_e164,
        no_number_reason=event.reason,
        line=event.line[:_LINE_LENGTH] if event.line else None,
        users=list(incoming.users),
        agent_id=answerer,
        call_row_id=call_row_id,
    )
    session.add(row)
    session.flush()
    if desks:
        session.execute(insert(CallEventRoute), [{"event_id": row.id, "agent_id": desk} for desk in desks])
    if state is CallState.ANSWERED and answerer is not None:
        presence.on_call(session, answerer, call_row_id, now=now)
    elif state is CallState.ENDED and answerer is not None:
        presence.call_ended(session, answerer, now=now, settings=settings)
    for desk in desks:
        notify(session, agent_channel(desk), str(row.id))
    notify(session, BOARD, str(row.id))
    return Accepted(row.id, state, desks)


def _call_event(incoming: Incoming, state: CallState) -> CallEvent:
    return call_event(
        call_id=incoming.call_id,
        state=state,
        source=incoming.source,
        number=incoming.number,
        reason=incoming.reason,
        at=incoming.at,
        line=incoming.line,
        users=incoming.users,
    )
