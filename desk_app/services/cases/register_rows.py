"""A register entry as read: the complaint or suspicious-contact report a case recorded, as a row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select

from desk_app.domain.enums import CaseState, ComplaintCategory, ReportChannel
from desk_app.storage.models import Case, Complaint, Incident, IncidentSuspiciousLink, SuspiciousReport


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
    # The leak incident a supervisor linked the report to (`incident_suspicious_links`); None: none.
    incident_no: str | None = None


def report_row(report: SuspiciousReport, case_no: str, incident_no: str | None = None) -> ReportRow:
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
        incident_no=incident_no,
    )


def reported_with_incident() -> Select[SuspiciousReport, str, str | None]:
    """Reports with their case's number and the incident each is linked to (None: none), to filter."""
    return (
        select(SuspiciousReport, Case.case_no, Incident.incident_no)
        .join(Case, Case.id == SuspiciousReport.case_id)
        .outerjoin(IncidentSuspiciousLink, IncidentSuspiciousLink.suspicious_report_id == SuspiciousReport.id)
        .outerjoin(Incident, Incident.id == IncidentSuspiciousLink.incident_id)
    )


def complaint_row(
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
