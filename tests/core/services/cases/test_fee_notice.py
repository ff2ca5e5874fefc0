"""The fee-payment notice: stored when a disclosure's fee is requested, saying how much, how to pay, by when
and where; voided — never printed or mailed — once the fee is received or waived or the case withdrawn."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.config import CompanyProfile, FeePaymentMethod, parse_config
from desk_app.domain.enums import CaseKind, CaseState, FeeStatus, LetterKind
from desk_app.services.admin import doctor
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.letter_views import LetterView, MailMethod
from desk_app.services.cases.letters import (
    LetterNotMailable,
    letter_pdf,
    letters_of_case,
    mark_mailed,
    ready_letters,
)
from desk_app.services.cases.records import case_events, get_case
from desk_app.storage.models import Letter
from tests.support.letter_cases import COMPANY, NOW, TODAY, LetterCases, pdf_text

BANK = FeePaymentMethod(
    name="銀行振込",
    how="架空銀行佐世保支店 普通預金 1234567 カ）ミライツウハン へお振り込みください。",
)


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _notices(desk: LetterCases, case_id: int) -> list[LetterView]:
    with desk.sessions() as session:
        return [
            view for view in letters_of_case(session, case_id) if view.kind is LetterKind.FEE_PAYMENT_NOTICE
        ]


def _problems(desk: LetterCases) -> list[doctor.Problem]:
    with desk.sessions() as session:
        return [p for p in doctor.examine(session, now=NOW).problems if p.check == "letters"]


def test_requesting_the_fee_stores_the_notice_ready_for_the_mail_room(desk: LetterCases) -> None:
    case_id = desk.fee_requested(desk.customer())
    [notice] = _notices(desk, case_id)
    assert notice.mailable
    with desk.sessions() as session:
        ready = [row for row in ready_letters(session) if row.case_id == case_id]
        assert [(row.kind, row.held) for row in ready] == [(LetterKind.FEE_PAYMENT_NOTICE, None)]
        kinds = [event.detail.get("kind") for event in case_events(session, case_id)]
    assert "fee_payment_notice" in kinds
    assert _problems(desk) == []


def test_the_notice_says_how_much_how_to_pay_by_when_and_where(desk: LetterCases) -> None:
    company = CompanyProfile(
        fee_payment_methods=(*CompanyProfile().fee_payment_methods, BANK), fee_payment_days=10
    )
    case_id = desk.fee_requested(desk.customer(), company=company)
    [notice] = _notices(desk, case_id)
    with desk.sessions.begin() as session:
        text = pdf_text(letter_pdf(session, notice.letter_id, agent_id=desk.agent, purpose="print"))
    assert "手数料のご案内" in text
    assert "山田花子様" in text
    assert "〒150-0001" in text
    assert desk.case_no(case_id) in text
    assert "保有個人データの開示のご請求" in text
    assert "¥404（税込）" in text
    assert "2026年11月30日（必着）" in text  # ten days after the notice
    assert "①定額小為替" in text
    assert "受取人欄は何も記入せずに" in text
    assert "②銀行振込" in text
    assert "普通預金1234567" in text
    assert "〒857-0000" in text
    assert "長崎県佐世保市架空町1-2-3" in text
    assert "フリーダイヤル0120-000-000" in text


def test_a_provision_records_request_names_its_own_request(desk: LetterCases) -> None:
    case_id = desk.fee_requested(desk.customer(), kind=CaseKind.PROVISION_DISCLOSURE)
    [notice] = _notices(desk, case_id)
    with desk.sessions.begin() as session:
        text = pdf_text(letter_pdf(session, notice.letter_id, agent_id=desk.agent, purpose="preview"))
    assert "第三者提供記録の開示のご請求" in text


def test_requesting_the_fee_twice_keeps_one_notice(desk: LetterCases) -> None:
    case_id = desk.fee_requested(desk.customer())
    with desk.sessions.begin() as session:
        case_operations.record_fee(
            session, case_id, agent_id=desk.agent, status=FeeStatus.REQUESTED, company=COMPANY, now=NOW
        )
    assert len(_notices(desk, case_id)) == 1


def test_a_fee_request_needs_the_company_that_signs_the_notice(desk: LetterCases) -> None:
    case_id = desk.verified(CaseKind.DISCLOSURE, desk.customer())
    with desk.sessions() as session, pytest.raises(ValueError, match="fee-payment notice"):
        case_operations.record_fee(session, case_id, agent_id=desk.agent, status=FeeStatus.REQUESTED, now=NOW)


def _receive(desk: LetterCases, case_id: int) -> None:
    desk.fee_received(case_id)


def _waive(desk: LetterCases, case_id: int) -> None:
    with desk.sessions.begin() as session:
        case_operations.record_fee(
            session, case_id, agent_id=desk.agent, status=FeeStatus.WAIVED, reason="当社の誤りのため", now=NOW
        )


def _withdraw(desk: LetterCases, case_id: int) -> None:
    desk.withdraw(case_id)


@pytest.mark.parametrize(
    ("settle", "why"),
    [(_receive, "the fee was received"), (_waive, "the fee was waived"), (_withdraw, "is withdrawn")],
    ids=["received", "waived", "withdrawn"],
)
def test_the_notice_is_void_once_no_fee_is_awaited_and_never_goes_out(
    desk: LetterCases, settle: Callable[[LetterCases, int], None], why: str
) -> None:
    case_id = desk.fee_requested(desk.customer())
    [before] = _notices(desk, case_id)
    settle(desk, case_id)
    [after] = _notices(desk, case_id)
    assert after.voided_at is not None
    assert why in after.void_reason
    letter_id = before.letter_id
    with desk.sessions() as session:
        assert all(row.letter_id != letter_id for row in ready_letters(session))
        with pytest.raises(LetterNotMailable, match="void"):
            mark_mailed(
                session, [letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY, now=NOW
            )
        with pytest.raises(LetterNotMailable, match="void"):
            letter_pdf(session, letter_id, agent_id=desk.agent, purpose="print")
        voided = [e.detail for e in case_events(session, case_id) if e.kind == "letter_voided"]
    assert [detail["letter_id"] for detail in voided] == [letter_id]
    assert _problems(desk) == []


def test_a_notice_left_unvoided_after_the_fee_came_is_held_and_reported(desk: LetterCases) -> None:
    """The rule itself, not only the voiding: a notice whose case no longer awaits the fee never goes out."""
    case_id = desk.fee_requested(desk.customer())
    [notice] = _notices(desk, case_id)
    with desk.sessions.begin() as session:
        case = get_case(session, case_id)
        assert case.state is CaseState.FEE_PENDING
    _receive(desk, case_id)
    with desk.sessions.begin() as session:
        # As if the voiding had been skipped: the rule still keeps the notice from the print room.
        row = session.get(Letter, notice.letter_id)
        assert row is not None
        row.voided_at, row.void_reason = None, None
    with desk.sessions() as session:
        [held] = [r for r in ready_letters(session) if r.letter_id == notice.letter_id]
    assert held.held is not None
    assert "fee was received" in str(held.held)
    assert [p.subject for p in _problems(desk)] == [f"letter {notice.letter_id}"]


def test_a_customer_without_an_address_gets_no_notice_and_the_case_says_so(desk: LetterCases) -> None:
    case_id = desk.fee_requested(desk.customer(postal_code=None, street=None, city=None, prefecture=None))
    assert _notices(desk, case_id) == []
    with desk.sessions() as session:
        assert get_case(session, case_id).state is CaseState.FEE_PENDING
        [missed] = [e.detail for e in case_events(session, case_id) if e.kind == "letter_not_generated"]
    assert missed["kind"] == "fee_payment_notice"


def test_payment_methods_and_days_come_from_the_configuration() -> None:
    config = parse_config(
        """
        [company]
        fee_payment_days = 21
        [[company.fee_payment_methods]]
        name = "銀行振込"
        how = "架空銀行 普通 1234567 へ"
        """
    )
    assert config.company.fee_payment_days == 21
    assert config.company.fee_payment_methods == (
        FeePaymentMethod(name="銀行振込", how="架空銀行 普通 1234567 へ"),
    )
    default = parse_config("").company
    assert [method.name for method in default.fee_payment_methods] == ["定額小為替"]
    assert default.fee_payment_days == 14
