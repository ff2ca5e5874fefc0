"""Where each agent is: available, on a call, in after-call work, away, or signed out.

The answer puts the answering agent on the call; the hang-up starts after-call work with a timer from the
configuration, which the agent may extend once and ends by picking a wrap-up code (応対区分, kept on the
call) — or which runs out by itself. Every change is stored with its time (`PresenceChange`): the agent's
working record, not customer data. An agent without a row is signed out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.config import Switchboard
from desk_app.domain.enums import PresenceState
from desk_app.domain.messages import MessageError, message
from desk_app.services.agents import require_active
from desk_app.services.switchboard.channels import BOARD, notify
from desk_app.storage.models import Agent, AgentPresence, CallRecord, PresenceChange

# States an agent picks at the desk; the others follow the calls.
CHOSEN = (PresenceState.AVAILABLE, PresenceState.AWAY, PresenceState.SIGNED_OUT)


class PresenceRefused(MessageError, ValueError):
    """A presence change the agent's state does not allow (a second extension, a code with no call, …)."""


@dataclass(frozen=True)
class Presence:
    agent_id: int
    state: PresenceState
    since: dt.datetime
    reason: str | None = None
    after_call_until: dt.datetime | None = None
    after_call_extended: bool = False
    call_row_id: int | None = None


def presence_of(session: Session, agent_id: int, *, now: dt.datetime) -> Presence:
    """The agent's state now; after-call work whose time is up has ended (and is stored as ended)."""
    expire_after_call(session, now=now)
    row = session.get(AgentPresence, agent_id)
    if row is None:
        return Presence(agent_id, PresenceState.SIGNED_OUT, now)
    return _presence(row)


def set_state(
    session: Session,
    agent_id: int,
    state: PresenceState,
    *,
    now: dt.datetime,
    reason: str | None = None,
    settings: Switchboard | None = None,
) -> Presence:
    """The agent chooses available, away (with one of the configured reasons) or signed out.

    On a call the agent cannot choose: the hang-up ends it. Choosing available during after-call work
    without a wrap-up code is refused too: the code is how after-call work ends.
    """
    require_active(session, agent_id)
    if state not in CHOSEN:
        raise PresenceRefused(message("presence.not_chosen", state=state.japanese))
    expire_after_call(session, now=now)
    row = session.get(AgentPresence, agent_id)
    current = row.state if row is not None else PresenceState.SIGNED_OUT
    if current is PresenceState.ON_CALL and state is not PresenceState.SIGNED_OUT:
        raise PresenceRefused(message("presence.on_call"))
    if current is PresenceState.AFTER_CALL and state is PresenceState.AVAILABLE:
        raise PresenceRefused(message("presence.wrap_up_first"))
    if state is PresenceState.AWAY:
        reasons = settings.away_reasons if settings is not None else ()
        if not reason or (reasons and reason not in reasons):
            raise PresenceRefused(message("presence.away_reason", reasons="、".join(reasons)))
    else:
        reason = None
    return _change(session, agent_id, state, at=now, reason=reason)


def on_call(session: Session, agent_id: int, call_row_id: int | None, *, now: dt.datetime) -> None:
    """The agent answered (set by the gateway from the PBX's answer)."""
    _change(session, agent_id, PresenceState.ON_CALL, at=now, call_row_id=call_row_id)


def call_ended(session: Session, agent_id: int, *, now: dt.datetime, settings: Switchboard) -> None:
    """The agent's call hung up: after-call work for the configured time (none: straight to available)."""
    row = session.get(AgentPresence, agent_id)
    if row is None or row.state is not PresenceState.ON_CALL:
        return
    if settings.after_call_seconds == 0:
        _change(session, agent_id, PresenceState.AVAILABLE, at=now, call_row_id=row.call_row_id)
        return
    until = now + dt.timedelta(seconds=settings.after_call_seconds)
    _change(session, agent_id, PresenceState.AFTER_CALL, at=now, call_row_id=row.call_row_id, until=until)


def extend_after_call(
    session: Session, agent_id: int, *, now: dt.datetime, settings: Switchboard
) -> Presence:
    """More time for after-call work, once per call."""
    require_active(session, agent_id)
    expire_after_call(session, now=now)
    row = session.get(AgentPresence, agent_id)
    if row is None or row.state is not PresenceState.AFTER_CALL or row.after_call_until is None:
        raise PresenceRefused(message("presence.no_after_call"))
    if row.after_call_extended:
        raise PresenceRefused(message("presence.extended_once"))
    row.after_call_until += dt.timedelta(seconds=settings.after_call_extension_seconds)
    row.after_call_extended = True
    session.flush()
    notify(session, BOARD)
    return _presence(row)


def wrap_up(
    session: Session, agent_id: int, code: str, *, now: dt.datetime, settings: Switchboard
) -> Presence:
    """End after-call work with a wrap-up code from the configuration; the code is kept on the call."""
    require_active(session, agent_id)
    if code not in settings.wrap_up_codes:
        raise PresenceRefused(message("presence.unknown_code", codes="、".join(settings.wrap_up_codes)))
    row = session.get(AgentPresence, agent_id)
    if row is None or row.state is not PresenceState.AFTER_CALL:
        raise PresenceRefused(message("presence.no_after_call"))
    if row.call_row_id is not None:
        call = session.get(CallRecord, row.call_row_id)
        if call is not None:
            call.wrap_up_code = code
    return _change(session, agent_id, PresenceState.AVAILABLE, at=now, call_row_id=row.call_row_id)


def expire_after_call(session: Session, *, now: dt.datetime) -> int:
    """End every after-call work whose time is up, dated when it ran out; how many ended."""
    rows = session.scalars(
        select(AgentPresence).where(
            AgentPresence.state == PresenceState.AFTER_CALL, AgentPresence.after_call_until <= now
        )
    ).all()
    for row in rows:
        assert row.after_call_until is not None
        _change(
            session,
            row.agent_id,
            PresenceState.AVAILABLE,
            at=row.after_call_until,
            call_row_id=row.call_row_id,
        )
    return len(rows)


def available_agents(session: Session, *, now: dt.datetime) -> tuple[int, ...]:
    """The active agents a queue call rings now."""
    expire_after_call(session, now=now)
    ids = session.scalars(
        select(AgentPresence.agent_id)
        .join(Agent, Agent.id == AgentPresence.agent_id)
        .where(AgentPresence.state == PresenceState.AVAILABLE, Agent.active.is_(True))
        .order_by(AgentPresence.agent_id)
    )
    return tuple(ids)


def _change(
    session: Session,
    agent_id: int,
    state: PresenceState,
    *,
    at: dt.datetime,
    reason: str | None = None,
    call_row_id: int | None = None,
    until: dt.datetime | None = None,
) -> Presence:
    row = session.get(AgentPresence, agent_id)
    if row is None:
        row = AgentPresence(agent_id=agent_id, state=state, since=at)
        session.add(row)
    elif row.state is state and row.reason == reason and state is not PresenceState.AFTER_CALL:
        return _presence(row)
    row.state, row.since, row.reason = state, at, reason
    row.after_call_until = until
    row.after_call_extended = False
    row.call_row_id = call_row_id
    session.add(PresenceChange(agent_id=agent_id, state=state, reason=reason, at=at))
    session.flush()
    notify(session, BOARD)
    return _presence(row)


def _presence(row: AgentPresence) -> Presence:
    return Presence(
        agent_id=row.agent_id,
        state=row.state,
        since=row.since,
        reason=row.reason,
        after_call_until=row.after_call_until,
        after_call_extended=row.after_call_extended,
        call_row_id=row.call_row_id,
    )
