"""Information on provision to third parties in foreign countries (APPI Art. 28(3), policy §5): the rules in
the core, without the window. A verified caller's case records the configured countries (each with its
protection system and the recipient's measures) and their version, free of charge; it completes only with
them recorded; its letter gives what was recorded; and `doctor` names a completed case that lost it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseKind, CaseState, FeeStatus, LetterKind, RefusalGround
from desk_app.domain.letter_rules import answering_letter
from desk_app.domain.lifecycle import IllegalTransition, next_states
from desk_app.domain.messages import JAPANESE, render
from desk_app.domain.refusal_grounds import grounds_for
from desk_app.domain.timeline import event_message
from desk_app.published_policy import ForeignCountry, ForeignTransfer
from desk_app.services.admin.doctor import examine
from desk_app.services.cases import letters
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.policy_answers import record_foreign_transfer
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.verified import IdentityNotVerified
from desk_app.storage.models import Case
from tests.support.letter_cases import COMPANY, NOW, LetterCases, pdf_text

S = CaseState
K = CaseKind.FOREIGN_TRANSFER
SINGAPORE = ForeignCountry(
    country="シンガポール共和国",
    recipient="物流の委託先（海外倉庫）",
    system="個人データ保護法（PDPA）があり、個人データ保護委員会が監督しています。",
    measures="契約により安全管理措置を定め、年1回確認しています。",
)


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _record(desk: LetterCases, case_id: int, information: ForeignTransfer = COMPANY.foreign_transfer) -> None:
    with desk.sessions.begin() as session:
        record_foreign_transfer(session, case_id, agent_id=desk.agent, information=information, now=NOW)


def _letter_text(desk: LetterCases, case_id: int) -> tuple[LetterKind, str]:
    with desk.sessions.begin() as session:
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
        return made.kind, pdf_text(
            letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview")
        )


def test_a_verified_caller_no_fee_and_a_letter_of_its_own() -> None:
    assert next_states(K, S.RECEIVED) == {S.IDENTITY_PENDING, S.WITHDRAWN}
    assert next_states(K, S.IDENTITY_VERIFIED, fee_yen=404) == {S.IN_PROGRESS, S.WITHDRAWN}  # Art. 38
    assert answering_letter(K, S.COMPLETED, {}, "2026-000001") is LetterKind.FOREIGN_TRANSFER_INFO
    assert answering_letter(K, S.REFUSED, {}, "2026-000001") is LetterKind.REFUSAL
    assert grounds_for(K, verified=True) == (RefusalGround.OTHER,)
    said = event_message("foreign_transfer_recorded", {"version": 3, "count": 2})
    assert str(said) == "Information on foreign recipients recorded for the letter: version 3, 2 countries"
    assert render(said, JAPANESE) == "外国にある第三者への提供に関する情報を記録: 第3版（2か国）"


def test_an_unverified_caller_is_told_nothing_and_nothing_is_written(desk: LetterCases) -> None:
    case_id = desk.opened(K, desk.customer())
    with pytest.raises(IdentityNotVerified):
        _record(desk, case_id)
    with desk.sessions() as session:
        assert [event.kind for event in case_events(session, case_id)] == ["opened"]


def test_the_countries_recorded_complete_the_case_and_its_letter_gives_them(desk: LetterCases) -> None:
    case_id = desk.verified(K, desk.customer())
    with pytest.raises(case_operations.FeeNotApplicable), desk.sessions.begin() as session:
        case_operations.record_fee(
            session, case_id, agent_id=desk.agent, status=FeeStatus.REQUESTED, company=COMPANY, now=NOW
        )
    _record(desk, case_id, ForeignTransfer(version=2, countries=(SINGAPORE,)))
    assert _state(desk, case_id) is S.IN_PROGRESS
    desk.complete(case_id)
    with desk.sessions() as session:
        recorded = session.get_one(Case, case_id).details["foreign_transfer"]
    assert recorded["version"] == 2
    assert recorded["countries"] == [dataclasses.asdict(SINGAPORE)]
    # Made after the configuration went back to its defaults: the letter gives what the case recorded.
    kind, text = _letter_text(desk, case_id)
    assert kind is LetterKind.FOREIGN_TRANSFER_INFO
    assert "1.シンガポール共和国" in text
    assert "個人データ保護法（PDPA）があり" in text
    assert "アメリカ合衆国" not in text
    assert "（第2版）" in text


def test_a_case_completes_only_with_what_it_told_recorded(desk: LetterCases) -> None:
    case_id = desk.verified(K, desk.customer())
    with pytest.raises(IllegalTransition):
        desk.complete(case_id)
    # A company that provides to no one abroad says so: an empty list is an answer too.
    _record(desk, case_id, ForeignTransfer(version=4, countries=()))
    desk.complete(case_id)
    assert "外国にある第三者に提供しておりません" in _letter_text(desk, case_id)[1]
    with desk.sessions() as session:
        assert examine(session, now=NOW, only=("policy", "identity")).problems == ()
    with desk.sessions.begin() as session:
        details = dict(session.get_one(Case, case_id).details)
        del details["foreign_transfer"]
        session.execute(update(Case).where(Case.id == case_id).values(details=details))
    with desk.sessions() as session:
        found = [str(problem) for problem in examine(session, now=NOW, only=("policy",)).problems]
    assert found == [
        f"policy answers: case {desk.case_no(case_id)}: completed, but what it told the customer is not"
        " recorded (with the version it came from)"
    ]


def _state(desk: LetterCases, case_id: int) -> CaseState:
    with desk.sessions() as session:
        return get_case(session, case_id).state
