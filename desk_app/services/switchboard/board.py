"""The supervisors' live board: every desk's state, calls ringing now, missed calls and wrap-up codes today.

A number on the board is masked to its last four digits: the board is for watching the floor, not callers.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from desk_app.domain.enums import CallState, PresenceState
from desk_app.domain.messages import message
from desk_app.services.cases.records import require_supervisor
from desk_app.services.switchboard.missed import day_start
from desk_app.services.switchboard.presence import expire_after_call
from desk_app.storage.models import Agent, AgentPresence, CallRecord

# A call still ringing after this long is one the PBX never ended: not shown as ringing now.
RINGING_AT_MOST = dt.timedelta(hours=1)


def masked(e164: str | None, raw: str | None = None) -> str:
    """ "＊＊＊＊5678": the last four digits only (or "—" for a call without a number)."""
    digits = "".join(character for character in (e164 or raw or "") if character.isdigit())
    return f"＊＊＊＊{digits[-4:]}" if digits else "—"


@dataclass(frozen=True)
class DeskRow:
    login: str
    display_name: str
    state: PresenceState
    since: dt.datetime
    reason: str | None
    after_call_until: dt.datetime | None
    call_number: str | None
    call_answered_at: dt.datetime | None


@dataclass(frozen=True)
class RingingRow:
    call_row_id: int
    number: str
    line: str | None
    started_at: dt.datetime


@dataclass(frozen=True)
class MissedRow:
    call_row_id: int
    number: str
    started_at: dt.datetime
    taken_by: str | None


@dataclass(frozen=True)
class Board:
    at: dt.datetime
    desks: tuple[DeskRow, ...]
    ringing: tuple[RingingRow, ...]
    missed: tuple[MissedRow, ...]
    wrap_up_codes: tuple[tuple[str, int], ...]


def board(session: Session, agent_id: int, *, now: dt.datetime) -> Board:
    """The floor now, for a supervisor or an administrator (`SupervisorOnly` for anyone else)."""
    require_supervisor(session, agent_id, message("board.supervisors_only"))
    expire_after_call(session, now=now)
    call = aliased(CallRecord)
    desks = tuple(
        DeskRow(
            login=agent.login,
            display_name=agent.display_name,
            state=presence.state,
            since=presence.since,
            reason=presence.reason,
            after_call_until=presence.after_call_until,
            call_number=masked(row.e164, row.raw_number) if row is not None else None,
            call_answered_at=row.answered_at if row is not None else None,
        )
        for agent, presence, row in session.execute(
            select(Agent, AgentPresence, call)
            .join(AgentPresence, AgentPresence.agent_id == Agent.id)
            .outerjoin(call, call.id == AgentPresence.call_row_id)
            .where(Agent.active.is_(True), AgentPresence.state != PresenceState.SIGNED_OUT)
            .order_by(Agent.login)
        )
    )
    today = day_start(now)
    ringing = tuple(
        RingingRow(row.id, masked(row.e164, row.raw_number), row.line, row.started_at)
        for row in session.scalars(
            select(CallRecord)
            .where(CallRecord.state == CallState.RINGING, CallRecord.started_at >= now - RINGING_AT_MOST)
            .order_by(CallRecord.started_at)
        )
    )
    taker = aliased(Agent)
    missed = tuple(
        MissedRow(row.id, masked(row.e164, row.raw_number), row.started_at, login)
        for row, login in session.execute(
            select(CallRecord, taker.login)
            .outerjoin(taker, taker.id == CallRecord.taken_by_id)
            .where(CallRecord.state == CallState.MISSED, CallRecord.started_at >= today)
            .order_by(CallRecord.started_at.desc())
        )
    )
    codes: Counter[str] = Counter(
        code
        for code in session.scalars(
            select(CallRecord.wrap_up_code).where(
                CallRecord.wrap_up_code.is_not(None), CallRecord.started_at >= today
            )
        )
        if code
    )
    return Board(
        now, desks, ringing, missed, tuple(sorted(codes.items(), key=lambda item: (-item[1], item[0])))
    )
