"""The form a disclosure goes in (APPI Art. 33(1)): chosen and recorded; an electronic record only to the
registered e-mail address or one the case's identity check confirmed, never to one said on the call; when
the asked form is not possible, the case records why, the letter says so and the mail room posts it."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CaseKind, Delivery, DeliveryAddress, DeliveryObstacle, PhoneKind
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.messages import JAPANESE, InvalidRequest, render
from desk_app.domain.timeline import event_message
from desk_app.letters.content import DisclosureLetter, ProvisionRecordsLetter
from desk_app.services.cases import letters
from desk_app.services.cases.delivery import DeliveryRefused, choose_delivery
from desk_app.services.cases.identity import (
    Callback,
    CallbackResult,
    Documents,
    record_identity_check,
)
from desk_app.services.cases.letter_assembly import letter_for_case
from desk_app.services.cases.letter_views import LetterView
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.script_steps import ActionInputError
from desk_app.services.cases.scripts import case_context, check_identity
from desk_app.storage.models import Case, CaseEvent
from tests.support.letter_cases import COMPANY, NAME_AND_ADDRESS, NOW, TODAY, LetterCases, pdf_text

HOME = "03-1234-5678"


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _choose(desk: LetterCases, case_id: int, delivery: str, email: str | None = None) -> None:
    with desk.sessions.begin() as session:
        choose_delivery(session, case_id, agent_id=desk.agent, delivery=delivery, email=email, now=NOW)


def _delivery_events(desk: LetterCases, case_id: int) -> list[dict[str, object]]:
    with desk.sessions() as session:
        return [
            dict(detail)
            for detail in session.scalars(
                select(CaseEvent.detail).where(
                    CaseEvent.case_id == case_id, CaseEvent.kind == "delivery_chosen"
                )
            )
        ]


def _said(desk: LetterCases, case_id: int) -> tuple[str, str]:
    """The timeline's words for the case's last delivery choice, in English and Japanese."""
    with desk.sessions() as session:
        (event,) = [event for event in case_events(session, case_id) if event.kind == "delivery_chosen"][-1:]
    said = event_message(event.kind, event.detail)
    return str(said), render(said, JAPANESE)


def _sent(email: str, to: str) -> dict[str, str]:
    """The delivery recorded for an electronic record sent to `email`, a trusted address of kind `to`."""
    return {"method": "electronic", "email": email, "asked": "electronic", "to": to}


def _letter(desk: LetterCases, case_id: int) -> tuple[LetterView, str]:
    """The case's letter, made and stored, and its text as printed."""
    with desk.sessions.begin() as session:
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
        return made, pdf_text(
            letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview")
        )


def _verified_by(desk: LetterCases, customer_id: int, detail: Callback | Documents) -> int:
    case_id = desk.opened(CaseKind.DISCLOSURE, customer_id)
    method = IdentityMethod.CALLBACK if isinstance(detail, Callback) else IdentityMethod.DOCUMENTS
    with desk.sessions.begin() as session:
        result = record_identity_check(session, case_id, agent_id=desk.agent, method=method, detail=detail)
    assert result.verified
    return case_id


def test_an_electronic_record_goes_to_the_registered_address(desk: LetterCases) -> None:
    customer = desk.customer(email="hanako@example.jp")
    case_id = desk.verified(CaseKind.DISCLOSURE, customer)
    with desk.sessions() as session:
        assert (
            case_context(session, case_id, agent_id=desk.agent).electronic_address
            is DeliveryAddress.REGISTERED
        )
    _choose(desk, case_id, "electronic")

    with desk.sessions() as session:
        view = get_case(session, case_id)
        stored = session.get(Case, case_id)
        assert stored is not None
    assert stored.details["delivery"] == _sent("hanako@example.jp", "registered")
    assert view.delivery is not None
    assert (view.delivery.asked, view.delivery.used, view.delivery.to) == (
        Delivery.ELECTRONIC,
        Delivery.ELECTRONIC,
        DeliveryAddress.REGISTERED,
    )
    assert not view.delivery.not_possible
    assert _said(desk, case_id) == (
        "Delivery chosen: electronic record to the registered e-mail address",
        "交付方法: 電磁的記録（ご登録のメールアドレスあて）",
    )


