"""A letter is mailable only while its case's outcome still calls for it: refusing, withdrawing or reopening
voids the unmailed letters (kept on file with the reason); a pending decision holds them."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseState, LetterKind
from desk_app.domain.messages import JAPANESE, render
from desk_app.services.cases import letters
from desk_app.services.cases.letter_views import MailMethod
from desk_app.services.cases.letters import (
    LetterNotMailable,
    generate_letter,
    letter_pdf,
    letters_of_case,
    mark_mailed,
    mark_printed,
    ready_letters,
)
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.transitions import reopen, transition
from tests.support.letter_cases import COMPANY, NOW, TODAY, LetterCases

S = CaseState


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _generate(desk: LetterCases, case_id: int) -> letters.LetterView:
    with desk.sessions.begin() as session:
        return generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)


def _move(desk: LetterCases, case_id: int, target: CaseState, who: str, **kwargs: object) -> None:
    with desk.sessions.begin() as session:
        transition(
            session,
            case_id,
            target,
            agent_id=desk.agents[who],
            expected_row_version=get_case(session, case_id).row_version,
            now=NOW,
            **kwargs,  # type: ignore[arg-type]
        )


def _ready(desk: LetterCases) -> dict[int, letters.LetterRow]:
    with desk.sessions() as session:
        return {row.letter_id: row for row in ready_letters(session)}


def _on_file(desk: LetterCases, case_id: int) -> dict[int, letters.LetterView]:
    with desk.sessions() as session:
        return {view.letter_id: view for view in letters_of_case(session, case_id)}


def _mail(desk: LetterCases, letter_id: int) -> None:
    with desk.sessions.begin() as session:
        mark_mailed(
            session, [letter_id], agent_id=desk.agents["printroom"], method=MailMethod.ORDINARY, on=TODAY
        )


def _waived_disclosure_with_its_letter(desk: LetterCases) -> tuple[int, int]:
    """The defect's path: fee waived, the letter made at the script's letter step, the case still at work."""
    case_id = desk.disclosure(desk.customer(), waive="生活保護受給のため", complete=False)
    letter = _generate(desk, case_id)
    assert letter.kind is LetterKind.DISCLOSURE
    assert letter.mailable
    return case_id, letter.letter_id


def test_a_refused_disclosure_voids_its_disclosure_letter(desk: LetterCases) -> None:
    case_id, disclosure = _waived_disclosure_with_its_letter(desk)
    desk.propose_refusal(case_id, "開示により第三者の権利を害するおそれがあるため")
    # While a supervisor decides, the letter is held: listed, with why, but never printed or mailed.
    held = _ready(desk)[disclosure]
    assert not held.mailable
    assert held.case_state is S.AWAITING_APPROVAL
    assert str(held.held) == f"case {held.case_no} awaits a supervisor's decision"
    assert render(held.held, JAPANESE) == f"案件 {held.case_no} は責任者の決定待ちです"
    with pytest.raises(LetterNotMailable, match="held"):
        _mail(desk, disclosure)
    with desk.sessions.begin() as session, pytest.raises(LetterNotMailable):
        mark_printed(session, [disclosure], agent_id=None)

    _move(desk, case_id, S.REFUSED, "supervisor", reason="承認します")

    voided = _on_file(desk, case_id)[disclosure]
    assert voided.voided_at is not None
    assert "refused" in (voided.void_reason or "")
    # Stored in English, it reads back as the message it was made from, in any language.
    assert voided.void_said is not None
    assert voided.void_said.code == "letter.calls_for_another"
    assert str(voided.void_said) == voided.void_reason
    assert render(voided.void_said, JAPANESE) == (
        f"案件 {voided.case_no} は「拒否」です。必要な書面は「拒否通知」で、この通知書ではありません"
    )
    assert not voided.mailable
    assert disclosure not in _ready(desk)
    with pytest.raises(LetterNotMailable, match="void"):
        _mail(desk, disclosure)
    with desk.sessions.begin() as session, pytest.raises(LetterNotMailable):
        letter_pdf(session, disclosure, agent_id=None, purpose="print")
    with desk.sessions.begin() as session:
        assert letter_pdf(session, disclosure, agent_id=desk.agent, purpose="preview")  # on file, readable
    with desk.sessions() as session:
        events = [event for event in case_events(session, case_id) if event.kind == "letter_voided"]
    assert [event.detail["letter_id"] for event in events] == [disclosure]

    # The refusal letter is the one the mail room now sees, and the only one.
    refusal = _generate(desk, case_id)
    assert refusal.kind is LetterKind.REFUSAL
    assert [row.letter_id for row in _ready(desk).values() if row.case_id == case_id] == [refusal.letter_id]


def test_a_denied_refusal_brings_the_held_letter_back(desk: LetterCases) -> None:
    case_id, disclosure = _waived_disclosure_with_its_letter(desk)
    desk.propose_refusal(case_id, "開示により第三者の権利を害するおそれがあるため")
    _move(desk, case_id, S.IN_PROGRESS, "supervisor", reason="開示できます")
    row = _ready(desk)[disclosure]
    assert row.mailable
    _mail(desk, disclosure)
    assert _on_file(desk, case_id)[disclosure].mailed


def test_withdrawing_voids_every_unmailed_letter(desk: LetterCases) -> None:
    case_id, disclosure = _waived_disclosure_with_its_letter(desk)
    _move(desk, case_id, S.WITHDRAWN, "agent", reason="お客様が取り下げ")
    view = _on_file(desk, case_id)[disclosure]
    assert view.voided_at is not None
    assert "withdrawn" in (view.void_reason or "")
    assert disclosure not in _ready(desk)


def test_reopening_voids_the_unmailed_letter_and_leaves_the_mailed_one(desk: LetterCases) -> None:
    customer = desk.customer()
    mailed_case = desk.suspension(customer)
    mailed = _generate(desk, mailed_case).letter_id
    _mail(desk, mailed)
    waiting_case = desk.disclosure(customer)
    waiting = _generate(desk, waiting_case).letter_id
    for case_id in (mailed_case, waiting_case):
        with desk.sessions.begin() as session:
            reopen(
                session,
                case_id,
                agent_id=desk.agents["supervisor"],
                reason="住所の誤りの申し出",
                expected_row_version=get_case(session, case_id).row_version,
                now=NOW,
            )
    assert _on_file(desk, mailed_case)[mailed].voided_at is None
    assert _on_file(desk, mailed_case)[mailed].mailed
    reopened = _on_file(desk, waiting_case)[waiting]
    assert reopened.voided_at is not None
    assert "reopened" in (reopened.void_reason or "")
    # Once decided again, a new letter is made; the void one is never handed back.
    desk.complete(waiting_case)
    again = _generate(desk, waiting_case)
    assert again.letter_id != waiting
    assert again.mailable
