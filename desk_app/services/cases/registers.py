"""The complaint register and the register of suspicious mail and calls that use the company's name."""

# Neither kind needs an identity check or a fee, and either may come from a caller who is no customer.
# A complaint is answered on the call (the case completes) or escalated to a supervisor (the case stays in
# progress, unassigned until a supervisor is named, and flagged in its details) who answers it later with
# `answer_complaint`. A report is complete once recorded. Each case holds at most one entry: recording
# again raises `AlreadyRecorded`, and the unique `case_id` column keeps that true between two desks.
# Everything here writes in the caller's transaction and never commits.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.deadlines import japan_today
from desk_app.domain.enums import CaseKind, CaseState, ComplaintCategory, CustomerState, ReportChannel
from desk_app.domain.kana import KEY_LENGTH, fold_name
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition
from desk_app.domain.messages import FieldName, Message, MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import text_problem
from desk_app.services.agents import role_on_record
from desk_app.services.cases.lifecycle import (
    APPROVER_ROLES,
    CaseView,
    S,
    add_event,
    load_agent,
    load_case,
    move,
    update_details,
    utc_now,
    view_of,
)
from desk_app.storage.models import Case, Complaint, Customer, Phone, SuspiciousReport, table_of

__all__ = [
    "AlreadyRecorded",
    "ComplaintCategory",
    "ComplaintRow",
    "InvalidRegisterEntry",
    "ReportChannel",
    "ReportCount",
    "ReportRow",
    "SupervisorOnly",
    "answer_complaint",
    "complaint_of",
    "count_reports_by_number",
    "count_reports_by_sender",
    "escalate",
    "record_complaint",
    "record_report",
    "report_of",
    "require_register_viewer",
    "search_complaints",
    "search_reports",
]

# What the talk scripts let an agent type (max_length in complaint.toml and suspicious_report.toml).
TEXT_MAX = 4000
SENDER_MAX = 200
URL_MAX = 500
RAW_NUMBER_MAX = 64
MAX_PAGE_SIZE = 500
_WORKING_STATES = frozenset({S.RECEIVED, S.IN_PROGRESS})
_reports = table_of(SuspiciousReport)


class InvalidRegisterEntry(MessageError, ValueError):
    """A value the register cannot take; `field` names the input, `problem` says what is wrong."""

    def __init__(self, field: str, problem: Message | str) -> None:
        super().__init__(message("field.problem", field=FieldName(field), problem=problem))
        self.field = field
        self.problem = str(problem)


class AlreadyRecorded(IllegalTransition):
    """The case already has its complaint or report; it is changed by escalating or answering, not again."""


class SupervisorOnly(MessageError, PermissionError):
    """Escalated complaints go to, and are answered by, a supervisor or an administrator."""


@dataclass(frozen=True)
class ComplaintRow:
    complaint_id: int
    case_id: int
    case_no: str
    case_state: CaseState
    category: ComplaintCategory
    details: str
    escalated: bool
    escalated_to_id: int | None
    escalated_at: dt.datetime | None
    answer_given: str | None
    recorded_at: dt.datetime
    recorded_by_id: int
    # E.164; None: a supervisor calls the registered number (or, answered on the call, no one).
    callback_number: str | None = None
    # The customer the case is about; None: a caller who is no customer.
    customer_id: int | None = None


@dataclass(frozen=True)
class ReportRow:
    report_id: int
    case_id: int
    case_no: str
    channel: ReportChannel
    received_on: dt.date
    claimed_sender: str
    shown_number_e164: str | None
    shown_number_raw: str | None
    shown_url: str | None
    paid: bool
    disclosed: bool
    details: str
    recorded_at: dt.datetime
    recorded_by_id: int


@dataclass(frozen=True)
class ReportCount:
    """One line of a register count: `value` is what to search for (E.164 number or sender key)."""

    value: str
    count: int
    latest_received_on: dt.date
    # How a person reads it: the number in national form, or one of the ways the sender was written.
    label: str


def _text(
    field: str, value: str | None, *, required: bool, limit: int, multiline: bool = False
) -> str | None:
    text = value.strip() if value else ""
    if not text:
        if required:
            raise InvalidRegisterEntry(field, message("field.required"))
        return None
    if len(text) > limit:
        raise InvalidRegisterEntry(field, message("field.too_long", limit=limit))
    problem = text_problem(text, multiline=multiline)
    if problem is not None:
        raise InvalidRegisterEntry(field, problem)
    return text


def _case_of_kind(session: Session, case_id: int, kind: CaseKind) -> Case:
    case = load_case(session, case_id)
    if case.kind is not kind:
        raise IllegalTransition(message("register.wrong_kind", kind=case.kind, register=kind))
    return case


