"""Numbers whose calls the gateway rejects as busy (Zammad's `reject` reply), kept by supervisors.

Every change is written to the access log (a number is personal data) without the number itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import CursorResult, delete, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import AccessAction, AgentRole
from desk_app.domain.messages import MessageError, message
from desk_app.domain.phones import normalise
from desk_app.services.access_log import record_access
from desk_app.services.agents import role_on_record
from desk_app.services.customers.lookup import national_form
from desk_app.storage.models import Agent, BlockedNumber

_KEEPERS = (AgentRole.SUPERVISOR, AgentRole.ADMIN)
REASON_LENGTH = 200


class BlocklistRefused(MessageError, ValueError):
    """Not a supervisor, no reason, or a number not on the list."""


@dataclass(frozen=True)
class Blocked:
    e164: str
    number_display: str
    reason: str
    added_at: dt.datetime
    added_by: str


def blocked_numbers(session: Session) -> frozenset[str]:
    """Every blocked number (E.164), for the gateway's check of each new call."""
    return frozenset(session.scalars(select(BlockedNumber.e164)))


def list_blocked(session: Session, agent_id: int) -> list[Blocked]:
    _require_keeper(session, agent_id)
    rows = session.execute(
        select(BlockedNumber, Agent.login)
        .join(Agent, Agent.id == BlockedNumber.added_by_id)
        .order_by(BlockedNumber.added_at.desc())
    ).all()
    return [
        Blocked(row.e164, national_form(row.e164), row.reason, row.added_at, login) for row, login in rows
    ]


def block_number(session: Session, agent_id: int, number: str, reason: str, *, now: dt.datetime) -> Blocked:
    """Add (or re-word) a blocked number; `InvalidPhoneNumber` for text that is not one."""
    _require_keeper(session, agent_id)
    reason = reason.strip()
    if not reason:
        raise BlocklistRefused(message("blocklist.needs_reason"))
    e164 = normalise(number).e164
    row = session.get(BlockedNumber, e164)
    if row is None:
        row = BlockedNumber(e164=e164, reason=reason[:REASON_LENGTH], added_at=now, added_by_id=agent_id)
        session.add(row)
    else:
        row.reason = reason[:REASON_LENGTH]
    session.flush()
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=[None],
        detail="number blocked",
        now=now,
    )
    login = session.scalar(select(Agent.login).where(Agent.id == row.added_by_id)) or ""
    return Blocked(e164, national_form(e164), row.reason, row.added_at, login)


def unblock_number(session: Session, agent_id: int, number: str, *, now: dt.datetime) -> None:
    _require_keeper(session, agent_id)
    e164 = normalise(number).e164
    result = session.execute(delete(BlockedNumber).where(BlockedNumber.e164 == e164))
    assert isinstance(result, CursorResult)  # a DELETE's result says how many rows went
    if not result.rowcount:
        raise BlocklistRefused(message("blocklist.not_listed"))
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.CHANGE,
        customer_ids=[None],
        detail="number unblocked",
        now=now,
    )


def _require_keeper(session: Session, agent_id: int) -> None:
    if role_on_record(session, agent_id) not in _KEEPERS:
        raise BlocklistRefused(message("blocklist.not_supervisor"))
