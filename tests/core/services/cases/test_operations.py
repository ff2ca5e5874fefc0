"""Case services: lifecycle with four eyes and optimistic locking, identity checks enforced before any
disclosure, change or erasure, and every step in the case log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import call_event
from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import ExtensionRefused
from desk_app.domain.enums import (
    AgentRole,
    CallSource,
    CallState,
    CaseKind,
    CaseState,
    CustomerState,
    FeeStatus,
    NoNumberReason,
    OrderChannel,
    Proposal,
    RefusalGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.domain.refusal_grounds import GroundNotAllowed, RefusalAnswer
from desk_app.erased_register_key import RegisterKey, RegisterKeyMismatch
from desk_app.services.cases.identity import (
    Callback,
    CallbackRefused,
    CallbackResult,
    CallerIdAndKnowledge,
    CallerIdClosed,
    DocumentCheck,
    Documents,
    IdentityCheckResult,
    IdentityNotVerified,
    KnowledgeItem,
    caller_id_checks_left,
    record_identity_check,
)
from desk_app.services.cases.lifecycle import (
    ApprovalRefused,
    CaseConflict,
    ReasonRequired,
    case_events,
    extend_deadline,
    get_case,
    open_case,
    transition,
)
from desk_app.services.cases.operations import (
    CustomerConflict,
    FeeNotApplicable,
    InvalidCorrection,
    apply_correction,
    erase_customer,
    record_fee,
    stop_mailings,
)
from desk_app.services.customers.calls import record_call_event
from desk_app.services.customers.lookup import lookup_by_phone
from desk_app.services.customers.search import search_customers
from desk_app.services.erased_register import erased_among, register_erased
from desk_app.storage.models import AccessLogEntry, Agent, Case, CaseEvent, Customer, DeskChange, Order, Phone

S = CaseState
K = CaseKind
RECEIVED_AT = dt.datetime(2026, 11, 20, 1, 30, tzinfo=dt.UTC)  # 10:30 in Japan
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
REGISTER_KEY = RegisterKey(b"erased-register key of the case tests")
UNCONFIRMED = RefusalAnswer(
    ground=RefusalGround.IDENTITY_UNCONFIRMED, text="ご本人様であることを確認できませんでした。"
)
HOME = "03-1234-5678"
HOME_E164 = "+81312345678"
STRANGER = "090-9999-0000"

COMPANY = CompanyProfile()


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    roles = {
        "agent": AgentRole.AGENT,
        "agent2": AgentRole.AGENT,
        "supervisor": AgentRole.SUPERVISOR,
        "supervisor2": AgentRole.SUPERVISOR,
        "admin": AgentRole.ADMIN,
    }
    with sessions.begin() as session:
        rows = {
            login: Agent(login=login, display_name=login, role=role, created_at=NOW)
            for login, role in roles.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {login: agent.id for login, agent in rows.items()}


@pytest.fixture
def customer(add_customer: Callable[..., int]) -> int:
    return add_customer(phones=(("home", HOME), ("mobile", "090-1111-2222")))


def _open(
    sessions: sessionmaker[Session], agents: dict[str, int], kind: CaseKind, customer_id: int | None
) -> int:
    with sessions.begin() as session:
        view = open_case(
            session,
            kind=kind,
            customer_id=customer_id,
            agent_id=agents["agent"],
            received_at=RECEIVED_AT,
            target_days=14,
            fee_yen=404,
            now=NOW,
        )
        return view.case_id


def _verify(sessions: sessionmaker[Session], agents: dict[str, int], case_id: int) -> None:
    detail = Callback(dialled=HOME, at=NOW, result=CallbackResult.ANSWERED)
    with sessions.begin() as session:
        result = record_identity_check(
            session, case_id, agent_id=agents["agent"], method=IdentityMethod.CALLBACK, detail=detail
        )
        assert result.verified


def _call(sessions: sessionmaker[Session], number: str | None, state: CallState = CallState.ANSWERED) -> int:
    """A call as caller ID recorded it: `number` as the line gave it (None: withheld)."""
    with sessions.begin() as session:
        events = [call_event(call_id="c1", state=CallState.RINGING, source=CallSource.CTI, number=number)]
        if number is None:
            events = [
                call_event(
                    call_id="c1",
                    state=CallState.RINGING,
                    source=CallSource.CTI,
                    reason=NoNumberReason.WITHHELD,
                )
            ]
        if state is not CallState.RINGING:
            events.append(call_event(call_id="c1", state=state, source=CallSource.CTI))
        row_id = 0
        for event in events:
            row_id = record_call_event(session, event)
        return row_id


def _open_on_call(
    sessions: sessionmaker[Session], agents: dict[str, int], kind: CaseKind, customer_id: int, call_id: int
) -> int:
    with sessions.begin() as session:
        return open_case(
            session,
            kind=kind,
            customer_id=customer_id,
            agent_id=agents["agent"],
            received_at=RECEIVED_AT,
            target_days=14,
            fee_yen=404,
            call_id=call_id,
            now=NOW,
        ).case_id


def _ask(
    sessions: sessionmaker[Session], agents: dict[str, int], case_id: int, said: str
) -> IdentityCheckResult:
    """The caller's answer to the street-number question (the factory's customers live at 千代田1-1)."""
    with sessions.begin() as session:
        return record_identity_check(
            session,
            case_id,
            agent_id=agents["agent"],
            method=IdentityMethod.CALLER_ID_AND_KNOWLEDGE,
            detail=CallerIdAndKnowledge(KnowledgeItem.STREET_NUMBER, said),
        )


def _move(
    sessions: sessionmaker[Session],
    case_id: int,
    target: CaseState,
    agent_id: int,
    *,
    proposal: Proposal | None = None,
    reason: str | None = None,
    answer: RefusalAnswer | None = None,
) -> None:
    with sessions.begin() as session:
        version = get_case(session, case_id).row_version
        transition(
            session,
            case_id,
            target,
            agent_id=agent_id,
            expected_row_version=version,
            proposal=proposal,
            reason=reason,
            answer=answer,
        )


def _snapshot(sessions: sessionmaker[Session]) -> tuple[Any, ...]:
    """Everything an operation could write, to show that a refused one wrote nothing."""
    with sessions() as session:
        cases = session.execute(select(Case.id, Case.state, Case.row_version, Case.details)).all()
        customers = session.execute(select(Customer.id, Customer.row_version, Customer.name)).all()
        counts = [
            session.scalar(select(func.count()).select_from(t)) for t in (CaseEvent, Phone, AccessLogEntry)
        ]
        return (sorted(map(tuple, cases)), sorted(map(tuple, customers)), counts)


def _events(sessions: sessionmaker[Session], case_id: int, kind: str) -> list[dict[str, Any]]:
    with sessions() as session:
        return [event.detail for event in case_events(session, case_id) if event.kind == kind]


# Opening


def test_open_case_numbers_by_year_in_japan_sets_due_date_fee_and_logs(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        session.add(
            Case(
                case_no="2026-000041",
                kind=K.COMPLAINT,
                state=S.COMPLETED,
                opened_by_id=agents["agent"],
                received_at=RECEIVED_AT,
                due_on=dt.date(2026, 12, 4),
                details={},
            )
        )
    first = _open(sessions, agents, K.DISCLOSURE, customer)
    with sessions.begin() as session:
        view = get_case(session, first)
        assert (view.case_no, view.state, view.fee_yen) == ("2026-000042", S.RECEIVED, 404)
        assert view.due_on == dt.date(2026, 12, 4)
        # 23:30 UTC on 31 December is already the new year in Japan.
        new_year = open_case(
            session,
            kind=K.CORRECTION,
            customer_id=customer,
            agent_id=agents["agent"],
            received_at=dt.datetime(2026, 12, 31, 15, 30, tzinfo=dt.UTC),
            target_days=14,
            fee_yen=404,
        )
        assert new_year.case_no == "2027-000001"
        assert new_year.fee_yen == 0
    assert _events(sessions, first, "opened") == [
        {"state": "received", "script_id": None, "script_version": None}
    ]


@pytest.mark.parametrize("kind", [K.CORRECTION, K.SUSPENSION, K.DELETION, K.COMPLAINT, K.SUSPICIOUS_REPORT])
def test_no_fee_except_for_disclosure(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, kind: CaseKind
) -> None:
    case_id = _open(sessions, agents, kind, customer)
    with sessions() as session:
        assert get_case(session, case_id).fee_yen == 0
    if kind in (K.CORRECTION, K.SUSPENSION, K.DELETION):
        _verify(sessions, agents, case_id)
        with sessions() as session, pytest.raises(FeeNotApplicable):
            record_fee(
                session, case_id, agent_id=agents["agent"], status=FeeStatus.REQUESTED, company=COMPANY
            )


def test_identity_kinds_need_a_customer(sessions: sessionmaker[Session], agents: dict[str, int]) -> None:
    with sessions() as session, pytest.raises(ValueError, match="customer_id"):
        open_case(
            session,
            kind=K.DELETION,
            customer_id=None,
            agent_id=agents["agent"],
            received_at=RECEIVED_AT,
            target_days=14,
        )
    assert _open(sessions, agents, K.SUSPICIOUS_REPORT, None)


# Unverified callers get nothing


def test_every_operation_refuses_an_unverified_caller_and_writes_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    cases = {
        kind: _open(sessions, agents, kind, customer) for kind in (K.DISCLOSURE, K.CORRECTION, K.SUSPENSION)
    }
    deletion = _open(sessions, agents, K.DELETION, customer)
    # A failed check leaves the case pending, so it is as unverified as one never checked.
    failed = Callback(dialled=HOME, at=NOW, result=CallbackResult.NOT_REACHED)
    with sessions.begin() as session:
        record_identity_check(
            session, deletion, agent_id=agents["agent"], method=IdentityMethod.CALLBACK, detail=failed
        )
    _move(
        sessions,
        deletion,
        S.AWAITING_APPROVAL,
        agents["agent"],
        proposal=Proposal.REFUSAL,
        reason="not verified",
        answer=UNCONFIRMED,
    )
    with sessions() as session:
        version = session.get(Customer, customer).row_version  # type: ignore[union-attr]
    operations: list[Callable[[Session], object]] = [
        lambda s: record_fee(
            s, cases[K.DISCLOSURE], agent_id=agents["agent"], status=FeeStatus.WAIVED, reason="x"
        ),
        lambda s: apply_correction(
            s,
            cases[K.CORRECTION],
            agent_id=agents["agent"],
            changes={"city": "港区"},
            expected_customer_row_version=version,
        ),
        lambda s: stop_mailings(
            s,
            cases[K.SUSPENSION],
            agent_id=agents["agent"],
            catalogue=True,
            direct_mail=True,
            email_magazine=True,
            effective=dt.date(2026, 12, 1),
        ),
        lambda s: erase_customer(s, deletion, approver_id=agents["supervisor"], register_key=REGISTER_KEY),
    ]
    before = _snapshot(sessions)
    for operation in operations:
        with sessions() as session:
            with pytest.raises(IdentityNotVerified):
                operation(session)
            session.commit()
    assert _snapshot(sessions) == before


def test_identity_verified_cannot_be_set_by_hand(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _move(sessions, case_id, S.IDENTITY_PENDING, agents["agent"])
    with pytest.raises(IllegalTransition, match="record_identity_check"):
        _move(sessions, case_id, S.IDENTITY_VERIFIED, agents["supervisor"])


# Identity checks


@pytest.mark.parametrize(
    ("number", "state", "said", "failure"),
    [
        (HOME, CallState.ANSWERED, "1-1", None),
        ("+81 3-1234-5678", CallState.RINGING, "１丁目１番", None),
        (STRANGER, CallState.ANSWERED, "1-1", "not registered"),
        (None, CallState.ANSWERED, "1-1", "withheld their number"),
        (HOME, CallState.ANSWERED, "1-2", "knowledge check failed"),
        # The number of a call that is over says nothing about who is on the line now.
        (HOME, CallState.ENDED, "1-1", "has ended"),
        (HOME, CallState.MISSED, "1-1", "has ended"),
    ],
)
def test_caller_id_needs_the_cases_call_from_a_registered_number_and_the_right_answer(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    customer: int,
    number: str | None,
    state: CallState,
    said: str,
    failure: str | None,
) -> None:
    call = _call(sessions, number, state)
    case_id = _open_on_call(sessions, agents, K.DISCLOSURE, customer, call)
    result = _ask(sessions, agents, case_id, said)
    assert result.verified is (failure is None)
    assert result.state is (S.IDENTITY_VERIFIED if failure is None else S.IDENTITY_PENDING)
    if failure:
        assert result.failure is not None
        assert failure in result.failure
    (check,) = _events(sessions, case_id, "identity_check")
    assert check["verified"] is (failure is None)
    assert (check["knowledge_item"], check["call_id"]) == ("street_number", call)
    assert said not in json.dumps(check, ensure_ascii=False)  # what the caller said is never kept
    with sessions() as session:
        assert get_case(session, case_id).identity_verified is (failure is None)


def test_the_calling_number_comes_from_the_cases_call_never_from_the_caller_of_the_service(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    """A stranger calls and knows the answer: nothing given to the service can claim a registered number."""
    assert {field.name for field in dataclasses.fields(CallerIdAndKnowledge)} == {"knowledge_item", "said"}
    stranger_call = _call(sessions, STRANGER)
    on_strangers_call = _open_on_call(sessions, agents, K.DISCLOSURE, customer, stranger_call)
    typed_in = _open(sessions, agents, K.DISCLOSURE, customer)  # no call at all
    for case_id, failure in ((on_strangers_call, "not registered"), (typed_in, "did not come in on a call")):
        result = _ask(sessions, agents, case_id, "1-1")
        assert not result.verified
        assert result.failure is not None
        assert failure in result.failure
    (check,) = _events(sessions, on_strangers_call, "identity_check")
    assert (check["caller_number"], check["knowledge_passed"]) == ("+819099990000", True)


def test_another_customers_number_does_not_verify(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, add_customer: Callable[..., int]
) -> None:
    add_customer(name="鈴木 花子", name_kana="スズキ ハナコ", phones=(("home", STRANGER),))
    case_id = _open_on_call(sessions, agents, K.DISCLOSURE, customer, _call(sessions, STRANGER))
    assert not _ask(sessions, agents, case_id, "1-1").verified


def test_after_three_failed_caller_id_checks_only_a_callback_or_documents_verify(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open_on_call(sessions, agents, K.DELETION, customer, _call(sessions, HOME))
    lefts = [_ask(sessions, agents, case_id, guess).caller_id_checks_left for guess in ("1-2", "1-3", "2-1")]
    assert lefts == [2, 1, 0]
    before = _snapshot(sessions)
    with pytest.raises(CallerIdClosed, match="callback"):
        _ask(sessions, agents, case_id, "1-1")  # right at last, but too late for this method
    assert _snapshot(sessions) == before
    with sessions() as session:
        assert caller_id_checks_left(session, case_id) == 0
    _verify(sessions, agents, case_id)  # a callback to the registered number still can
    with sessions() as session:
        assert get_case(session, case_id).state is S.IDENTITY_VERIFIED


def test_callback_to_a_registered_number_verifies_when_answered(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.CORRECTION, customer)
    at = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
    for result, verified in ((CallbackResult.NOT_REACHED, False), (CallbackResult.ANSWERED, True)):
        with sessions.begin() as session:
            outcome = record_identity_check(
                session,
                case_id,
                agent_id=agents["agent"],
                method=IdentityMethod.CALLBACK,
                detail=Callback(dialled="０９０（１１１１）２２２２", at=at, result=result),
            )
        assert outcome.verified is verified
    checks = _events(sessions, case_id, "identity_check")
    assert [c["result"] for c in checks] == ["not_reached", "answered"]
    assert checks[1]["dialled"] == "+819011112222"
    assert checks[1]["at"] == at.isoformat()
    # Who made the callback and what it checked, in the case log and in the verification it rests on.
    with sessions() as session:
        events = [event for event in case_events(session, case_id) if event.kind == "identity_check"]
        identity = session.get_one(Case, case_id).details["identity"]
    assert {event.agent_id for event in events} == {agents["agent"]}
    assert (identity["method"], identity["by"]) == ("callback", agents["agent"])
    assert identity["checked"] == {"dialled": "+819011112222", "at": at.isoformat(), "result": "answered"}


def test_callback_to_an_unregistered_number_is_refused(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DELETION, customer)
    before = _snapshot(sessions)
    detail = Callback(dialled=STRANGER, at=NOW, result=CallbackResult.ANSWERED)
    with sessions() as session, pytest.raises(CallbackRefused):
        record_identity_check(
            session, case_id, agent_id=agents["agent"], method=IdentityMethod.CALLBACK, detail=detail
        )
    assert _snapshot(sessions) == before


def test_documents_verify_and_method_must_match_detail(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    documents = Documents(
        received_on=dt.date(2026, 11, 25),
        document_type="driving licence copy",
        matched=frozenset({DocumentCheck.NAME, DocumentCheck.ADDRESS}),
    )
    with sessions.begin() as session:
        with pytest.raises(ValueError, match="needs"):
            record_identity_check(
                session, case_id, agent_id=agents["agent"], method=IdentityMethod.CALLBACK, detail=documents
            )
        result = record_identity_check(
            session, case_id, agent_id=agents["agent"], method=IdentityMethod.DOCUMENTS, detail=documents
        )
    assert result.verified


@pytest.mark.parametrize(
    ("matched", "verified"),
    [
        ((), False),
        ((DocumentCheck.NAME,), False),
        ((DocumentCheck.NAME, DocumentCheck.BIRTH_DATE), False),
        ((DocumentCheck.NAME, DocumentCheck.ADDRESS), True),
        ((DocumentCheck.NAME, DocumentCheck.ADDRESS, DocumentCheck.BIRTH_DATE), True),
    ],
)
def test_documents_verify_only_on_the_registered_name_and_address_and_keep_what_was_checked(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    customer: int,
    matched: tuple[DocumentCheck, ...],
    verified: bool,
) -> None:
    case_id = _open(sessions, agents, K.CORRECTION, customer)
    documents = Documents(dt.date(2026, 11, 19), "運転免許証の写し", matched=frozenset(matched))
    with sessions.begin() as session:
        result = record_identity_check(
            session, case_id, agent_id=agents["agent"], method=IdentityMethod.DOCUMENTS, detail=documents
        )
    assert result.verified is verified
    with sessions() as session:
        [event] = [event for event in case_events(session, case_id) if event.kind == "identity_check"]
    assert event.agent_id == agents["agent"]
    assert event.detail["matched"] == sorted(check.value for check in matched)
    assert (event.detail["document_type"], event.detail["received_on"]) == ("運転免許証の写し", "2026-11-19")
    if not verified:
        assert event.detail["failure"] == "the documents do not show the registered name and address"


def test_complaints_need_no_identity_check(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT, customer)
    detail = Documents(
        received_on=dt.date(2026, 11, 25),
        document_type="passport copy",
        matched=frozenset({DocumentCheck.NAME, DocumentCheck.ADDRESS}),
    )
    with sessions() as session, pytest.raises(IllegalTransition):
        record_identity_check(
            session, case_id, agent_id=agents["agent"], method=IdentityMethod.DOCUMENTS, detail=detail
        )


# Transitions


def test_illegal_transition_refused_and_stale_version_conflicts_writing_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    with pytest.raises(IllegalTransition):
        _move(sessions, case_id, S.COMPLETED, agents["agent"])
    before = _snapshot(sessions)
    with sessions() as session:
        stale = get_case(session, case_id).row_version - 1
        with pytest.raises(CaseConflict):
            transition(
                session, case_id, S.IDENTITY_PENDING, agent_id=agents["agent"], expected_row_version=stale
            )
        session.commit()
    assert _snapshot(sessions) == before


def test_two_desks_moving_the_same_case_one_gets_a_conflict(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT, customer)
    with sessions() as session:
        version = get_case(session, case_id).row_version
    with sessions.begin() as session:
        transition(session, case_id, S.IN_PROGRESS, agent_id=agents["agent"], expected_row_version=version)
    with sessions() as session, pytest.raises(CaseConflict):
        transition(
            session,
            case_id,
            S.WITHDRAWN,
            agent_id=agents["agent2"],
            expected_row_version=version,
            reason="dup",
        )


def test_every_change_is_logged_and_final_states_close(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT, customer)
    _move(sessions, case_id, S.IN_PROGRESS, agents["agent"])
    with pytest.raises(ReasonRequired):
        _move(sessions, case_id, S.WITHDRAWN, agents["agent"])
    _move(sessions, case_id, S.WITHDRAWN, agents["agent"], reason="the caller withdrew")
    with sessions() as session:
        view = get_case(session, case_id)
        assert view.state is S.WITHDRAWN
        assert view.closed_at is not None
        events = case_events(session, case_id)
    assert [(e.kind, e.agent_id) for e in events] == [
        ("opened", agents["agent"]),
        ("state_changed", agents["agent"]),
        ("state_changed", agents["agent"]),
    ]
    assert events[2].detail == {
        "from": "in_progress",
        "to": "withdrawn",
        "reason": "the caller withdrew",
        "proposal": None,
    }


def _to_refusal(sessions: sessionmaker[Session], agents: dict[str, int], customer: int) -> int:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _move(sessions, case_id, S.IDENTITY_PENDING, agents["agent"])
    with pytest.raises(ReasonRequired):
        _move(sessions, case_id, S.AWAITING_APPROVAL, agents["agent"], proposal=Proposal.REFUSAL)
    _move(
        sessions,
        case_id,
        S.AWAITING_APPROVAL,
        agents["agent"],
        proposal=Proposal.REFUSAL,
        reason="two callbacks unanswered",
        answer=UNCONFIRMED,
    )
    return case_id


def test_four_eyes_on_a_refusal(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _to_refusal(sessions, agents, customer)
    with sessions() as session:
        view = get_case(session, case_id)
        assert (view.proposal, view.proposed_by) == (Proposal.REFUSAL, agents["agent"])
    before = _snapshot(sessions)
    with pytest.raises(ApprovalRefused, match="supervisor"):
        _move(sessions, case_id, S.REFUSED, agents["agent2"])
    assert _snapshot(sessions) == before
    _move(sessions, case_id, S.REFUSED, agents["admin"])
    with sessions() as session:
        view = get_case(session, case_id)
        assert view.state is S.REFUSED
        assert view.closed_at is not None
        assert view.proposal is None
    (*_, approval) = _events(sessions, case_id, "state_changed")
    # Approved as proposed: the proposed answer is the customer's; the approver wrote no note.
    assert (approval["ground"], approval["customer_text"]) == ("identity_unconfirmed", UNCONFIRMED.text)
    assert approval["reason"] is None
    assert approval["proposal"] == "refusal"


def test_a_refusal_ground_must_fit_the_request_and_the_caller(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    verified = _open(sessions, agents, K.SUSPENSION, customer)
    correction = _open(sessions, agents, K.CORRECTION, customer)
    for case_id in (verified, correction):
        _verify(sessions, agents, case_id)
        _move(sessions, case_id, S.IN_PROGRESS, agents["agent"])
    complaint = _open(sessions, agents, K.COMPLAINT, customer)
    _move(sessions, complaint, S.IN_PROGRESS, agents["agent"])
    before = _snapshot(sessions)
    attempts = [
        # A verified caller is not refused for being unverified.
        (verified, S.AWAITING_APPROVAL, UNCONFIRMED, GroundNotAllowed),
        # Art. 33(2) is about disclosure: a correction is not refused on it.
        (
            correction,
            S.AWAITING_APPROVAL,
            RefusalAnswer(ground=RefusalGround.HARM_TO_PERSON, text="x"),
            GroundNotAllowed,
        ),
        # A ground needs the explanation the customer is given.
        (
            correction,
            S.AWAITING_APPROVAL,
            RefusalAnswer(ground=RefusalGround.OTHER, text="  "),
            ReasonRequired,
        ),
        # A complaint is not answered by letter, so it has no ground.
        (
            complaint,
            S.AWAITING_APPROVAL,
            RefusalAnswer(ground=RefusalGround.OTHER, text="x"),
            GroundNotAllowed,
        ),
        # A ground goes only with a refusal.
        (complaint, S.WITHDRAWN, RefusalAnswer(ground=RefusalGround.OTHER, text="x"), GroundNotAllowed),
    ]
    for case_id, target, answer, error in attempts:
        with pytest.raises(error):
            _move(
                sessions,
                case_id,
                target,
                agents["agent"],
                proposal=Proposal.REFUSAL if target is S.AWAITING_APPROVAL else None,
                reason="r",
                answer=answer,
            )
    assert _snapshot(sessions) == before


def test_a_supervisor_cannot_approve_their_own_proposal(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.COMPLAINT, customer)
    _move(sessions, case_id, S.IN_PROGRESS, agents["supervisor"])
    _move(
        sessions,
        case_id,
        S.AWAITING_APPROVAL,
        agents["supervisor"],
        proposal=Proposal.REFUSAL,
        reason="abusive",
    )
    with pytest.raises(ApprovalRefused, match="four eyes"):
        _move(sessions, case_id, S.REFUSED, agents["supervisor"])
    # A denial sends it back to work, with a reason.
    with pytest.raises(ReasonRequired):
        _move(sessions, case_id, S.IN_PROGRESS, agents["supervisor2"])
    _move(sessions, case_id, S.IN_PROGRESS, agents["supervisor2"], reason="answer the complaint first")
    with sessions() as session:
        assert get_case(session, case_id).state is S.IN_PROGRESS


# Deadline


def test_one_extension_with_a_reason(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    with sessions.begin() as session:
        view = extend_deadline(
            session, case_id, agent_id=agents["agent"], extra_days=14, reason="records in storage"
        )
    assert view.due_on == dt.date(2026, 12, 18)
    assert view.deadline.extended
    with sessions() as session, pytest.raises(ExtensionRefused):
        extend_deadline(session, case_id, agent_id=agents["agent"], extra_days=3, reason="again")
    assert _events(sessions, case_id, "deadline_extended") == [
        {"before": "2026-12-04", "after": "2026-12-18", "reason": "records in storage"}
    ]


# Fee


def test_disclosure_fee_received_then_work(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _verify(sessions, agents, case_id)
    with sessions.begin() as session:
        with pytest.raises(ValueError, match="method"):
            record_fee(session, case_id, agent_id=agents["agent"], status=FeeStatus.RECEIVED)
        view = record_fee(
            session, case_id, agent_id=agents["agent"], status=FeeStatus.REQUESTED, company=COMPANY
        )
        assert view.state is S.FEE_PENDING
        view = record_fee(
            session,
            case_id,
            agent_id=agents["agent"],
            status=FeeStatus.RECEIVED,
            method="postal_order",
            on=dt.date(2026, 11, 24),
        )
    assert view.state is S.FEE_RECEIVED
    assert view.fee_received_at == dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
    fees = _events(sessions, case_id, "fee")
    assert [f["status"] for f in fees] == ["requested", "received"]
    assert fees[1]["yen"] == 404
    assert fees[1]["method"] == "postal_order"


def test_disclosure_fee_waived_goes_to_work(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.PROVISION_DISCLOSURE, customer)
    _verify(sessions, agents, case_id)
    with sessions.begin() as session:
        view = record_fee(
            session, case_id, agent_id=agents["agent"], status=FeeStatus.WAIVED, reason="our error"
        )
    assert view.state is S.IN_PROGRESS


# Mailings


def test_stop_mailings_updates_preferences_with_before_and_after(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.SUSPENSION, customer)
    _verify(sessions, agents, case_id)
    with sessions.begin() as session:
        view = stop_mailings(
            session,
            case_id,
            agent_id=agents["agent"],
            catalogue=True,
            direct_mail=False,
            email_magazine=True,
            effective=dt.date(2026, 12, 1),
            now=NOW,
        )
        assert view.state is S.IN_PROGRESS
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert (record.catalogue_opt_in, record.direct_mail_opt_in, record.email_magazine_opt_in) == (
            False,
            True,
            False,
        )
        assert record.catalogue_changed_at == NOW
        assert record.direct_mail_changed_at is None
    (event,) = _events(sessions, case_id, "mailings_stopped")
    assert event == {
        "changes": {
            "catalogue": {"before": True, "after": False},
            "email_magazine": {"before": False, "after": False},
        },
        "effective": "2026-12-01",
    }


# Corrections


def _correction_case(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> tuple[int, int]:
    case_id = _open(sessions, agents, K.CORRECTION, customer)
    _verify(sessions, agents, case_id)
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        return case_id, record.row_version


def test_correction_validates_and_keeps_before_and_after(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id, version = _correction_case(sessions, agents, customer)
    changes: dict[str, object] = {
        "name": "山田 次郎",
        "name_kana": "やまだ じろう",
        "postal_code": "〒105-0011",
        "city": "港区",
        "phone_mobile": "080-3333-4444",
        "phone_home": None,
    }
    with sessions.begin() as session:
        apply_correction(
            session, case_id, agent_id=agents["agent"], changes=changes, expected_customer_row_version=version
        )
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert (record.name, record.postal_code, record.city) == ("山田 次郎", "1050011", "港区")
        assert sorted(phone.e164 for phone in record.phones) == ["+818033334444"]
        assert record.row_version == version + 1
        assert lookup_by_phone(session, "080-3333-4444").customers
        assert not lookup_by_phone(session, HOME).customers
    (event,) = _events(sessions, case_id, "corrected")
    assert event["changes"]["city"] == {"before": "千代田区", "after": "港区"}
    assert event["changes"]["phone_home"] == {"before": [HOME_E164], "after": None}
    assert event["row_version"] == {"before": version, "after": version + 1}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"postal_code": "123-456"}, "postal_code"),
        ({"phone_home": "12345"}, "phone_home"),
        ({"name": "  "}, "name"),
        ({"name_kana": "Yamada"}, "name_kana"),
        ({"email": "not-mail"}, "email"),
        ({"birth_date": "1980-01-01"}, "birth_date"),
        ({"city": "千代田区"}, "city"),
        ({"name": "山田\x1b]0;pwned\x07太郎"}, "name"),
        ({"building": "ビル\u202egnp.exe"}, "building"),
        ({"street": "千代田\x001-1"}, "street"),
    ],
)
def test_invalid_correction_is_refused_writing_nothing(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    customer: int,
    changes: dict[str, object],
    field: str,
) -> None:
    case_id, version = _correction_case(sessions, agents, customer)
    before = _snapshot(sessions)
    with sessions() as session, pytest.raises(InvalidCorrection) as refused:
        apply_correction(
            session, case_id, agent_id=agents["agent"], changes=changes, expected_customer_row_version=version
        )
    assert refused.value.field == field
    assert _snapshot(sessions) == before


def test_correction_conflict_writes_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id, version = _correction_case(sessions, agents, customer)
    with sessions.begin() as session:  # another desk
        record = session.get(Customer, customer)
        assert record is not None
        record.street = "丸の内1-1"
    before = _snapshot(sessions)
    with sessions() as session, pytest.raises(CustomerConflict):
        apply_correction(
            session,
            case_id,
            agent_id=agents["agent"],
            changes={"city": "港区"},
            expected_customer_row_version=version,
        )
    assert _snapshot(sessions) == before


# Erasure


def _deletion_awaiting_approval(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, proposer: str = "agent"
) -> int:
    case_id = _open(sessions, agents, K.DELETION, customer)
    _verify(sessions, agents, case_id)
    _move(sessions, case_id, S.IN_PROGRESS, agents["agent"])
    _move(sessions, case_id, S.AWAITING_APPROVAL, agents[proposer], proposal=Proposal.ERASURE)
    return case_id


def test_erasure_needs_a_different_supervisor(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _deletion_awaiting_approval(sessions, agents, customer, proposer="supervisor")
    before = _snapshot(sessions)
    for approver, match in ((agents["supervisor"], "four eyes"), (agents["agent2"], "supervisor")):
        with sessions() as session, pytest.raises(ApprovalRefused, match=match):
            erase_customer(session, case_id, approver_id=approver, register_key=REGISTER_KEY)
    # Completing by hand would close the case with the data still held.
    with pytest.raises(IllegalTransition, match="erase_customer"):
        _move(sessions, case_id, S.COMPLETED, agents["supervisor"])
    assert _snapshot(sessions) == before


def test_erasure_blanks_personal_data_keeps_orders_and_is_idempotent(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        record = session.get(Customer, customer)
        assert record is not None
        record.email, record.birth_date, record.workplace_name = (
            "taro@example.jp",
            dt.date(1980, 1, 2),
            "山田商店",
        )
        session.add(
            Order(
                order_no="A1", customer_id=customer, ordered_at=NOW, channel=OrderChannel.TV, amount_yen=9800
            )
        )
        customer_no = record.customer_no
    case_id = _deletion_awaiting_approval(sessions, agents, customer)
    with sessions.begin() as session:
        first = erase_customer(session, case_id, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
    assert not first.already_erased
    assert first.customer_no == customer_no
    assert first.case.state is S.COMPLETED
    assert first.case.closed_at is not None
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert record.state is CustomerState.ERASED
        held = [
            getattr(record, f)
            for f in (
                "name",
                "name_kana",
                "name_search",
                "kana_search",
                "postal_code",
                "prefecture",
                "city",
                "street",
                "email",
                "birth_date",
                "workplace_name",
            )
        ]
        assert held == [None] * len(held)
        assert record.phones == []
        assert (
            session.scalar(select(func.count()).select_from(Order).where(Order.customer_id == customer)) == 1
        )
        assert not lookup_by_phone(session, HOME).customers
        for query in ("ヤマダ", "山田", customer_no, "1000001", HOME):
            assert search_customers(session, query, agent_id=None).hits == ()
    before = _snapshot(sessions)
    with sessions.begin() as session:
        again = erase_customer(session, case_id, approver_id=agents["supervisor2"], register_key=REGISTER_KEY)
    assert again.already_erased
    assert again.customer_no == customer_no
    assert again.erased_at == first.erased_at
    assert _snapshot(sessions) == before
    (event,) = _events(sessions, case_id, "erased")
    assert event["customer_no"] == customer_no
    assert "name" in event["fields"]
    assert "山田" not in repr(event)


def test_an_erasure_enters_the_number_in_the_erased_register_and_drops_pending_desk_changes(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        customer_no = session.get_one(Customer, customer).customer_no
        session.add(DeskChange(customer_id=customer, field="street", changed_at=NOW))
    case_id = _deletion_awaiting_approval(sessions, agents, customer)
    with sessions() as session:
        assert erased_among(session, REGISTER_KEY, [customer_no]) == set()
    with sessions.begin() as session:
        erase_customer(session, case_id, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
    with sessions() as session:
        assert erased_among(session, REGISTER_KEY, [customer_no, "99999999"]) == {customer_no}
        assert session.scalar(select(func.count()).select_from(DeskChange)) == 0


def test_an_erasure_with_another_desks_register_key_is_refused_and_erases_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        register_erased(session, REGISTER_KEY, ["10000001"])
    case_id = _deletion_awaiting_approval(sessions, agents, customer)
    before = _snapshot(sessions)
    with sessions.begin() as session, pytest.raises(RegisterKeyMismatch):
        erase_customer(
            session, case_id, approver_id=agents["supervisor"], register_key=RegisterKey(b"o" * 32)
        )
    assert _snapshot(sessions) == before


def test_erasure_only_from_a_proposed_erasure(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DELETION, customer)
    _verify(sessions, agents, case_id)
    with sessions() as session, pytest.raises(IllegalTransition, match="proposed erasure"):
        erase_customer(session, case_id, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
    correction = _open(sessions, agents, K.CORRECTION, customer)
    _verify(sessions, agents, correction)
    with sessions() as session, pytest.raises(IllegalTransition):
        erase_customer(session, correction, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
