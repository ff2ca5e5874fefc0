"""A notice of the purposes of use (APPI Art. 32(2), policy §2): the rules in the core, without the window.
A verified caller's case records the configured purposes with their version; it completes only with them
recorded (and its fee settled, where the configuration charges one, the clock paused meanwhile); its letter
lists what was recorded whatever the configuration says later; a refusal cites one of the law's exceptions;
and `doctor` names a completed notice that lost what it told."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile
from desk_app.domain.enums import (
    AgentRole,
    CaseKind,
    CaseState,
    FeeStatus,
    LetterKind,
    PauseReason,
    RefusalGround,
)
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.letter_rules import answering_letter, fee_notice_problem
from desk_app.domain.lifecycle import IllegalTransition, next_states
from desk_app.domain.messages import JAPANESE, render
from desk_app.domain.refusal_grounds import GroundNotAllowed, grounds_for
from desk_app.domain.timeline import event_message
from desk_app.paths import resources_dir
from desk_app.published_policy import PurposesOfUse
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Action
from desk_app.scripts.progress import next_step
from desk_app.services.admin.doctor import examine
from desk_app.services.cases import letters
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.actions import CaseAction, available_actions
from desk_app.services.cases.identity import Documents, record_identity_check
from desk_app.services.cases.policy_answers import record_purposes
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.scripts import case_facts, finish_script, run_action, start_request
from desk_app.services.cases.transitions import reopen, transition
from desk_app.services.cases.verified import IdentityNotVerified
from desk_app.storage.models import Case
from tests.support.letter_cases import COMPANY, NAME_AND_ADDRESS, NOW, LetterCases, pdf_text

S = CaseState
K = CaseKind.PURPOSES_NOTICE
CHARGING = dataclasses.replace(COMPANY, purposes=dataclasses.replace(COMPANY.purposes, fee_yen=404))


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _record(desk: LetterCases, case_id: int, purposes: PurposesOfUse = COMPANY.purposes) -> None:
    with desk.sessions.begin() as session:
        record_purposes(session, case_id, agent_id=desk.agent, purposes=purposes, now=NOW)


def _fee(desk: LetterCases, case_id: int, status: FeeStatus) -> None:
    extra = {"method": "郵便定額小為替", "on": NOW.date()} if status is FeeStatus.RECEIVED else {}
    with desk.sessions.begin() as session:
        case_operations.record_fee(
            session, case_id, agent_id=desk.agent, status=status, company=CHARGING, now=NOW, **extra
        )


def _move(desk: LetterCases, case_id: int, target: CaseState) -> None:
    with desk.sessions.begin() as session:
        version = get_case(session, case_id).row_version
        transition(session, case_id, target, agent_id=desk.agent, expected_row_version=version, now=NOW)


def _state(desk: LetterCases, case_id: int) -> CaseState:
    with desk.sessions() as session:
        return get_case(session, case_id).state


# --- the domain's rules -------------------------------------------------------------------------------------


def test_a_verified_caller_the_fee_only_where_configured_and_a_letter_of_its_own() -> None:
    assert next_states(K, S.RECEIVED) == {S.IDENTITY_PENDING, S.WITHDRAWN}
    assert next_states(K, S.IDENTITY_VERIFIED) == {S.IN_PROGRESS, S.WITHDRAWN}
    assert next_states(K, S.IDENTITY_VERIFIED, fee_yen=404) == {S.FEE_PENDING, S.WITHDRAWN}
    assert answering_letter(K, S.COMPLETED, {}, "2026-000001") is LetterKind.PURPOSES_NOTICE
    assert answering_letter(K, S.REFUSED, {}, "2026-000001") is LetterKind.REFUSAL
    waiting = {"fee": {"status": "requested"}}
    assert fee_notice_problem(K, S.FEE_PENDING, waiting, "2026-000001") is None


def test_a_refusal_rests_on_the_exceptions_of_article_32_only() -> None:
    notice = (
        RefusalGround.PURPOSES_CLEAR,
        RefusalGround.NOTICE_HARMS_PERSON,
        RefusalGround.NOTICE_HARMS_COMPANY,
        RefusalGround.NOTICE_HINDERS_AUTHORITIES,
    )
    assert grounds_for(K, verified=True) == notice
    assert grounds_for(K, verified=False) == (RefusalGround.IDENTITY_UNCONFIRMED, *notice)
    # Not another request's grounds, and not a reason of the agent's own.
    assert RefusalGround.OTHER not in grounds_for(K, verified=True)
    assert RefusalGround.HARM_TO_PERSON not in grounds_for(K, verified=True)


def test_the_timeline_gives_the_version_and_the_count() -> None:
    said = event_message("purposes_recorded", {"version": 2, "count": 13})
    assert str(said) == "Purposes of use recorded for the notice: version 2, 13 purposes"
    assert render(said, JAPANESE) == "通知する利用目的を記録: 第2版（13項目）"


# --- recording and completing -------------------------------------------------------------------------------


def test_an_unverified_caller_is_told_nothing_and_nothing_is_written(desk: LetterCases) -> None:
    case_id = desk.opened(K, desk.customer())
    with desk.sessions.begin() as session, pytest.raises(IdentityNotVerified):
        record_purposes(session, case_id, agent_id=desk.agent, purposes=COMPANY.purposes, now=NOW)
    with desk.sessions() as session:
        assert [event.kind for event in case_events(session, case_id)] == ["opened"]


def test_without_a_fee_the_purposes_recorded_complete_the_case_and_its_letter_lists_them(
    desk: LetterCases,
) -> None:
    case_id = desk.verified(K, desk.customer())
    with desk.sessions() as session:
        assert get_case(session, case_id).fee_yen == 0
    # Completing before anything is recorded confirms nothing: refused, by whichever path.
    with pytest.raises(IllegalTransition):
        desk.complete(case_id)
    _move(desk, case_id, S.IN_PROGRESS)
    with pytest.raises(IllegalTransition, match="once the purposes are recorded"):
        desk.complete(case_id)
    with pytest.raises(IllegalTransition, match="once the purposes are recorded"):
        _move(desk, case_id, S.COMPLETED)
    _record(desk, case_id)
    assert _state(desk, case_id) is S.IN_PROGRESS
    with desk.sessions.begin() as session:
        transition(
            session,
            case_id,
            S.COMPLETED,
            agent_id=desk.agent,
            expected_row_version=get_case(session, case_id).row_version,
            now=NOW,
        )
        details = session.get_one(Case, case_id).details
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
    assert details["purposes_notice"]["version"] == 1
    assert details["purposes_notice"]["items"] == list(COMPANY.purposes.items)
    assert made.kind is LetterKind.PURPOSES_NOTICE
    with desk.sessions() as session:
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
        kinds = [event.kind for event in case_events(session, case_id)]
    assert "利用目的の通知書" in text
    assert "ご注文をお受けする際のご本人確認のため" in text
    assert "（第1版）" in text
    assert "purposes_recorded" in kinds


def test_the_letter_says_what_was_recorded_even_after_the_configuration_changed(desk: LetterCases) -> None:
    case_id = desk.verified(K, desk.customer())
    _record(desk, case_id, PurposesOfUse(version=4, items=("商品のお届けのため", "ご本人確認のため")))
    desk.complete(case_id)
    with desk.sessions.begin() as session:
        # A company whose [purposes] moved on to version 5 signs the letter: the case's version 4 is listed.
        newer = dataclasses.replace(COMPANY, purposes=PurposesOfUse(version=5, items=("新しい目的",)))
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=newer, now=NOW)
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
    assert "①商品のお届けのため②ご本人確認のため" in text
    assert "（第4版）" in text
    assert "新しい目的" not in text


def test_a_configured_fee_is_requested_pauses_the_clock_and_comes_before_completion(
    desk: LetterCases,
) -> None:
    case_id = desk.verified(K, desk.customer(), company=CHARGING)
    # The fee is the notice's own, and the case waits for it before any work.
    with desk.sessions() as session:
        assert get_case(session, case_id).fee_yen == 404
    with pytest.raises(IllegalTransition):
        _move(desk, case_id, S.IN_PROGRESS)
    _fee(desk, case_id, FeeStatus.REQUESTED)
    _record(desk, case_id)  # on the call: the list is recorded while the fee is awaited
    with desk.sessions() as session:
        view = get_case(session, case_id)
        on_file = letters.letters_of_case(session, case_id)
    assert (view.state, view.pause.reason if view.pause else None) == (S.FEE_PENDING, PauseReason.FEE)
    assert [letter.kind for letter in on_file] == [LetterKind.FEE_PAYMENT_NOTICE]
    assert CaseAction.RECORD_FEE_RECEIVED in available_actions(view, agent_id=desk.agent, role=_role())
    with pytest.raises(IllegalTransition, match="once its fee is received or waived"):
        desk.complete(case_id)
    _fee(desk, case_id, FeeStatus.RECEIVED)
    with desk.sessions() as session:
        view = get_case(session, case_id)
    assert (view.state, view.pause) == (S.FEE_RECEIVED, None)
    assert CaseAction.COMPLETE in available_actions(view, agent_id=desk.agent, role=_role())
    desk.complete(case_id)
    with desk.sessions.begin() as session:
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=CHARGING, now=NOW)
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
    assert "手数料¥404（税込）は、2026年11月20日に郵便定額小為替にて受領いたしました。" in text


def test_a_free_notice_takes_no_fee(desk: LetterCases) -> None:
    case_id = desk.verified(K, desk.customer())
    with pytest.raises(case_operations.FeeNotApplicable):
        _fee(desk, case_id, FeeStatus.REQUESTED)


def test_a_notice_withdrawn_while_its_fee_was_awaited_and_reopened_still_waits_for_it(
    desk: LetterCases,
) -> None:
    case_id = desk.verified(K, desk.customer(), company=CHARGING)
    _fee(desk, case_id, FeeStatus.REQUESTED)
    _record(desk, case_id)
    desk.withdraw(case_id)
    with desk.sessions.begin() as session:
        reopen(
            session,
            case_id,
            agent_id=desk.agents["supervisor"],
            reason="お客様から再度のお申し出",
            expected_row_version=get_case(session, case_id).row_version,
            now=NOW,
        )
    assert _state(desk, case_id) is S.IN_PROGRESS
    with pytest.raises(IllegalTransition, match="once its fee is received or waived"):
        desk.complete(case_id)


def test_a_refusal_cites_its_exception_and_a_case_awaiting_it_records_nothing(desk: LetterCases) -> None:
    case_id = desk.verified(K, desk.customer())
    _move(desk, case_id, S.IN_PROGRESS)
    with pytest.raises(GroundNotAllowed):
        desk.propose_refusal(case_id, "理由", RefusalGround.OTHER)
    desk.propose_refusal(case_id, "同封の個人情報保護方針をご覧ください。", RefusalGround.PURPOSES_CLEAR)
    with pytest.raises(IllegalTransition, match="awaits a supervisor's decision"):
        _record(desk, case_id)
    desk.decide(case_id, S.REFUSED, "承認")
    with desk.sessions.begin() as session:
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
    assert made.kind is LetterKind.REFUSAL
    assert "保有個人データの利用目的の通知のお求めにつきまして" in text
    assert "既に明らかであるため（個人情報の保護に関する法律第32条第2項第1号）" in text


def test_doctor_names_a_completed_notice_that_lost_what_it_told(desk: LetterCases) -> None:
    case_id = desk.verified(K, desk.customer())
    _record(desk, case_id)
    desk.complete(case_id)
    with desk.sessions() as session:
        assert examine(session, now=NOW, only=("policy", "identity")).problems == ()
    with desk.sessions.begin() as session:
        details = dict(session.get_one(Case, case_id).details)
        details["purposes_notice"] = {"version": 1, "items": []}
        session.execute(update(Case).where(Case.id == case_id).values(details=details))
    with desk.sessions() as session:
        found = [str(problem) for problem in examine(session, now=NOW, only=("policy",)).problems]
    case_no = desk.case_no(case_id)
    assert found == [
        f"policy answers: case {case_no}: completed, but what it told the customer is not recorded"
        " (with the version it came from)"
    ]


def _role() -> AgentRole:
    return AgentRole.AGENT


# --- the talk script, step by step as the wizard runs it --------------------------------------------------


SCRIPT = load_scripts(resources_dir() / "scripts")["purposes_notice"]


def _run(desk: LetterCases, company: CompanyProfile) -> tuple[int, dict[str, str]]:
    """The script from its start to its last action, the caller verified by documents."""
    customer_id = desk.customer()
    with desk.sessions.begin() as session:
        case_id = start_request(
            session, script=SCRIPT, customer_id=customer_id, agent_id=desk.agent, company=company, now=NOW
        ).case.case_id
        record_identity_check(
            session,
            case_id,
            agent_id=desk.agent,
            method=IdentityMethod.DOCUMENTS,
            detail=Documents(
                received_on=NOW.date(), document_type="運転免許証の写し", matched=NAME_AND_ADDRESS
            ),
            now=NOW,
        )
        facts = case_facts(session, session.get_one(Case, case_id))
    answers: dict[str, str] = {"verify_identity": "documents"}
    step: str | None = "verify_identity"
    while (step := next_step(SCRIPT, step, answers.get(step or ""), facts=facts)) is not None:
        if step == "fee":
            answers[step] = "yes"
        elif isinstance(SCRIPT.step(step).detail, Action):
            with desk.sessions.begin() as session:
                run_action(
                    session,
                    case_id,
                    script=SCRIPT,
                    step_id=step,
                    answers=answers,
                    inputs={"waive": False},
                    agent_id=desk.agent,
                    company=company,
                    now=NOW,
                )
            answers[step] = "done"
    with desk.sessions.begin() as session:
        finish_script(session, case_id, script=SCRIPT, answers=answers, agent_id=desk.agent, now=NOW)
    return case_id, answers


def test_the_script_without_a_fee_ends_with_the_case_completed(desk: LetterCases) -> None:
    case_id, answers = _run(desk, COMPANY)
    assert {"fee", "request_fee"}.isdisjoint(answers)
    assert _state(desk, case_id) is S.COMPLETED
    with desk.sessions() as session:
        assert session.get_one(Case, case_id).details["purposes_notice"]["version"] == 1


def test_the_script_with_a_fee_requests_it_and_leaves_the_case_waiting_for_it(desk: LetterCases) -> None:
    case_id, answers = _run(desk, CHARGING)
    assert (answers["fee"], answers["request_fee"]) == ("yes", "done")
    with desk.sessions() as session:
        view = get_case(session, case_id)
        recorded = session.get_one(Case, case_id).details["purposes_notice"]
    assert (view.state, view.fee_yen) == (S.FEE_PENDING, 404)
    assert recorded["items"] == list(COMPANY.purposes.items)
