"""What a letter says, read back from the PDF made from real rows: no agent's internal note on any letter,
every column of the customer's record on the disclosure, and the approver's ground and text on a refusal."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from collections.abc import Callable

import pytest
from pypdf import PdfReader
from sqlalchemy.orm import Session, selectinload, sessionmaker

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import (
    CaseKind,
    CaseState,
    FeeStatus,
    LetterKind,
    PhoneKind,
    Proposal,
    ProvisionStopGround,
    RefusalGround,
)
from desk_app.domain.phones import normalise
from desk_app.domain.refusal_grounds import RefusalAnswer
from desk_app.erased_register_key import RegisterKey
from desk_app.services.cases import letters, provision_stops
from desk_app.services.cases import operations as case_operations
from desk_app.services.cases.assignment import extend_deadline, reassign
from desk_app.services.cases.policy_answers import record_foreign_transfer, record_purposes
from desk_app.services.cases.records import add_event, case_events, get_case
from desk_app.services.cases.transitions import reopen, transition
from desk_app.storage.models import Case, Customer, Phone
from tests.support.letter_cases import COMPANY, NOW, LetterCases

S = CaseState
REGISTER_KEY = RegisterKey(b"erased-register key of the letter tests")


def text_of(pdf: bytes) -> str:
    """The letter's text with white space removed, so line breaks inside a value do not matter."""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _letter_text(desk: LetterCases, case_id: int) -> tuple[LetterKind, str]:
    with desk.sessions.begin() as session:
        letter = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
        pdf = letters.letter_pdf(session, letter.letter_id, agent_id=desk.agent, purpose="preview")
    return letter.kind, text_of(pdf)


def _version(session: Session, case_id: int) -> int:
    return get_case(session, case_id).row_version


# --- nothing internal on any letter ------------------------------------------------------------------------

# Everything an agent or supervisor writes for colleagues, one distinct text per place the services take one.
INTERNAL = {
    "fee waiver": "生活保護受給のため",
    "deadline extension": "倉庫の伝票を取り寄せ中",
    "reassignment": "担当者の休暇による交代",
    "completion": "社内確認済み特記事項なし",
    "reopening": "訂正漏れを確認するため再開",
    "erasure proposal": "クレジット残債なしを確認",
    "erasure approval": "残債照会の結果を確認済み",
    "refusal proposal": "折り返しに二度応答なし",
    "denial": "書類の到着をもう一週間待つこと",
    "refusal approval": "通話記録を聴いたうえで承認",
}


def _worked(desk: LetterCases, case_id: int) -> None:
    """Extend the deadline and hand the case to a colleague, each with an internal reason."""
    with desk.sessions.begin() as session:
        extend_deadline(
            session,
            case_id,
            agent_id=desk.agent,
            extra_days=14,
            reason=INTERNAL["deadline extension"],
            now=NOW,
        )
    with desk.sessions.begin() as session:
        reassign(
            session,
            case_id,
            agent_id=desk.agents["supervisor"],
            to_agent_id=desk.agents["printroom"],
            expected_row_version=_version(session, case_id),
            reason=INTERNAL["reassignment"],
            now=NOW,
        )


def _completed_with_a_note(desk: LetterCases, case_id: int) -> None:
    with desk.sessions.begin() as session:
        case_operations.complete_case(
            session,
            case_id,
            agent_id=desk.agent,
            expected_row_version=_version(session, case_id),
            note=INTERNAL["completion"],
            now=NOW,
        )


def _disclosure_waived(desk: LetterCases, customer: int, kind: CaseKind) -> int:
    case_id = desk.disclosure(customer, kind=kind, waive=INTERNAL["fee waiver"], complete=False)
    _worked(desk, case_id)
    _completed_with_a_note(desk, case_id)
    return case_id


