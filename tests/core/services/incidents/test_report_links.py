"""Suspicious-contact reports linked to a leak incident: only a supervisor links or unlinks, a closed
incident takes neither, each is an event of the report's case; the register proposes the reports naming the
sender or showing the number of those linked already, and the dashboard counts each open incident's."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseKind, ReportChannel
from desk_app.domain.timeline import event_message
from desk_app.services.admin.dashboard import reports_per_open_incident
from desk_app.services.cases.records import SupervisorOnly, case_events
from desk_app.services.cases.register_search import search_reports
from desk_app.services.cases.registers import record_report, report_of
from desk_app.services.customers.record import IncidentMark
from desk_app.services.incidents.register import IncidentRefused
from desk_app.services.incidents.report_links import (
    IncidentReportCount,
    link_candidates,
    link_report,
    suggested_incidents,
    unlink_report,
)
from tests.support.leak_incidents import close_leak_incident, open_leak_incident
from tests.support.letter_cases import NOW, LetterCases

TITLE = "配送委託先への不正アクセス"


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _report(desk: LetterCases, sender: str, number: str | None) -> tuple[int, int]:
    """A report recorded on a case of its own: (report id, case id)."""
    case_id = desk.opened(CaseKind.SUSPICIOUS_REPORT, None)
    values: dict[str, Any] = {
        "channel": ReportChannel.SMS,
        "received_on": dt.date(2026, 11, 18),
        "claimed_sender": sender,
        "shown_number": number,
        "shown_url": None,
        "paid": False,
        "disclosed": False,
        "details": "",
    }
    with desk.sessions.begin() as session:
        record_report(session, case_id, agent_id=desk.agent, now=NOW, **values)
        row = report_of(session, case_id)
    assert row is not None
    return row.report_id, case_id


def test_a_supervisor_links_and_unlinks_a_report_and_its_case_keeps_both(desk: LetterCases) -> None:
    supervisor = desk.agents["supervisor"]
    incident_no = open_leak_incident(desk.sessions, supervisor, title=TITLE)
    report_id, case_id = _report(desk, "ABC通販 お客様センター", "03-1234-5678")
    with desk.sessions.begin() as session, pytest.raises(IncidentRefused, match="only supervisors"):
        link_report(session, desk.agent, report_id, incident_no, now=NOW)
    with desk.sessions.begin() as session, pytest.raises(IncidentRefused, match="no suspicious-contact"):
        link_report(session, supervisor, 999, incident_no, now=NOW)
    with desk.sessions.begin() as session:
        link_report(session, supervisor, report_id, incident_no, now=NOW)
    with desk.sessions.begin() as session, pytest.raises(IncidentRefused, match="already linked"):
        link_report(session, supervisor, report_id, incident_no, now=NOW)
    with desk.sessions() as session:
        row = report_of(session, case_id)
        linked = search_reports(session, viewer_id=supervisor, incident_no=incident_no)
    assert row is not None
    assert row.incident_no == incident_no
    assert [found.report_id for found in linked] == [report_id]
    with desk.sessions.begin() as session:
        unlink_report(session, supervisor, report_id, now=NOW)
    with desk.sessions.begin() as session, pytest.raises(IncidentRefused, match="linked to no leak"):
        unlink_report(session, supervisor, report_id, now=NOW)
    with desk.sessions() as session:
        said = [str(event_message(e.kind, e.detail)) for e in case_events(session, case_id)][-2:]
        assert search_reports(session, viewer_id=supervisor, incident_no=incident_no) == ()
    assert said == [
        f"Report linked to leak incident {incident_no}",
        f"Report unlinked from leak incident {incident_no}",
    ]


def test_a_closed_incident_takes_no_link_and_loses_none(desk: LetterCases) -> None:
    supervisor = desk.agents["supervisor"]
    incident_no = open_leak_incident(desk.sessions, supervisor)
    kept, _ = _report(desk, "ABC通販", None)
    late, _ = _report(desk, "ABC通販", None)
    with desk.sessions.begin() as session:
        link_report(session, supervisor, kept, incident_no, now=NOW)
    close_leak_incident(desk.sessions, supervisor, incident_no)
    with desk.sessions.begin() as session, pytest.raises(IncidentRefused, match="is closed"):
        link_report(session, supervisor, late, incident_no, now=NOW)
    with desk.sessions.begin() as session, pytest.raises(IncidentRefused, match="is closed"):
        unlink_report(session, supervisor, kept, now=NOW)


def test_reports_naming_the_sender_or_showing_the_number_of_linked_ones_are_proposed(
    desk: LetterCases,
) -> None:
    supervisor = desk.agents["supervisor"]
    incident_no = open_leak_incident(desk.sessions, supervisor, title=TITLE)
    other_no = open_leak_incident(desk.sessions, supervisor, title="カタログの誤送付")
    first, _ = _report(desk, "ABC通販 お客様センター", "03-1234-5678")
    same_sender, _ = _report(desk, "ＡＢＣ通販　お客様センター", None)  # typed otherwise, folded alike
    same_number, _ = _report(desk, "宅配便不在通知", "０３－１２３４－５６７８")
    unrelated, _ = _report(desk, "XYZ銀行", "06-9999-0000")
    with desk.sessions.begin() as session:
        with pytest.raises(SupervisorOnly):
            link_candidates(session, desk.agent, incident_no)
        assert link_candidates(session, supervisor, incident_no) == ()  # nothing linked: nothing to match
        link_report(session, supervisor, first, incident_no, now=NOW)
    with desk.sessions() as session:
        proposed = [row.report_id for row in link_candidates(session, supervisor, incident_no)]
        suggested = {
            report: suggested_incidents(session, supervisor, report)
            for report in (first, same_sender, same_number, unrelated)
        }
        assert link_candidates(session, supervisor, other_no) == ()
    assert proposed == [same_number, same_sender]  # newest first; the linked one is not proposed again
    assert suggested == {
        first: (),  # linked already
        same_sender: (IncidentMark(incident_no, TITLE),),
        same_number: (IncidentMark(incident_no, TITLE),),
        unrelated: (),
    }


def test_the_dashboard_counts_the_reports_linked_to_each_open_incident(desk: LetterCases) -> None:
    supervisor = desk.agents["supervisor"]
    leak = open_leak_incident(desk.sessions, supervisor, title=TITLE)
    quiet = open_leak_incident(desk.sessions, supervisor, title="カタログの誤送付")
    over = open_leak_incident(desk.sessions, supervisor, title="終了した事案")
    reports = [_report(desk, f"送信者{n}", None)[0] for n in range(3)]
    with desk.sessions.begin() as session:
        for report in reports[:2]:
            link_report(session, supervisor, report, leak, now=NOW)
        link_report(session, supervisor, reports[2], over, now=NOW)
    close_leak_incident(desk.sessions, supervisor, over)
    with desk.sessions() as session:
        with pytest.raises(SupervisorOnly):
            reports_per_open_incident(session, viewer_id=desk.agent)
        counts = reports_per_open_incident(session, viewer_id=supervisor)
    assert counts == (
        IncidentReportCount(leak, TITLE, 2),
        IncidentReportCount(quiet, "カタログの誤送付", 0),
    )
