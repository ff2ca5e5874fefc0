"""Letters from the database: assembled from real rows, read back from the stored PDF, stored with their
SHA-256, reprinted identically, queued, printed and mailed once; the deletion letter outlives the data."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, CaseKind, CustomerState, Delivery, LetterKind, PhoneKind
from desk_app.domain.letter_rules import LetterNotApplicable
from desk_app.letters.content import FIELD_LABELS, DisclosureLetter
from desk_app.services.access_log import NO_ONE
from desk_app.services.cases import letters
from desk_app.services.cases.letter_assembly import letter_for_case
from desk_app.services.cases.letter_views import MailMethod, mail_method_label
from desk_app.services.cases.letters import (
    LetterAlreadyMailed,
    LetterTampered,
    generate_letter,
    letter_pdf,
    letters_of_case,
    mark_mailed,
    mark_printed,
    ready_letters,
)
from desk_app.services.cases.records import case_events
from desk_app.storage.models import AccessLogEntry, CaseEvent, Customer, Letter
from tests.support.letter_cases import COMPANY, NOW, TODAY, LetterCases, Purchase

PURCHASES = (
    Purchase("T2026-0001", (("羽毛掛け布団", 1), ("枕カバー", 2)), 29800),
    Purchase(
        "W2026-0002",
        (("電動歯ブラシ", 1),),
        12800,
        ordered_at=dt.datetime(2026, 6, 7, 3, 0, tzinfo=dt.UTC),
    ),
)
ADDRESS = ("東京都", "渋谷区", "神宮前1-2-3", "グリーンハイツ405")


def text_of(pdf: bytes) -> str:
    """The letter's text with white space removed, so line breaks inside a value do not matter."""
    pages = PdfReader(io.BytesIO(pdf)).pages
    return "".join("".join(page.extract_text().split()) for page in pages)


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _generate(desk: LetterCases, case_id: int) -> letters.LetterView:
    with desk.sessions.begin() as session:
        return generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)


def _pdf(desk: LetterCases, letter_id: int, purpose: str = "print", agent_id: int | None = None) -> bytes:
    with desk.sessions.begin() as session:
        return letter_pdf(session, letter_id, agent_id=agent_id, purpose=purpose)


def _events(desk: LetterCases, case_id: int, kind: str) -> list[dict[str, object]]:
    with desk.sessions() as session:
        return [event.detail for event in case_events(session, case_id) if event.kind == kind]


# --- what each letter says, read back from the stored PDF ---------------------------------------------------


def test_disclosure_letter_shows_name_address_every_order_and_the_fee(desk: LetterCases) -> None:
    customer = desk.customer(purchases=PURCHASES)
    case_id = desk.disclosure(customer)
    letter = _generate(desk, case_id)
    assert letter.kind is LetterKind.DISCLOSURE
    text = text_of(_pdf(desk, letter.letter_id))
    for expected in ("山田花子", "ヤマダハナコ", "〒150-0001", *ADDRESS, "03-1234-5678"):
        assert expected in text, expected
    for purchase in PURCHASES:
        assert purchase.order_no in text
        for product, quantity in purchase.products:
            assert f"{product}×{quantity}" in text
    assert "ご購入履歴（2件）" in text
    assert "¥29,800" in text
    assert "¥42,600" in text
    assert "開示手数料¥404（税込）を、2026年11月18日に郵便定額小為替にて確かに受領いたしました" in text
    assert desk.case_no(case_id) in text
    assert "2026年11月10日にお申し出いただきました" in text  # the day the request came in, in Japan
    assert "2026年11月20日" in text  # dated the day it was made


def test_no_birth_date_held_says_so_and_no_workplace_without_shopping_credit(desk: LetterCases) -> None:
    customer = desk.customer(workplace_name="株式会社どこか商事", workplace_phone="03-9999-0000")
    text = text_of(_pdf(desk, _generate(desk, desk.disclosure(customer)).letter_id))
    assert "生年月日お預かりしておりません" in text
    assert "生年月日は、当社がお預かりしている場合に限り開示しております" in text
    # A workplace held without shopping credit is never read into the letter, let alone printed.
    assert "お勤め先" not in text
    assert "どこか商事" not in text
    assert "03-9999-0000" not in text
    assert "当社でお預かりしているご購入履歴はございません" in text