def _correction_reopened(desk: LetterCases, customer: int) -> int:
    case_id = desk.verified(CaseKind.CORRECTION, customer)
    _worked(desk, case_id)
    with desk.sessions.begin() as session:
        record = session.get_one(Customer, customer)
        case_operations.apply_correction(
            session,
            case_id,
            agent_id=desk.agent,
            changes={"city": "目黒区"},
            expected_customer_row_version=record.row_version,
            now=NOW,
        )
    _completed_with_a_note(desk, case_id)
    with desk.sessions.begin() as session:
        reopen(
            session,
            case_id,
            agent_id=desk.agents["supervisor"],
            reason=INTERNAL["reopening"],
            expected_row_version=_version(session, case_id),
            now=NOW,
        )
    _completed_with_a_note(desk, case_id)
    return case_id


def _suspension(desk: LetterCases, customer: int) -> int:
    case_id = desk.verified(CaseKind.SUSPENSION, customer)
    _worked(desk, case_id)
    with desk.sessions.begin() as session:
        case_operations.stop_mailings(
            session,
            case_id,
            agent_id=desk.agent,
            catalogue=True,
            direct_mail=False,
            email_magazine=False,
            effective=dt.date(2026, 11, 21),
            now=NOW,
        )
    _completed_with_a_note(desk, case_id)
    return case_id


def _purposes_notice(desk: LetterCases, customer: int) -> int:
    """A notice of purposes under a configuration that charges for it, the fee waived for a reason."""
    charging = dataclasses.replace(COMPANY, purposes=dataclasses.replace(COMPANY.purposes, fee_yen=404))
    case_id = desk.verified(CaseKind.PURPOSES_NOTICE, customer, company=charging)
    with desk.sessions.begin() as session:
        case_operations.record_fee(
            session, case_id, agent_id=desk.agent, status=FeeStatus.REQUESTED, company=charging, now=NOW
        )
    with desk.sessions.begin() as session:
        case_operations.record_fee(
            session,
            case_id,
            agent_id=desk.agent,
            status=FeeStatus.WAIVED,
            reason=INTERNAL["fee waiver"],
            now=NOW,
        )
    _worked(desk, case_id)
    with desk.sessions.begin() as session:
        record_purposes(session, case_id, agent_id=desk.agent, purposes=COMPANY.purposes, now=NOW)
    _completed_with_a_note(desk, case_id)
    return case_id


def _foreign_transfer(desk: LetterCases, customer: int) -> int:
    case_id = desk.verified(CaseKind.FOREIGN_TRANSFER, customer)
    _worked(desk, case_id)
    with desk.sessions.begin() as session:
        record_foreign_transfer(
            session, case_id, agent_id=desk.agent, information=COMPANY.foreign_transfer, now=NOW
        )
    _completed_with_a_note(desk, case_id)
    return case_id


def _provision_stop(desk: LetterCases, customer: int) -> int:
    case_id = desk.verified(CaseKind.STOP_PROVISION, customer)
    _worked(desk, case_id)
    with desk.sessions.begin() as session:
        provision_stops.stop_provision(
            session,
            case_id,
            agent_id=desk.agent,
            recipient=None,
            ground=ProvisionStopGround.NO_LONGER_NEEDED,
            now=NOW,
        )
    _completed_with_a_note(desk, case_id)
    return case_id


def _deletion(desk: LetterCases, customer: int) -> int:
    case_id = desk.verified(CaseKind.DELETION, customer)
    _worked(desk, case_id)
    with desk.sessions.begin() as session:
        case_operations.propose_erasure(
            session, case_id, agent_id=desk.agent, note=INTERNAL["erasure proposal"], now=NOW
        )
    with desk.sessions.begin() as session:
        case_operations.erase_customer(
            session,
            case_id,
            approver_id=desk.agents["supervisor"],
            register_key=REGISTER_KEY,
            reason=INTERNAL["erasure approval"],
            company=COMPANY,
            now=NOW,
        )
    return case_id


