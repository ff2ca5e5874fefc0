"""A case's register entry: a complaint recorded, escalated and answered; a suspicious contact reported."""

# Neither kind needs an identity check or a fee, and either may come from a caller who is no customer.
# A complaint is answered on the call (the case completes) or escalated to a supervisor (the case stays in
# progress, unassigned until a supervisor is named, and flagged in its details) who answers it later with
# `answer_complaint`. A report is complete once recorded. Each case holds at most one entry: recording
# again raises `AlreadyRecorded`, and the unique `case_id` column keeps that true between two desks.
# Everything here writes in the caller's transaction and never commits. An entry as read is
# `register_rows.py`; searching and counting the registers, `register_search.py`.

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.domain.deadlines import japan_today
from desk_app.domain.enums import CaseKind, ComplaintCategory, CustomerState, ReportChannel
from desk_app.domain.lifecycle import FINAL_STATES, IllegalTransition
from desk_app.domain.messages import FieldName, Message, MessageError, message
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.domain.safe_text import text_problem
from desk_app.services.cases.records import (
    CaseView,
    S,
    add_event,
    load_agent,
    load_case,
    require_supervisor,
    update_details,
    utc_now,
    view_of,
)
from desk_app.services.cases.register_rows import (
    ComplaintRow,
    ReportRow,
    complaint_row,
    report_row,
    reported_with_incident,
)
from desk_app.services.cases.transitions import move
from desk_app.storage.models import Case, Complaint, Customer, Phone, SuspiciousReport

# What the talk scripts let an agent type (max_length in complaint.toml and suspicious_report.toml).
TEXT_MAX = 4000
SENDER_MAX = 200
URL_MAX = 500
RAW_NUMBER_MAX = 64
_WORKING_STATES = frozenset({S.RECEIVED, S.IN_PROGRESS})


class InvalidRegisterEntry(MessageError, ValueError):
    """A value the register cannot take; `field` names the input, `problem` says what is wrong."""

    def __init__(self, field: str, problem: Message | str) -> None:
        super().__init__(message("field.problem", field=FieldName(field), problem=problem))
        self.field = field
        self.problem = str(problem)


class AlreadyRecorded(IllegalTransition):
    """The case already has its complaint or report; it is changed by escalating or answering, not again."""


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
    require_supervisor(session, agent_id, message("register.not_supervisor", agent_id=agent_id, what=what))


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


def complaint_of(session: Session, case_id: int) -> ComplaintRow | None:
    """The complaint recorded in a case, or None."""
    statement = (
        select(Complaint, Case.case_no, Case.state, Case.customer_id)
        .join(Case, Case.id == Complaint.case_id)
        .where(Complaint.case_id == case_id)
    )
    found = session.execute(statement).first()
    return None if found is None else complaint_row(*found)


def report_of(session: Session, case_id: int) -> ReportRow | None:
    """The report recorded in a case, or None."""
    statement = reported_with_incident().where(SuspiciousReport.case_id == case_id)
    found = session.execute(statement).first()
    return None if found is None else report_row(*found)
