"""The notices of a leak incident: one stored letter per customer who can receive one, the erased and the
deceased skipped, those without an address listed for the public notice, made once however often it runs,
in chunks that stay made when cancelled, by supervisors only, and logged without anyone's data."""

from __future__ import annotations

import dataclasses
import hashlib

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, LetterKind
from desk_app.domain.incidents import ReportKind
from desk_app.services.incidents import notices
from desk_app.services.incidents.register import (
    IncidentRefused,
    close_incident,
    record_report,
    update_incident,
)
from desk_app.storage.models import AccessLogEntry, Customer, IncidentCustomer, Letter
from tests.support.incident_notices import FIELDS, TITLE, IncidentDesk
from tests.support.letter_cases import COMPANY, NOW, TODAY, pdf_text


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> IncidentDesk:
    return IncidentDesk(sessions)


def _links(sessions: sessionmaker[Session]) -> dict[int, tuple[int | None, str | None]]:
    with sessions() as session:
        rows = session.execute(
            select(
                IncidentCustomer.customer_id,
                IncidentCustomer.notice_letter_id,
                IncidentCustomer.notice_skipped,
            )
        )
        return {customer: (letter, skipped) for customer, letter, skipped in rows}


def _letters(sessions: sessionmaker[Session]) -> list[Letter]:
    with sessions() as session:
        return list(session.scalars(select(Letter).order_by(Letter.id)))


def _customer_no(sessions: sessionmaker[Session], customer_id: int) -> str:
    with sessions() as session:
        return session.get_one(Customer, customer_id).customer_no


def test_a_batch_makes_a_notice_for_each_customer_it_can_reach_and_counts_the_rest(
    desk: IncidentDesk,
) -> None:
    made = desk.affected(addressed=3, erased=1, deceased=1, no_address=1)
    batch = desk.notices()
    assert (batch.incident_no, batch.made, batch.already) == (desk.incident_no, 3, 0)
    assert (batch.erased, batch.deceased, batch.skipped, batch.remaining) == (1, 1, 3, 0)
    assert batch.no_address == (_customer_no(desk.sessions, made["no_address"][0]),)
    assert not batch.cancelled
    letters = _letters(desk.sessions)
    assert len(letters) == 3
    links = _links(desk.sessions)
    by_letter = {letter_id: customer for customer, (letter_id, _skipped) in links.items() if letter_id}
    for letter in letters:
        # Filed under the incident, not a case, and kept as a case letter is: the PDF and its hash.
        assert (letter.case_id, letter.kind, letter.created_by_id) == (
            None,
            LetterKind.LEAK_NOTICE,
            desk.supervisor,
        )
        assert letter.incident_id is not None
        assert letter.sha256 == hashlib.sha256(letter.pdf).hexdigest()
        text = pdf_text(letter.pdf)
        name = f"顧客{made['addressed'].index(by_letter[letter.id])}号様"
        assert name in text
        assert TITLE in text
        assert desk.incident_no in text
        assert "".join(FIELDS.secondary_harm.split()) in text
    assert sorted(by_letter.values()) == sorted(made["addressed"])
    assert links[made["erased"][0]] == (None, "erased")
    assert links[made["deceased"][0]] == (None, "deceased")
    assert links[made["no_address"][0]] == (None, "no_address")


def test_the_access_log_names_whose_address_was_read_and_says_nothing_of_them(desk: IncidentDesk) -> None:
    made = desk.affected(addressed=2, erased=1, no_address=1)
    desk.notices()
    with desk.sessions() as session:
        entries = session.execute(
            select(
                AccessLogEntry.action,
                AccessLogEntry.customer_id,
                AccessLogEntry.agent_id,
                AccessLogEntry.detail,
            )
            .where(AccessLogEntry.detail.contains(desk.incident_no))
            .order_by(AccessLogEntry.id)
        ).all()
    read = {customer for action, customer, _agent, _detail in entries if action is AccessAction.VIEW}
    # The addressed and the one whose missing address was looked for; not the erased, whose state alone was.
    assert read == {*made["addressed"], *made["no_address"]}
    summary = [entry for entry in entries if entry.customer_id is None]
    assert [(entry.action, entry.detail) for entry in summary] == [
        (AccessAction.CHANGE, f"incident {desk.incident_no} notices: 2 made, 2 skipped")
    ]
    assert {agent for _action, _customer, agent, _detail in entries} == {desk.supervisor}
    for _action, _customer, _agent, detail in entries:
        for said in ("顧客", "東京都", TITLE):
            assert said not in detail


