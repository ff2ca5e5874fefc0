"""Caller lookup: any written form of a number finds its holders; erased customers never match."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import AccessAction, PhoneKind
from desk_app.domain.phones import InvalidPhoneNumber
from desk_app.services.access_log import record_access
from desk_app.services.customers.lookup import lookup_by_phone
from desk_app.storage.models import AccessLogEntry

AddCustomer = Callable[..., int]


def test_finds_the_customer_from_any_written_form(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    add_customer(phones=(("mobile", "090-1234-5678"),))
    with sessions() as session:
        for written in ("09012345678", "０９０－１２３４－５６７８", "+81 90 1234 5678", "tel:+819012345678"):
            result = lookup_by_phone(session, written)
            assert result.number.e164 == "+819012345678"
            assert result.number.national == "090-1234-5678"
            assert [m.name for m in result.customers] == ["山田 太郎"]
            assert result.customers[0].matched_phone_kind is PhoneKind.MOBILE


def test_a_household_landline_matches_everyone_who_shares_it(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    add_customer(name="鈴木 一郎", name_kana="スズキ イチロウ", phones=(("home", "06-6123-4567"),))
    add_customer(name="鈴木 花子", name_kana="スズキ ハナコ", phones=(("home", "06-6123-4567"),))
    add_customer(name="田中 次郎", name_kana="タナカ ジロウ", phones=(("home", "06-6123-4568"),))
    with sessions() as session:
        result = lookup_by_phone(session, "06 6123 4567")
    assert sorted(m.name for m in result.customers) == ["鈴木 一郎", "鈴木 花子"]


def test_a_customer_with_the_number_twice_is_listed_once(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    add_customer(phones=(("home", "03-1111-2222"), ("work", "0311112222")))
    with sessions() as session:
        assert len(lookup_by_phone(session, "03-1111-2222").customers) == 1


def test_erased_customers_never_match(sessions: sessionmaker[Session], add_customer: AddCustomer) -> None:
    add_customer(name="消去 済", state="erased", phones=(("home", "03-5555-6666"),))
    add_customer(name="有効 者", phones=(("home", "03-5555-6666"),))
    with sessions() as session:
        assert [m.name for m in lookup_by_phone(session, "03-5555-6666").customers] == ["有効 者"]


def test_a_valid_number_nobody_holds_gives_an_empty_match(sessions: sessionmaker[Session]) -> None:
    with sessions() as session:
        result = lookup_by_phone(session, "03-9999-0000")
    assert result.customers == ()
    assert result.number.e164 == "+81399990000"


def test_an_invalid_number_is_refused(sessions: sessionmaker[Session]) -> None:
    with sessions() as session, pytest.raises(InvalidPhoneNumber):
        lookup_by_phone(session, "not a number")


def test_each_customer_shown_gets_an_access_log_entry(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    first = add_customer()
    second = add_customer()
    with sessions.begin() as session:
        record_access(
            session, agent_id=None, action=AccessAction.VIEW, customer_ids=[first, second], detail="lookup"
        )
    with sessions() as session:
        rows = session.execute(select(AccessLogEntry.customer_id, AccessLogEntry.action)).all()
    assert sorted(rows) == [(first, AccessAction.VIEW), (second, AccessAction.VIEW)]
