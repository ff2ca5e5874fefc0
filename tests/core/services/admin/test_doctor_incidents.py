"""`doctor`'s incidents check: an incident kept through the register is clean; a report left past its
deadline, a report dated before the discovery, affected customers left without a notice once the final
report is in, customers with no address for a notice and no public announcement to reach them, and a notice
that is another letter are each named, without a customer's data."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import ColumnElement, Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseKind, LetterKind
from desk_app.domain.incidents import ReportKind
from desk_app.services.admin.doctor import examine
from desk_app.services.cases.opening import open_case
from desk_app.services.incidents.affected import attach_numbers
from desk_app.services.incidents.register import close_incident, record_report, update_incident
from desk_app.storage.models import Customer, IncidentCustomer, IncidentReport
from tests.conftest import CustomerFactory
from tests.support.gateway_floor import add_staff
from tests.support.incidents import (
    JST,
    KEEPERS,
    OPENED,
    customer_numbers,
    incident_fields,
    open_test_incident,
    stored_letter,
)


def _at(day: int, hour: int = 12) -> dt.datetime:
    """A moment in June 2026 (July for days past 30), Japan time, as UTC."""
    return (dt.datetime(2026, 6, 1, hour, tzinfo=JST) + dt.timedelta(days=day - 1)).astimezone(dt.UTC)


@pytest.fixture
def keeper(engine: Engine) -> int:
    return add_staff(engine, KEEPERS)["kimura"]


@pytest.fixture
def incident_no(sessions: sessionmaker[Session], keeper: int, add_customer: CustomerFactory) -> str:
    """An improper-purpose incident with four customers attached."""
    for _ in range(4):
        add_customer()
    with sessions.begin() as session:
        number = open_test_incident(session, keeper)
        attach_numbers(session, keeper, number, customer_numbers(session), now=OPENED)
    return number


def _link(customer_no: str) -> ColumnElement[bool]:
    """The customer's link to the incident (the only one in these tests)."""
    customer_id = select(Customer.id).where(Customer.customer_no == customer_no).scalar_subquery()
    return IncidentCustomer.customer_id == customer_id


def _findings(sessions: sessionmaker[Session], now: dt.datetime) -> list[str]:
    with sessions() as session:
        return [str(problem) for problem in examine(session, now=now, only=("incidents",)).problems]


def _report(
    sessions: sessionmaker[Session], keeper: int, incident_no: str, kind: ReportKind, day: int
) -> None:
    with sessions.begin() as session:
        record_report(session, keeper, incident_no, kind, _at(day).date(), f"PPC-{kind.value}", now=_at(day))