def test_an_address_said_on_the_call_is_refused_and_nothing_is_written(desk: LetterCases) -> None:
    customer = desk.customer(email="hanako@example.jp")
    case_id = desk.verified(CaseKind.DISCLOSURE, customer)
    with desk.sessions() as session:
        before = session.get(Case, case_id)
        assert before is not None
        version = before.row_version
    with pytest.raises(DeliveryRefused, match="never to an address given on the call"):
        _choose(desk, case_id, "electronic", email="someone.else@example.jp")
    with desk.sessions() as session:
        after = session.get(Case, case_id)
        assert after is not None
        assert "delivery" not in after.details
        assert after.row_version == version
    assert _delivery_events(desk, case_id) == []
    # The registered address named again (as a person types it) is the registered address.
    _choose(desk, case_id, "electronic", email=" ＨＡＮＡＫＯ＠example.jp ")
    (chosen,) = _delivery_events(desk, case_id)
    assert chosen["after"] == _sent("hanako@example.jp", "registered")


def test_without_a_trusted_address_the_case_records_why_and_the_letter_is_posted(desk: LetterCases) -> None:
    customer = desk.customer()  # no e-mail address on the record
    case_id = desk.disclosure(customer, electronic=True, complete=False)
    with desk.sessions() as session:
        view = get_case(session, case_id)
        assert case_context(session, case_id, agent_id=desk.agent).electronic_address is None
    assert view.delivery is not None
    assert (view.delivery.asked, view.delivery.used, view.delivery.obstacle) == (
        Delivery.ELECTRONIC,
        Delivery.LETTER,
        DeliveryObstacle.NO_ADDRESS,
    )
    assert view.delivery.not_possible
    assert _said(desk, case_id) == (
        "Electronic record asked for but not possible "
        "(no e-mail address registered or confirmed in the case): letter",
        "電磁的記録のご請求、交付困難のため書面（登録または本人確認で確認したメールアドレスなし）",
    )

    made, text = _letter(desk, case_id)
    # The mail room posts it: the electronic record was not possible.
    assert made.delivery is Delivery.LETTER
    with desk.sessions() as session:
        (row,) = letters.ready_letters(session)
    assert row.delivery is Delivery.LETTER
    # The form asked for, the form used, why the asked one was not possible, and the article.
    for said in (
        "4.開示の方法",
        "ご請求の方法電磁的記録の提供",
        "開示の方法書面の交付",
        "電磁的記録の提供による開示は",
        "がございませんため、困難でございます",
        "個人情報の保護に関する法律第33条第2項の定めにより、本書面の交付により開示いたします",
    ):
        assert said in text


def test_an_address_confirmed_by_a_callback_is_one_the_record_may_go_to(desk: LetterCases) -> None:
    customer = desk.customer(phones=((PhoneKind.HOME, HOME),))  # no e-mail address on the record
    callback = Callback(dialled=HOME, at=NOW, result=CallbackResult.ANSWERED, email="ｊｉｒｏ＠example.jp")
    case_id = _verified_by(desk, customer, callback)
    with desk.sessions() as session:
        stored = session.get(Case, case_id)
        assert stored is not None
        assert stored.details["identity"]["checked"]["email"] == "jiro@example.jp"
        assert (
            case_context(session, case_id, agent_id=desk.agent).electronic_address
            is DeliveryAddress.CONFIRMED
        )
    _choose(desk, case_id, "electronic")
    (chosen,) = _delivery_events(desk, case_id)
    assert chosen["after"] == _sent("jiro@example.jp", "confirmed")


def test_the_request_forms_address_is_confirmed_with_the_documents_and_preferred(desk: LetterCases) -> None:
    customer = desk.customer(email="old@example.jp")
    documents = Documents(
        received_on=TODAY,
        document_type="開示請求書と運転免許証の写し",
        matched=NAME_AND_ADDRESS,
        email="new@example.jp",
    )
    case_id = _verified_by(desk, customer, documents)
    # The address the customer confirmed in this request is the newer word on where they read mail.
    _choose(desk, case_id, "electronic")
    (chosen,) = _delivery_events(desk, case_id)
    assert (chosen["after"]["email"], chosen["after"]["to"]) == ("new@example.jp", "confirmed")  # type: ignore[index]