def test_shopping_credit_discloses_the_workplace_and_a_held_birth_date(desk: LetterCases) -> None:
    customer = desk.customer(
        birth_date=dt.date(1980, 1, 2),
        shopping_credit=True,
        workplace_name="株式会社どこか商事",
        workplace_phone="03-9999-0000",
        phones=((PhoneKind.HOME, "03-1234-5678"), (PhoneKind.MOBILE, "090-1111-2222")),
    )
    case_id = desk.disclosure(customer, waive="生活保護を受給されているため")
    text = text_of(_pdf(desk, _generate(desk, case_id).letter_id))
    assert "生年月日1980年1月2日" in text
    assert "お預かりしている場合に限り" not in text
    assert "お勤め先名称株式会社どこか商事" in text
    assert "お勤め先電話番号03-9999-0000" in text
    assert "090-1111-2222" in text
    # Why the fee was waived is the agent's note: the customer reads only that it was not charged.
    assert "このたびの開示手数料は、頂戴しておりません。" in text
    assert "生活保護" not in text


def test_assembly_takes_the_values_from_the_rows(desk: LetterCases) -> None:
    customer = desk.customer(building=None, purchases=PURCHASES[:1])
    case_id = desk.disclosure(customer, complete=False)
    with desk.sessions() as session:
        letter = letter_for_case(session, case_id, today=TODAY)
    assert isinstance(letter, DisclosureLetter)
    assert letter.recipient.address_lines == ("東京都渋谷区神宮前1-2-3",)
    assert letter.address == "東京都渋谷区神宮前1-2-3"
    assert letter.birth_date is None
    assert not letter.shopping_credit
    assert letter.workplace_name is None
    assert [order.order_no for order in letter.orders] == ["T2026-0001"]
    assert letter.requested_on == dt.date(2026, 11, 10)


def test_provision_records_letter_lists_each_recipient(desk: LetterCases) -> None:
    customer = desk.customer(provisions=("配送株式会社", "修理サービス株式会社"))
    case_id = desk.disclosure(customer, kind=CaseKind.PROVISION_DISCLOSURE)
    letter = _generate(desk, case_id)
    assert letter.kind is LetterKind.PROVISION_RECORDS
    text = text_of(_pdf(desk, letter.letter_id))
    assert "配送株式会社" in text
    assert "修理サービス株式会社" in text
    assert "山田花子" in text  # the addressee


def test_correction_letter_shows_each_field_before_and_after(desk: LetterCases) -> None:
    customer = desk.customer()
    case_id = desk.correction(customer, {"city": "目黒区", "phone_mobile": "090-3333-4444"})
    letter = _generate(desk, case_id)
    assert letter.kind is LetterKind.CORRECTION_COMPLETED
    text = text_of(_pdf(desk, letter.letter_id))
    assert f"{FIELD_LABELS['city']}渋谷区目黒区" in text
    assert f"{FIELD_LABELS['phone_mobile']}（登録なし）090-3333-4444" in text
    assert "目黒区神宮前1-2-3" in text  # mailed to the corrected address


def test_mailing_stopped_letter_names_the_mailings_and_the_day(desk: LetterCases) -> None:
    case_id = desk.suspension(desk.customer(), effective=dt.date(2026, 12, 1))
    letter = _generate(desk, case_id)
    assert letter.kind is LetterKind.MAILING_STOPPED
    text = text_of(_pdf(desk, letter.letter_id))
    assert "停止したご案内カタログ、ダイレクトメール" in text
    assert "メールマガジン" not in text
    assert "停止日2026年12月1日" in text


def test_refusal_letter_gives_the_approved_reason(desk: LetterCases) -> None:
    case_id = desk.refusal(desk.customer(), "ご本人であることを確認できなかったため")
    letter = _generate(desk, case_id)
    assert letter.kind is LetterKind.REFUSAL
    text = text_of(_pdf(desk, letter.letter_id))
    assert "ご本人であることを確認できなかったため" in text
    assert "保有個人データの開示のご請求についてのご回答" in text