def test_an_incident_kept_through_the_register_is_clean(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    assert _findings(sessions, _at(5, 23)) == []
    _report(sessions, keeper, incident_no, ReportKind.PRELIMINARY, 4)
    assert _findings(sessions, _at(60)) == []


def test_a_report_past_its_deadline_is_named_while_the_incident_is_open(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    # A desk configured for three days sees it late on 4 June; the doctor, reading no configuration, only
    # after the latest deadline allowed (five days).
    assert _findings(sessions, _at(4)) == []
    assert _findings(sessions, _at(6, 1)) == [
        f"incidents: incident {incident_no}: its preliminary report was due by 2026-06-05 and is not on file"
    ]
    _report(sessions, keeper, incident_no, ReportKind.PRELIMINARY, 8)
    assert _findings(sessions, _at(61)) == [
        f"incidents: incident {incident_no}: its final report was due by 2026-07-30 and is not on file"
    ]


def test_a_report_dated_before_the_discovery_is_named(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    _report(sessions, keeper, incident_no, ReportKind.PRELIMINARY, 3)
    with sessions.begin() as session:
        session.execute(update(IncidentReport).values(submitted_on=dt.date(2026, 5, 29)))
    assert _findings(sessions, _at(10)) == [
        f"incidents: incident {incident_no}: its preliminary report is dated 2026-05-29, before the incident"
        " was discovered on 2026-06-01"
    ]


def test_customers_left_without_a_notice_once_the_final_report_is_in_are_counted(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    _report(sessions, keeper, incident_no, ReportKind.PRELIMINARY, 3)
    assert _findings(sessions, _at(20)) == []  # notices may still be on their way before the final report
    _report(sessions, keeper, incident_no, ReportKind.FINAL, 25)
    with sessions.begin() as session:
        first, second, *_ = customer_numbers(session)
        session.execute(update(IncidentCustomer).where(_link(first)).values(notice_skipped="erased"))
    found = _findings(sessions, _at(26))
    assert found == [
        f"incidents: incident {incident_no}: the final report is in, but 3 affected customers have neither a"
        f" notice nor a reason for none (first: {second})"
    ]
    with sessions.begin() as session:
        letter_id = stored_letter(session, keeper, incident_no=incident_no)
        session.execute(
            update(IncidentCustomer)
            .where(IncidentCustomer.notice_skipped.is_(None))
            .values(notice_letter_id=letter_id)
        )
        close_incident(session, keeper, incident_no, now=_at(26))
    assert _findings(sessions, _at(90)) == []


def test_customers_with_no_address_need_a_public_announcement_once_the_final_report_is_in(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    with sessions.begin() as session:
        first, second, third, fourth = customer_numbers(session)
        letter_id = stored_letter(session, keeper, incident_no=incident_no)
        session.execute(update(IncidentCustomer).where(_link(first)).values(notice_letter_id=letter_id))
        session.execute(update(IncidentCustomer).where(_link(second)).values(notice_skipped="erased"))
        for number in (third, fourth):
            session.execute(update(IncidentCustomer).where(_link(number)).values(notice_skipped="no_address"))
    _report(sessions, keeper, incident_no, ReportKind.PRELIMINARY, 3)
    # The announcement may still be on its way before the final report.
    assert _findings(sessions, _at(20)) == []
    _report(sessions, keeper, incident_no, ReportKind.FINAL, 25)
    found = _findings(sessions, _at(26))
    assert found == [
        f"incidents: incident {incident_no}: the final report is in, but 2 affected customers have no postal"
        " address for a notice and no public announcement is recorded to reach them instead"
    ]
    # Counts only: never a customer's number.
    assert not any(number in line for line in found for number in (third, fourth))
    with sessions.begin() as session:
        announced = incident_fields(published_on=_at(26).date(), publication="当社ウェブサイトに掲載")
        update_incident(session, keeper, incident_no, announced, now=_at(26))
    assert _findings(sessions, _at(27)) == []


def test_an_incident_whose_customers_all_got_a_notice_needs_no_announcement(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    with sessions.begin() as session:
        letter_id = stored_letter(session, keeper, incident_no=incident_no)
        session.execute(update(IncidentCustomer).values(notice_letter_id=letter_id))
        # Another incident has a customer with no address, no announcement and no final report yet.
        other = open_test_incident(session, keeper, title="誤送信")
        attach_numbers(session, keeper, other, customer_numbers(session)[:1], now=OPENED)
        session.execute(
            update(IncidentCustomer)
            .where(IncidentCustomer.notice_letter_id.is_(None))
            .values(notice_skipped="no_address")
        )
    _report(sessions, keeper, incident_no, ReportKind.PRELIMINARY, 3)
    _report(sessions, keeper, incident_no, ReportKind.FINAL, 25)
    _report(sessions, keeper, other, ReportKind.PRELIMINARY, 3)
    assert _findings(sessions, _at(26)) == []


def test_a_notice_that_is_another_letter_is_named(
    sessions: sessionmaker[Session], keeper: int, incident_no: str
) -> None:
    with sessions.begin() as session:
        first, second, third, _fourth = customer_numbers(session)
        other = open_test_incident(session, keeper, title="誤送信")
        case = open_case(
            session, kind=CaseKind.DISCLOSURE, customer_id=1, agent_id=keeper, target_days=14, now=OPENED
        )
        case_letter = stored_letter(session, keeper, kind=LetterKind.DISCLOSURE, case_id=case.case_id)
        elsewhere = stored_letter(session, keeper, incident_no=other)
        # Filed under the incident but of another kind: the letters check names it, this one does not.
        misfiled = stored_letter(session, keeper, kind=LetterKind.DISCLOSURE, incident_no=incident_no)
        for number, letter_id in ((first, case_letter), (second, elsewhere), (third, misfiled)):
            session.execute(update(IncidentCustomer).where(_link(number)).values(notice_letter_id=letter_id))
    assert _findings(sessions, _at(3)) == [
        f"incidents: letter {case_letter}: is the notice of customer {first} of incident {incident_no} but a"
        f" disclosure letter of case {case.case_no}",
        f"incidents: letter {elsewhere}: is the notice of customer {second} of incident {incident_no} but a"
        f" leak_notice letter of incident {other}",
    ]
    with sessions() as session:
        letters = [str(problem) for problem in examine(session, now=_at(3), only=("letters",)).problems]
    assert any(
        line.startswith(f"letters: letter {misfiled}: a disclosure letter is filed under") for line in letters
    )
