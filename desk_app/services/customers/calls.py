"""The caller log: a row per call, kept up to date by caller-ID events, listed newest first, purged by age."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    CursorResult,
    Integer,
    Select,
    and_,
    bindparam,
    delete,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallState, CustomerState, NoNumberReason
from desk_app.services.customers.lookup import national_form
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    CallEventRoute,
    CallEventRow,
    CallRecord,
    Customer,
    UtcDateTime,
    table_of,
)

# Sources number their calls themselves, and a serial adapter's counter starts again when the desk
# does: an event only joins a row whose call began within this window of it.
CALL_ID_REUSE_WINDOW = dt.timedelta(hours=12)
_TERMINAL = (CallState.ENDED, CallState.MISSED)


# Sources accept longer text than the call log keeps (a CTI callId may have 128 characters, `from` and
# `queue` 256): what does not fit is cut to the column, or PostgreSQL would refuse the whole row.
def _column_length(column: Any) -> int:
    length = column.type.length
    assert isinstance(length, int)
    return length


_CALL_ID_LENGTH = _column_length(CallRecord.__table__.c.call_id)
_RAW_NUMBER_LENGTH = _column_length(CallRecord.__table__.c.raw_number)
_LINE_LENGTH = _column_length(CallRecord.__table__.c.line)


def stored_call_id(call_id: str) -> str:
    """The call id as the call log keeps it: unchanged when it fits, else a prefix and a hash of the
    whole, so two long ids that share a prefix stay two calls."""
    if len(call_id) <= _CALL_ID_LENGTH:
        return call_id
    digest = hashlib.sha256(call_id.encode("utf-8")).hexdigest()[:16]
    return f"{call_id[: _CALL_ID_LENGTH - len(digest) - 1]}~{digest}"


def _fit(text: str | None, length: int) -> str | None:
    return text[:length] if text else text


@dataclass(frozen=True)
class CallCursor:
    """Where a page of the caller log ended: the next page holds calls strictly older than this one."""

    started_at: dt.datetime
    call_row_id: int


@dataclass(frozen=True)
class CallSummary:
    call_row_id: int
    started_at: dt.datetime
    state: CallState
    # 03-1234-5678, or the digits as received when the desk cannot read them; None without a number.
    number_display: str | None
    reason: NoNumberReason | None
    line: str | None
    # The matched customer; all three None when nobody matched or the customer has since been erased.
    customer_id: int | None
    customer_no: str | None
    customer_name: str | None
    answered_by: str | None
    answered_at: dt.datetime | None
    ended_at: dt.datetime | None

    @property
    def missed(self) -> bool:
        return self.state is CallState.MISSED

    @property
    def duration_seconds(self) -> int | None:
        """Talk time: from answer to hang-up; None for a call that was not answered or is still going."""
        if self.answered_at is None or self.ended_at is None:
            return None
        return max(0, int((self.ended_at - self.answered_at).total_seconds()))

    @property
    def cursor(self) -> CallCursor:
        return CallCursor(self.started_at, self.call_row_id)


def record_call_event(
    session: Session, event: CallEvent, *, customer_id: int | None = None, agent_id: int | None = None
) -> int:
    """Bring the call's row up to date with `event` and return the row's id (for the access log).

    Events may come twice or out of order (a hang-up before its ring, from a PBX with two threads):
    times only move outwards (start earliest, end latest), a finished call never becomes ringing
    again, and an answered call is never missed. `customer_id` is the caller when exactly one
    customer matched; `agent_id` who answered. Neither is cleared by a later event without them.
    The one service that takes an agent id without the gate (`agents.require_active`): it records what
    the phone system did, reads nothing and returns only the row's id, and a call lost because of who
    sat at the desk would leave a hole in the caller log.
    Two desks recording the same call at the same instant may each add a row: call ids are not
    unique enough across restarts to be a constraint, and each desk records its own sources.
    """
    window = (event.at - CALL_ID_REUSE_WINDOW, event.at + CALL_ID_REUSE_WINDOW)
    call_id = stored_call_id(event.call_id)
    row = session.scalars(
        select(CallRecord)
        .where(
            CallRecord.source == event.source.value,
            CallRecord.call_id == call_id,
            CallRecord.started_at.between(*window),
        )
        .order_by(CallRecord.id.desc())
        .limit(1)
    ).first()
    if row is None:
        row = CallRecord(call_id=call_id, source=event.source.value, started_at=event.at)
        row.state = CallState.RINGING
        session.add(row)
    row.started_at = min(row.started_at, event.at)
    row.raw_number = row.raw_number or _fit(event.raw_number, _RAW_NUMBER_LENGTH)
    row.e164 = row.e164 or event.number_e164
    row.no_number_reason = row.no_number_reason or event.reason
    row.line = row.line or _fit(event.line, _LINE_LENGTH)
    row.customer_id = row.customer_id or customer_id
    row.agent_id = row.agent_id or agent_id
    if event.state is CallState.ANSWERED:
        row.answered_at = min(row.answered_at or event.at, event.at)
    elif event.state in _TERMINAL:
        row.ended_at = max(row.ended_at or event.at, event.at)
    row.state = _next_state(row.state, event.state, answered=row.answered_at is not None)
    session.flush()
    return row.id


def link_call_to_customer(session: Session, call_row_id: int, customer_id: int) -> None:
    """Record who called, unless the call already names someone (the first customer found or chosen
    wins) or the customer is erased.

    The screen pop does this for a single match, and opening a record during the call for a choice
    from the chooser, so the caller log shows the match however it was made.
    """
    session.execute(_LINK, {"call_row_id": call_row_id, "linked_customer": customer_id})


def _next_state(current: CallState, incoming: CallState, *, answered: bool) -> CallState:
    if incoming is CallState.RINGING:
        return current  # a late or repeated ring changes nothing
    if incoming is CallState.ANSWERED:
        # An answer reported after the hang-up (out of order) means the call was taken, not missed.
        return CallState.ENDED if current in _TERMINAL else CallState.ANSWERED
    if answered:
        return CallState.ENDED
    # Never answered: "missed" is the more telling word, whichever of the two ending events said it.
    if CallState.MISSED in (current, incoming):
        return CallState.MISSED
    return CallState.ENDED


_calls, _customers, _agents = table_of(CallRecord), table_of(Customer), table_of(Agent)
_events = table_of(CallEventRow)


def recent_statement(
    customer_id: ColumnElement[int] | None, limit: ColumnElement[int] | int, *, after_cursor: bool = False
) -> Select[*tuple[Any, ...]]:
    """Up to `limit` calls newest first, all or `customer_id`'s, in the columns `summary_from_row` reads.

    Bound parameters for `recent_calls`; the record panel's statement reads a customer's latest calls
    inside its own, with the customer's column and a fixed limit.
    """
    statement = (
        select(
            _calls.c.id,
            _calls.c.started_at,
            _calls.c.state,
            _calls.c.e164,
            _calls.c.raw_number,
            _calls.c.no_number_reason,
            _calls.c.line,
            _customers.c.id,
            _customers.c.customer_no,
            _customers.c.name,
            _customers.c.state,
            _agents.c.display_name,
            _calls.c.answered_at,
            _calls.c.ended_at,
        )
        .select_from(_calls)
        .outerjoin(_customers, _customers.c.id == _calls.c.customer_id)
        .outerjoin(_agents, _agents.c.id == _calls.c.agent_id)
        .order_by(_calls.c.started_at.desc(), _calls.c.id.desc())
        .limit(limit)
    )
    if customer_id is not None:
        statement = statement.where(_calls.c.customer_id == customer_id)
    if after_cursor:
        before_at = bindparam("before_at", type_=UtcDateTime())
        statement = statement.where(
            or_(
                _calls.c.started_at < before_at,
                and_(_calls.c.started_at == before_at, _calls.c.id < bindparam("before_id")),
            )
        )
    return statement


_LINKED = bindparam("linked_customer", type_=Integer())
_LINK = (
    update(_calls)
    .where(
        _calls.c.id == bindparam("call_row_id"),
        _calls.c.customer_id.is_(None),
        select(_customers.c.id)
        .where(_customers.c.id == _LINKED, _customers.c.state != CustomerState.ERASED)
        .exists(),
    )
    .values(customer_id=_LINKED)
)
# Built once each: the caller log refreshes on every call, and the record panel shows a customer's calls.
_RECENT = {
    (by_customer, after_cursor): recent_statement(
        bindparam("customer_id") if by_customer else None, bindparam("limit"), after_cursor=after_cursor
    )
    for by_customer in (False, True)
    for after_cursor in (False, True)
}


def recent_calls(
    session: Session, *, limit: int = 100, before: CallCursor | None = None, customer_id: int | None = None
) -> list[CallSummary]:
    """The caller log newest first, optionally one customer's calls, continuing after `before`.

    A call whose customer has since been erased is still listed (the number and times are the
    desk's own record until purged), but without the customer.
    """
    if not 1 <= limit <= 1000:
        raise ValueError("limit must be between 1 and 1000")
    params: dict[str, object] = {"limit": limit}
    if customer_id is not None:
        params["customer_id"] = customer_id
    if before is not None:
        params.update(before_at=before.started_at, before_id=before.call_row_id)
    statement = _RECENT[customer_id is not None, before is not None]
    return [summary_from_row(row) for row in session.execute(statement, params)]


def summary_from_row(row: Sequence[Any]) -> CallSummary:
    """The summary from one row of `recent_statement`."""
    (row_id, started_at, state, e164, raw, reason, line) = row[:7]
    (matched_id, customer_no, name, customer_state, agent_name, answered_at, ended_at) = row[7:]
    known = matched_id is not None and customer_state != CustomerState.ERASED
    return CallSummary(
        call_row_id=row_id,
        started_at=started_at,
        state=state,
        number_display=national_form(e164) if e164 else raw,
        reason=reason,
        line=line,
        customer_id=matched_id if known else None,
        customer_no=customer_no if known else None,
        customer_name=name if known else None,
        answered_by=agent_name,
        answered_at=answered_at,
        ended_at=ended_at,
    )


# A call whose end never arrived (the desk closed while it rang, an adapter was unplugged) is not live
# hours later; long calls to the desk are minutes, not hours.
STALE_CALL_AFTER = dt.timedelta(hours=2)


def close_stale_calls(
    session: Session, *, now: dt.datetime | None = None, after: dt.timedelta = STALE_CALL_AFTER
) -> int:
    """Calls still ringing or on the line `after` their start: ringing ones become missed, answered ones
    ended (with no end time: it is not known). Returns how many were closed."""
    cutoff = (now or dt.datetime.now(dt.UTC)) - after
    closed = 0
    for current, final in ((CallState.RINGING, CallState.MISSED), (CallState.ANSWERED, CallState.ENDED)):
        result = session.execute(
            update(CallRecord)
            .where(CallRecord.state == current, CallRecord.started_at < cutoff)
            .values(state=final)
            .execution_options(synchronize_session=False)
        )
        assert isinstance(result, CursorResult)  # an UPDATE's result says how many rows it changed
        closed += int(result.rowcount)
    return closed


def purge_calls(session: Session, *, older_than: dt.datetime) -> int:
    """Delete the calls that began before `older_than`; returns how many.

    Access-log entries made during those calls stay (who saw whose data, and when, outlives the
    call log) but lose their link to the call, which is set empty first so the foreign key holds.
    The gateway's events of the same age (they hold the numbers too) and their routes go with them.
    """
    if older_than.tzinfo is None:
        raise ValueError("older_than must be an aware datetime")
    old_events = select(_events.c.id).where(_events.c.at < older_than).scalar_subquery()
    session.execute(
        delete(table_of(CallEventRoute)).where(table_of(CallEventRoute).c.event_id.in_(old_events))
    )
    session.execute(delete(_events).where(_events.c.at < older_than))
    old = select(_calls.c.id).where(_calls.c.started_at < older_than).scalar_subquery()
    session.execute(
        update(table_of(AccessLogEntry))
        .where(table_of(AccessLogEntry).c.call_id.in_(old))
        .values(call_id=None)
    )
    result = session.execute(delete(_calls).where(_calls.c.started_at < older_than))
    return int(result.rowcount)  # type: ignore[attr-defined]