def _refusal_after_a_denial(desk: LetterCases, customer: int) -> int:
    """Proposed, denied, proposed again and approved: every note internal, the answer for the customer."""
    case_id = desk.opened(CaseKind.DISCLOSURE, customer)
    answer = RefusalAnswer(
        ground=RefusalGround.IDENTITY_UNCONFIRMED, text="ご登録のお電話番号で確認できませんでした。"
    )
    steps: list[tuple[CaseState, str, str | None, RefusalAnswer | None]] = [
        (S.IDENTITY_PENDING, "agent", None, None),
        (S.AWAITING_APPROVAL, "agent", INTERNAL["refusal proposal"], answer),
        (S.IDENTITY_PENDING, "supervisor", INTERNAL["denial"], None),
        (S.AWAITING_APPROVAL, "agent", INTERNAL["refusal proposal"], answer),
        (S.REFUSED, "supervisor", INTERNAL["refusal approval"], None),
    ]
    for target, login, reason, given in steps:
        with desk.sessions.begin() as session:
            transition(
                session,
                case_id,
                target,
                agent_id=desk.agents[login],
                expected_row_version=_version(session, case_id),
                proposal=Proposal.REFUSAL if target is S.AWAITING_APPROVAL else None,
                reason=reason,
                answer=given,
                now=NOW,
            )
    return case_id


def test_no_internal_note_or_reason_is_printed_on_any_letter(desk: LetterCases) -> None:
    made: dict[LetterKind, str] = {}
    for build in (
        lambda customer: _disclosure_waived(desk, customer, CaseKind.DISCLOSURE),
        lambda customer: _disclosure_waived(desk, customer, CaseKind.PROVISION_DISCLOSURE),
        lambda customer: _correction_reopened(desk, customer),
        lambda customer: _suspension(desk, customer),
        lambda customer: _provision_stop(desk, customer),
        lambda customer: _purposes_notice(desk, customer),
        lambda customer: _foreign_transfer(desk, customer),
        lambda customer: _refusal_after_a_denial(desk, customer),
    ):
        kind, text = _letter_text(desk, build(desk.customer(provisions=("配送株式会社",))))
        made[kind] = text
    deletion = _deletion(desk, desk.customer())
    with desk.sessions.begin() as session:
        (stored,) = letters.letters_of_case(session, deletion)
        made[stored.kind] = text_of(
            letters.letter_pdf(session, stored.letter_id, agent_id=desk.agent, purpose="preview")
        )
    notice_case = desk.fee_requested(desk.customer())
    with desk.sessions.begin() as session:
        (notice,) = letters.letters_of_case(session, notice_case)
        made[notice.kind] = text_of(
            letters.letter_pdf(session, notice.letter_id, agent_id=desk.agent, purpose="preview")
        )
    # Every kind of letter a case can lead to was made, each saying what it is for (a leak incident's
    # notice comes from the incident, not a case).
    assert set(made) == set(LetterKind) - {LetterKind.NO_DATA_HELD, LetterKind.LEAK_NOTICE}
    assert "このたびの開示手数料は、頂戴しておりません。" in made[LetterKind.DISCLOSURE]
    assert "ご登録のお電話番号で確認できませんでした。" in made[LetterKind.REFUSAL]
    for kind, text in made.items():
        for where, note in INTERNAL.items():
            assert note not in text, f"the {where} note is printed on the {kind.value} letter"


# --- the disclosure shows every column of the record -------------------------------------------------------

# Columns of the customer's record that are not the customer's personal data, and why. Every other column
# must be read back from the disclosure letter below: a column added to the model fails this test until the
# letter shows it (and it is added to SHOWN) or it is listed here with its reason.
NOT_PERSONAL_DATA = {
    "customers.id": "the database's own key for the row",
    "customers.state": "the record's lifecycle in this program (active, deletion pending, erased)",
    "customers.created_at": "when the row was written here, not something known about the person",
    "customers.updated_at": "when the row was last written here",
    "customers.row_version": "the counter that detects concurrent edits",
    "customers.name_search": "a search key derived from the name, which is shown",
    "customers.kana_search": "a search key derived from the kana, which is shown",
    "phones.id": "the database's own key for the row",
    "phones.customer_id": "the link to the customer's row",
}
TOKYO_MAY_2 = dt.datetime(2026, 5, 1, 15, 30, tzinfo=dt.UTC)  # already 2 May in Japan