def _require_open(case: Case) -> None:
    if case.state in FINAL_STATES:
        raise IllegalTransition(message("case.already_final", state=case.state))
    if case.state not in _WORKING_STATES:
        # A refusal awaiting approval is the supervisor's to decide; recording now would pre-empt it.
        raise IllegalTransition(message("register.not_open", state=case.state))


def _open_case_of(session: Session, case_id: int, kind: CaseKind) -> Case:
    case = _case_of_kind(session, case_id, kind)
    _require_open(case)
    return case


def _complaint_of(session: Session, case: Case) -> Complaint:
    complaint = session.scalar(select(Complaint).where(Complaint.case_id == case.id))
    if complaint is None:
        raise IllegalTransition(message("register.no_complaint", case_no=case.case_no))
    return complaint


def _require_supervisor(session: Session, agent_id: int, what: Message) -> None:
    if load_agent(session, agent_id).role not in APPROVER_ROLES:
        raise SupervisorOnly(message("register.not_supervisor", agent_id=agent_id, what=what))


def require_register_viewer(session: Session, viewer_id: int) -> None:
    """Searching and counting the registers is for supervisors and administrators (`SupervisorOnly`): a
    complaint holds what a caller said and where to call them back, a report what they paid or gave away.

    The role on record decides, never one the caller passes; an unknown or disabled viewer is
    `agents.UnknownAgent`. The dashboard's figures go by the same rule.
    """
    if role_on_record(session, viewer_id) not in APPROVER_ROLES:
        raise SupervisorOnly(message("register.viewers"))


def _to_work(session: Session, case: Case, agent_id: int, at: dt.datetime) -> None:
    if case.state is S.RECEIVED:
        move(session, case, S.IN_PROGRESS, agent_id=agent_id, now=at)


def _escalate(
    session: Session,
    case: Case,
    complaint: Complaint,
    *,
    agent_id: int,
    note: str | None,
    to_agent_id: int | None,
    at: dt.datetime,
) -> None:
    if to_agent_id is not None:
        _require_supervisor(session, to_agent_id, message("register.escalate_by_supervisor"))
    before = case.assigned_to_id
    # Unassigned means "any supervisor": the flag in the details is what their queue looks for.
    case.assigned_to_id = to_agent_id
    complaint.escalated = True
    complaint.escalated_to_id = to_agent_id
    complaint.escalated_at = at
    update_details(case, escalated={"by": agent_id, "at": at.isoformat(), "to": to_agent_id, "note": note})
    detail = {"assigned_to": {"before": before, "after": to_agent_id}, "note": note}
    add_event(session, case, agent_id=agent_id, kind="escalated", detail=detail, at=at)


