"""The shared list of missed calls: any agent may take one to call back, and taking it is recorded."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session, aliased

from desk_app.domain.enums import AccessAction, CallState
from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import MessageError, message
from desk_app.services.access_log import record_access
from desk_app.services.agents import require_active
from desk_app.services.customers.lookup import national_form
from desk_app.services.switchboard.channels import BOARD, notify
from desk_app.storage.models import Agent, CallRecord


class MissedCallTaken(MessageError, ValueError):
    """Another agent took the call first (the message names them), or there is no such missed call."""


@dataclass(frozen=True)
class MissedCall:
    call_row_id: int
    started_at: dt.datetime
    # 03-1234-5678; the digits as received when unreadable; None for a call without a number.
    number_display: str | None
    line: str | None
    taken_by: str | None
    taken_at: dt.datetime | None


def day_start(now: dt.datetime) -> dt.datetime:
    """Midnight in Japan of `now`'s day, in UTC."""
    local = now.astimezone(TOKYO)
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(dt.UTC)


def missed_calls(
    session: Session,
    agent_id: int,
    *,
    now: dt.datetime,
    since: dt.datetime | None = None,
    open_only: bool = False,
) -> list[MissedCall]:
    """Missed calls since `since` (default: today in Japan), newest first; `open_only`: not yet taken."""
    require_active(session, agent_id)
    taker = aliased(Agent)
    statement = (
        select(CallRecord, taker.login)
        .outerjoin(taker, taker.id == CallRecord.taken_by_id)
        .where(CallRecord.state == CallState.MISSED, CallRecord.started_at >= (since or day_start(now)))
        .order_by(CallRecord.started_at.desc(), CallRecord.id.desc())
    )
    if open_only:
        statement = statement.where(CallRecord.taken_by_id.is_(None))
    return [
        MissedCall(
            call_row_id=row.id,
            started_at=row.started_at,
            number_display=national_form(row.e164) if row.e164 else row.raw_number,
            line=row.line,
            taken_by=login,
            taken_at=row.taken_at,
        )
        for row, login in session.execute(statement)
    ]


def take_missed_call(session: Session, agent_id: int, call_row_id: int, *, now: dt.datetime) -> MissedCall:
    """The agent takes the missed call to call back; `MissedCallTaken` when someone was first."""
    require_active(session, agent_id)
    result = session.execute(
        update(CallRecord)
        .where(
            CallRecord.id == call_row_id,
            CallRecord.state == CallState.MISSED,
            CallRecord.taken_by_id.is_(None),
        )
        .values(taken_by_id=agent_id, taken_at=now)
        .execution_options(synchronize_session=False)
    )
    assert isinstance(result, CursorResult)  # an UPDATE's result says how many rows it changed
    taken = result.rowcount
    row = session.get(CallRecord, call_row_id)
    if row is not None:
        session.refresh(row)
    if row is None or row.state is not CallState.MISSED:
        raise MissedCallTaken(message("missed.not_found", call_row_id=call_row_id))
    if not taken:
        holder = session.scalar(select(Agent.login).where(Agent.id == row.taken_by_id))
        raise MissedCallTaken(message("missed.already_taken", call_row_id=call_row_id, login=holder))
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.VIEW,
        customer_ids=[row.customer_id],
        detail="missed call taken for a callback",
        call_id=row.id,
        now=now,
    )
    notify(session, BOARD)
    login = session.scalar(select(Agent.login).where(Agent.id == agent_id))
    return MissedCall(
        call_row_id=row.id,
        started_at=row.started_at,
        number_display=national_form(row.e164) if row.e164 else row.raw_number,
        line=row.line,
        taken_by=login,
        taken_at=row.taken_at,
    )