def _squeezed(value: object) -> str:
    return "".join(str(value).split())


def _phones(customer: Customer) -> list[str]:
    labels = {PhoneKind.HOME: "ご自宅", PhoneKind.MOBILE: "携帯電話", PhoneKind.WORK: "お勤め先"}
    return [f"{labels[phone.kind]}{normalise(phone.e164).national}" for phone in customer.phones]


def _raw_phones(customer: Customer) -> list[str]:
    # The number as typed and its E.164 form are one datum: it is shown once, in the national form.
    return [normalise(phone.raw).national for phone in customer.phones]


def _mailing(label: str, setting: str, changed: dt.datetime | None) -> list[str]:
    assert changed is not None
    japan = changed.astimezone(TOKYO).date()
    return [f"{label}{setting}（最終変更日：{japan.year}年{japan.month}月{japan.day}日）"]


def _day(day: dt.date | dt.datetime | None) -> str:
    assert day is not None
    japan = day.astimezone(TOKYO).date() if isinstance(day, dt.datetime) else day
    return f"{japan.year}年{japan.month}月{japan.day}日"


# What the letter shows for each column, as it is read back (white space removed).
SHOWN: dict[str, Callable[[Customer], list[str]]] = {
    "customers.customer_no": lambda c: [f"お客様番号{c.customer_no}"],
    "customers.name": lambda c: [f"お名前{_squeezed(c.name)}"],
    "customers.name_kana": lambda c: [f"（{_squeezed(c.name_kana)}）"],
    "customers.birth_date": lambda c: [
        f"生年月日{c.birth_date:%Y}年{c.birth_date:%-m}月{c.birth_date:%-d}日"
    ],
    "customers.postal_code": lambda c: [f"〒{c.postal_code[:3]}-{c.postal_code[3:]}"],  # type: ignore[index]
    "customers.prefecture": lambda c: [str(c.prefecture)],
    "customers.city": lambda c: [str(c.city)],
    "customers.street": lambda c: [str(c.street)],
    "customers.building": lambda c: [str(c.building)],
    "customers.email": lambda c: [f"メールアドレス{c.email}"],
    "customers.shopping_credit": lambda c: [
        f"ショッピングクレジット{'ご利用あり' if c.shopping_credit else 'ご利用なし'}"
    ],
    "customers.workplace_name": lambda c: [f"お勤め先名称{_squeezed(c.workplace_name)}"],
    "customers.workplace_phone": lambda c: [f"お勤め先電話番号{c.workplace_phone}"],
    "customers.catalogue_opt_in": lambda c: [
        "カタログお送りする" if c.catalogue_opt_in else "カタログお送りしない"
    ],
    "customers.catalogue_changed_at": lambda c: _mailing(
        "カタログ", "お送りする" if c.catalogue_opt_in else "お送りしない", c.catalogue_changed_at
    ),
    "customers.direct_mail_opt_in": lambda c: [
        "ダイレクトメールお送りする" if c.direct_mail_opt_in else "ダイレクトメールお送りしない"
    ],
    "customers.direct_mail_changed_at": lambda c: _mailing(
        "ダイレクトメール", "お送りする" if c.direct_mail_opt_in else "お送りしない", c.direct_mail_changed_at
    ),
    "customers.email_magazine_opt_in": lambda c: [
        "メールマガジン配信する" if c.email_magazine_opt_in else "メールマガジン配信しない"
    ],
    "customers.email_magazine_changed_at": lambda c: _mailing(
        "メールマガジン", "配信する" if c.email_magazine_opt_in else "配信しない", c.email_magazine_changed_at
    ),
    "customers.provision_opt_in": lambda c: [
        "同意に基づく提供行う" if c.provision_opt_in else "同意に基づく提供行わない"
    ],
    "customers.provision_changed_at": lambda c: _mailing(
        "同意に基づく提供", "行う" if c.provision_opt_in else "行わない", c.provision_changed_at
    ),
    "customers.death_reported_at": lambda c: [f"ご逝去のご連絡{_day(c.death_reported_at)}に受付"],
    "customers.died_on": lambda c: [f"（ご逝去日：{_day(c.died_on)}）"],
    "phones.kind": _phones,
    "phones.e164": _phones,
    "phones.raw": _raw_phones,
}


