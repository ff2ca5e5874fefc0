"""Stopping third-party provision: the rules in the core, without the window. Only a verified caller's own
provision on consent stops (to one recipient, or all of it); the customer's record keeps the stop, the case
completes only once something stopped, its letter says what stopped and why, erasure takes the stops with the
data, and `doctor` names a stop broken behind the services' back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import (
    AccessAction,
    CaseKind,
    CaseState,
    LetterKind,
    ProvisionBasis,
    ProvisionStopGround,
    RefusalGround,
)
from desk_app.domain.letter_rules import answering_letter
from desk_app.domain.lifecycle import IllegalTransition, next_states
from desk_app.domain.messages import JAPANESE, InvalidRequest, render
from desk_app.domain.provision_stops import stoppable
from desk_app.domain.refusal_grounds import grounds_for
from desk_app.domain.timeline import event_message
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.columns import PROVISION_COLUMNS
from desk_app.letters.content import ProvisionStoppedLetter
from desk_app.services.admin.doctor import examine
from desk_app.services.admin.imports import ProvisionStopKept, import_file
from desk_app.services.cases import letters
from desk_app.services.cases.letter_assembly import letter_for_case
from desk_app.services.cases.provision_stops import stop_provision, stoppable_recipients
from desk_app.services.cases.records import case_events, get_case
from desk_app.services.cases.verified import IdentityNotVerified, start_work
from desk_app.services.customers.record import load_record
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.models import AccessLogEntry, Case, Customer, ProvisionStop
from tests.support.letter_cases import COMPANY, NOW, TODAY, LetterCases, pdf_text, provision_record

S = CaseState
CREDIT = "さくら信販株式会社"
MAKER = "ひなた電機株式会社"
COURIER = "あおぞら運輸株式会社"
LATER = NOW + dt.timedelta(days=1)
KEY = RegisterKey(b"erased-register key of the provision-stop tests")


@pytest.fixture
def desk(sessions: sessionmaker[Session]) -> LetterCases:
    return LetterCases(sessions)


def _customer(desk: LetterCases) -> int:
    """A customer whose data went to a credit company and a maker on consent, and to a courier entrusted."""
    customer_id = desk.customer(provisions=(CREDIT, MAKER), provision_basis=ProvisionBasis.CONSENT)
    with desk.sessions.begin() as session:
        session.add(provision_record(customer_id, COURIER, dt.date(2026, 6, 1)))
    return customer_id


def _stops(desk: LetterCases) -> list[tuple[int, str | None, ProvisionStopGround, int | None]]:
    with desk.sessions() as session:
        return [
            (stop.customer_id, stop.recipient_name, stop.ground, stop.case_id)
            for stop in session.scalars(select(ProvisionStop).order_by(ProvisionStop.id))
        ]


def _findings(desk: LetterCases) -> list[str]:
    with desk.sessions() as session:
        return [
            str(problem) for problem in examine(session, now=LATER, only=("provisions", "identity")).problems
        ]


# --- the domain's rules -------------------------------------------------------------------------------------


def test_the_request_needs_a_verified_caller_no_fee_and_is_answered_by_its_own_letter() -> None:
    kind = CaseKind.STOP_PROVISION
    assert next_states(kind, S.RECEIVED) == {S.IDENTITY_PENDING, S.WITHDRAWN}
    assert next_states(kind, S.IDENTITY_VERIFIED) == {S.IN_PROGRESS, S.WITHDRAWN}  # no fee (Art. 38)
    assert S.COMPLETED in next_states(kind, S.IN_PROGRESS)
    assert answering_letter(kind, S.COMPLETED, {}, "2026-000001") is LetterKind.PROVISION_STOPPED
    assert answering_letter(kind, S.REFUSED, {}, "2026-000001") is LetterKind.REFUSAL
    # Refused on the proviso of Art. 35(4) and (6) (too costly, a measure taken instead), on the text
    # alone, or because the caller could not be verified.
    exception = RefusalGround.DIFFICULT_WITH_ALTERNATIVE
    assert grounds_for(kind, verified=True) == (exception, RefusalGround.OTHER)
    assert grounds_for(kind, verified=False) == (
        RefusalGround.IDENTITY_UNCONFIRMED,
        exception,
        RefusalGround.OTHER,
    )
    # Provision a law requires goes on, and entrusting data is not provision to a third party.
    assert [basis for basis in ProvisionBasis if stoppable(basis)] == [ProvisionBasis.CONSENT]


def test_the_timeline_says_which_provision_stopped_and_why_in_either_language() -> None:
    one = event_message(
        "provision_stopped", {"scope": "recipient", "recipient": CREDIT, "ground": "consent_withdrawn"}
    )
    assert str(one) == (
        f"Third-party provision stopped: provision to {CREDIT} (The customer withdraws their consent)"
    )
    every = event_message("provision_stopped", {"scope": "all", "recipient": None, "ground": "leak"})
    assert (
        render(every, JAPANESE)
        == "第三者提供を停止: 同意に基づく提供のすべて（漏えい等の事案（第35条第5項））"
    )


# --- stopping --------------------------------------------------------------------------------------------


def test_an_unverified_caller_stops_nothing_and_nothing_is_written(desk: LetterCases) -> None:
    customer_id = _customer(desk)
    case_id = desk.opened(CaseKind.STOP_PROVISION, customer_id)
    with desk.sessions.begin() as session, pytest.raises(IdentityNotVerified):
        stop_provision(
            session, case_id, agent_id=desk.agent, recipient=None, ground=ProvisionStopGround.LEAK, now=NOW
        )
    assert _stops(desk) == []
    with desk.sessions() as session:
        assert session.get_one(Customer, customer_id).provision_opt_in is True
        assert get_case(session, case_id).state is S.RECEIVED


def test_only_recipients_the_data_went_to_on_consent_can_be_stopped_one_by_one(desk: LetterCases) -> None:
    customer_id = _customer(desk)
    with desk.sessions() as session:
        # The latest provision first: the maker's (2 May) before the credit company's (1 May).
        assert stoppable_recipients(session, customer_id) == (MAKER, CREDIT)
    case_id = desk.verified(CaseKind.STOP_PROVISION, customer_id)
    for recipient in (COURIER, "どこにもない株式会社"):
        with desk.sessions.begin() as session, pytest.raises(InvalidRequest, match="no consent that can be"):
            stop_provision(
                session,
                case_id,
                agent_id=desk.agent,
                recipient=recipient,
                ground=ProvisionStopGround.CONSENT_WITHDRAWN,
                now=NOW,
            )
    assert _stops(desk) == []
    with desk.sessions() as session:
        assert get_case(session, case_id).state is S.IDENTITY_VERIFIED


def test_a_stop_of_one_recipient_is_kept_with_the_customer_and_completes_with_its_letter(
    desk: LetterCases,
) -> None:
    customer_id = _customer(desk)
    case_id = desk.provision_stop(customer_id, recipient=f"  {CREDIT} ", complete=False)
    assert _stops(desk) == [(customer_id, CREDIT, ProvisionStopGround.CONSENT_WITHDRAWN, case_id)]
    with desk.sessions() as session:
        customer = session.get_one(Customer, customer_id)
        # Provision on consent to anyone else goes on.
        assert (customer.provision_opt_in, customer.provision_changed_at) == (True, None)
        assert get_case(session, case_id).state is S.IN_PROGRESS
        (event,) = [event for event in case_events(session, case_id) if event.kind == "provision_stopped"]
        assert event.detail == {"scope": "recipient", "recipient": CREDIT, "ground": "consent_withdrawn"}
        change = session.scalars(
            select(AccessLogEntry).where(
                AccessLogEntry.case_id == case_id, AccessLogEntry.action == AccessAction.CHANGE
            )
        ).one()
        assert change.customer_id == customer_id
    desk.complete(case_id)
    with desk.sessions.begin() as session:
        letter = letter_for_case(session, case_id, today=TODAY)
        assert isinstance(letter, ProvisionStoppedLetter)
        assert (letter.all_not_required, letter.recipients) == (False, (CREDIT,))
        assert (letter.ground, letter.stopped_on) == (ProvisionStopGround.CONSENT_WITHDRAWN, TODAY)
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
    assert made.kind is LetterKind.PROVISION_STOPPED
    assert "第三者提供停止のご通知" in text
    assert f"「{CREDIT}」への提供" in text
    assert "ご同意の撤回（お客様のご希望）" in text
    assert "法令に基づく提供（裁判所や警察からの照会へのご回答など）は、停止の対象外" in text
    assert _findings(desk) == []


def test_a_stop_of_all_switches_provision_on_consent_off_and_its_letter_says_so(desk: LetterCases) -> None:
    customer_id = _customer(desk)
    case_id = desk.provision_stop(customer_id, ground=ProvisionStopGround.WITHOUT_CONSENT)
    with desk.sessions() as session:
        customer = session.get_one(Customer, customer_id)
        assert (customer.provision_opt_in, customer.provision_changed_at) == (False, NOW)
        assert get_case(session, case_id).state is S.COMPLETED
        record = load_record(session, customer_id)
    assert record is not None
    assert (record.provision.opted_in, record.provision.changed_at) == (False, NOW)
    assert [(stop.recipient_name, stop.ground) for stop in record.provision_stops] == [
        (None, ProvisionStopGround.WITHOUT_CONSENT)
    ]
    assert record.provision_stops[0].case_no == desk.case_no(case_id)
    with desk.sessions.begin() as session:
        made = letters.generate_letter(session, case_id, agent_id=desk.agent, company=COMPANY, now=NOW)
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
    assert "ご本人の同意に基づく第三者への提供のすべて（今後の提供を含みます）" in text
    assert "個人情報の保護に関する法律第35条第3項" in text
    assert "その都度あらためてご同意をお願いいたします" in text
    assert _findings(desk) == []


def test_the_case_is_completed_only_once_something_stopped(desk: LetterCases) -> None:
    case_id = desk.verified(CaseKind.STOP_PROVISION, _customer(desk))
    with desk.sessions.begin() as session:
        # To work without a stop (as a denied refusal would leave it), then asked to complete.
        start_work(session, session.get_one(Case, case_id), desk.agent, NOW)
    with pytest.raises(IllegalTransition, match="once the provision has been stopped"):
        desk.complete(case_id)
    with desk.sessions() as session:
        assert get_case(session, case_id).state is S.IN_PROGRESS
        with pytest.raises(letters.LetterNotApplicable):
            letter_for_case(session, case_id, today=TODAY)


def test_the_disclosure_shows_the_provision_setting_and_each_recipient_stopped(desk: LetterCases) -> None:
    customer_id = _customer(desk)
    desk.provision_stop(customer_id, recipient=MAKER)
    with desk.sessions.begin() as session:
        made = letters.generate_letter(
            session, desk.disclosure(customer_id), agent_id=desk.agent, company=COMPANY, now=NOW
        )
        text = pdf_text(letters.letter_pdf(session, made.letter_id, agent_id=desk.agent, purpose="preview"))
    assert "第三者への提供同意に基づく提供行う（変更の記録なし）" in text
    assert f"「{MAKER}」への提供停止（2026年11月20日から）" in text


def test_erasure_takes_the_stops_with_the_customers_data(desk: LetterCases) -> None:
    customer_id = _customer(desk)
    desk.provision_stop(customer_id, recipient=CREDIT)
    desk.deletion(customer_id)
    assert _stops(desk) == []
    with desk.sessions() as session:
        assert session.get_one(Customer, customer_id).provision_opt_in is False
    assert _findings(desk) == []


# --- the check ---------------------------------------------------------------------------------------------


def test_doctor_names_each_stop_broken_behind_the_services_back(desk: LetterCases) -> None:
    first, second = _customer(desk), _customer(desk)
    every = desk.provision_stop(first)
    one = desk.provision_stop(second, recipient=CREDIT)
    with desk.sessions.begin() as session:
        numbers = {
            customer_id: session.get_one(Customer, customer_id).customer_no for customer_id in (first, second)
        }
        # Provision on consent allowed again, though the customer stopped all of it.
        session.execute(update(Customer).where(Customer.id == first).values(provision_opt_in=True))
        # The second customer's stop gone from the record.
        session.execute(delete(ProvisionStop).where(ProvisionStop.case_id == one))
    assert _findings(desk) == [
        f"provisions: case {desk.case_no(one)}: stopped third-party provision, but the customer's record"
        " keeps no such stop",
        f"provisions: customer {numbers[first]}: stopped all provision not required, yet the record allows"
        " provision on consent",
    ]
    with desk.sessions.begin() as session:
        # A stop moved to another customer, and a completed request whose stops were wiped from the case.
        session.execute(
            update(ProvisionStop).where(ProvisionStop.case_id == every).values(customer_id=second)
        )
        session.execute(update(Customer).where(Customer.id == first).values(provision_opt_in=False))
        session.execute(update(Case).where(Case.id == one).values(details={"identity": {"method": "x"}}))
        assert session.scalar(select(func.count()).select_from(ProvisionStop)) == 1
    found = _findings(desk)
    assert f"provisions: case {desk.case_no(every)}: stopped third-party provision, but" not in " ".join(
        found
    )
    assert (
        f"provisions: customer {numbers[second]}: keeps a stop of third-party provision made by case"
        f" {desk.case_no(every)}, which is not this customer's stop request"
    ) in found
    assert (
        f"provisions: case {desk.case_no(one)}: completed, but no third-party provision was stopped" in found
    )


# --- on PostgreSQL -----------------------------------------------------------------------------------------


def test_on_postgresql_the_record_the_letter_the_check_and_an_import_agree(
    postgres_url: str, tmp_path: Path
) -> None:
    engine = make_engine(postgres_url)
    try:
        desk = LetterCases(session_factory(engine))
        customer_id = _customer(desk)
        one = desk.provision_stop(customer_id, recipient=CREDIT)
        every = desk.provision_stop(customer_id, ground=ProvisionStopGround.RIGHTS_AT_RISK)
        with desk.sessions() as session:
            record = load_record(session, customer_id)
            number = session.get_one(Customer, customer_id).customer_no
        assert record is not None
        assert (record.provision.opted_in, record.provision.changed_at) == (False, NOW)
        assert [(stop.recipient_name, stop.case_no) for stop in record.provision_stops] == [
            (CREDIT, desk.case_no(one)),
            (None, desk.case_no(every)),
        ]
        with desk.sessions.begin() as session:
            letter = letter_for_case(session, every, today=TODAY)
        assert isinstance(letter, ProvisionStoppedLetter)
        assert letter.all_not_required
        assert _findings(desk) == []
        headers = [column.header for column in PROVISION_COLUMNS]
        row = dict.fromkeys(headers, "代表取締役 山本 一郎")
        row.update({"顧客番号": number, "提供日": "2026-11-21", "提供先": MAKER, "根拠": "同意"})
        export = tmp_path / "provisions.csv"
        export.write_text(",".join(headers) + "\n" + ",".join(row[h] for h in headers) + "\n", "utf-8")
        report = import_file(desk.sessions, "provisions", export, register_key=KEY, now=LATER)
        assert (report.committed, report.inserted, report.problems) == (True, 1, ())
        assert report.provision_stops_kept == (ProvisionStopKept(number, MAKER, dt.date(2026, 11, 21)),)
    finally:
        engine.dispose()
