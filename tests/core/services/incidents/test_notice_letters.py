"""An incident's notices among the letters on file: listed ready in the mail room beside case letters,
printed and mailed with the access log in place of case events, held once their customer is erased or
reported deceased, checked by the doctor, and purged by retention once the incident has long been closed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import Config
from desk_app.domain.enums import AccessAction, CustomerState, Delivery, LetterKind
from desk_app.domain.incidents import ReportKind
from desk_app.domain.messages import InvalidRequest
from desk_app.services.admin.doctor import examine
from desk_app.services.admin.retention import run as run_retention
from desk_app.services.cases import letters
from desk_app.services.cases.letter_views import MailMethod
from desk_app.services.incidents.register import close_incident, record_report
from desk_app.storage.models import AccessLogEntry, Customer, Incident, IncidentCustomer, Letter
from tests.support.incident_notices import IncidentDesk
from tests.support.letter_cases import COMPANY, NOW, REGISTER_KEY, TODAY


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> IncidentDesk:
    return IncidentDesk(sessions)


def _notice_of(desk: IncidentDesk, customer_id: int) -> int:
    with desk.sessions() as session:
        letter_id = session.scalar(
            select(IncidentCustomer.notice_letter_id).where(IncidentCustomer.customer_id == customer_id)
        )
    assert letter_id is not None
    return letter_id


def _doctor(desk: IncidentDesk, *only: str) -> list[str]:
    with desk.sessions() as session:
        found = examine(session, now=NOW, only=only or None).problems
        return [f"{problem.subject}: {problem.message}" for problem in found]


def test_the_mail_room_lists_notices_ready_beside_case_letters(desk: IncidentDesk) -> None:
    made = desk.affected(addressed=2, no_address=1)
    case_id = desk.disclosure(desk.customer())
    with desk.sessions.begin() as session:
        letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
    desk.notices()
    with desk.sessions() as session:
        rows = letters.ready_letters(session)
        customer_nos = dict(session.execute(select(Customer.id, Customer.customer_no)).all())
    case_rows = [row for row in rows if row.case_id is not None]
    notice_rows = [row for row in rows if row.case_id is None]
    assert [row.case_id for row in case_rows] == [case_id]
    assert [row.customer_no for row in notice_rows] == [
        customer_nos[customer] for customer in made["addressed"]
    ]
    for row in notice_rows:
        assert (row.kind, row.case_no, row.case_state, row.delivery) == (
            LetterKind.LEAK_NOTICE,
            desk.incident_no,
            None,
            Delivery.LETTER,
        )
        assert row.mailable
    # Paged by letter id as the print room reads them.
    with desk.sessions() as session:
        assert letters.ready_letters(session, limit=1, after_id=rows[0].letter_id) == (rows[1],)


def test_a_notice_is_printed_and_mailed_with_the_access_log_in_place_of_case_events(
    desk: IncidentDesk,
) -> None:
    (customer,) = desk.affected(addressed=1)["addressed"]
    desk.notices()
    letter_id = _notice_of(desk, customer)
    with desk.sessions.begin() as session:
        pdf = letters.letter_pdf(session, letter_id, agent_id=None, purpose="print")
        stored = session.get_one(Letter, letter_id).pdf
        assert pdf == stored
        (printed,) = letters.mark_printed(session, [letter_id], agent_id=None, now=NOW)
        assert printed.printed_at is not None
        assert printed.of_incident
        with pytest.raises(InvalidRequest, match="choose a postal method"):
            letters.mark_mailed(
                session, [letter_id], agent_id=desk.agent, method=MailMethod.ELECTRONIC, on=TODAY
            )
    with desk.sessions.begin() as session:
        (mailed,) = letters.mark_mailed(
            session, [letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY, now=NOW
        )
        assert (mailed.mailed_on, mailed.mail_method) == (TODAY, MailMethod.ORDINARY)
        with pytest.raises(letters.LetterAlreadyMailed):
            letters.mark_mailed(
                session, [letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY
            )
        logged = session.execute(
            select(
                AccessLogEntry.action,
                AccessLogEntry.customer_id,
                AccessLogEntry.case_id,
                AccessLogEntry.detail,
            )
            .where(AccessLogEntry.action.in_([AccessAction.PRINT, AccessAction.CHANGE]))
            .where(AccessLogEntry.customer_id.is_not(None))
            .order_by(AccessLogEntry.id)
        ).all()
        ready = letters.ready_letters(session)
    assert logged == [
        (
            AccessAction.PRINT,
            customer,
            None,
            f"headless, no one signed in: letter {letter_id} (leak_notice): print",
        ),
        (AccessAction.CHANGE, customer, None, f"leak_notice mailed (ordinary, {TODAY.isoformat()})"),
    ]
    assert ready == ()
    assert _doctor(desk) == []


@pytest.mark.parametrize("change", ["erased", "deceased"])
def test_a_notice_waiting_when_its_customer_is_erased_or_reported_deceased_is_held(
    desk: IncidentDesk, change: str
) -> None:
    (customer,) = desk.affected(addressed=1)["addressed"]
    desk.notices()
    letter_id = _notice_of(desk, customer)
    values = {"state": CustomerState.ERASED} if change == "erased" else {"death_reported_at": NOW}
    with desk.sessions.begin() as session:
        session.execute(update(Customer).where(Customer.id == customer).values(**values))
    with desk.sessions.begin() as session:
        (row,) = letters.ready_letters(session)
        assert not row.mailable
        said = "erased" if change == "erased" else "reported deceased"
        assert f"incident {desk.incident_no}: the customer" in str(row.held)
        assert said in str(row.held)
        with pytest.raises(letters.LetterNotMailable):
            letters.mark_printed(session, [letter_id], agent_id=None)
        with pytest.raises(letters.LetterNotMailable):
            letters.letter_pdf(session, letter_id, agent_id=None, purpose="print")
        # Looked at on screen, it is still the letter on file.
        assert letters.letter_pdf(session, letter_id, agent_id=desk.supervisor, purpose="preview")
    # Held is the right state for it: nothing for the letter check to report (the customer was changed
    # behind the services' back, which the other checks see).
    assert _doctor(desk, "letters") == []


def test_the_doctor_finds_a_notice_out_of_place(desk: IncidentDesk) -> None:
    made = desk.affected(addressed=4)
    desk.notices()
    assert _doctor(desk) == []
    first, second, third, fourth = (_notice_of(desk, customer) for customer in made["addressed"])
    case_id = desk.disclosure(desk.customer())
    with desk.sessions.begin() as session:
        session.execute(
            update(IncidentCustomer)
            .where(IncidentCustomer.notice_letter_id == first)
            .values(notice_letter_id=None)
        )
        session.execute(update(Letter).where(Letter.id == second).values(incident_id=None))
        session.execute(update(Letter).where(Letter.id == third).values(case_id=case_id))
        session.execute(update(Letter).where(Letter.id == fourth).values(kind=LetterKind.DISCLOSURE))
        session.execute(
            update(Letter).where(Letter.id == first).values(voided_at=NOW, mailed_at=NOW, void_reason="test")
        )
    found = _doctor(desk)
    assert f"letter {first}: of incident {desk.incident_no} is both void and mailed" in found
    unlinked = f"is a notice of incident {desk.incident_no} that no customer of the incident is linked to"
    assert f"letter {first}: {unlinked}" in found
    assert f"letter {second}: belongs to no case and no incident" in found
    assert f"letter {third}: belongs to both a case and an incident" in found
    misfiled = "a disclosure letter is filed under incident 2026-L001: a leak notice belongs to an incident"
    assert f"letter {fourth}: {misfiled}, every other letter to a case" in found
    # The case's own check sees the third as a letter its case does not call for.
    contradicts = f"letter {third}: a leak_notice letter waits to be mailed but contradicts its case"
    assert sum(1 for line in found if line.startswith(contradicts)) == 1
    assert len(found) == 6


def test_retention_purges_the_notices_of_an_incident_long_closed_and_keeps_its_customers(
    desk: IncidentDesk,
) -> None:
    made = desk.affected(addressed=2, erased=1)
    desk.notices()
    later = NOW + dt.timedelta(days=6 * 366)
    with desk.sessions.begin() as session:
        run_retention(session, Config(), now=later, dry_run=False, register_key=REGISTER_KEY)
    # Still open: the notices stay, however old.
    with desk.sessions() as session:
        assert len(session.scalars(select(Letter.id)).all()) == 2
    with desk.sessions.begin() as session:
        for kind in ReportKind:
            record_report(
                session, desk.supervisor, desk.incident_no, kind, TODAY, f"PPC-{kind.value}", now=NOW
            )
        close_incident(session, desk.supervisor, desk.incident_no, now=NOW)
    with desk.sessions.begin() as session:
        report = run_retention(session, Config(), now=later, dry_run=False, register_key=REGISTER_KEY)
    assert report.counts.letters == 2
    with desk.sessions() as session:
        assert session.scalars(select(Letter.id)).all() == []
        links = session.execute(
            select(
                IncidentCustomer.customer_id,
                IncidentCustomer.notice_letter_id,
                IncidentCustomer.notice_skipped,
            )
        ).all()
        # The incident still says whom it affected (the erased customer's blank row kept for it).
        assert sorted(links) == sorted(
            [
                (made["addressed"][0], None, None),
                (made["addressed"][1], None, None),
                (made["erased"][0], None, "erased"),
            ]
        )
        assert session.get(Customer, made["erased"][0]) is not None
        assert session.scalar(select(Incident.closed_at)) is not None