def test_cases_without_a_letter_say_why_and_write_nothing(desk: LetterCases) -> None:
    customer = desk.customer()
    complaint = desk.opened(CaseKind.COMPLAINT, customer)
    received = desk.opened(CaseKind.DISCLOSURE, customer)
    unpaid = desk.verified(CaseKind.DISCLOSURE, customer)
    correction_open = desk.verified(CaseKind.CORRECTION, customer)
    for case_id, match in (
        (complaint, "not answered by letter"),
        (received, "fee"),
        (unpaid, "fee"),
        (correction_open, "nothing is decided"),
    ):
        with desk.sessions() as session, pytest.raises(LetterNotApplicable, match=match):
            generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
    with desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Letter)) == 0
    assert issubclass(LetterNotApplicable, ValueError)


# --- stored, reprinted, checked ----------------------------------------------------------------------------


def test_the_stored_sha256_is_the_pdfs_and_a_reprint_is_identical(desk: LetterCases) -> None:
    case_id = desk.disclosure(desk.customer(purchases=PURCHASES))
    letter = _generate(desk, case_id)
    with desk.sessions() as session:
        row = session.get(Letter, letter.letter_id)
        assert row is not None
        assert row.sha256 == hashlib.sha256(row.pdf).hexdigest() == letter.sha256
        assert (row.case_id, row.created_by_id, row.created_at) == (case_id, desk.agent, NOW)
        assert letter.size_bytes == len(row.pdf)
    first = _pdf(desk, letter.letter_id, "preview", desk.agent)
    again = _pdf(desk, letter.letter_id, "print")
    exported = _pdf(desk, letter.letter_id, "export")
    assert first == again == exported
    assert hashlib.sha256(again).hexdigest() == letter.sha256
    assert _events(desk, case_id, "letter_generated") == [
        {"letter_id": letter.letter_id, "kind": "disclosure", "sha256": letter.sha256}
    ]
    with desk.sessions() as session:
        logged = session.execute(
            select(
                AccessLogEntry.agent_id, AccessLogEntry.action, AccessLogEntry.detail, AccessLogEntry.case_id
            )
            .where(AccessLogEntry.action.in_([AccessAction.VIEW, AccessAction.PRINT, AccessAction.EXPORT]))
            .order_by(AccessLogEntry.id)
        ).all()
    assert [(agent, action) for agent, action, _, _ in logged] == [
        (desk.agent, AccessAction.VIEW),
        (None, AccessAction.PRINT),
        (None, AccessAction.EXPORT),
    ]
    assert {case for *_, case in logged} == {case_id}
    for agent, _, detail, _ in logged:
        # The headless print and export say that no one signed in made them.
        assert detail.startswith(f"{'' if agent else NO_ONE}letter {letter.letter_id} (disclosure)")
        assert "山田" not in detail
        assert "渋谷" not in detail


