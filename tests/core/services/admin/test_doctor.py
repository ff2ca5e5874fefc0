"""`doctor`: a database built through the services is clean; each invariant broken behind the services' back
is named, with the case (letter, customer, call) and what is wrong."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import delete, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.cli.doctor import CHECK_NAMES
from desk_app.domain.enums import CallState, CaseKind, CaseState, ComplaintCategory
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.proxies import PersonConfirmation, ProxyDocument, ProxyKind
from desk_app.services.admin.doctor import CHECKS, examine
from desk_app.services.cases.identity import DocumentCheck, Documents, record_identity_check
from desk_app.services.cases.letters import generate_letter
from desk_app.services.cases.proxies import ProxyRequest, confirm_with_person, record_proxy
from desk_app.services.cases.registers import record_complaint
from desk_app.services.customers.deceased import record_death
from desk_app.storage.models import CallRecord, Case, CaseEvent, Complaint, Customer
from tests.support.letter_cases import COMPANY, NOW, LetterCases

LATER = NOW + dt.timedelta(days=1)


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _findings(desk: LetterCases, check: str | None = None) -> list[str]:
    with desk.sessions() as session:
        report = examine(session, now=LATER, only=(check,) if check else None)
    return [str(problem) for problem in report.problems]


def _sql(desk: LetterCases, *statements: object) -> None:
    with desk.sessions.begin() as session:
        for statement in statements:
            session.execute(statement)  # type: ignore[call-overload]


def _complaint(desk: LetterCases) -> int:
    case_id = desk.opened(CaseKind.COMPLAINT, None)
    with desk.sessions.begin() as session:
        record_complaint(
            session,
            case_id,
            agent_id=desk.agent,
            category=ComplaintCategory.STAFF_CONDUCT,
            details="電話の対応が失礼だった",
            answer_given="お詫びし、指導すると伝えた",
            escalate=False,
            now=NOW,
        )
    return case_id


@pytest.fixture
def decided(desk: LetterCases) -> dict[str, int]:
    """One case of each outcome, made through the services, with its letter where it has one."""
    customer = desk.customer()
    cases = {
        "disclosure": desk.disclosure(customer),
        "suspension": desk.suspension(customer),
        "refusal": desk.refusal(customer, "ご本人確認ができなかったため"),
        "deletion": desk.deletion(desk.customer(name="佐藤 次郎", name_kana="サトウ ジロウ"))[0],
        "complaint": _complaint(desk),
    }
    with desk.sessions.begin() as session:
        for name in ("disclosure", "suspension", "refusal"):
            generate_letter(session, cases[name], agent_id=desk.agent, company=COMPANY, now=NOW)
    return cases


def test_a_database_made_through_the_services_is_clean(desk: LetterCases, decided: dict[str, int]) -> None:
    assert _findings(desk) == []


def test_a_waiting_letter_whose_case_was_withdrawn_behind_the_services_back(
    desk: LetterCases, decided: dict[str, int]
) -> None:
    _sql(desk, update(Case).where(Case.id == decided["disclosure"]).values(state=CaseState.WITHDRAWN))
    found = _findings(desk, "letters")
    assert len(found) == 1
    assert "a disclosure letter waits to be mailed but contradicts its case" in found[0]
    assert desk.case_no(decided["disclosure"]) in found[0]


def test_a_change_before_the_caller_was_verified(desk: LetterCases, decided: dict[str, int]) -> None:
    case_id = decided["suspension"]
    # The verification's own event is rewritten to say nothing was verified.
    _sql(
        desk,
        update(Case).where(Case.id == case_id).values(details={}),
    )
    found = _findings(desk, "identity")
    assert found
    assert all(desk.case_no(case_id) in line for line in found)
    assert "before the caller was verified" in found[0]


def test_an_erased_customer_who_still_holds_data(desk: LetterCases, decided: dict[str, int]) -> None:
    with desk.sessions() as session:
        customer_id = session.get(Case, decided["deletion"]).customer_id  # type: ignore[union-attr]
        number = session.get(Customer, customer_id).customer_no  # type: ignore[union-attr]
    _sql(desk, update(Customer).where(Customer.id == customer_id).values(name="佐藤 次郎", city="渋谷区"))
    assert _findings(desk, "erasures") == [f"erasures: customer {number}: erased, but still holds name, city"]


def test_a_complaint_missing_from_its_register(desk: LetterCases, decided: dict[str, int]) -> None:
    _sql(desk, delete(Complaint).where(Complaint.case_id == decided["complaint"]))
    number = desk.case_no(decided["complaint"])
    assert _findings(desk, "registers") == [
        f"registers: case {number}: was recorded, but the complaint register has no entry"
    ]


def test_dates_in_the_future_and_cases_closed_without_a_time(
    desk: LetterCases, decided: dict[str, int]
) -> None:
    _sql(
        desk,
        update(Case).where(Case.id == decided["disclosure"]).values(received_at=LATER + dt.timedelta(days=3)),
        update(Case).where(Case.id == decided["suspension"]).values(closed_at=None),
    )
    found = _findings(desk, "dates")
    assert f"dates: case {desk.case_no(decided['disclosure'])}: was received in the future" in found
    assert any(desk.case_no(decided["suspension"]) in line and "closing time" in line for line in found)


def test_a_call_ringing_for_hours(desk: LetterCases) -> None:
    with desk.sessions.begin() as session:
        call = CallRecord(
            call_id="c-1",
            source="simulator",
            started_at=LATER - dt.timedelta(hours=3),
            state=CallState.RINGING,
        )
        session.add(call)
        session.flush()
        call_id = call.id
    assert _findings(desk, "calls") == [f"calls: call {call_id}: is still ringing hours after it began"]


def test_a_state_its_events_do_not_lead_to(desk: LetterCases, decided: dict[str, int]) -> None:
    _sql(desk, update(Case).where(Case.id == decided["refusal"]).values(state=CaseState.COMPLETED))
    found = _findings(desk, "replay")
    assert found == [
        f"replay: case {desk.case_no(decided['refusal'])}: is completed, but its events leave it refused"
    ]


def test_an_edited_event_breaks_the_audit(desk: LetterCases, decided: dict[str, int]) -> None:
    _sql(
        desk,
        update(CaseEvent)
        .where(CaseEvent.case_id == decided["refusal"], CaseEvent.kind == "state_changed")
        .values(detail={"from": "x", "to": "y"}),
    )
    found = _findings(desk, "audit")
    assert len(found) == 1
    assert found[0].startswith("audit: case_events:")


def test_unknown_checks_are_refused(desk: LetterCases) -> None:
    with desk.sessions() as session, pytest.raises(ValueError, match="no check named spelling"):
        examine(session, only=("spelling",))
    assert set(CHECKS) == {
        "letters",
        "identity",
        "erasures",
        "registers",
        "provisions",
        "refusals",
        "policy",
        "dates",
        "calls",
        "pauses",
        "proxies",
        "incidents",
        "replay",
        "audit",
    }
    # The command line offers them without importing this module.
    assert tuple(CHECKS) == CHECK_NAMES


def _proxy_case(desk: LetterCases, kind: ProxyKind, papers: frozenset[ProxyDocument]) -> int:
    """A disclosure asked for by a `kind` proxy, verified by the documents (and the person, if appointed)."""
    case_id = desk.opened(CaseKind.DISCLOSURE, desk.customer())
    proxy = ProxyRequest(
        name="山田 花子", kind=kind, relationship="母", documents=papers, received_on=NOW.date()
    )
    documents = Documents(
        received_on=NOW.date(),
        document_type="健康保険証の写し",
        matched=frozenset({DocumentCheck.NAME, DocumentCheck.ADDRESS}),
    )
    with desk.sessions.begin() as session:
        record_proxy(session, case_id, agent_id=desk.agent, proxy=proxy, now=NOW)
        if kind is ProxyKind.APPOINTED:
            confirm_with_person(
                session,
                case_id,
                agent_id=desk.agent,
                result=PersonConfirmation.LETTER_CONFIRMED,
                replied_on=NOW.date(),
                now=NOW,
            )
        record_identity_check(
            session, case_id, agent_id=desk.agent, method=IdentityMethod.DOCUMENTS, detail=documents, now=NOW
        )
    return case_id


def test_a_proxys_case_verified_otherwise_than_the_law_asks(desk: LetterCases) -> None:
    parent = _proxy_case(desk, ProxyKind.PARENT, frozenset({ProxyDocument.RESIDENCE_RECORD}))
    agent = _proxy_case(
        desk,
        ProxyKind.APPOINTED,
        frozenset({ProxyDocument.POWER_OF_ATTORNEY, ProxyDocument.SEAL_CERTIFICATE}),
    )
    assert _findings(desk) == []
    with desk.sessions.begin() as session:
        # Behind the services' back: the parent's case said verified by a callback, the agent's papers
        # lose the seal certificate and the person's confirmation.
        case = session.get_one(Case, parent)
        case.details = {**case.details, "identity": {**case.details["identity"], "method": "callback"}}
        case = session.get_one(Case, agent)
        proxy = {**case.details["proxy"], "documents": ["power_of_attorney"], "confirmation": None}
        case.details = {**case.details, "proxy": proxy}
    found = _findings(desk, "proxies")
    parent_no, agent_no = desk.case_no(parent), desk.case_no(agent)
    assert found == [
        f"proxies: case {parent_no}: a proxy's case was verified by something other than documents",
        f"proxies: case {agent_no}: the papers recorded do not show the authority of a proxy of kind"
        " appointed",
        f"proxies: case {agent_no}: an appointed agent's case was verified before the person confirmed it",
    ]


def test_a_mailing_left_on_for_a_customer_reported_deceased(desk: LetterCases) -> None:
    customer_id = desk.customer()
    with desk.sessions.begin() as session:
        record_death(session, customer_id, agent_id=desk.agent, now=NOW)
    assert _findings(desk, "proxies") == []
    _sql(desk, update(Customer).where(Customer.id == customer_id).values(direct_mail_opt_in=True))
    with desk.sessions() as session:
        number = session.get_one(Customer, customer_id).customer_no
    assert _findings(desk, "proxies") == [
        f"proxies: customer {number}: a mailing is on for a customer reported deceased"
    ]
