"""The customers a saved search's criteria name, found in the database: each criterion on its own and
together, the days Japan's (midnight in Tokyo, not in UTC), one order meeting every order criterion, ids
handed out in chunks and counts made in the database by what a notice would meet."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from desk_app.domain.enums import CustomerState, OrderChannel
from desk_app.domain.messages import InvalidRequest
from desk_app.domain.selections import CustomerSelection
from desk_app.services.customers.selections import SelectionCount, count_selection, matching_ids
from tests.support.selection_data import Shop, jst

D = dt.date
CHANNELS = (OrderChannel.WEB,)


def _found(session: Session, selection: CustomerSelection) -> list[int]:
    return [customer_id for ids in matching_ids(session, selection) for customer_id in ids]


def test_an_order_range_runs_from_midnight_in_japan_to_the_midnight_after_its_last_day(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as session:
        shop = Shop(session)
        before, first, last, after = (shop.customer() for _ in range(4))
        # 30 June 23:59:59 JST is 30 June 14:59:59 UTC; 1 July 00:00 JST is still 30 June in UTC.
        shop.order(before, jst(2026, 6, 30, 23, 59, 59))
        shop.order(first, jst(2026, 7, 1, 0, 0, 0))
        shop.order(last, jst(2026, 7, 31, 23, 59, 59))
        shop.order(after, jst(2026, 8, 1, 0, 0, 0))
        july = CustomerSelection(ordered_from=D(2026, 7, 1), ordered_to=D(2026, 7, 31))
        assert _found(session, july) == [first, last]
        assert _found(session, CustomerSelection(ordered_from=D(2026, 8, 1))) == [after]
        assert _found(session, CustomerSelection(ordered_to=D(2026, 6, 30))) == [before]
        assert _found(session, CustomerSelection(ordered_from=D(2026, 7, 31), ordered_to=D(2026, 7, 31))) == [
            last
        ]


def test_one_order_must_meet_both_the_range_and_the_channel(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        shop = Shop(session)
        split, whole, none = shop.customer(), shop.customer(), shop.customer()
        # In range by phone, by web out of range: no one order meets both.
        shop.order(split, jst(2026, 7, 10), OrderChannel.PHONE)
        shop.order(split, jst(2026, 9, 10), OrderChannel.WEB)
        shop.order(whole, jst(2026, 7, 10), OrderChannel.WEB)
        shop.order(whole, jst(2026, 7, 11), OrderChannel.WEB)
        del none  # no orders at all
        july_web = CustomerSelection(
            ordered_from=D(2026, 7, 1), ordered_to=D(2026, 7, 31), order_channels=CHANNELS
        )
        assert _found(session, july_web) == [whole]
        assert _found(session, CustomerSelection(order_channels=CHANNELS)) == [split, whole]
        phone_or_tv = CustomerSelection(order_channels=(OrderChannel.PHONE, OrderChannel.TV))
        assert _found(session, phone_or_tv) == [split]


def test_registration_is_read_by_the_japan_date(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        shop = Shop(session)
        march = shop.customer(created_at=jst(2026, 3, 31, 23, 59, 59))
        april = shop.customer(created_at=jst(2026, 4, 1, 0, 0, 0))
        may = shop.customer(created_at=jst(2026, 5, 1, 0, 0, 0))
        april_only = CustomerSelection(registered_from=D(2026, 4, 1), registered_to=D(2026, 4, 30))
        assert _found(session, april_only) == [april]
        assert _found(session, CustomerSelection(registered_to=D(2026, 3, 31))) == [march]
        assert _found(session, CustomerSelection(registered_from=D(2026, 4, 2))) == [may]


def test_prefectures_postal_code_flags_and_email_each_narrow_the_selection(
    sessions: sessionmaker[Session],
) -> None:
    with sessions.begin() as session:
        shop = Shop(session)
        tokyo = shop.customer(postal_code="1000001", email="a@example.jp", shopping_credit=True)
        osaka = shop.customer(prefecture="大阪府", postal_code="5300001", email="", direct_mail_opt_in=False)
        hokkaido = shop.customer(prefecture="北海道", postal_code="0600001", catalogue_opt_in=False)
        unknown = shop.customer(prefecture=None, postal_code=None)
        cases = [
            (CustomerSelection(prefectures=("大阪府", "北海道")), [osaka, hokkaido]),
            (CustomerSelection(postal_prefix="100"), [tokyo]),
            (CustomerSelection(postal_prefix="0"), [hokkaido]),
            (CustomerSelection(postal_prefix="5300001"), [osaka]),
            (CustomerSelection(shopping_credit=True), [tokyo]),
            (CustomerSelection(shopping_credit=False), [osaka, hokkaido, unknown]),
            (CustomerSelection(direct_mail_opt_in=False), [osaka]),
            (CustomerSelection(catalogue_opt_in=False), [hokkaido]),
            (CustomerSelection(catalogue_opt_in=True), [tokyo, osaka, unknown]),
            # An empty address is none.
            (CustomerSelection(has_email=True), [tokyo]),
            (CustomerSelection(has_email=False), [osaka, hokkaido, unknown]),
            # Every criterion given must hold.
            (CustomerSelection(has_email=False, prefectures=("北海道",), catalogue_opt_in=False), [hokkaido]),
            (CustomerSelection(has_email=True, prefectures=("大阪府",)), []),
        ]
        for selection, expected in cases:
            assert _found(session, selection) == expected, selection


def test_ids_come_a_chunk_at_a_time_in_id_order(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        shop = Shop(session)
        ids = [shop.customer(email="x@example.jp" if n != 2 else None) for n in range(6)]
        chunks = list(matching_ids(session, CustomerSelection(has_email=True), chunk=2))
    assert chunks == [ids[0:2], [ids[3], ids[4]], [ids[5]]]


def test_the_count_says_how_many_a_notice_could_not_reach(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        shop = Shop(session)
        shop.customer()
        shop.customer(
            state=CustomerState.ERASED, name=None, postal_code=None, death_reported_at=jst(2026, 1, 1)
        )
        shop.customer(death_reported_at=jst(2026, 1, 1))
        shop.customer(postal_code="")
        shop.customer(prefecture=None, city="", street=None)
        shop.customer(created_at=jst(2026, 2, 1))
        counted = count_selection(session, CustomerSelection(registered_to=D(2025, 12, 31)))
        nobody = count_selection(session, CustomerSelection(prefectures=("沖縄県",)))
    # Each is counted in the first that applies (erased before deceased before no address).
    assert counted == SelectionCount(total=5, erased=1, deceased=1, no_address=2)
    assert nobody == SelectionCount(0, 0, 0, 0)


@pytest.mark.parametrize(
    "selection",
    [CustomerSelection(), CustomerSelection(prefectures=("東京",)), CustomerSelection(postal_prefix="1%")],
)
def test_a_selection_the_domain_refuses_is_never_run(
    sessions: sessionmaker[Session], selection: CustomerSelection
) -> None:
    with sessions.begin() as session, pytest.raises(InvalidRequest):
        count_selection(session, selection)
    with sessions.begin() as session, pytest.raises(InvalidRequest):
        next(matching_ids(session, selection))
