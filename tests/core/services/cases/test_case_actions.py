"""The after-script actions on a case and the work queue: what is offered to whom, that everything offered
is accepted, four eyes, optimistic locking, and who sees which case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AgentRole, CaseState, RefusalGround
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.domain.refusal_grounds import GroundNotAllowed, RefusalAnswer, UnknownRefusalGround, grounds_for
from desk_app.erased_register_key import RegisterKey
from desk_app.paths import resources_dir
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Script
from desk_app.services.cases.actions import CaseAction, available_actions, perform
from desk_app.services.cases.assignment import extend_deadline
from desk_app.services.cases.queue import QueuedCase, work_queue
from desk_app.services.cases.records import (
    ApprovalRefused,
    CaseConflict,
    CaseView,
    NotYourCase,
    ReasonRequired,
    SupervisorOnly,
    case_events,
    get_case,
)
from desk_app.services.cases.scripts import check_identity, finish_script, run_action, start_request
from desk_app.services.cases.transitions import move, transition
from desk_app.storage.models import AccessLogEntry, Agent, Case, CaseEvent, Customer

S = CaseState
A = CaseAction
NOW = dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC)
REGISTER_KEY = RegisterKey(b"erased-register key of the action tests")
HOME = "03-1234-5678"
SCRIPTS: dict[str, Script] = load_scripts(resources_dir() / "scripts")
ROLES = {
    "agent": AgentRole.AGENT,
    "agent2": AgentRole.AGENT,
    "supervisor": AgentRole.SUPERVISOR,
    "supervisor2": AgentRole.SUPERVISOR,
}
# Everything any action may read: the dialog always sends all of it.
INPUTS: dict[str, Any] = {
    "reason": "理由",
    "note": "理由",
    "method": "bank transfer",
    "on": "2026-11-25",
    "days": 30,
    "customer_text": "お客様への説明",
    "pause_reason": "documents",
}


@pytest.fixture
def agents(sessions: sessionmaker[Session]) -> dict[str, int]:
    with sessions.begin() as session:
        rows = {
            login: Agent(login=login, display_name=login, role=role, created_at=NOW)
            for login, role in ROLES.items()
        }
        session.add_all(rows.values())
        session.flush()
        return {login: agent.id for login, agent in rows.items()}


@pytest.fixture
def customer(add_customer: Callable[..., int]) -> int:
    return add_customer(phones=(("home", HOME),))


class Desk:
    """Runs scripts the way the case page does, one transaction per step, to bring cases into a state."""

    def __init__(self, sessions: sessionmaker[Session], agents: dict[str, int], customer: int) -> None:
        self.sessions = sessions
        self.agents = agents
        self.customer = customer

    def start(self, script_id: str, login: str = "agent", *, customer: bool = True) -> int:
        with self.sessions.begin() as session:
            return start_request(
                session,
                script=SCRIPTS[script_id],
                customer_id=self.customer if customer else None,
                agent_id=self.agents[login],
                company=CompanyProfile(),
                now=NOW,
            ).case.case_id

    def verify(self, case_id: int, login: str = "agent", *, answered: bool = True) -> None:
        with self.sessions.begin() as session:
            check_identity(
                session,
                case_id,
                agent_id=self.agents[login],
                method=IdentityMethod.CALLBACK,
                inputs={"dialled": HOME, "result": "answered" if answered else "not_reached"},
                now=NOW,
            )

    def act(
        self,
        case_id: int,
        script_id: str,
        step_id: str,
        answers: dict[str, str],
        login: str = "agent",
        **inputs: Any,
    ) -> None:
        with self.sessions.begin() as session:
            run_action(
                session,
                case_id,
                script=SCRIPTS[script_id],
                step_id=step_id,
                answers=answers,
                inputs=inputs,
                agent_id=self.agents[login],
                company=CompanyProfile(),
                now=NOW,
            )
        answers[step_id] = "done"

    def finish(self, case_id: int, script_id: str, answers: dict[str, str], login: str = "agent") -> None:
        with self.sessions.begin() as session:
            finish_script(
                session,
                case_id,
                script=SCRIPTS[script_id],
                answers=answers,
                agent_id=self.agents[login],
                now=NOW,
            )

    def view(self, case_id: int) -> CaseView:
        with self.sessions() as session:
            return get_case(session, case_id)

    def perform(self, case_id: int, action: CaseAction, login: str, **inputs: Any) -> CaseView:
        with self.sessions.begin() as session:
            return perform(
                session,
                case_id,
                action,
                agent_id=self.agents[login],
                expected_row_version=get_case(session, case_id).row_version,
                inputs=inputs or INPUTS,
                register_key=REGISTER_KEY,
                now=NOW,
            )

    # --- cases in the states the actions are about -----------------------------------------------------

    def fee_pending(self) -> int:
        case_id = self.start("disclosure")
        self.verify(case_id)
        answers = {"verify_identity": "callback", "fee": "yes"}
        self.act(case_id, "disclosure", "request_fee", answers, waive=False)
        answers["delivery"] = "letter"
        self.act(case_id, "disclosure", "prepare_letter", answers)
        self.finish(case_id, "disclosure", {**answers, "notes": ""})
        return case_id

    def fee_received(self) -> int:
        case_id = self.fee_pending()
        self.perform(case_id, A.RECORD_FEE_RECEIVED, "agent")
        return case_id

    def correction_in_progress(self) -> int:
        case_id = self.start("correction")
        self.verify(case_id)
        answers = {
            "verify_identity": "callback",
            "target": "other",
            "other_details": "x",
            "other_read_back": "yes",
        }
        self.act(case_id, "correction", "pass_on", answers, changes={})
        self.finish(case_id, "correction", {**answers, "notes": ""})
        return case_id

    def erasure_proposed(self, login: str = "agent") -> int:
        case_id = self.start("deletion", login)
        self.verify(case_id, login)
        answers = {
            "verify_identity": "callback",
            "ground": "customer_wish",
            "consequence": "proceed",
            "confirm_consequence": "yes",
        }
        self.act(case_id, "deletion", "propose_erasure", answers, login)
        self.finish(case_id, "deletion", {**answers, "notes": ""}, login)
        return case_id

    def identity_pending(self) -> int:
        case_id = self.start("disclosure")
        self.verify(case_id, answered=False)
        return case_id

    def refusal_proposed(self) -> int:
        case_id = self.identity_pending()
        self.perform(
            case_id,
            A.PROPOSE_REFUSAL,
            "agent",
            reason="two callbacks unanswered",
            ground="identity_unconfirmed",
            customer_text="ご本人様であることを確認できませんでした。",
        )
        return case_id

    def refusal_denied(self) -> int:
        """A refusal of an unverified caller that the supervisor sent back: still unverified."""
        case_id = self.refusal_proposed()
        self.perform(case_id, A.DENY, "supervisor", reason="try a callback first")
        return case_id

    def complaint_escalated(self) -> int:
        case_id = self.start("complaint", customer=False)
        answers = {
            "category": "other",
            "details": "x",
            "escalation": "escalate",
            "callback_number": "+819012345678",
            "callback_read_back": "yes",
        }
        self.act(case_id, "complaint", "escalate", answers)
        self.act(case_id, "complaint", "record_complaint", answers)
        self.finish(case_id, "complaint", {**answers, "notes": ""})
        return case_id

    def identity_verified(self) -> int:
        case_id = self.start("suspension")
        self.verify(case_id)
        return case_id

    def completed(self) -> int:
        case_id = self.identity_verified()
        answers = {
            "verify_identity": "callback",
            "mailings": "all",
            "ground": "customer_wish",
            "stop_from": "",
        }
        self.act(case_id, "suspension", "stop_mailings", answers)
        self.finish(case_id, "suspension", {**answers, "notes": ""})
        return case_id


@pytest.fixture
def desk(sessions: sessionmaker[Session], agents: dict[str, int], customer: int) -> Desk:
    return Desk(sessions, agents, customer)


def _snapshot(sessions: sessionmaker[Session]) -> tuple[Any, ...]:
    with sessions() as session:
        cases = session.execute(
            select(Case.id, Case.state, Case.row_version, Case.details, Case.due_on)
        ).all()
        customers = session.execute(select(Customer.id, Customer.row_version, Customer.state)).all()
        counts = [session.scalar(select(func.count()).select_from(t)) for t in (CaseEvent, AccessLogEntry)]
        return (sorted(map(tuple, cases)), sorted(map(tuple, customers)), counts)


# --- available_actions --------------------------------------------------------------------------------

TAIL = (A.WITHDRAW, A.EXTEND_DEADLINE)
# Whoever works a case pauses its clock; a fee pending paused it by itself, so it is resumed instead.
PAUSE = (A.PAUSE, *TAIL)
SCENARIOS: list[tuple[str, str, tuple[CaseAction, ...]]] = [
    ("fee_pending", "agent", (A.RECORD_FEE_RECEIVED, A.WAIVE_FEE, A.RESUME, *TAIL)),
    ("fee_received", "agent", (A.COMPLETE, *PAUSE)),
    ("correction_in_progress", "agent", (A.COMPLETE, A.PROPOSE_REFUSAL, *PAUSE)),
    ("identity_pending", "agent", (A.PROPOSE_REFUSAL, *PAUSE)),
    ("identity_verified", "agent", PAUSE),
    # Under a proposal only a supervisor decides, withdrawing included; the assignee may still extend.
    # A decision awaited is the desk's, not the customer's: no pause.
    ("erasure_proposed", "agent", (A.EXTEND_DEADLINE,)),
    ("erasure_proposed", "agent2", ()),
    ("erasure_proposed", "supervisor", (A.APPROVE, A.DENY, *TAIL, A.REASSIGN)),
    ("refusal_proposed", "agent", (A.EXTEND_DEADLINE,)),
    ("refusal_proposed", "supervisor2", (A.APPROVE, A.DENY, *TAIL, A.REASSIGN)),
    ("refusal_denied", "agent", (A.PROPOSE_REFUSAL, *PAUSE)),
    ("correction_in_progress", "agent2", (A.COMPLETE, A.PROPOSE_REFUSAL)),
    ("correction_in_progress", "supervisor", (A.COMPLETE, A.PROPOSE_REFUSAL, *PAUSE, A.REASSIGN)),
    # Escalated, the complaint is in the shared queue: no one's to withdraw but a supervisor's; anyone
    # working the queue may pause its clock.
    ("complaint_escalated", "agent", (A.PAUSE,)),
    ("complaint_escalated", "supervisor", (A.ANSWER_COMPLAINT, *PAUSE, A.REASSIGN)),
    ("completed", "agent", ()),
    ("completed", "supervisor", (A.REOPEN,)),
]


@pytest.mark.parametrize(("scenario", "login", "expected"), SCENARIOS)
def test_available_actions_per_state_and_role_are_all_accepted(
    sessions: sessionmaker[Session], desk: Desk, scenario: str, login: str, expected: tuple[CaseAction, ...]
) -> None:
    case_id = getattr(desk, scenario)()
    view = desk.view(case_id)
    offered = available_actions(view, agent_id=desk.agents[login], role=ROLES[login])
    assert offered == expected
    # The UI offers only what the services accept: each one goes through (and is rolled back). A refusal's
    # dialog offers the grounds that fit the case.
    grounds = grounds_for(view.kind, verified=view.identity_verified)
    for action in offered:
        with sessions() as session:
            after = perform(
                session,
                case_id,
                action,
                agent_id=desk.agents[login],
                expected_row_version=view.row_version,
                # agent2 is never the assignee in these scenarios, so a reassignment always moves the case.
                inputs={
                    **INPUTS,
                    "to_agent": desk.agents["agent2"],
                    "ground": grounds[0] if grounds else None,
                },
                register_key=REGISTER_KEY,
                now=NOW,
            )
            assert after.row_version > view.row_version, action
            session.rollback()


def test_the_proposer_is_never_offered_approval_even_as_a_supervisor(desk: Desk) -> None:
    case_id = desk.erasure_proposed("supervisor")
    view = desk.view(case_id)
    assert view.proposed_by == desk.agents["supervisor"]
    for role in AgentRole:
        assert A.APPROVE not in available_actions(view, agent_id=desk.agents["supervisor"], role=role)
        assert A.DENY not in available_actions(view, agent_id=desk.agents["supervisor"], role=role)
    assert A.APPROVE in available_actions(
        view, agent_id=desk.agents["supervisor2"], role=AgentRole.SUPERVISOR
    )
    with pytest.raises(ApprovalRefused, match="four eyes"):
        desk.perform(case_id, A.APPROVE, "supervisor")
    assert desk.view(case_id).state is S.AWAITING_APPROVAL


def test_an_extended_deadline_is_not_offered_again(desk: Desk) -> None:
    case_id = desk.correction_in_progress()
    due = desk.view(case_id).due_on
    view = desk.perform(case_id, A.EXTEND_DEADLINE, "agent", reason="documents awaited", days=30)
    assert view.due_on == due + dt.timedelta(days=30)
    assert A.EXTEND_DEADLINE not in available_actions(
        view, agent_id=desk.agents["agent"], role=AgentRole.AGENT
    )


# --- perform ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("action", [A.RECORD_FEE_RECEIVED, A.WAIVE_FEE, A.WITHDRAW, A.EXTEND_DEADLINE])
def test_perform_with_a_stale_row_version_conflicts_and_writes_nothing(
    sessions: sessionmaker[Session], desk: Desk, action: CaseAction
) -> None:
    case_id = desk.fee_pending()
    read = desk.view(case_id)
    # Someone at another desk records a note-worthy change first.
    desk.perform(case_id, A.EXTEND_DEADLINE, "supervisor", reason="busy season", days=10)
    before = _snapshot(sessions)
    with sessions() as session:
        with pytest.raises(CaseConflict):
            perform(
                session,
                case_id,
                action,
                agent_id=desk.agents["agent"],
                expected_row_version=read.row_version,
                inputs=INPUTS,
                now=NOW,
            )
        session.commit()
    assert _snapshot(sessions) == before


def test_approving_a_refusal_as_proposed_keeps_the_approvers_note_apart(desk: Desk) -> None:
    case_id = desk.refusal_proposed()
    view = desk.perform(case_id, A.APPROVE, "supervisor", reason="本人確認の記録を確認した")
    assert view.state is S.REFUSED
    with desk.sessions() as session:
        last = [e for e in case_events(session, case_id) if e.kind == "state_changed"][-1]
    assert (last.detail["to"], last.detail["reason"], last.agent_name) == (
        "refused",
        "本人確認の記録を確認した",
        "supervisor",
    )
    assert (last.detail["ground"], last.detail["customer_text"]) == (
        "identity_unconfirmed",
        "ご本人様であることを確認できませんでした。",
    )


def test_the_approver_decides_the_ground_and_the_text_the_customer_is_told(desk: Desk) -> None:
    case_id = desk.refusal_proposed()
    assert desk.view(case_id).proposed_answer == RefusalAnswer(
        ground=RefusalGround.IDENTITY_UNCONFIRMED, text="ご本人様であることを確認できませんでした。"
    )
    assert desk.view(case_id).proposal_note == "two callbacks unanswered"
    desk.perform(
        case_id,
        A.APPROVE,
        "supervisor",
        ground="violation_of_law",
        customer_text="裁判所の命令により開示できません。",
    )
    with desk.sessions() as session:
        last = [e for e in case_events(session, case_id) if e.kind == "state_changed"][-1]
    assert (last.detail["ground"], last.detail["customer_text"], last.detail["reason"]) == (
        "violation_of_law",
        "裁判所の命令により開示できません。",
        None,
    )


@pytest.mark.parametrize(
    ("action", "ground", "error"),
    [
        (A.PROPOSE_REFUSAL, "because_we_said_so", UnknownRefusalGround),
        (A.PROPOSE_REFUSAL, "", ReasonRequired),  # a text for the customer without its ground
        (A.PROPOSE_REFUSAL, "other", GroundNotAllowed),  # a disclosure is refused on Art. 33(2) only
        (A.APPROVE, "because_we_said_so", UnknownRefusalGround),
        (A.APPROVE, "other", GroundNotAllowed),
    ],
)
def test_an_unknown_or_unfitting_ground_is_refused_and_nothing_is_written(
    sessions: sessionmaker[Session], desk: Desk, action: CaseAction, ground: str, error: type[Exception]
) -> None:
    case_id = desk.identity_pending() if action is A.PROPOSE_REFUSAL else desk.refusal_proposed()
    before = _snapshot(sessions)
    login = "agent" if action is A.PROPOSE_REFUSAL else "supervisor"
    with pytest.raises(error):
        desk.perform(case_id, action, login, reason="メモ", ground=ground, customer_text="ご説明")
    assert _snapshot(sessions) == before


def test_denying_an_erasure_sends_the_case_back_to_work_and_erases_nothing(desk: Desk) -> None:
    case_id = desk.erasure_proposed()
    view = desk.perform(case_id, A.DENY, "supervisor", reason="ask about open orders first")
    assert (view.state, view.proposal) == (S.IN_PROGRESS, None)
    with desk.sessions() as session:
        customer = session.get(Customer, desk.customer)
        assert customer is not None
        assert customer.name == "山田 太郎"


def test_withdraw_needs_and_keeps_a_reason(desk: Desk) -> None:
    case_id = desk.fee_pending()
    view = desk.perform(case_id, A.WITHDRAW, "agent", reason="the caller changed their mind")
    assert view.state is S.WITHDRAWN
    assert available_actions(view, agent_id=desk.agents["agent"], role=AgentRole.AGENT) == ()


def test_another_agent_can_neither_withdraw_a_case_nor_extend_its_deadline(
    sessions: sessionmaker[Session], desk: Desk
) -> None:
    case_id = desk.correction_in_progress()
    view = desk.view(case_id)
    before = _snapshot(sessions)
    # Straight through the services, as anything holding a session could call them: the UI offers neither.
    with sessions() as session, pytest.raises(NotYourCase):
        transition(
            session,
            case_id,
            S.WITHDRAWN,
            agent_id=desk.agents["agent2"],
            expected_row_version=view.row_version,
            reason="the caller changed their mind",
            now=NOW,
        )
    with sessions() as session, pytest.raises(NotYourCase):
        extend_deadline(
            session, case_id, agent_id=desk.agents["agent2"], extra_days=30, reason="busy", now=NOW
        )
    with pytest.raises(NotYourCase):
        desk.perform(case_id, A.WITHDRAW, "agent2", reason="the caller changed their mind")
    assert _snapshot(sessions) == before
    # The assignee and a supervisor may.
    assert desk.perform(
        case_id, A.EXTEND_DEADLINE, "agent", reason="documents awaited", days=10
    ).deadline_extended
    assert desk.perform(case_id, A.WITHDRAW, "supervisor", reason="電話で取下げ").state is S.WITHDRAWN


@pytest.mark.parametrize("proposed", ["erasure_proposed", "refusal_proposed"])
def test_only_a_supervisor_withdraws_a_case_awaiting_approval(
    sessions: sessionmaker[Session], desk: Desk, proposed: str
) -> None:
    case_id = getattr(desk, proposed)()
    before = _snapshot(sessions)
    for login in ("agent", "agent2"):  # the assignee (and proposer) included
        with pytest.raises(ApprovalRefused, match="awaits approval"):
            desk.perform(case_id, A.WITHDRAW, login, reason="the caller changed their mind")
        with sessions() as session, pytest.raises(ApprovalRefused, match="awaits approval"):
            transition(
                session,
                case_id,
                S.WITHDRAWN,
                agent_id=desk.agents[login],
                expected_row_version=desk.view(case_id).row_version,
                reason="the caller changed their mind",
                now=NOW,
            )
    assert _snapshot(sessions) == before
    view = desk.perform(case_id, A.WITHDRAW, "supervisor", reason="本人から取下げの連絡")
    assert view.state is S.WITHDRAWN


def test_a_case_in_the_shared_queue_is_withdrawn_only_by_a_supervisor(
    sessions: sessionmaker[Session], desk: Desk
) -> None:
    case_id = desk.complaint_escalated()
    assert desk.view(case_id).assigned_to_id is None
    before = _snapshot(sessions)
    for action in (A.WITHDRAW, A.EXTEND_DEADLINE):
        with pytest.raises(NotYourCase):
            desk.perform(case_id, action, "agent", reason="x", days=10)
    assert _snapshot(sessions) == before
    assert desk.perform(case_id, A.WITHDRAW, "supervisor", reason="解決済み").state is S.WITHDRAWN


def test_an_approved_erasure_is_offered_nothing_more(desk: Desk) -> None:
    case_id = desk.erasure_proposed()
    view = desk.perform(case_id, A.APPROVE, "supervisor")
    assert view.state is S.COMPLETED
    assert available_actions(view, agent_id=desk.agents["supervisor2"], role=AgentRole.SUPERVISOR) == ()


# --- work_queue ---------------------------------------------------------------------------------------


def _queue(desk: Desk, login: str) -> dict[int, QueuedCase]:
    with desk.sessions() as session:
        return {
            row.case_id: row for row in work_queue(session, agent_id=desk.agents[login], role=ROLES[login])
        }


def test_work_queue_shows_own_and_unassigned_cases_and_supervisors_what_awaits_them(desk: Desk) -> None:
    unfinished = desk.start("disclosure")  # the script is still running: its draft is saved
    others = desk.correction_in_progress()
    with desk.sessions.begin() as session:
        case = session.get(Case, others)
        assert case is not None
        case.assigned_to_id = desk.agents["agent2"]
    escalated = desk.complaint_escalated()  # unassigned: any supervisor's
    proposed_by_agent = desk.erasure_proposed("agent")
    proposed_by_supervisor = desk.erasure_proposed("supervisor")
    desk.completed()

    agent = _queue(desk, "agent")
    assert list(agent) == [unfinished, escalated, proposed_by_agent]
    assert agent[unfinished].script_unfinished
    assert not agent[proposed_by_agent].script_unfinished
    assert not any(row.needs_decision for row in agent.values())
    assert agent[unfinished].customer_no == "90000001"
    assert agent[escalated].customer_no is None

    assert list(_queue(desk, "agent2")) == [others, escalated]

    supervisor = _queue(desk, "supervisor")
    assert list(supervisor) == [escalated, proposed_by_agent, proposed_by_supervisor]
    assert {case_id for case_id, row in supervisor.items() if row.needs_decision} == {
        escalated,
        proposed_by_agent,
    }

    supervisor2 = _queue(desk, "supervisor2")
    assert list(supervisor2) == [escalated, proposed_by_agent, proposed_by_supervisor]
    assert all(row.needs_decision for row in supervisor2.values())
    assert supervisor2[proposed_by_supervisor].state is S.AWAITING_APPROVAL


def test_work_queue_is_ordered_by_due_date_and_limited(desk: Desk) -> None:
    first, second, third = (desk.start("complaint", customer=False) for _ in range(3))
    with desk.sessions.begin() as session:
        case = session.get(Case, first)
        assert case is not None
        case.due_on = case.due_on + dt.timedelta(days=5)
    assert list(_queue(desk, "agent")) == [second, third, first]
    with desk.sessions() as session:
        limited = work_queue(session, agent_id=desk.agents["agent"], role=AgentRole.AGENT, limit=2)
    assert [row.case_id for row in limited] == [second, third]


def test_a_denied_refusal_of_an_unverified_caller_goes_back_to_the_identity_check(desk: Desk) -> None:
    case_id = desk.refusal_denied()
    view = desk.view(case_id)
    assert view.state is S.IDENTITY_PENDING
    assert not view.identity_verified
    # From there a check can pass again, and only then does the work start.
    desk.verify(case_id)
    assert desk.view(case_id).state is S.IDENTITY_VERIFIED


def test_a_denial_cannot_send_an_unverified_caller_straight_to_work(desk: Desk) -> None:
    case_id = desk.refusal_proposed()
    with desk.sessions.begin() as session, pytest.raises(IllegalTransition, match="not verified"):
        move(
            session,
            session.get_one(Case, case_id),
            S.IN_PROGRESS,
            agent_id=desk.agents["supervisor"],
            reason="go on",
            now=NOW,
        )
    assert desk.view(case_id).state is S.AWAITING_APPROVAL


def test_a_supervisor_reassigns_an_open_case_and_reopens_a_closed_one_with_a_reason(desk: Desk) -> None:
    case_id = desk.correction_in_progress()
    view = desk.perform(
        case_id, A.REASSIGN, "supervisor", to_agent=desk.agents["agent2"], reason="休暇のため"
    )
    with desk.sessions() as session:
        assert session.get_one(Case, case_id).assigned_to_id == desk.agents["agent2"]
        [moved] = [e for e in case_events(session, case_id) if e.kind == "reassigned"]
    assert (moved.detail["before"], moved.detail["after"]) == (desk.agents["agent"], desk.agents["agent2"])
    view = desk.perform(case_id, A.COMPLETE, "agent2", note="")
    assert view.state is S.COMPLETED
    with pytest.raises(ReasonRequired):
        desk.perform(case_id, A.REOPEN, "supervisor", reason="")
    view = desk.perform(case_id, A.REOPEN, "supervisor", reason="住所の番地が誤っていた")
    assert (view.state, view.closed_at) == (S.IN_PROGRESS, None)


def test_an_agent_cannot_reassign_or_reopen(desk: Desk) -> None:
    case_id = desk.correction_in_progress()
    with pytest.raises(SupervisorOnly):
        desk.perform(case_id, A.REASSIGN, "agent", to_agent=desk.agents["agent2"])
    desk.perform(case_id, A.COMPLETE, "agent", note="")
    with pytest.raises(SupervisorOnly):
        desk.perform(case_id, A.REOPEN, "agent", reason="やり直し")


def test_an_erased_deletion_is_never_reopened(desk: Desk) -> None:
    case_id = desk.erasure_proposed()
    view = desk.perform(case_id, A.APPROVE, "supervisor", reason="未発送の注文なし")
    assert view.erased
    assert available_actions(view, agent_id=desk.agents["supervisor2"], role=AgentRole.SUPERVISOR) == ()
    with pytest.raises(IllegalTransition, match="erased"):
        desk.perform(case_id, A.REOPEN, "supervisor2", reason="誤って承認した")


def test_an_approval_needs_the_approvers_reason(desk: Desk) -> None:
    case_id = desk.erasure_proposed()
    with pytest.raises(ReasonRequired):
        desk.perform(case_id, A.APPROVE, "supervisor", reason="  ")
    assert desk.view(case_id).state is S.AWAITING_APPROVAL
