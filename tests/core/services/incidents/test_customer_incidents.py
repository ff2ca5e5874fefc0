"""The calls that follow a leak incident, from the customer's side: the open incidents a customer is
affected by (number and title only), which incident their question may be about, and the incident's detail
counting the questions the desk took about it."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseKind
from desk_app.domain.messages import InvalidRequest
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.services.customers.record import IncidentMark, open_customer_record
from desk_app.services.incidents.customer_incidents import (
    incidents_of_customer,
    inquiry_choices,
    start_leak_inquiry,
    with_incidents,
)
from desk_app.services.incidents.register import incident_detail
from tests.support.leak_incidents import affect, close_leak_incident, open_leak_incident
from tests.support.letter_cases import COMPANY, NOW, TODAY, LetterCases

SCRIPT = load_scripts(resources_dir() / "scripts")["leak_inquiry"]


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _start(desk: LetterCases, customer_id: int | None, incident_no: str | None) -> int:
    with desk.sessions.begin() as session:
        started = start_leak_inquiry(
            session,
            script=SCRIPT,
            customer_id=customer_id,
            incident_no=incident_no,
            agent_id=desk.agent,
            company=COMPANY,
            now=NOW,
        )
        return started.case.case_id


def test_a_customer_is_shown_the_open_incidents_they_are_affected_by_and_nothing_else(
    desk: LetterCases,
) -> None:
    supervisor = desk.agents["supervisor"]
    leak = open_leak_incident(desk.sessions, supervisor, title="配送委託先への不正アクセス")
    misdelivery = open_leak_incident(desk.sessions, supervisor, title="カタログの誤送付")
    over = open_leak_incident(desk.sessions, supervisor, title="終了した事案")
    hanako, taro, bystander = desk.customer(), desk.customer(name="山田 太郎"), desk.customer()
    affect(desk.sessions, leak, [hanako, taro], by=supervisor)
    affect(desk.sessions, misdelivery, [hanako], by=supervisor)
    affect(desk.sessions, over, [taro], by=supervisor)
    close_leak_incident(desk.sessions, supervisor, over)
    with desk.sessions() as session:
        assert incidents_of_customer(session, hanako) == [
            IncidentMark(leak, "配送委託先への不正アクセス"),
            IncidentMark(misdelivery, "カタログの誤送付"),
        ]
        # A closed incident no longer warns; a customer not affected sees none.
        assert incidents_of_customer(session, taro) == [IncidentMark(leak, "配送委託先への不正アクセス")]
        assert incidents_of_customer(session, bystander) == []
        record = with_incidents(session, open_customer_record(session, taro, agent_id=desk.agent))
    assert record.incidents == (IncidentMark(leak, "配送委託先への不正アクセス"),)


def test_an_affected_customer_asks_about_one_of_theirs_anyone_else_about_any_open_one_or_none(
    desk: LetterCases,
) -> None:
    supervisor = desk.agents["supervisor"]
    leak = open_leak_incident(desk.sessions, supervisor)
    other = open_leak_incident(desk.sessions, supervisor, title="カタログの誤送付")
    affected, bystander = desk.customer(), desk.customer()
    affect(desk.sessions, leak, [affected], by=supervisor)
    with desk.sessions() as session:
        mine, anyone = inquiry_choices(session, affected), inquiry_choices(session, bystander)
        assert inquiry_choices(session, None) == anyone
    assert (mine.affected, mine.may_name_none, [mark.incident_no for mark in mine.incidents]) == (
        True,
        False,
        [leak],
    )
    assert (anyone.affected, anyone.may_name_none) == (False, True)
    assert [mark.incident_no for mark in anyone.incidents] == [leak, other]
    for refused in (other, None):
        with pytest.raises(InvalidRequest, match=f"affected by incident {leak}"):
            _start(desk, affected, refused)
    cases = [_start(desk, affected, leak), _start(desk, bystander, other), _start(desk, None, None)]
    with desk.sessions() as session:
        counted = {
            number: incident_detail(
                session, supervisor, number, today=TODAY, preliminary_days=5
            ).summary.inquiries
            for number in (leak, other)
        }
    assert counted == {leak: 1, other: 1}
    assert len(set(cases)) == 3


def test_only_a_leak_inquiry_script_opens_one(desk: LetterCases) -> None:
    complaint = load_scripts(resources_dir() / "scripts")["complaint"]
    assert complaint.kind is CaseKind.COMPLAINT
    with desk.sessions.begin() as session, pytest.raises(ValueError, match="not for a question"):
        start_leak_inquiry(
            session,
            script=complaint,
            customer_id=None,
            incident_no=None,
            agent_id=desk.agent,
            company=COMPANY,
            now=NOW,
        )
