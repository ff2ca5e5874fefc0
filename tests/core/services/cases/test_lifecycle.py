"""The case lifecycle service: opening and numbering, transitions with four eyes and optimistic locking, the
one deadline extension, and every step in the case log."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.deadlines import ExtensionRefused
from desk_app.domain.enums import CaseKind, FeeStatus, Proposal, RefusalGround
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.domain.refusal_grounds import GroundNotAllowed, RefusalAnswer
from desk_app.services.cases.assignment import extend_deadline
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.operations import FeeNotApplicable, record_fee
from desk_app.services.cases.records import (
    ApprovalRefused,
    CaseConflict,
    ReasonRequired,
    case_events,
    get_case,
)
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Case
from tests.support.case_steps import (
    COMPANY,
    RECEIVED_AT,
    UNCONFIRMED,
    K,
    S,
    _events,
    _move,
    _open,
    _snapshot,
    _verify,
)

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
    # The due date it opened with is kept: the doctor replays every later move of it from there.
    assert _events(sessions, first, "opened") == [
        {"state": "received", "script_id": None, "script_version": None, "due_on": "2026-12-04"}
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


def test_identity_verified_cannot_be_set_by_hand(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _move(sessions, case_id, S.IDENTITY_PENDING, agents["agent"])
    with pytest.raises(IllegalTransition, match="record_identity_check"):
        _move(sessions, case_id, S.IDENTITY_VERIFIED, agents["supervisor"])


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