def test_the_disclosure_reads_back_every_column_of_the_customers_record(desk: LetterCases) -> None:
    columns = [
        f"{table.name}.{column.name}"
        for table in (Customer.__table__, Phone.__table__)
        for column in table.columns
    ]
    unaccounted = [name for name in columns if name not in SHOWN and name not in NOT_PERSONAL_DATA]
    assert not unaccounted, (
        f"columns neither on the disclosure letter nor listed as not personal: {unaccounted}"
    )
    assert sorted({*SHOWN, *NOT_PERSONAL_DATA}) == sorted(columns)  # nothing listed that the model lacks
    customer_id = desk.customer(
        birth_date=dt.date(1980, 1, 2),
        shopping_credit=True,
        workplace_name="株式会社どこか商事 新宿支店",
        workplace_phone="03-9999-0000",
        phones=(
            (PhoneKind.HOME, "03-1234-5678"),
            (PhoneKind.MOBILE, "090-1111-2222"),
            (PhoneKind.WORK, "0665432109"),
        ),
        email="hanako.yamada@example.jp",
        catalogue_opt_in=False,
        catalogue_changed_at=TOKYO_MAY_2,
        direct_mail_opt_in=True,
        direct_mail_changed_at=dt.datetime(2025, 12, 24, 1, 0, tzinfo=dt.UTC),
        email_magazine_opt_in=True,
        email_magazine_changed_at=dt.datetime(2026, 2, 3, 4, 0, tzinfo=dt.UTC),
        provision_opt_in=False,
        provision_changed_at=dt.datetime(2026, 3, 4, 5, 0, tzinfo=dt.UTC),
        # A death reported in error: held, so disclosed to the customer, who is very much alive.
        death_reported_at=dt.datetime(2026, 4, 30, 16, 0, tzinfo=dt.UTC),
        died_on=dt.date(2026, 4, 28),
    )
    kind, text = _letter_text(desk, desk.disclosure(customer_id))
    assert kind is LetterKind.DISCLOSURE
    with desk.sessions() as session:
        customer = session.get_one(Customer, customer_id, options=[selectinload(Customer.phones)])
        for name in SHOWN:
            table, column = name.split(".")
            if table == "customers":
                assert getattr(customer, column) is not None, f"the test customer holds no {name}"
        assert {phone.kind for phone in customer.phones} == set(PhoneKind)
        for name, shown in SHOWN.items():
            for expected in shown(customer):
                assert expected in text, f"{name}: {expected!r} is not on the disclosure letter"
    assert "カタログお送りしない（最終変更日：2026年5月2日）" in text  # the day in Japan, not in UTC


# --- a refusal says what the approver decided --------------------------------------------------------------