def test_running_again_makes_no_second_notice_but_reaches_an_address_recorded_since(
    desk: IncidentDesk,
) -> None:
    made = desk.affected(addressed=2, deceased=1, no_address=1)
    first = desk.notices()
    again = desk.notices()
    assert (again.made, again.already, again.deceased, len(again.no_address)) == (0, 2, 1, 1)
    assert len(_letters(desk.sessions)) == 2
    # The address is recorded later: the next run makes that customer's notice, and only theirs.
    with desk.sessions.begin() as session:
        session.execute(
            update(Customer)
            .where(Customer.id == made["no_address"][0])
            .values(postal_code="1500001", prefecture="東京都", city="渋谷区", street="神宮前1-2-3")
        )
    third = desk.notices()
    assert (third.made, third.already, third.no_address) == (1, 2, ())
    assert len(_letters(desk.sessions)) == 3
    assert first.made + third.made == 3


def test_cancelled_midway_what_was_made_stays_made_and_the_rest_waits(
    desk: IncidentDesk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notices, "CHUNK", 2)
    desk.affected(addressed=5)
    asked: list[int] = []
    seen: list[tuple[int, int]] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 3  # the fourth letter is never begun

    batch = desk.notices(cancelled=cancelled, progress=lambda done, owed: seen.append((done, owed)))
    assert (batch.made, batch.remaining, batch.cancelled) == (3, 2, True)
    # Each chunk was its own transaction: a new session sees the three, and the links agree.
    assert len(_letters(desk.sessions)) == 3
    assert sum(1 for letter, _ in _links(desk.sessions).values() if letter) == 3
    assert seen == [(2, 5), (3, 5)]
    rest = desk.notices()
    assert (rest.made, rest.already, rest.remaining, rest.cancelled) == (2, 3, 0, False)
    assert len(_letters(desk.sessions)) == 5


def test_in_the_callers_session_the_run_is_the_callers_to_commit(desk: IncidentDesk) -> None:
    desk.affected(addressed=2)
    with desk.sessions() as session:
        batch = notices.make_notices(session, desk.supervisor, desk.incident_no, now=NOW, company=COMPANY)
        session.rollback()
    assert batch.made == 2
    assert _letters(desk.sessions) == []


def test_only_supervisors_make_notices_of_an_open_incident_that_says_what_a_notice_must(
    desk: IncidentDesk,
) -> None:
    desk.affected(addressed=1)
    with pytest.raises(IncidentRefused, match="only a supervisor"):
        desk.notices(by=desk.agent)
    assert _letters(desk.sessions) == []
    with pytest.raises(IncidentRefused, match="there is no incident 2026-L999"):
        notices.make_notices(desk.sessions, desk.supervisor, "2026-L999", now=NOW, company=COMPANY)
    # Every notice states the cause (and what happened, the items, the harm, the measures): not yet known,
    # the supervisor writes so, and then the notices can be made.
    with desk.sessions.begin() as session:
        update_incident(
            session, desk.supervisor, desk.incident_no, dataclasses.replace(FIELDS, cause="  "), now=NOW
        )
    with pytest.raises(IncidentRefused, match="cause before its notices are made"):
        desk.notices()
    with desk.sessions.begin() as session:
        update_incident(session, desk.supervisor, desk.incident_no, FIELDS, now=NOW)
    with desk.sessions.begin() as session:
        for kind in ReportKind:
            record_report(
                session, desk.supervisor, desk.incident_no, kind, TODAY, f"PPC-{kind.value}", now=NOW
            )
        close_incident(session, desk.supervisor, desk.incident_no, now=NOW)
    with pytest.raises(IncidentRefused, match="is closed"):
        desk.notices()
    with desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Letter)) == 0