def test_generating_again_returns_the_letter_waiting_to_be_mailed(desk: LetterCases) -> None:
    case_id = desk.disclosure(desk.customer())
    first = _generate(desk, case_id)
    second = _generate(desk, case_id)
    assert second == first
    with desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Letter)) == 1
    assert len(_events(desk, case_id, "letter_generated")) == 1
    # Once it has gone, asking again makes a new letter (a second copy is a letter of its own).
    with desk.sessions.begin() as session:
        mark_mailed(session, [first.letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY)
    third = _generate(desk, case_id)
    assert third.letter_id != first.letter_id
    assert third.sha256 == first.sha256  # the same content on the same day gives the same bytes
    with desk.sessions() as session:
        assert [view.letter_id for view in letters_of_case(session, case_id)] == [
            first.letter_id,
            third.letter_id,
        ]


def test_a_tampered_letter_is_not_handed_out(desk: LetterCases) -> None:
    letter = _generate(desk, desk.disclosure(desk.customer()))
    with desk.sessions.begin() as session:
        pdf = session.get(Letter, letter.letter_id).pdf  # type: ignore[union-attr]
        changed = pdf[:200] + bytes([pdf[200] ^ 1]) + pdf[201:]
        session.execute(update(Letter).where(Letter.id == letter.letter_id).values(pdf=changed))
    with desk.sessions() as session, pytest.raises(LetterTampered, match=str(letter.letter_id)):
        letter_pdf(session, letter.letter_id, agent_id=None, purpose="print")
    with desk.sessions() as session, pytest.raises(ValueError, match="purpose"):
        letter_pdf(session, letter.letter_id, agent_id=None, purpose="fax")


# --- printed and mailed ------------------------------------------------------------------------------------


def test_a_letter_is_mailed_once_with_its_method_and_day(desk: LetterCases) -> None:
    case_id = desk.disclosure(desk.customer())
    letter = _generate(desk, case_id)
    with desk.sessions.begin() as session:
        (printed,) = mark_printed(session, [letter.letter_id], agent_id=desk.agent, now=NOW)
    assert printed.printed_at == NOW
    assert not printed.mailed
    with desk.sessions.begin() as session:
        (mailed,) = mark_mailed(
            session,
            [letter.letter_id],
            agent_id=desk.agent,
            method=MailMethod.SIMPLE_REGISTERED,
            on=dt.date(2026, 11, 21),
            now=NOW,
        )
    assert mailed.mailed_on == dt.date(2026, 11, 21)
    assert mailed.mail_method is MailMethod.SIMPLE_REGISTERED
    assert mail_method_label(mailed.mail_method) == "簡易書留"
    assert _events(desk, case_id, "letter_mailed") == [
        {
            "letter_id": letter.letter_id,
            "kind": "disclosure",
            "method": "simple_registered",
            "on": "2026-11-21",
        }
    ]
    assert [event["letter_id"] for event in _events(desk, case_id, "letter_printed")] == [letter.letter_id]
    with desk.sessions() as session, pytest.raises(LetterAlreadyMailed):
        mark_mailed(session, [letter.letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY)
    assert len(_events(desk, case_id, "letter_mailed")) == 1
    labels = {mail_method_label(method) for method in letters.POSTAL_METHODS}
    assert labels == {"普通郵便", "簡易書留", "本人限定受取郵便"}


def test_mailing_is_all_or_nothing_and_electronic_only_for_electronic_delivery(desk: LetterCases) -> None:
    customer = desk.customer()
    posted = _generate(desk, desk.disclosure(customer))
    other = _generate(desk, desk.suspension(customer))
    with desk.sessions.begin() as session:
        mark_mailed(session, [posted.letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY)
    with desk.sessions() as session, pytest.raises(LetterAlreadyMailed):
        mark_mailed(
            session,
            [other.letter_id, posted.letter_id],
            agent_id=desk.agent,
            method=MailMethod.ORDINARY,
            on=TODAY,
        )
    with desk.sessions() as session, pytest.raises(ValueError, match="postal"):
        mark_mailed(session, [other.letter_id], agent_id=desk.agent, method=MailMethod.ELECTRONIC, on=TODAY)
    with desk.sessions() as session:
        assert session.get(Letter, other.letter_id).mailed_at is None  # type: ignore[union-attr]


def test_ready_letters_pages_oldest_first_and_says_how_each_leaves(desk: LetterCases) -> None:
    customers = [
        desk.customer(name=f"顧客 {n}", name_kana=f"コキャク {n}", email=f"customer{n}@example.jp")
        for n in range(3)
    ]
    made = [
        _generate(desk, desk.disclosure(customers[0])),
        _generate(desk, desk.disclosure(customers[1], electronic=True)),
        _generate(desk, desk.suspension(customers[2])),
        _generate(desk, desk.correction(customers[0], {"building": "ブルーハイツ101"})),
        _generate(desk, desk.refusal(customers[1], "確認できなかったため")),
    ]
    with desk.sessions.begin() as session:
        mark_mailed(session, [made[2].letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY)
    waiting = [made[n] for n in (0, 1, 3, 4)]
    pages = []
    after = None
    with desk.sessions() as session:
        while page := ready_letters(session, limit=2, after_id=after):
            pages.append(page)
            after = page[-1].letter_id
    assert [len(page) for page in pages] == [2, 2]
    rows = [row for page in pages for row in page]
    assert [row.letter_id for row in rows] == [letter.letter_id for letter in waiting]
    assert [row.kind for row in rows] == [letter.kind for letter in waiting]
    assert [row.delivery for row in rows] == [
        Delivery.LETTER,
        Delivery.ELECTRONIC,
        Delivery.LETTER,
        Delivery.LETTER,
    ]
    assert rows[0].customer_no == "80000001"
    assert rows[0].case_no == made[0].case_no
    assert rows[0].sha256 == made[0].sha256
    assert rows[0].printed_at is None
    # An electronic letter is exported, then recorded as sent electronically.
    with desk.sessions.begin() as session:
        assert letter_pdf(session, rows[1].letter_id, agent_id=None, purpose="export")
        mark_mailed(session, [rows[1].letter_id], agent_id=desk.agent, method=MailMethod.ELECTRONIC, on=TODAY)
    with desk.sessions() as session:
        assert len(ready_letters(session)) == 3


# --- deletion: the letter is made before the data goes ---------------------------------------------------


def test_the_deletion_letter_is_stored_as_the_data_is_erased(desk: LetterCases) -> None:
    customer = desk.customer(purchases=PURCHASES[:1])
    case_id, erased = desk.deletion(customer)
    assert erased.letter_id is not None
    with desk.sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert record.state is CustomerState.ERASED
        assert (record.name, record.postal_code, record.prefecture, record.street, record.building) == (
            None,
            None,
            None,
            None,
            None,
        )
        (letter,) = letters_of_case(session, case_id)
        # The letter was made first in the same transaction: its event comes before the erasure's.
        kinds = [event.kind for event in case_events(session, case_id)]
        assert kinds.index("letter_generated") < kinds.index("erased")
    assert letter.letter_id == erased.letter_id
    assert letter.kind is LetterKind.DELETION_COMPLETED
    assert letter.created_by == desk.agents["supervisor"]
    text = text_of(_pdf(desk, letter.letter_id))
    for expected in ("山田花子様", "〒150-0001", *ADDRESS):
        assert expected in text, expected
    assert "保有個人データ消去完了のご通知" in text
    assert "消去日2026年11月20日" in text
    # Asking again finds the letter on file; a fresh one could not be addressed any more.
    assert _generate(desk, case_id) == letter
    with desk.sessions.begin() as session:
        mark_mailed(session, [letter.letter_id], agent_id=desk.agent, method=MailMethod.ORDINARY, on=TODAY)
    with desk.sessions() as session, pytest.raises(LetterNotApplicable, match="erased"):
        generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)


def test_an_erasure_without_an_address_still_erases_and_logs_why_no_letter(desk: LetterCases) -> None:
    customer = desk.customer()
    with desk.sessions.begin() as session:
        session.execute(update(Customer).where(Customer.id == customer).values(postal_code=None))
    case_id, erased = desk.deletion(customer)
    assert erased.letter_id is None
    assert erased.case.state.value == "completed"
    (skipped,) = _events(desk, case_id, "letter_not_generated")
    assert skipped["kind"] == "deletion_completed"
    assert "postal address" in str(skipped["reason"])
    with desk.sessions() as session:
        assert session.scalar(select(func.count()).select_from(Letter)) == 0
        assert (
            session.scalar(select(func.count()).select_from(CaseEvent).where(CaseEvent.kind == "erased")) == 1
        )


def test_a_disclosure_lists_the_orders_held_on_the_day_it_is_dated(desk: LetterCases) -> None:
    later = Purchase("T2026-0099", (("加湿器", 1),), 8800, ordered_at=NOW + dt.timedelta(days=3))
    customer = desk.customer(purchases=(*PURCHASES, later))
    text = text_of(_pdf(desk, _generate(desk, desk.disclosure(customer)).letter_id))
    assert all(purchase.order_no in text for purchase in PURCHASES)
    assert "T2026-0099" not in text
    assert "ご購入履歴（2件）" in text