def test_the_refusal_letter_and_log_give_the_approvers_ground_and_text(desk: LetterCases) -> None:
    approved = RefusalAnswer(
        ground=RefusalGround.BUSINESS_INTERFERENCE,
        text="同一内容のご請求を短期間に多数いただいており、通常業務に著しい支障が生じるためです。",
    )
    case_id = desk.refusal(
        desk.customer(),
        "ご本人様確認ができませんでした。",
        note="声が登録者と違う気がする",
        approved=approved,
        approver_note="過去の請求履歴を確認",
    )
    kind, text = _letter_text(desk, case_id)
    assert kind is LetterKind.REFUSAL
    assert (
        "・開示することにより、当社の業務の適正な実施に著しい支障を及ぼすおそれがあるため"
        "（個人情報の保護に関する法律第33条第2項第2号）。" + _squeezed(approved.text)
    ) in text
    for not_printed in ("ご本人様確認ができませんでした", "声が登録者と違う気がする", "過去の請求履歴を確認"):
        assert not_printed not in text
    with desk.sessions() as session:
        changes = [event for event in case_events(session, case_id) if event.kind == "state_changed"]
        details = session.get_one(Case, case_id).details
    proposed, refused = changes[-2], changes[-1]
    assert proposed.detail["ground"] == "identity_unconfirmed"
    assert proposed.detail["customer_text"] == "ご本人様確認ができませんでした。"
    assert proposed.detail["reason"] == "声が登録者と違う気がする"
    assert (refused.detail["to"], refused.agent_name) == ("refused", "supervisor")
    assert refused.detail["ground"] == "business_interference"
    assert refused.detail["customer_text"] == approved.text
    assert refused.detail["reason"] == "過去の請求履歴を確認"
    (decision,) = details["decisions"]
    assert decision["answer"] == {"ground": "business_interference", "text": approved.text}
    assert decision["proposed_answer"] == {
        "ground": "identity_unconfirmed",
        "text": "ご本人様確認ができませんでした。",
    }


def test_a_refusal_approved_as_proposed_prints_the_proposed_answer(desk: LetterCases) -> None:
    case_id = desk.refusal(desk.customer(), "二度お電話しましたがつながりませんでした。", note="留守電あり")
    _, text = _letter_text(desk, case_id)
    assert "ご請求がご本人様からのものであることを確認できなかったため" in text
    assert "第37条第1項" in text
    assert "二度お電話しましたがつながりませんでした。" in text
    assert "留守電あり" not in text


def test_a_refusal_decided_before_grounds_were_kept_prints_its_stored_reason(desk: LetterCases) -> None:
    """Rows as the desk wrote them before: the proposal's reason was the one the caller was told."""
    case_id = desk.opened(CaseKind.DISCLOSURE, desk.customer())
    with desk.sessions.begin() as session:
        transition(
            session,
            case_id,
            S.IDENTITY_PENDING,
            agent_id=desk.agent,
            expected_row_version=_version(session, case_id),
            now=NOW,
        )
        case = session.get_one(Case, case_id)
        proposal = {
            "kind": "refusal",
            "by": desk.agent,
            "at": NOW.isoformat(),
            "reason": "ご本人確認ができなかったため",
        }
        case.details = {
            **(case.details or {}),
            "decisions": [
                {
                    **proposal,
                    "decided_by": desk.agents["supervisor"],
                    "outcome": "refused",
                    "decision_reason": "承認者の内部メモ",
                }
            ],
        }
        case.state = S.REFUSED
        case.closed_at = NOW
        for by, detail in (
            (
                desk.agent,
                {
                    "from": "identity_pending",
                    "to": "awaiting_approval",
                    "reason": proposal["reason"],
                    "proposal": "refusal",
                },
            ),
            (
                desk.agents["supervisor"],
                {
                    "from": "awaiting_approval",
                    "to": "refused",
                    "reason": proposal["reason"],
                    "proposal": "refusal",
                    "decision_reason": "承認者の内部メモ",
                },
            ),
        ):
            add_event(session, case, agent_id=by, kind="state_changed", detail=detail, at=NOW)
    _, text = _letter_text(desk, case_id)
    assert "・ご本人確認ができなかったため" in text
    assert "承認者の内部メモ" not in text
    assert "第33条" not in text
