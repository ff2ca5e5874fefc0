"""Identity checks, enforced before any disclosure, change or erasure: caller ID from the case's own call
and a registered number, the three-check limit, callbacks and documents, each in the case log."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import call_event
from desk_app.domain.enums import CallSource, CallState, CaseKind, NoNumberReason
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.services.cases.identity import (
    Callback,
    CallbackRefused,
    CallbackResult,
    CallerIdAndKnowledge,
    CallerIdClosed,
    DocumentCheck,
    Documents,
    IdentityCheckResult,
    caller_id_checks_left,
    record_identity_check,
)
from desk_app.services.cases.knowledge import KnowledgeItem
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.customers.calls import record_call_event
from desk_app.storage.models import Case
from tests.support.case_steps import HOME, NOW, RECEIVED_AT, K, S, _events, _open, _snapshot, _verify

STRANGER = "090-9999-0000"


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
