"""Opening a case: its number in the year of receipt, its deadline, its first event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient

from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import arrival_problem, deadline_for, japan_midnight, japan_today
from desk_app.domain.enums import CaseKind, RequestChannel
from desk_app.domain.lifecycle import DISCLOSURE_KINDS, FEE_KINDS, IDENTITY_KINDS
from desk_app.domain.messages import InvalidRequest, message
from desk_app.services.cases.incident_answers import link_new_case
from desk_app.services.cases.records import CaseView, S, add_event, load_agent, utc_now, view_of
from desk_app.services.customers.lookup import require_customer
from desk_app.storage.models import Case


def next_case_no(session: Session, year: int) -> str:
    """`YYYY-NNNNNN`: the next number in the year of receipt in Japan (the demo data's format)."""
    prefix = f"{year}-"
    latest = session.scalar(select(func.max(Case.case_no)).where(Case.case_no.startswith(prefix)))
    number = int(latest[len(prefix) :]) + 1 if latest else 1
    return f"{prefix}{number:06d}"


# Two desks opening cases at the same moment read the same highest number; the second insert then
# meets the unique index (on PostgreSQL once the first commits) and takes the next number.
_NUMBER_ATTEMPTS = 5


def _insert_numbered(session: Session, case: Case, year: int) -> None:
    for attempt in range(_NUMBER_ATTEMPTS):
        case.case_no = next_case_no(session, year)
        try:
            with session.begin_nested():
                session.add(case)
                session.flush()
            return
        except IntegrityError:
            if attempt == _NUMBER_ATTEMPTS - 1:
                raise
            session.expunge(case) if case in session else None
            make_transient(case)


def configured_fee(kind: CaseKind, company: CompanyProfile) -> int:
    """The fee the configuration sets for a `kind` request: the disclosure fee, a notice of purposes' own
    (`[purposes] fee_yen`, 0 by default), none for the rest (APPI Art. 38)."""
    if kind in DISCLOSURE_KINDS:
        return company.disclosure_fee_yen
    return company.purposes.fee_yen if kind is CaseKind.PURPOSES_NOTICE else 0


def open_case(
    session: Session,
    *,
    kind: CaseKind,
    customer_id: int | None,
    agent_id: int,
    received_at: dt.datetime | None = None,
    target_days: int,
    fee_yen: int = 0,
    script_id: str | None = None,
    script_version: int | None = None,
    call_id: int | None = None,
    summary: str = "",
    arrived_by_post_on: dt.date | None = None,
    incident_no: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Open a case in RECEIVED. `fee_yen` is the fee configured for its kind (`configured_fee`); kinds the
    law lets no fee be charged for are opened free whatever is given (Art. 38).

    A request on a call is received at `received_at` (now when not given), with the call it came in on.
    A written request that arrived by post on `arrived_by_post_on` is received that day, whenever the desk
    opens it: its deadline, its number's year and the case log count from the arrival, and it has no call.
    The day may not be after today nor longer ago than `deadlines.MAX_ARRIVAL_AGE_DAYS`.
    A question about a leak incident is about the open incident `incident_no`, or none
    (`incident_answers.link_new_case`).
    """
    if kind in IDENTITY_KINDS and customer_id is None:
        raise InvalidRequest(message("case.needs_customer", kind=kind))
    if customer_id is not None:
        require_customer(session, customer_id)
    load_agent(session, agent_id)
    details: dict[str, Any] = {"call_id": call_id} if call_id is not None else {}
    # A written request says so in the case and in its first event.
    written: dict[str, Any] = {}
    if arrived_by_post_on is not None:
        received_at = _written_request_received(arrived_by_post_on, call_id, received_at, now)
        written = {"channel": RequestChannel.POST.value, "arrived_on": arrived_by_post_on.isoformat()}
        details = dict(written)
    received = received_at or utc_now(now)
    deadline = deadline_for(received, target_days)
    case = Case(
        case_no="",
        kind=kind,
        state=S.RECEIVED,
        customer_id=customer_id,
        opened_by_id=agent_id,
        assigned_to_id=agent_id,
        received_at=received,
        due_on=deadline.due_on,
        summary=summary,
        fee_yen=fee_yen if kind in FEE_KINDS else 0,
        script_id=script_id,
        script_version=script_version,
        details=details,
    )
    _insert_numbered(session, case, deadline.received_on.year)
    incident = link_new_case(session, case, incident_no)
    # The due date it opened with: `doctor` replays every later move of it (extension, pauses) from here.
    opened = {
        "state": S.RECEIVED.value,
        "script_id": script_id,
        "script_version": script_version,
        "due_on": deadline.due_on.isoformat(),
        **written,
        **({"incident_no": incident} if incident else {}),
    }
    add_event(session, case, agent_id=agent_id, kind="opened", detail=opened, at=utc_now(now))
    session.flush()
    return view_of(case)


def _written_request_received(
    arrived_on: dt.date, call_id: int | None, received_at: dt.datetime | None, now: dt.datetime | None
) -> dt.datetime:
    """When a written request was received: the start of the day it arrived, in Japan."""
    if call_id is not None:
        raise InvalidRequest(message("case.post_without_call"))
    if received_at is not None:
        raise ValueError("a written request is received on the day it arrived: give no received_at")
    problem = arrival_problem(arrived_on, japan_today(utc_now(now)))
    if problem is not None:
        raise InvalidRequest(problem)
    return japan_midnight(arrived_on)
