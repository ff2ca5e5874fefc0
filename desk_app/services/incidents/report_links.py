"""Suspicious-contact reports linked to a leak incident: a supervisor links a report that looks connected
(or unlinks one linked in error), the register proposes candidates, and the dashboard counts the reports
linked to each open incident."""

# A report looks connected to an incident when it names the same sender (its folded key) or shows the same
# number as a report already linked to it: misuse of leaked data tends to come from one source. Only a
# supervisor judges; the register proposes. Each link and unlink is an event of the report's case (the
# audit chain keeps who judged and when), and a closed incident takes no more of either.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.util import AliasedClass

from desk_app.domain.messages import message
from desk_app.services.cases.records import add_event, load_case
from desk_app.services.cases.register_rows import ReportRow, report_row, reported_with_incident
from desk_app.services.cases.register_search import require_register_viewer
from desk_app.services.customers.record import IncidentMark
from desk_app.services.incidents.register import IncidentRefused, require_keeper, require_open
from desk_app.storage.models import Incident, IncidentSuspiciousLink, SuspiciousReport

MAX_CANDIDATES = 200


@dataclass(frozen=True)
class IncidentReportCount:
    """One open incident and how many suspicious-contact reports are linked to it (0 included)."""

    incident_no: str
    title: str
    reports: int


def _report(session: Session, report_id: int) -> SuspiciousReport:
    report = session.get(SuspiciousReport, report_id)
    if report is None:
        raise IncidentRefused(message("report_link.unknown_report", report_id=str(report_id)))
    return report


def _require_linker(session: Session, agent_id: int) -> None:
    try:
        require_keeper(session, agent_id)
    except IncidentRefused:
        raise IncidentRefused(message("report_link.supervisors")) from None


def link_report(
    session: Session, agent_id: int, report_id: int, incident_no: str, *, now: dt.datetime
) -> None:
    """Link the report to the open incident `incident_no`; `IncidentRefused` for an agent who is no
    supervisor, an unknown report or incident, a closed incident, or a report linked already."""
    _require_linker(session, agent_id)
    report = _report(session, report_id)
    incident = require_open(session, incident_no)
    linked = session.get(IncidentSuspiciousLink, report.id)
    if linked is not None:
        current = session.get_one(Incident, linked.incident_id).incident_no
        raise IncidentRefused(message("report_link.already_linked", incident_no=current))
    session.add(
        IncidentSuspiciousLink(
            suspicious_report_id=report.id, incident_id=incident.id, linked_at=now, linked_by_id=agent_id
        )
    )
    _event(session, report, "report_linked", incident.incident_no, agent_id, now)


def unlink_report(session: Session, agent_id: int, report_id: int, *, now: dt.datetime) -> None:
    """Undo a report's link, made in error, to an incident still open."""
    _require_linker(session, agent_id)
    report = _report(session, report_id)
    linked = session.get(IncidentSuspiciousLink, report.id)
    if linked is None:
        raise IncidentRefused(message("report_link.not_linked"))
    incident = require_open(session, session.get_one(Incident, linked.incident_id).incident_no)
    session.delete(linked)
    _event(session, report, "report_unlinked", incident.incident_no, agent_id, now)


def _event(
    session: Session, report: SuspiciousReport, kind: str, incident_no: str, agent_id: int, at: dt.datetime
) -> None:
    detail = {"report_id": report.id, "incident_no": incident_no}
    add_event(session, load_case(session, report.case_id), agent_id=agent_id, kind=kind, detail=detail, at=at)
    session.flush()


_Reports = type[SuspiciousReport] | AliasedClass[SuspiciousReport]


def _looks_connected(report: _Reports, linked: _Reports) -> ColumnElement[bool]:
    """`report` names the sender or shows the number of `linked` (blank keys and no number match nothing)."""
    return or_(
        and_(report.claimed_sender_key != "", report.claimed_sender_key == linked.claimed_sender_key),
        and_(report.shown_number_e164.is_not(None), report.shown_number_e164 == linked.shown_number_e164),
    )


def link_candidates(
    session: Session, agent_id: int, incident_no: str, *, limit: int = MAX_CANDIDATES
) -> tuple[ReportRow, ...]:
    """Reports linked to no incident that look connected to `incident_no`'s, newest recorded first."""
    require_register_viewer(session, agent_id)
    # Aliased: the outer statement has these tables too, and must not be correlated with them.
    linked, link, incident = aliased(SuspiciousReport), aliased(IncidentSuspiciousLink), aliased(Incident)
    also = (
        select(link.suspicious_report_id)
        .join(linked, linked.id == link.suspicious_report_id)
        .join(incident, incident.id == link.incident_id)
        .where(incident.incident_no == incident_no, _looks_connected(SuspiciousReport, linked))
    )
    statement = (
        reported_with_incident()
        .where(IncidentSuspiciousLink.suspicious_report_id.is_(None), also.exists())
        .order_by(SuspiciousReport.id.desc())
        .limit(limit)
    )
    return tuple(report_row(*row) for row in session.execute(statement))


def suggested_incidents(session: Session, agent_id: int, report_id: int) -> tuple[IncidentMark, ...]:
    """The open incidents the report looks connected to, by their linked reports (the first discovered
    first); none for a report linked already."""
    require_register_viewer(session, agent_id)
    report = _report(session, report_id)
    if session.get(IncidentSuspiciousLink, report.id) is not None:
        return ()
    this, linked = aliased(SuspiciousReport), aliased(SuspiciousReport)
    statement = (
        select(Incident.incident_no, Incident.title)
        .join(IncidentSuspiciousLink, IncidentSuspiciousLink.incident_id == Incident.id)
        .join(linked, linked.id == IncidentSuspiciousLink.suspicious_report_id)
        .join(this, and_(this.id == report.id, _looks_connected(this, linked)))
        .where(Incident.closed_at.is_(None))
        .group_by(Incident.id, Incident.incident_no, Incident.title, Incident.discovered_at)
        .order_by(Incident.discovered_at, Incident.id)
    )
    return tuple(IncidentMark(no, title) for no, title in session.execute(statement))


def reports_per_open_incident(session: Session, *, viewer_id: int) -> tuple[IncidentReportCount, ...]:
    """Each open incident with the number of reports linked to it, the first discovered first."""
    require_register_viewer(session, viewer_id)
    count = func.count(IncidentSuspiciousLink.suspicious_report_id)
    statement = (
        select(Incident.incident_no, Incident.title, count)
        .outerjoin(IncidentSuspiciousLink, IncidentSuspiciousLink.incident_id == Incident.id)
        .where(Incident.closed_at.is_(None))
        .group_by(Incident.id, Incident.incident_no, Incident.title, Incident.discovered_at)
        .order_by(Incident.discovered_at, Incident.id)
    )
    return tuple(IncidentReportCount(*row) for row in session.execute(statement))
