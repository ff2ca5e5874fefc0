"""A question about joint use within the group (APPI Art. 27(5)(iii), policy §6): the rules in the core,
without the window. Anyone may ask, about a customer or about no one: no identity check, no fee, no letter;
the answer given (the configured companies, items, purpose and who is responsible, with the version) is
recorded, the case closes as answered only with it, and `doctor` names a closed case that lost it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AgentRole, CaseKind, CaseState
from desk_app.domain.letter_rules import LetterNotApplicable, answering_letter
from desk_app.domain.lifecycle import IllegalTransition, next_states
from desk_app.domain.messages import JAPANESE, render
from desk_app.domain.refusal_grounds import grounds_for
from desk_app.domain.timeline import event_message
from desk_app.paths import resources_dir
from desk_app.published_policy import JointUse
from desk_app.scripts.loader import load_scripts
from desk_app.services.admin.doctor import examine
from desk_app.services.cases.actions import CaseAction, available_actions
from desk_app.services.cases.policy_answers import answer_joint_use
from desk_app.services.cases.records import get_case
from desk_app.services.cases.scripts import finish_script, run_action, start_request
from desk_app.services.cases.transitions import transition
from desk_app.storage.models import Case
from tests.support.letter_cases import COMPANY, NOW, LetterCases

S = CaseState
K = CaseKind.JOINT_USE


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _answer(desk: LetterCases, case_id: int, joint: JointUse = COMPANY.joint_use) -> None:
    with desk.sessions.begin() as session:
        answer_joint_use(
            session, case_id, agent_id=desk.agent, joint_use=joint, company_name=COMPANY.name, now=NOW
        )


def _move(desk: LetterCases, case_id: int, target: CaseState) -> None:
    with desk.sessions.begin() as session:
        version = get_case(session, case_id).row_version
        transition(session, case_id, target, agent_id=desk.agent, expected_row_version=version, now=NOW)


def test_no_identity_check_no_refusal_and_no_letter() -> None:
    assert next_states(K, S.RECEIVED) == {S.IN_PROGRESS, S.WITHDRAWN}
    assert grounds_for(K, verified=False) == ()
    with pytest.raises(LetterNotApplicable):
        answering_letter(K, S.COMPLETED, {}, "2026-000001")
    said = event_message("joint_use_answered", {"version": 2})
    assert (str(said), render(said, JAPANESE)) == (
        "Joint use explained on the call: version 2",
        "共同利用について電話でご説明: 第2版",
    )


@pytest.mark.parametrize("about_a_customer", [True, False], ids=["customer", "no one"])
def test_the_answer_recorded_closes_the_case_as_answered(desk: LetterCases, about_a_customer: bool) -> None:
    case_id = desk.opened(K, desk.customer() if about_a_customer else None)
    _answer(desk, case_id)
    with desk.sessions() as session:
        view = get_case(session, case_id)
        told = session.get_one(Case, case_id).details["joint_use"]
    assert view.state is S.IN_PROGRESS
    # Nothing to complete by hand, and nothing to refuse: finishing the script closes it.
    assert not {CaseAction.COMPLETE, CaseAction.PROPOSE_REFUSAL} & set(
        available_actions(view, agent_id=desk.agent, role=AgentRole.SUPERVISOR)
    )
    assert told["version"] == 1
    assert told["companies"] == list(COMPANY.joint_use.companies)
    assert told["responsible"] == COMPANY.name  # policy §6: the company itself
    _move(desk, case_id, S.COMPLETED)
    with desk.sessions() as session:
        assert examine(session, now=NOW, only=("policy", "identity")).problems == ()


def test_a_case_closes_as_answered_only_with_the_answer_recorded(desk: LetterCases) -> None:
    case_id = desk.opened(K, None)
    _move(desk, case_id, S.IN_PROGRESS)
    with pytest.raises(IllegalTransition, match="once the answer given is recorded"):
        _move(desk, case_id, S.COMPLETED)
    # Another kind's case is not answered as joint use.
    other = desk.opened(CaseKind.COMPLAINT, None)
    with pytest.raises(IllegalTransition, match="not a question about joint use"):
        _answer(desk, other)
    _answer(desk, case_id, JointUse(version=3, companies=("甲株式会社",), responsible="甲株式会社"))
    _move(desk, case_id, S.COMPLETED)
    with pytest.raises(IllegalTransition):
        _answer(desk, case_id)  # closed
    with desk.sessions.begin() as session:
        details = dict(session.get_one(Case, case_id).details)
        assert (details["joint_use"]["version"], details["joint_use"]["responsible"]) == (3, "甲株式会社")
        details["joint_use"] = {"version": 3, "companies": []}
        session.execute(update(Case).where(Case.id == case_id).values(details=details))
    with desk.sessions() as session:
        found = [str(problem) for problem in examine(session, now=NOW, only=("policy",)).problems]
    assert found == [
        f"policy answers: case {desk.case_no(case_id)}: completed, but what it told the customer is not"
        " recorded (with the version it came from)"
    ]


def test_the_script_answers_from_the_configuration_and_finishing_it_closes_the_case(
    desk: LetterCases,
) -> None:
    script = load_scripts(resources_dir() / "scripts")["joint_use"]
    other = dataclasses.replace(
        COMPANY, joint_use=JointUse(version=5, companies=("甲株式会社", "乙株式会社"))
    )
    with desk.sessions.begin() as session:
        case_id = start_request(
            session, script=script, customer_id=None, agent_id=desk.agent, company=other, now=NOW
        ).case.case_id
    answers: dict[str, str] = {}
    with desk.sessions.begin() as session:
        run_action(
            session,
            case_id,
            script=script,
            step_id="answer_joint_use",
            answers=answers,
            inputs={},
            agent_id=desk.agent,
            company=other,
            now=NOW,
        )
    with desk.sessions.begin() as session:
        finish_script(
            session,
            case_id,
            script=script,
            answers={"answer_joint_use": "done", "notes": ""},
            agent_id=desk.agent,
            now=NOW,
        )
        case = session.get_one(Case, case_id)
        assert (case.state, case.fee_yen) == (S.COMPLETED, 0)
        assert case.details["joint_use"]["version"] == 5
        assert case.details["joint_use"]["responsible"] == COMPANY.name
