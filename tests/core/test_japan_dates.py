"""Business dates are Japan's, whatever the machine's zone: at 01:16 on 7 December in Japan, on a machine
still on the 6th, every default and every date a letter prints is the 7th. The clock is injected (`now=`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import deadline_for, japan_today
from desk_app.domain.enums import AgentRole, CaseState
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.services.cases import letters, registers
from desk_app.services.cases import scripts as case_scripts
from desk_app.services.cases.actions import CaseAction, perform
from desk_app.services.cases.letter_views import MailMethod
from desk_app.services.cases.records import case_events, get_case
from desk_app.storage.models import Agent
from tests.support.machine_zone import JAPAN_DAY, MACHINE_ZONES, NIGHT_IN_JAPAN, letter_dates, machine_zone

NOW = NIGHT_IN_JAPAN
COMPANY = CompanyProfile()
SCRIPTS = load_scripts(resources_dir() / "scripts")


@pytest.fixture(params=MACHINE_ZONES)
def zone(request: pytest.FixtureRequest) -> Iterator[str]:
    with machine_zone(request.param):
        yield request.param


@pytest.fixture
def agent(sessions: sessionmaker[Session]) -> int:
    with sessions.begin() as session:
        row = Agent(login="agent", display_name="agent", role=AgentRole.AGENT, created_at=NOW)
        session.add(row)
        session.flush()
        return row.id


def _verified_by_documents(sessions: sessionmaker[Session], script_id: str, agent: int, customer: int) -> int:
    """A request opened now by the script, identity checked by documents whose date was left to default."""
    with sessions.begin() as session:
        started = case_scripts.start_request(
            session, script=SCRIPTS[script_id], customer_id=customer, agent_id=agent, company=COMPANY, now=NOW
        )
        case_id = started.case.case_id
        result = case_scripts.check_identity(
            session,
            case_id,
            agent_id=agent,
            method=IdentityMethod.DOCUMENTS,
            inputs={"document_type": "運転免許証の写し", "matched": ["name", "address"]},
            now=NOW,
        )
        assert result.verified
    return case_id


def _letter_dates(
    sessions: sessionmaker[Session], case_id: int, agent: int
) -> tuple[letters.LetterView, list[str]]:
    with sessions.begin() as session:
        letter = letters.generate_letter(session, case_id, agent_id=agent, company=COMPANY, now=NOW)
        pdf = letters.letter_pdf(session, letter.letter_id, agent_id=agent, purpose="preview")
    return letter, letter_dates(pdf)


def test_japan_today_is_japans_date_whatever_the_machine_zone(zone: str) -> None:
    assert japan_today(NOW) == JAPAN_DAY
    assert japan_today(NOW - dt.timedelta(minutes=77)) == dt.date(2026, 12, 6)  # 23:59 in Japan
    with pytest.raises(ValueError, match="aware"):
        japan_today(dt.datetime(2026, 12, 6, 16, 16))  # noqa: DTZ001 - a naive time is refused
    # The deadline counts from the same day.
    assert deadline_for(NOW, 14).received_on == JAPAN_DAY


def test_a_disclosure_answered_after_midnight_in_japan_is_dated_the_7th_on_every_line(
    sessions: sessionmaker[Session], agent: int, add_customer: Callable[..., int], zone: str
) -> None:
    case_id = _verified_by_documents(sessions, "disclosure", agent, add_customer())
    answers = {"verify_identity": IdentityMethod.DOCUMENTS.value, "fee": "yes", "delivery": "letter"}
    with sessions.begin() as session:
        for step_id in ("request_fee", "prepare_letter"):
            case_scripts.run_action(
                session,
                case_id,
                script=SCRIPTS["disclosure"],
                step_id=step_id,
                answers=answers,
                inputs={"waive": False},
                agent_id=agent,
                company=COMPANY,
                now=NOW,
            )
        view = get_case(session, case_id)
        # The fee arrives the same night; the date is the one the fee dialog offers, Japan's today.
        perform(
            session,
            case_id,
            CaseAction.RECORD_FEE_RECEIVED,
            agent_id=agent,
            expected_row_version=view.row_version,
            inputs={"method": "定額小為替", "on": japan_today(NOW).isoformat()},
            now=NOW,
        )
        events = case_events(session, case_id)
    (check,) = [event.detail for event in events if event.kind == "identity_check"]
    assert check["received_on"] == "2026-12-07"  # the documents' default
    letter, dates = _letter_dates(sessions, case_id, agent)
    # 発行日, お申し出いただいた日 and the day the fee was received.
    assert len(dates) >= 3
    assert set(dates) == {"2026年12月7日"}, dates
    with sessions.begin() as session:
        (mailed,) = letters.mark_mailed(
            session,
            [letter.letter_id],
            agent_id=agent,
            method=MailMethod.ORDINARY,
            on=japan_today(NOW),
            now=NOW,
        )
    assert mailed.mailed_on == JAPAN_DAY


def test_mailings_stopped_after_midnight_in_japan_stop_from_the_7th_and_say_so(
    sessions: sessionmaker[Session], agent: int, add_customer: Callable[..., int], zone: str
) -> None:
    case_id = _verified_by_documents(sessions, "suspension", agent, add_customer())
    answers = {
        "verify_identity": IdentityMethod.DOCUMENTS.value,
        "mailings": "all",
        "ground": "customer_wish",
        "stop_from": "",
    }
    with sessions.begin() as session:
        case_scripts.run_action(
            session,
            case_id,
            script=SCRIPTS["suspension"],
            step_id="stop_mailings",
            answers=answers,
            inputs={},
            agent_id=agent,
            company=COMPANY,
            now=NOW,
        )
        case_scripts.finish_script(
            session,
            case_id,
            script=SCRIPTS["suspension"],
            answers={**answers, "notes": ""},
            agent_id=agent,
            now=NOW,
        )
        assert get_case(session, case_id).state is CaseState.COMPLETED
        (stopped,) = [e.detail for e in case_events(session, case_id) if e.kind == "mailings_stopped"]
    assert stopped["effective"] == "2026-12-07"
    _letter, dates = _letter_dates(sessions, case_id, agent)
    # 発行日, お申し出いただいた日 and the day the mailings stop.
    assert len(dates) >= 3
    assert set(dates) == {"2026年12月7日"}, dates


def test_a_report_of_something_received_today_in_japan_is_not_in_the_future(
    sessions: sessionmaker[Session], agent: int, zone: str
) -> None:
    with sessions.begin() as session:
        started = case_scripts.start_request(
            session,
            script=SCRIPTS["suspicious_report"],
            customer_id=None,
            agent_id=agent,
            company=COMPANY,
            now=NOW,
        )
        case_id = started.case.case_id

    def report(received_on: dt.date) -> None:
        with sessions.begin() as session:
            registers.record_report(
                session,
                case_id,
                agent_id=agent,
                channel=registers.ReportChannel.PHONE,
                received_on=received_on,
                claimed_sender="宅配業者",
                shown_number=None,
                shown_url=None,
                paid=False,
                disclosed=False,
                details="不在通知を名乗る電話",
                now=NOW,
            )

    with pytest.raises(registers.InvalidRegisterEntry, match="future"):
        report(JAPAN_DAY + dt.timedelta(days=1))
    report(JAPAN_DAY)  # the 7th is today in Japan, though the machine is still on the 6th
    with sessions() as session:
        assert get_case(session, case_id).state is CaseState.COMPLETED
