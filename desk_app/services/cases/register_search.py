"""Searching and counting the registers: what supervisors and administrators read, never anyone else."""

# Reports and complaints come newest recorded first, a keyset page at a time; counts are grouped in SQL.
# Each function takes the viewer and refuses anyone but a supervisor or administrator on record.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import ComplaintCategory, ReportChannel
from desk_app.domain.kana import KEY_LENGTH, fold_name
from desk_app.domain.lifecycle import FINAL_STATES
from desk_app.domain.messages import message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.services.agents import role_on_record
from desk_app.services.cases.records import APPROVER_ROLES, SupervisorOnly
from desk_app.services.cases.register_rows import (
    ComplaintRow,
    ReportRow,
    complaint_row,
    report_row,
    reported_with_incident,
)
from desk_app.services.cases.registers import InvalidRegisterEntry
from desk_app.storage.models import Case, Complaint, Incident, SuspiciousReport, table_of

MAX_PAGE_SIZE = 500
_reports = table_of(SuspiciousReport)


@dataclass(frozen=True)
class ReportCount:
    """One line of a register count: `value` is what to search for (E.164 number or sender key)."""

    value: str
    count: int
    latest_received_on: dt.date
    # How a person reads it: the number in national form, or one of the ways the sender was written.
    label: str


def require_register_viewer(session: Session, viewer_id: int) -> None:
    """Searching and counting the registers is for supervisors and administrators (`SupervisorOnly`): a
    complaint holds what a caller said and where to call them back, a report what they paid or gave away.

    The role on record decides, never one the caller passes; an unknown or disabled viewer is
    `agents.UnknownAgent`. The dashboard's figures go by the same rule.
    """
    if role_on_record(session, viewer_id) not in APPROVER_ROLES:
        raise SupervisorOnly(message("register.viewers"))


def _page(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    return limit


def _search_number(number: str) -> str:
    try:
        return normalise(number).e164
    except InvalidPhoneNumber as error:
        raise InvalidRegisterEntry("number", message("field.not_phone", detail=str(error))) from None


def _sender_key(sender: str) -> str:
    return fold_name(sender)[:KEY_LENGTH]


def _received_between(since: dt.date | None, until: dt.date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(SuspiciousReport.received_on >= since)
    if until is not None:
        conditions.append(SuspiciousReport.received_on <= until)
    return conditions


def search_reports(
    session: Session,
    *,
    viewer_id: int,
    number: str | None = None,
    sender: str | None = None,
    channel: ReportChannel | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    incident_no: str | None = None,
    limit: int = 100,
    after_id: int | None = None,
) -> tuple[ReportRow, ...]:
    """Reports newest recorded first, `limit` at a time; pass the last row's `report_id` as `after_id`.

    `number` is matched in E.164 (`InvalidRegisterEntry` if it is no phone number); `sender` anywhere in
    the claimed sender, folded as stored; `since` and `until` include their day; `incident_no`: only the
    reports linked to that leak incident. Blank text is no filter.
    `viewer_id` must be a supervisor's or an administrator's (`require_register_viewer`).
    """
    require_register_viewer(session, viewer_id)
    conditions = _received_between(since, until)
    if number and number.strip():
        conditions.append(SuspiciousReport.shown_number_e164 == _search_number(number))
    if sender and _sender_key(sender):
        conditions.append(SuspiciousReport.claimed_sender_key.contains(_sender_key(sender), autoescape=True))
    if channel is not None:
        conditions.append(SuspiciousReport.channel == channel)
    if after_id is not None:
        conditions.append(SuspiciousReport.id < after_id)
    if incident_no:
        conditions.append(Incident.incident_no == incident_no)
    statement = (
        reported_with_incident().where(*conditions).order_by(SuspiciousReport.id.desc()).limit(_page(limit))
    )
    return tuple(report_row(*row) for row in session.execute(statement))


def _count_statement(
    value: ColumnElement[Any], label: ColumnElement[Any], conditions: list[ColumnElement[bool]], limit: int
) -> Select[Any, Any, int, dt.date]:
    count = func.count().label("count")
    latest = func.max(SuspiciousReport.received_on).label("latest")
    return (
        select(value, label, count, latest)
        .where(*conditions)
        .group_by(value)
        .order_by(count.desc(), latest.desc(), value)
        .limit(_page(limit))
    )


def count_reports_by_number(
    session: Session,
    *,
    viewer_id: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 20,
) -> tuple[ReportCount, ...]:
    """The numbers reported most often (received from `since` to `until`), most reports first.

    `viewer_id` must be a supervisor's or an administrator's (`require_register_viewer`).
    """
    require_register_viewer(session, viewer_id)
    number = _reports.c.shown_number_e164
    conditions = [number.is_not(None), *_received_between(since, until)]
    # Every row of a group holds the same number: max() only makes it a column the GROUP BY allows.
    statement = _count_statement(number, func.max(number), conditions, limit)
    return tuple(
        ReportCount(value=e164, count=count, latest_received_on=latest, label=normalise(e164).national)
        for e164, _, count, latest in session.execute(statement)
    )


def count_reports_by_sender(
    session: Session,
    *,
    viewer_id: int,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 20,
) -> tuple[ReportCount, ...]:
    """The claimed senders reported most often, however each was typed, most reports first.

    `viewer_id` must be a supervisor's or an administrator's (`require_register_viewer`).
    """
    require_register_viewer(session, viewer_id)
    key = _reports.c.claimed_sender_key
    # One of the spellings callers used, to show beside the folded key.
    spelling = func.max(_reports.c.claimed_sender)
    statement = _count_statement(key, spelling, _received_between(since, until), limit)
    return tuple(
        ReportCount(value=value, count=count, latest_received_on=latest, label=label)
        for value, label, count, latest in session.execute(statement)
    )


def search_complaints(
    session: Session,
    *,
    viewer_id: int,
    category: ComplaintCategory | None = None,
    escalated: bool | None = None,
    text: str | None = None,
    open_only: bool = False,
    limit: int = 100,
    after_id: int | None = None,
) -> tuple[ComplaintRow, ...]:
    """Complaints newest recorded first, `limit` at a time; pass the last row's `complaint_id` as `after_id`.

    `text` is looked for, ignoring case, in the details and the answer given; blank text is no filter.
    `escalated=True, open_only=True` is the supervisors' queue: escalated complaints not yet answered.
    `viewer_id` must be a supervisor's or an administrator's (`require_register_viewer`).
    """
    require_register_viewer(session, viewer_id)
    conditions: list[ColumnElement[bool]] = []
    if category is not None:
        conditions.append(Complaint.category == category)
    if escalated is not None:
        conditions.append(Complaint.escalated.is_(escalated))
    if text and text.strip():
        needle = text.strip()
        conditions.append(
            or_(
                Complaint.details.icontains(needle, autoescape=True),
                Complaint.answer_given.icontains(needle, autoescape=True),
            )
        )
    if open_only:
        conditions.append(Case.state.not_in(FINAL_STATES))
    if after_id is not None:
        conditions.append(Complaint.id < after_id)
    statement = (
        select(Complaint, Case.case_no, Case.state, Case.customer_id)
        .join(Case, Case.id == Complaint.case_id)
        .where(*conditions)
        .order_by(Complaint.id.desc())
        .limit(_page(limit))
    )
    return tuple(complaint_row(*row) for row in session.execute(statement))