def record_complaint(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    category: ComplaintCategory,
    details: str,
    answer_given: str | None,
    escalate: bool,
    callback_number: str | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record the complaint of a RECEIVED or IN_PROGRESS complaint case and move the case on.

    Answered on the call (`answer_given`, not `escalate`): the case is COMPLETED. Escalated: it stays
    IN_PROGRESS, assigned to no one and flagged in `details["escalated"]` until a supervisor answers it
    with `answer_complaint`; an interim answer given with an escalation is kept. One of the two is
    required. `callback_number` (any usual form, stored in E.164) is where the supervisor calls back;
    an escalated complaint needs one unless the case's customer has a registered number. Raises
    `IllegalTransition` (wrong kind, closed case), `AlreadyRecorded`, `InvalidRegisterEntry` and the
    `load_agent` errors; nothing is written then.
    """
    case = _case_of_kind(session, case_id, CaseKind.COMPLAINT)
    # Checked before the state, so a second recording of a completed case says what really happened.
    if session.scalar(select(Complaint.id).where(Complaint.case_id == case.id)) is not None:
        raise AlreadyRecorded(message("register.complaint_recorded", case_no=case.case_no))
    _require_open(case)
    load_agent(session, agent_id)
    try:
        category = ComplaintCategory(category)
    except ValueError:
        raise InvalidRegisterEntry("category", message("register.unknown_category", value=category)) from None
    text = _text("details", details, required=True, limit=TEXT_MAX, multiline=True)
    assert text is not None  # required
    answer = _text("answer_given", answer_given, required=not escalate, limit=TEXT_MAX, multiline=True)
    callback = _callback_number(session, case, callback_number, escalate=escalate)
    at = utc_now(now)
    _to_work(session, case, agent_id, at)
    complaint = Complaint(
        case_id=case.id,
        category=category,
        details=text,
        escalated=False,
        answer_given=answer,
        callback_number=callback,
        recorded_at=at,
        recorded_by_id=agent_id,
    )
    session.add(complaint)
    session.flush()
    detail = {
        "complaint_id": complaint.id,
        "category": category.value,
        "escalate": escalate,
        "answered": answer is not None,
    }
    add_event(session, case, agent_id=agent_id, kind="complaint_recorded", detail=detail, at=at)
    if escalate:
        _escalate(session, case, complaint, agent_id=agent_id, note=None, to_agent_id=None, at=at)
    else:
        move(session, case, S.COMPLETED, agent_id=agent_id, now=at)
    session.flush()
    return view_of(case)


def _callback_number(session: Session, case: Case, number: str | None, *, escalate: bool) -> str | None:
    """`number` in E.164; required for an escalation when there is no registered number to call."""
    raw = _text("callback_number", number, required=False, limit=RAW_NUMBER_MAX)
    if raw is not None:
        try:
            return normalise(raw).e164
        except InvalidPhoneNumber as error:
            raise InvalidRegisterEntry(
                "callback_number", message("field.not_phone", detail=str(error))
            ) from None
    if escalate and not _has_registered_number(session, case):
        raise InvalidRegisterEntry("callback_number", message("register.callback_needed"))
    return None


def _has_registered_number(session: Session, case: Case) -> bool:
    if case.customer_id is None:
        return False
    statement = (
        select(Phone.id)
        .join(Customer, Customer.id == Phone.customer_id)
        .where(Customer.id == case.customer_id, Customer.state != CustomerState.ERASED)
        .limit(1)
    )
    return session.scalar(statement) is not None


def escalate(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    note: str | None,
    to_agent_id: int | None = None,
    now: dt.datetime | None = None,
) -> CaseView:
    """Escalate a recorded, open complaint to supervisor `to_agent_id`, or to any supervisor (None).

    Also re-routes an escalated complaint to another supervisor. The `escalated` event keeps the assignee
    before and after. Raises `IllegalTransition` (not a complaint, closed, no complaint recorded yet),
    `SupervisorOnly` (the target is no supervisor) and `InvalidRegisterEntry` (note too long).
    """
    case = _open_case_of(session, case_id, CaseKind.COMPLAINT)
    complaint = _complaint_of(session, case)
    load_agent(session, agent_id)
    cleaned = _text("note", note, required=False, limit=TEXT_MAX, multiline=True)
    at = utc_now(now)
    _escalate(session, case, complaint, agent_id=agent_id, note=cleaned, to_agent_id=to_agent_id, at=at)
    session.flush()
    return view_of(case)


def answer_complaint(
    session: Session, case_id: int, *, agent_id: int, answer: str, now: dt.datetime | None = None
) -> CaseView:
    """A supervisor records the answer given to an escalated complaint; the case is COMPLETED.

    The `complaint_answered` event keeps the answer before (an interim one, or None) and after.
    Raises `IllegalTransition` (not a complaint, closed, not recorded or not escalated), `SupervisorOnly`
    and `InvalidRegisterEntry` (answer empty or too long).
    """
    case = _open_case_of(session, case_id, CaseKind.COMPLAINT)
    complaint = _complaint_of(session, case)
    if not complaint.escalated:
        raise IllegalTransition(message("register.not_escalated", case_no=case.case_no))
    _require_supervisor(session, agent_id, message("register.answer_by_supervisor"))
    text = _text("answer", answer, required=True, limit=TEXT_MAX, multiline=True)
    at = utc_now(now)
    detail = {"answer_given": {"before": complaint.answer_given, "after": text}}
    complaint.answer_given = text
    add_event(session, case, agent_id=agent_id, kind="complaint_answered", detail=detail, at=at)
    move(session, case, S.COMPLETED, agent_id=agent_id, now=at)
    session.flush()
    return view_of(case)


def record_report(
    session: Session,
    case_id: int,
    *,
    agent_id: int,
    channel: ReportChannel,
    received_on: dt.date,
    claimed_sender: str,
    shown_number: str | None,
    shown_url: str | None,
    paid: bool,
    disclosed: bool,
    details: str,
    now: dt.datetime | None = None,
) -> CaseView:
    """Record a suspicious mail or call report and complete its case (RECEIVED → IN_PROGRESS → COMPLETED).

    `shown_number` is stored as written and in E.164; `received_on` may not lie after today in Japan.
    Raises `IllegalTransition` (wrong kind, closed case), `AlreadyRecorded`, `InvalidRegisterEntry`
    naming the field, and the `load_agent` errors; nothing is written then.
    """
    case = _case_of_kind(session, case_id, CaseKind.SUSPICIOUS_REPORT)
    if session.scalar(select(SuspiciousReport.id).where(SuspiciousReport.case_id == case.id)) is not None:
        raise AlreadyRecorded(message("register.report_recorded", case_no=case.case_no))
    _require_open(case)
    load_agent(session, agent_id)
    at = utc_now(now)
    try:
        channel = ReportChannel(channel)
    except ValueError:
        raise InvalidRegisterEntry("channel", message("register.unknown_channel", value=channel)) from None
    if received_on > japan_today(at):
        raise InvalidRegisterEntry("received_on", message("register.future"))
    sender = _text("claimed_sender", claimed_sender, required=True, limit=SENDER_MAX)
    assert sender is not None  # required
    raw_number = _text("shown_number", shown_number, required=False, limit=RAW_NUMBER_MAX)
    e164 = None
    if raw_number is not None:
        try:
            e164 = normalise(raw_number).e164
        except InvalidPhoneNumber as error:
            raise InvalidRegisterEntry(
                "shown_number", message("field.not_phone", detail=str(error))
            ) from None
    url = _text("shown_url", shown_url, required=False, limit=URL_MAX)
    text = _text("details", details, required=False, limit=TEXT_MAX, multiline=True) or ""
    _to_work(session, case, agent_id, at)
    report = SuspiciousReport(
        case_id=case.id,
        channel=channel,
        received_on=received_on,
        claimed_sender=sender,
        shown_number_e164=e164,
        shown_number_raw=raw_number,
        shown_url=url,
        paid=paid,
        disclosed=disclosed,
        details=text,
        recorded_at=at,
        recorded_by_id=agent_id,
    )
    session.add(report)
    session.flush()
    detail = {
        "report_id": report.id,
        "channel": channel.value,
        "received_on": received_on.isoformat(),
        "claimed_sender": sender,
        "shown_number": e164,
        "shown_url": url,
        "paid": paid,
        "disclosed": disclosed,
    }
    add_event(session, case, agent_id=agent_id, kind="report_recorded", detail=detail, at=at)
    move(session, case, S.COMPLETED, agent_id=agent_id, now=at)
    session.flush()
    return view_of(case)


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


def _report_row(report: SuspiciousReport, case_no: str) -> ReportRow:
    return ReportRow(
        report_id=report.id,
        case_id=report.case_id,
        case_no=case_no,
        channel=report.channel,
        received_on=report.received_on,
        claimed_sender=report.claimed_sender,
        shown_number_e164=report.shown_number_e164,
        shown_number_raw=report.shown_number_raw,
        shown_url=report.shown_url,
        paid=report.paid,
        disclosed=report.disclosed,
        details=report.details,
        recorded_at=report.recorded_at,
        recorded_by_id=report.recorded_by_id,
    )


def _complaint_row(
    complaint: Complaint, case_no: str, state: CaseState, customer_id: int | None
) -> ComplaintRow:
    return ComplaintRow(
        complaint_id=complaint.id,
        case_id=complaint.case_id,
        case_no=case_no,
        case_state=state,
        category=complaint.category,
        details=complaint.details,
        escalated=complaint.escalated,
        escalated_to_id=complaint.escalated_to_id,
        escalated_at=complaint.escalated_at,
        answer_given=complaint.answer_given,
        recorded_at=complaint.recorded_at,
        recorded_by_id=complaint.recorded_by_id,
        callback_number=complaint.callback_number,
        customer_id=customer_id,
    )


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
    limit: int = 100,
    after_id: int | None = None,
) -> tuple[ReportRow, ...]:
    """Reports newest recorded first, `limit` at a time; pass the last row's `report_id` as `after_id`.

    `number` is matched in E.164 (`InvalidRegisterEntry` if it is no phone number); `sender` anywhere in
    the claimed sender, folded as stored; `since` and `until` include their day. Blank text is no filter.
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
    statement = (
        select(SuspiciousReport, Case.case_no)
        .join(Case, Case.id == SuspiciousReport.case_id)
        .where(*conditions)
        .order_by(SuspiciousReport.id.desc())
        .limit(_page(limit))
    )
    return tuple(_report_row(report, case_no) for report, case_no in session.execute(statement))


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
    return tuple(_complaint_row(*row) for row in session.execute(statement))


def complaint_of(session: Session, case_id: int) -> ComplaintRow | None:
    """The complaint recorded in a case, or None."""
    statement = (
        select(Complaint, Case.case_no, Case.state, Case.customer_id)
        .join(Case, Case.id == Complaint.case_id)
        .where(Complaint.case_id == case_id)
    )
    found = session.execute(statement).first()
    return None if found is None else _complaint_row(*found)


def report_of(session: Session, case_id: int) -> ReportRow | None:
    """The report recorded in a case, or None."""
    statement = (
        select(SuspiciousReport, Case.case_no)
        .join(Case, Case.id == SuspiciousReport.case_id)
        .where(SuspiciousReport.case_id == case_id)
    )
    found = session.execute(statement).first()
    return None if found is None else _report_row(*found)
