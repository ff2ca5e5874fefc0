"""Case operations: an unverified caller gets nothing; fees, stopped mailings, corrections and erasure keep
before and after in the case log and write nothing when refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CustomerState, FeeStatus, OrderChannel, Proposal
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.domain.lifecycle import IllegalTransition
from desk_app.erased_register_key import RegisterKey, RegisterKeyMismatch
from desk_app.services.cases.corrections import CustomerConflict, InvalidCorrection
from desk_app.services.cases.identity import Callback, CallbackResult, record_identity_check
from desk_app.services.cases.operations import apply_correction, erase_customer, record_fee, stop_mailings
from desk_app.services.cases.records import ApprovalRefused
from desk_app.services.cases.verified import IdentityNotVerified
from desk_app.services.customers.lookup import lookup_by_phone
from desk_app.services.customers.search import search_customers
from desk_app.services.erased_register import erased_among, register_erased
from desk_app.storage.models import Customer, DeskChange, Order
from tests.support.case_steps import (
    COMPANY,
    HOME,
    NOW,
    UNCONFIRMED,
    K,
    S,
    _events,
    _move,
    _open,
    _snapshot,
    _verify,
)

REGISTER_KEY = RegisterKey(b"erased-register key of the case tests")
HOME_E164 = "+81312345678"


# Unverified callers get nothing


def test_every_operation_refuses_an_unverified_caller_and_writes_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    cases = {
        kind: _open(sessions, agents, kind, customer) for kind in (K.DISCLOSURE, K.CORRECTION, K.SUSPENSION)
    }
    deletion = _open(sessions, agents, K.DELETION, customer)
    # A failed check leaves the case pending, so it is as unverified as one never checked.
    failed = Callback(dialled=HOME, at=NOW, result=CallbackResult.NOT_REACHED)
    with sessions.begin() as session:
        record_identity_check(
            session, deletion, agent_id=agents["agent"], method=IdentityMethod.CALLBACK, detail=failed
        )
    _move(
        sessions,
        deletion,
        S.AWAITING_APPROVAL,
        agents["agent"],
        proposal=Proposal.REFUSAL,
        reason="not verified",
        answer=UNCONFIRMED,
    )
    with sessions() as session:
        version = session.get(Customer, customer).row_version  # type: ignore[union-attr]
    operations: list[Callable[[Session], object]] = [
        lambda s: record_fee(
            s, cases[K.DISCLOSURE], agent_id=agents["agent"], status=FeeStatus.WAIVED, reason="x"
        ),
        lambda s: apply_correction(
            s,
            cases[K.CORRECTION],
            agent_id=agents["agent"],
            changes={"city": "港区"},
            expected_customer_row_version=version,
        ),
        lambda s: stop_mailings(
            s,
            cases[K.SUSPENSION],
            agent_id=agents["agent"],
            catalogue=True,
            direct_mail=True,
            email_magazine=True,
            effective=dt.date(2026, 12, 1),
        ),
        lambda s: erase_customer(s, deletion, approver_id=agents["supervisor"], register_key=REGISTER_KEY),
    ]
    before = _snapshot(sessions)
    for operation in operations:
        with sessions() as session:
            with pytest.raises(IdentityNotVerified):
                operation(session)
            session.commit()
    assert _snapshot(sessions) == before


# Fee


def test_disclosure_fee_received_then_work(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DISCLOSURE, customer)
    _verify(sessions, agents, case_id)
    with sessions.begin() as session:
        with pytest.raises(ValueError, match="method"):
            record_fee(session, case_id, agent_id=agents["agent"], status=FeeStatus.RECEIVED)
        view = record_fee(
            session, case_id, agent_id=agents["agent"], status=FeeStatus.REQUESTED, company=COMPANY
        )
        assert view.state is S.FEE_PENDING
        view = record_fee(
            session,
            case_id,
            agent_id=agents["agent"],
            status=FeeStatus.RECEIVED,
            method="postal_order",
            on=dt.date(2026, 11, 24),
        )
    assert view.state is S.FEE_RECEIVED
    assert view.fee_received_at == dt.datetime(2026, 11, 23, 15, 0, tzinfo=dt.UTC)
    fees = _events(sessions, case_id, "fee")
    assert [f["status"] for f in fees] == ["requested", "received"]
    assert fees[1]["yen"] == 404
    assert fees[1]["method"] == "postal_order"


def test_disclosure_fee_waived_goes_to_work(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.PROVISION_DISCLOSURE, customer)
    _verify(sessions, agents, case_id)
    with sessions.begin() as session:
        view = record_fee(
            session, case_id, agent_id=agents["agent"], status=FeeStatus.WAIVED, reason="our error"
        )
    assert view.state is S.IN_PROGRESS


# Mailings


def test_stop_mailings_updates_preferences_with_before_and_after(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.SUSPENSION, customer)
    _verify(sessions, agents, case_id)
    with sessions.begin() as session:
        view = stop_mailings(
            session,
            case_id,
            agent_id=agents["agent"],
            catalogue=True,
            direct_mail=False,
            email_magazine=True,
            effective=dt.date(2026, 12, 1),
            now=NOW,
        )
        assert view.state is S.IN_PROGRESS
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert (record.catalogue_opt_in, record.direct_mail_opt_in, record.email_magazine_opt_in) == (
            False,
            True,
            False,
        )
        assert record.catalogue_changed_at == NOW
        assert record.direct_mail_changed_at is None
    (event,) = _events(sessions, case_id, "mailings_stopped")
    assert event == {
        "changes": {
            "catalogue": {"before": True, "after": False},
            "email_magazine": {"before": False, "after": False},
        },
        "effective": "2026-12-01",
    }


# Corrections


def _correction_case(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> tuple[int, int]:
    case_id = _open(sessions, agents, K.CORRECTION, customer)
    _verify(sessions, agents, case_id)
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        return case_id, record.row_version


def test_correction_validates_and_keeps_before_and_after(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id, version = _correction_case(sessions, agents, customer)
    changes: dict[str, object] = {
        "name": "山田 次郎",
        "name_kana": "やまだ じろう",
        "postal_code": "〒105-0011",
        "city": "港区",
        "phone_mobile": "080-3333-4444",
        "phone_home": None,
    }
    with sessions.begin() as session:
        apply_correction(
            session, case_id, agent_id=agents["agent"], changes=changes, expected_customer_row_version=version
        )
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert (record.name, record.postal_code, record.city) == ("山田 次郎", "1050011", "港区")
        assert sorted(phone.e164 for phone in record.phones) == ["+818033334444"]
        assert record.row_version == version + 1
        assert lookup_by_phone(session, "080-3333-4444").customers
        assert not lookup_by_phone(session, HOME).customers
    (event,) = _events(sessions, case_id, "corrected")
    assert event["changes"]["city"] == {"before": "千代田区", "after": "港区"}
    assert event["changes"]["phone_home"] == {"before": [HOME_E164], "after": None}
    assert event["row_version"] == {"before": version, "after": version + 1}


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"postal_code": "123-456"}, "postal_code"),
        ({"phone_home": "12345"}, "phone_home"),
        ({"name": "  "}, "name"),
        ({"name_kana": "Yamada"}, "name_kana"),
        ({"email": "not-mail"}, "email"),
        ({"birth_date": "1980-01-01"}, "birth_date"),
        ({"city": "千代田区"}, "city"),
        ({"name": "山田\x1b]0;pwned\x07太郎"}, "name"),
        ({"building": "ビル\u202egnp.exe"}, "building"),
        ({"street": "千代田\x001-1"}, "street"),
    ],
)
def test_invalid_correction_is_refused_writing_nothing(
    sessions: sessionmaker[Session],
    agents: dict[str, int],
    customer: int,
    changes: dict[str, object],
    field: str,
) -> None:
    case_id, version = _correction_case(sessions, agents, customer)
    before = _snapshot(sessions)
    with sessions() as session, pytest.raises(InvalidCorrection) as refused:
        apply_correction(
            session, case_id, agent_id=agents["agent"], changes=changes, expected_customer_row_version=version
        )
    assert refused.value.field == field
    assert _snapshot(sessions) == before


def test_correction_conflict_writes_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id, version = _correction_case(sessions, agents, customer)
    with sessions.begin() as session:  # another desk
        record = session.get(Customer, customer)
        assert record is not None
        record.street = "丸の内1-1"
    before = _snapshot(sessions)
    with sessions() as session, pytest.raises(CustomerConflict):
        apply_correction(
            session,
            case_id,
            agent_id=agents["agent"],
            changes={"city": "港区"},
            expected_customer_row_version=version,
        )
    assert _snapshot(sessions) == before


# Erasure


def _deletion_awaiting_approval(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int, proposer: str = "agent"
) -> int:
    case_id = _open(sessions, agents, K.DELETION, customer)
    _verify(sessions, agents, case_id)
    _move(sessions, case_id, S.IN_PROGRESS, agents["agent"])
    _move(sessions, case_id, S.AWAITING_APPROVAL, agents[proposer], proposal=Proposal.ERASURE)
    return case_id


def test_erasure_needs_a_different_supervisor(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _deletion_awaiting_approval(sessions, agents, customer, proposer="supervisor")
    before = _snapshot(sessions)
    for approver, match in ((agents["supervisor"], "four eyes"), (agents["agent2"], "supervisor")):
        with sessions() as session, pytest.raises(ApprovalRefused, match=match):
            erase_customer(session, case_id, approver_id=approver, register_key=REGISTER_KEY)
    # Completing by hand would close the case with the data still held.
    with pytest.raises(IllegalTransition, match="erase_customer"):
        _move(sessions, case_id, S.COMPLETED, agents["supervisor"])
    assert _snapshot(sessions) == before


def test_erasure_blanks_personal_data_keeps_orders_and_is_idempotent(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        record = session.get(Customer, customer)
        assert record is not None
        record.email, record.birth_date, record.workplace_name = (
            "taro@example.jp",
            dt.date(1980, 1, 2),
            "山田商店",
        )
        session.add(
            Order(
                order_no="A1", customer_id=customer, ordered_at=NOW, channel=OrderChannel.TV, amount_yen=9800
            )
        )
        customer_no = record.customer_no
    case_id = _deletion_awaiting_approval(sessions, agents, customer)
    with sessions.begin() as session:
        first = erase_customer(session, case_id, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
    assert not first.already_erased
    assert first.customer_no == customer_no
    assert first.case.state is S.COMPLETED
    assert first.case.closed_at is not None
    with sessions() as session:
        record = session.get(Customer, customer)
        assert record is not None
        assert record.state is CustomerState.ERASED
        held = [
            getattr(record, f)
            for f in (
                "name",
                "name_kana",
                "name_search",
                "kana_search",
                "postal_code",
                "prefecture",
                "city",
                "street",
                "email",
                "birth_date",
                "workplace_name",
            )
        ]
        assert held == [None] * len(held)
        assert record.phones == []
        assert (
            session.scalar(select(func.count()).select_from(Order).where(Order.customer_id == customer)) == 1
        )
        assert not lookup_by_phone(session, HOME).customers
        for query in ("ヤマダ", "山田", customer_no, "1000001", HOME):
            assert search_customers(session, query, agent_id=None).hits == ()
    before = _snapshot(sessions)
    with sessions.begin() as session:
        again = erase_customer(session, case_id, approver_id=agents["supervisor2"], register_key=REGISTER_KEY)
    assert again.already_erased
    assert again.customer_no == customer_no
    assert again.erased_at == first.erased_at
    assert _snapshot(sessions) == before
    (event,) = _events(sessions, case_id, "erased")
    assert event["customer_no"] == customer_no
    assert "name" in event["fields"]
    assert "山田" not in repr(event)


def test_an_erasure_enters_the_number_in_the_erased_register_and_drops_pending_desk_changes(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        customer_no = session.get_one(Customer, customer).customer_no
        session.add(DeskChange(customer_id=customer, field="street", changed_at=NOW))
    case_id = _deletion_awaiting_approval(sessions, agents, customer)
    with sessions() as session:
        assert erased_among(session, REGISTER_KEY, [customer_no]) == set()
    with sessions.begin() as session:
        erase_customer(session, case_id, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
    with sessions() as session:
        assert erased_among(session, REGISTER_KEY, [customer_no, "99999999"]) == {customer_no}
        assert session.scalar(select(func.count()).select_from(DeskChange)) == 0


def test_an_erasure_with_another_desks_register_key_is_refused_and_erases_nothing(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    with sessions.begin() as session:
        register_erased(session, REGISTER_KEY, ["10000001"])
    case_id = _deletion_awaiting_approval(sessions, agents, customer)
    before = _snapshot(sessions)
    with sessions.begin() as session, pytest.raises(RegisterKeyMismatch):
        erase_customer(
            session, case_id, approver_id=agents["supervisor"], register_key=RegisterKey(b"o" * 32)
        )
    assert _snapshot(sessions) == before


def test_erasure_only_from_a_proposed_erasure(
    sessions: sessionmaker[Session], agents: dict[str, int], customer: int
) -> None:
    case_id = _open(sessions, agents, K.DELETION, customer)
    _verify(sessions, agents, case_id)
    with sessions() as session, pytest.raises(IllegalTransition, match="proposed erasure"):
        erase_customer(session, case_id, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
    correction = _open(sessions, agents, K.CORRECTION, customer)
    _verify(sessions, agents, correction)
    with sessions() as session, pytest.raises(IllegalTransition):
        erase_customer(session, correction, approver_id=agents["supervisor"], register_key=REGISTER_KEY)