def test_a_check_that_did_not_verify_confirms_no_address(desk: LetterCases) -> None:
    customer = desk.customer(phones=((PhoneKind.HOME, HOME),))
    case_id = desk.opened(CaseKind.DISCLOSURE, customer)
    unanswered = Callback(dialled=HOME, at=NOW, result=CallbackResult.NOT_REACHED, email="jiro@example.jp")
    answered = Callback(dialled=HOME, at=NOW, result=CallbackResult.ANSWERED)
    with desk.sessions.begin() as session:
        for detail in (unanswered, answered):
            record_identity_check(
                session, case_id, agent_id=desk.agent, method=IdentityMethod.CALLBACK, detail=detail
            )
    _choose(desk, case_id, "electronic")
    (chosen,) = _delivery_events(desk, case_id)
    assert chosen["after"]["obstacle"] == "no_address"  # type: ignore[index]


def test_a_confirmed_address_that_is_none_is_refused_before_anything_is_written(desk: LetterCases) -> None:
    customer = desk.customer(phones=((PhoneKind.HOME, HOME),))
    case_id = desk.opened(CaseKind.DISCLOSURE, customer)
    bad = Callback(dialled=HOME, at=NOW, result=CallbackResult.ANSWERED, email="jiro at example")
    with desk.sessions.begin() as session, pytest.raises(InvalidRequest, match="not an e-mail address"):
        record_identity_check(
            session, case_id, agent_id=desk.agent, method=IdentityMethod.CALLBACK, detail=bad
        )
    # From the wizard's identity step the refusal names the field.
    typed = {"dialled": HOME, "result": "answered", "email": "jiro at example"}
    with desk.sessions.begin() as session, pytest.raises(ActionInputError) as named:
        check_identity(session, case_id, agent_id=desk.agent, method=IdentityMethod.CALLBACK, inputs=typed)
    assert named.value.field == "email"
    with desk.sessions() as session:
        assert [event.kind for event in case_events(session, case_id)] == ["opened"]


def test_the_letter_states_the_form_used_and_the_form_no_longer_changes(desk: LetterCases) -> None:
    customer = desk.customer(email="hanako@example.jp")
    electronic = desk.disclosure(customer, electronic=True, complete=False)
    posted = desk.disclosure(customer, complete=False)
    with desk.sessions() as session:
        sent = letter_for_case(session, electronic, today=TODAY)
        mailed = letter_for_case(session, posted, today=TODAY)
    assert isinstance(sent, DisclosureLetter)
    assert isinstance(mailed, DisclosureLetter)
    assert sent.delivery is not None
    assert mailed.delivery is not None
    assert (sent.delivery.used, sent.delivery.to, sent.delivery.not_possible) == (
        Delivery.ELECTRONIC,
        DeliveryAddress.REGISTERED,
        None,
    )
    assert (mailed.delivery.asked, mailed.delivery.used) == (Delivery.LETTER, Delivery.LETTER)

    made, text = _letter(desk, electronic)
    assert made.delivery is Delivery.ELECTRONIC
    assert "当社にご登録のメールアドレスあてに電子メールでお送りしております" in text
    assert "hanako@example.jp" in text  # as item 1 discloses it, not as where it went
    with pytest.raises(DeliveryRefused, match="already states how it is delivered"):
        _choose(desk, electronic, "letter")


def test_a_provision_records_letter_states_the_form_under_article_33_5(desk: LetterCases) -> None:
    customer = desk.customer(provisions=("株式会社ロジ配送",))
    case_id = desk.disclosure(customer, kind=CaseKind.PROVISION_DISCLOSURE, electronic=True, complete=False)
    with desk.sessions() as session:
        letter = letter_for_case(session, case_id, today=TODAY)
    assert isinstance(letter, ProvisionRecordsLetter)
    assert letter.delivery is not None
    assert letter.delivery.not_possible is DeliveryObstacle.NO_ADDRESS
    _, text = _letter(desk, case_id)
    assert "第33条第5項において準用する同条第2項の定めにより、本書面の交付により開示いたします" in text


def test_a_choice_recorded_before_the_asked_form_was_kept_reads_as_asked_for_what_it_used() -> None:
    from desk_app.services.cases.records import delivery_form_of

    older = delivery_form_of({"delivery": {"method": "electronic", "email": "a@example.jp"}})
    assert older is not None
    assert dataclasses.astuple(older) == (Delivery.ELECTRONIC, Delivery.ELECTRONIC, None, None)
    assert delivery_form_of({}) is None
