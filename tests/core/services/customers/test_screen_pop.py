"""Screen pop and the record panel: the right customer, masked until revealed, every view logged."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import call_event
from desk_app.domain.enums import (
    AccessAction,
    AgentRole,
    CallSource,
    CallState,
    CaseKind,
    CaseState,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
)
from desk_app.domain.phones import normalise
from desk_app.services.access_log import NO_ONE
from desk_app.services.customers.calls import recent_calls, record_call_event
from desk_app.services.customers.lookup import CustomerNotFound
from desk_app.services.customers.orders import OrderCursor, order_page
from desk_app.services.customers.record import CustomerRecord, open_customer_record
from desk_app.services.customers.reveal import RevealReason, reveal_protected_details
from desk_app.services.customers.screen_pop import PopOutcome, screen_pop
from desk_app.storage.engine import make_engine, session_factory
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import (
    AccessLogEntry,
    Agent,
    Case,
    Customer,
    Order,
    OrderLine,
    Phone,
    ProvisionRecord,
)

AddCustomer = Callable[..., int]
NOW = dt.datetime(2026, 11, 20, 3, 0, tzinfo=dt.UTC)
PROTECTED = {"street", "building", "birth_date", "email", "workplace_name", "workplace_phone"}


def _agent(sessions: sessionmaker[Session], login: str = "sato") -> int:
    with sessions.begin() as session:
        agent = Agent(login=login, display_name="佐藤 花子", role=AgentRole.AGENT, created_at=NOW)
        session.add(agent)
        session.flush()
        return agent.id


def _full_customer(sessions: sessionmaker[Session], agent_id: int, *, orders: int = 60) -> int:
    """A shopping-credit customer with everything the panel shows: orders, provisions, cases."""
    with sessions.begin() as session:
        customer = Customer(
            customer_no="10000042",
            name="高橋 美咲",
            name_kana="タカハシ ミサキ",
            birth_date=dt.date(1980, 5, 17),
            postal_code="1500001",
            prefecture="東京都",
            city="渋谷区",
            street="神宮前1-2-3",
            building="みらいハイツ101",
            email="misaki@example.jp",
            shopping_credit=True,
            workplace_name="株式会社架空商事",
            workplace_phone="03-5555-0101",
            direct_mail_opt_in=False,
            direct_mail_changed_at=NOW - dt.timedelta(days=30),
            created_at=NOW - dt.timedelta(days=900),
            updated_at=NOW,
            phones=[
                Phone(kind=PhoneKind.MOBILE, raw="090-1111-2222", e164="+819011112222"),
                Phone(kind=PhoneKind.WORK, raw="0355550101", e164="+81355550101"),
            ],
        )
        session.add(customer)
        session.flush()
        for n in range(orders):
            order = Order(
                order_no=f"3{n:08d}",
                customer_id=customer.id,
                ordered_at=NOW - dt.timedelta(days=n),
                channel=OrderChannel.TV,
                amount_yen=1000 + n,
            )
            order.lines = [
                OrderLine(
                    line_no=k, product_code=f"P{k}", product_name=f"商品{n}-{k}", quantity=1, amount_yen=1
                )
                for k in range(1, 1 + n % 3 + 1)
            ]
            session.add(order)
        session.add(
            ProvisionRecord(
                customer_id=customer.id,
                provided_on=dt.date(2025, 4, 1),
                recipient_name="株式会社配送",
                recipient_address="東京都港区1-1",
                recipient_representative="代表取締役 配送 太郎",
                items_provided="氏名、住所、電話番号",
                purpose="商品の配送",
                basis=ProvisionBasis.ENTRUSTMENT,
            )
        )
        for n, (state, days) in enumerate(
            [
                (CaseState.COMPLETED, 1),
                (CaseState.RECEIVED, 40),
                (CaseState.WITHDRAWN, 2),
                (CaseState.IN_PROGRESS, 3),
            ]
        ):
            received = NOW - dt.timedelta(days=days)
            session.add(
                Case(
                    case_no=f"2026-{n:06d}",
                    kind=CaseKind.DISCLOSURE,
                    state=state,
                    customer_id=customer.id,
                    opened_by_id=agent_id,
                    received_at=received,
                    due_on=received.date() + dt.timedelta(days=14),
                    closed_at=received if state in (CaseState.COMPLETED, CaseState.WITHDRAWN) else None,
                )
            )
        return customer.id


def _log(
    sessions: sessionmaker[Session],
) -> list[tuple[int | None, AccessAction, str, int | None, int | None]]:
    with sessions() as session:
        rows = session.execute(
            select(
                AccessLogEntry.customer_id,
                AccessLogEntry.action,
                AccessLogEntry.detail,
                AccessLogEntry.call_id,
                AccessLogEntry.case_id,
            ).order_by(AccessLogEntry.id)
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]


def test_one_match_pops_the_whole_record_and_logs_the_view(sessions: sessionmaker[Session]) -> None:
    agent = _agent(sessions)
    customer = _full_customer(sessions, agent)
    with sessions.begin() as session:
        call = record_call_event(
            session,
            call_event(call_id="c1", state=CallState.RINGING, source=CallSource.CTI, number="09011112222"),
        )
        record_call_event(
            session, call_event(call_id="c1", state=CallState.ANSWERED, source=CallSource.CTI), agent_id=agent
        )
        pop = screen_pop(session, "０９０－１１１１－２２２２", agent_id=agent, call_id=call)
    assert pop.outcome is PopOutcome.ONE
    assert pop.number == normalise("09011112222")
    record = pop.record
    assert record is not None
    assert [c.customer_id for c in pop.choices] == [customer]
    assert (record.customer_no, record.name, record.name_kana) == ("10000042", "高橋 美咲", "タカハシ ミサキ")
    assert (record.postal_code, record.prefecture, record.city) == ("1500001", "東京都", "渋谷区")
    assert [(p.kind, p.national) for p in record.phones] == [
        (PhoneKind.MOBILE, "090-1111-2222"),
        (PhoneKind.WORK, "03-5555-0101"),
    ]
    assert (record.catalogue.opted_in, record.catalogue.changed_at) == (True, None)
    assert not record.direct_mail.opted_in
    assert record.direct_mail.changed_at == NOW - dt.timedelta(days=30)
    assert (record.shopping_credit, record.has_birth_date, record.has_workplace, record.has_email) == (
        True,
        True,
        True,
        True,
    )
    assert record.order_count == 60
    orders = record.orders.orders
    assert len(orders) == 50
    assert [o.order_no for o in orders[:2]] == ["300000000", "300000001"]
    assert (orders[1].first_product, orders[1].line_count, orders[1].amount_yen) == ("商品1-1", 2, 1001)
    assert record.orders.next_cursor == orders[-1].cursor
    assert [p.recipient_name for p in record.provisions] == ["株式会社配送"]
    # Open cases first, newest first; then closed ones, newest first.
    assert [(c.state, c.is_open) for c in record.cases] == [
        (CaseState.IN_PROGRESS, True),
        (CaseState.RECEIVED, True),
        (CaseState.COMPLETED, False),
        (CaseState.WITHDRAWN, False),
    ]
    # The single match became the call's customer, so the call is already among theirs.
    assert [(c.call_row_id, c.answered_by, c.customer_no) for c in record.recent_calls] == [
        (call, "佐藤 花子", "10000042")
    ]
    assert _log(sessions) == [(customer, AccessAction.VIEW, "screen pop", call, None)]


def test_the_record_holds_no_protected_detail_at_all(sessions: sessionmaker[Session]) -> None:
    customer = _full_customer(sessions, _agent(sessions))
    with sessions.begin() as session:
        record = open_customer_record(session, customer, agent_id=None)
    names = {field.name for field in dataclasses.fields(CustomerRecord)}
    assert not names & PROTECTED
    shown = repr(record)
    for secret in ("神宮前", "みらいハイツ", "1980", "misaki@", "架空商事"):
        assert secret not in shown


def test_revealing_protected_details_returns_them_and_logs_a_reveal_with_the_reason(
    sessions: sessionmaker[Session],
) -> None:
    agent = _agent(sessions)
    customer = _full_customer(sessions, agent)
    with sessions.begin() as session:
        case_id = session.scalars(select(Case.id).where(Case.state == CaseState.RECEIVED)).one()
        details = reveal_protected_details(
            session, customer, agent_id=agent, case_id=case_id, reason=RevealReason.CALLBACK
        )
    assert (details.street, details.building) == ("神宮前1-2-3", "みらいハイツ101")
    assert details.birth_date == dt.date(1980, 5, 17)
    assert (details.email, details.workplace_name, details.workplace_phone) == (
        "misaki@example.jp",
        "株式会社架空商事",
        "03-5555-0101",
    )
    assert _log(sessions) == [(customer, AccessAction.REVEAL, "callback", None, case_id)]
    with sessions.begin() as session, pytest.raises(ValueError, match="reason"):
        reveal_protected_details(session, customer, agent_id=agent, case_id=case_id, reason="  ")


def test_opening_a_record_logs_a_view_with_the_case(sessions: sessionmaker[Session]) -> None:
    agent = _agent(sessions)
    customer = _full_customer(sessions, agent, orders=3)
    with sessions.begin() as session:
        case_id = session.scalars(select(Case.id).where(Case.state == CaseState.RECEIVED)).one()
        record = open_customer_record(session, customer, agent_id=agent, case_id=case_id)
    assert record.orders.next_cursor is None
    assert len(record.orders.orders) == record.order_count == 3
    assert _log(sessions) == [(customer, AccessAction.VIEW, "record", None, case_id)]


def test_a_view_that_is_rolled_back_leaves_no_log_and_a_committed_one_does(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    add_customer(phones=(("home", "03-1234-5678"),))
    with sessions() as session:
        screen_pop(session, "03-1234-5678", agent_id=None)
        session.rollback()
    assert _log(sessions) == []


def test_a_household_landline_gives_a_chooser_and_logs_each_name_shown(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    first = add_customer(name="鈴木 一郎", name_kana="スズキ イチロウ", phones=(("home", "06-6123-4567"),))
    second = add_customer(name="鈴木 花子", name_kana="スズキ ハナコ", phones=(("home", "06-6123-4567"),))
    with sessions.begin() as session:
        pop = screen_pop(session, "06 6123 4567", agent_id=None)
    assert pop.outcome is PopOutcome.SEVERAL
    assert pop.record is None
    assert [(c.customer_id, c.name, c.matched_phone_kind, c.city) for c in pop.choices] == [
        (first, "鈴木 一郎", PhoneKind.HOME, "千代田区"),
        (second, "鈴木 花子", PhoneKind.HOME, "千代田区"),
    ]
    assert _log(sessions) == [
        (first, AccessAction.VIEW, f"{NO_ONE}chooser", None, None),
        (second, AccessAction.VIEW, f"{NO_ONE}chooser", None, None),
    ]


def test_no_match_carries_the_normalised_number_and_logs_nothing(sessions: sessionmaker[Session]) -> None:
    with sessions.begin() as session:
        pop = screen_pop(session, "0312345678", agent_id=None)
        bad = screen_pop(session, "P", agent_id=None)
    assert (pop.outcome, pop.number, pop.choices, pop.record) == (
        PopOutcome.NONE,
        normalise("03-1234-5678"),
        (),
        None,
    )
    assert (bad.outcome, bad.number, bad.input) == (PopOutcome.NOT_A_NUMBER, None, "P")
    assert _log(sessions) == []


def test_erased_customers_never_pop_open_or_page(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    erased = add_customer(name=None, name_kana=None, state="erased", phones=(("home", "03-5555-6666"),))
    alone = add_customer(name=None, name_kana=None, state="erased", phones=(("home", "03-5555-7777"),))
    living = add_customer(name="有効 者", name_kana="ユウコウ シャ", phones=(("home", "03-5555-6666"),))
    agent = _agent(sessions)
    with sessions.begin() as session:
        call = record_call_event(
            session,
            call_event(call_id="c1", state=CallState.RINGING, source=CallSource.CTI, number="03-5555-7777"),
        )
    with sessions.begin() as session:
        shared = screen_pop(session, "03-5555-6666", agent_id=None)
        assert shared.outcome is PopOutcome.ONE
        assert shared.record is not None
        assert shared.record.customer_id == living
        assert screen_pop(session, "03-5555-7777", agent_id=None).outcome is PopOutcome.NONE
        for customer in (erased, alone, 999_999):
            with pytest.raises(CustomerNotFound):
                open_customer_record(session, customer, agent_id=None)
            with pytest.raises(CustomerNotFound):
                reveal_protected_details(
                    session, customer, agent_id=agent, call_id=call, reason=RevealReason.CALLBACK
                )
            with pytest.raises(CustomerNotFound):
                order_page(session, customer)
    assert [row[0] for row in _log(sessions)] == [living]


def _orders_at_few_times(sessions: sessionmaker[Session], customer: int, count: int) -> list[int]:
    """`count` orders spread over three instants, so pages must break ties by id."""
    with sessions.begin() as session:
        orders = [
            Order(
                order_no=f"9{n:08d}",
                customer_id=customer,
                ordered_at=NOW - dt.timedelta(hours=n % 3),
                channel=OrderChannel.WEB,
                amount_yen=n,
            )
            for n in range(count)
        ]
        session.add_all(orders)
        session.flush()
        newest_first = sorted(orders, key=lambda o: (o.ordered_at, o.id), reverse=True)
        return [order.id for order in newest_first]


@pytest.mark.parametrize("limit", [1, 7, 20, 50])
def test_order_pages_neither_repeat_nor_skip_orders_placed_at_the_same_moment(
    sessions: sessionmaker[Session], add_customer: AddCustomer, limit: int
) -> None:
    customer = add_customer()
    expected = _orders_at_few_times(sessions, customer, 40)
    seen: list[int] = []
    cursor: OrderCursor | None = None
    with sessions() as session:
        while True:
            page = order_page(session, customer, before=cursor, limit=limit)
            assert len(page.orders) <= limit
            seen += [order.order_id for order in page.orders]
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
    assert seen == expected


def test_order_page_sizes_are_checked(sessions: sessionmaker[Session], add_customer: AddCustomer) -> None:
    customer = add_customer()
    with sessions() as session:
        assert order_page(session, customer).orders == ()
        with pytest.raises(ValueError, match="limit"):
            order_page(session, customer, limit=0)


def test_the_record_chosen_during_a_call_becomes_its_customer_and_the_first_choice_stays(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    first = add_customer(name="鈴木 一郎", name_kana="スズキ イチロウ", phones=(("home", "06-6123-4567"),))
    second = add_customer(name="鈴木 花子", name_kana="スズキ ハナコ", phones=(("home", "06-6123-4567"),))
    erased = add_customer(name="消去 済", state="erased", phones=())
    ring = call_event(call_id="h1", state=CallState.RINGING, source=CallSource.CTI, number="0661234567")
    with sessions.begin() as session:
        call = record_call_event(session, ring)
        assert screen_pop(session, "0661234567", agent_id=None, call_id=call).outcome is PopOutcome.SEVERAL
        assert recent_calls(session)[0].customer_id is None  # a chooser decides nothing yet
        with pytest.raises(CustomerNotFound):
            open_customer_record(session, erased, agent_id=None, call_id=call)
        chosen = open_customer_record(session, second, agent_id=None, call_id=call)
        open_customer_record(session, first, agent_id=None, call_id=call)  # the caller asks about a relative
        [summary] = recent_calls(session)
    assert [c.call_row_id for c in chosen.recent_calls] == [call]
    assert (summary.customer_id, summary.customer_name) == (second, "鈴木 花子")


def _neighbour(sessions: sessionmaker[Session], agent_id: int) -> int:
    """A second customer with orders, cases, provisions and calls of their own, none of which may leak
    into anyone else's record; some orders placed in the same second, so that ties are ordered by id."""
    with sessions.begin() as session:
        customer = Customer(
            customer_no="10000077",
            name="佐々木 健",
            name_kana="ササキ ケン",
            postal_code="5300001",
            prefecture="大阪府",
            city="大阪市北区",
            created_at=NOW - dt.timedelta(days=400),
            updated_at=NOW,
            phones=[
                Phone(kind=PhoneKind.HOME, raw="06-6000-7777", e164="+81660007777"),
                Phone(kind=PhoneKind.MOBILE, raw="080-3333-4444", e164="+818033334444"),
            ],
        )
        session.add(customer)
        session.flush()
        for n in range(7):
            session.add(
                Order(
                    order_no=f"4{n:08d}",
                    customer_id=customer.id,
                    ordered_at=NOW - dt.timedelta(hours=n // 3),
                    channel=OrderChannel.WEB,
                    amount_yen=500 + n,
                    lines=[
                        OrderLine(
                            line_no=1, product_code="Q", product_name=f"隣{n}", quantity=1, amount_yen=1
                        )
                    ],
                )
            )
        for n, provided_on in enumerate([dt.date(2024, 1, 5), dt.date(2025, 2, 1), dt.date(2024, 1, 5)]):
            session.add(
                ProvisionRecord(
                    customer_id=customer.id,
                    provided_on=provided_on,
                    recipient_name=f"受領者{n}",
                    recipient_address="大阪府",
                    recipient_representative="代表",
                    items_provided="氏名",
                    purpose="配送",
                    basis=ProvisionBasis.CONSENT,
                )
            )
        session.add(
            Case(
                case_no="2027-000001",
                kind=CaseKind.CORRECTION,
                state=CaseState.FEE_PENDING,
                customer_id=customer.id,
                opened_by_id=agent_id,
                received_at=NOW - dt.timedelta(days=5),
                due_on=(NOW + dt.timedelta(days=9)).date(),
            )
        )
        return customer.id


def _ring(session: Session, call_id: str, number: str, at: dt.datetime = NOW) -> int:
    return record_call_event(
        session,
        call_event(call_id=call_id, state=CallState.RINGING, source=CallSource.CTI, number=number, at=at),
    )


def test_each_record_holds_its_own_customers_rows_only_and_agrees_with_the_panels_own_readers(
    sessions: sessionmaker[Session],
) -> None:
    """The record's lists come from one statement; they must match what `order_page` and `recent_calls`
    read on their own, for a customer among others, however the rows are ordered."""
    agent = _agent(sessions)
    first = _full_customer(sessions, agent)
    second = _neighbour(sessions, agent)
    with sessions.begin() as session:
        for n in range(12):  # more calls than the record shows, two of them in the same second
            call = _ring(session, f"n{n}", "0660007777", NOW - dt.timedelta(minutes=n // 2 * 7))
            screen_pop(session, "0660007777", agent_id=agent, call_id=call)
        mine_call = _ring(session, "m1", "09011112222", NOW - dt.timedelta(days=1))
        screen_pop(session, "09011112222", agent_id=agent, call_id=mine_call)
    with sessions.begin() as session:
        pops = {
            customer: screen_pop(session, number, agent_id=agent)
            for customer, number in ((first, "090-1111-2222"), (second, "080-3333-4444"))
        }
        for customer, pop in pops.items():
            assert pop.record is not None
            assert pop.record == open_customer_record(session, customer, agent_id=agent)
            assert pop.record.orders == order_page(session, customer)
            assert pop.record.recent_calls == tuple(recent_calls(session, customer_id=customer, limit=10))
    mine, theirs = pops[first].record, pops[second].record
    assert mine is not None
    assert theirs is not None
    assert [p.e164 for p in theirs.phones] == ["+81660007777", "+818033334444"]
    assert (theirs.customer_no, theirs.city, theirs.order_count) == ("10000077", "大阪市北区", 7)
    assert {o.order_no[0] for o in theirs.orders.orders} == {"4"}
    assert {o.order_no[0] for o in mine.orders.orders} == {"3"}
    # Three orders a second: newest second first, and within one, the later order first.
    assert [o.order_no for o in theirs.orders.orders] == [f"4{n:08d}" for n in (2, 1, 0, 5, 4, 3, 6)]
    assert theirs.orders.next_cursor is None
    assert [(p.provided_on, p.recipient_name) for p in theirs.provisions] == [
        (dt.date(2025, 2, 1), "受領者1"),
        (dt.date(2024, 1, 5), "受領者2"),
        (dt.date(2024, 1, 5), "受領者0"),
    ]
    assert [c.case_no for c in theirs.cases] == ["2027-000001"]
    assert len(mine.cases) == 4
    assert len(theirs.recent_calls) == 10
    assert {c.customer_no for c in theirs.recent_calls} == {"10000077"}
    assert [c.call_row_id for c in mine.recent_calls] == [mine_call]


def test_a_pop_links_the_call_to_a_sole_holder_only_and_never_relinks_it(
    sessions: sessionmaker[Session], add_customer: AddCustomer
) -> None:
    both_kinds = add_customer(name="両方 持", phones=(("home", "03-1111-0000"), ("work", "03-1111-0000")))
    add_customer(name="消去 済", state="erased", phones=(("home", "03-2222-0000"),))
    beside_erased = add_customer(name="残る 人", phones=(("home", "03-2222-0000"),))
    family = [add_customer(name=name, phones=(("home", "03-3333-0000"),)) for name in ("家族 一", "家族 二")]
    with sessions.begin() as session:
        calls = {name: _ring(session, name, "0300000000") for name in ("twice", "erased", "shared", "taken")}
        twice = screen_pop(session, "03-1111-0000", agent_id=None, call_id=calls["twice"])
        erased = screen_pop(session, "03-2222-0000", agent_id=None, call_id=calls["erased"])
        shared = screen_pop(session, "03-3333-0000", agent_id=None, call_id=calls["shared"])
        # The call already names its caller (chosen earlier): a later pop of another number leaves it.
        open_customer_record(session, beside_erased, agent_id=None, call_id=calls["taken"])
        taken = screen_pop(session, "03-1111-0000", agent_id=None, call_id=calls["taken"])
        linked = {summary.call_row_id: summary.customer_id for summary in recent_calls(session)}
    assert twice.outcome is PopOutcome.ONE
    assert [(c.customer_id, c.matched_phone_kind) for c in twice.choices] == [(both_kinds, PhoneKind.HOME)]
    assert twice.record is not None
    assert [p.kind for p in twice.record.phones] == [PhoneKind.HOME, PhoneKind.WORK]
    assert erased.outcome is PopOutcome.ONE
    assert shared.outcome is PopOutcome.SEVERAL
    assert linked == {
        calls["twice"]: both_kinds,
        calls["erased"]: beside_erased,
        calls["shared"]: None,
        calls["taken"]: beside_erased,
    }
    # The record shows the calls that are the customer's: the one the pop linked, not the taken one.
    assert taken.record is not None
    assert [c.call_row_id for c in taken.record.recent_calls] == [calls["twice"]]
    assert [(row[0], row[2], row[3]) for row in _log(sessions)] == [
        (both_kinds, f"{NO_ONE}screen pop", calls["twice"]),
        (beside_erased, f"{NO_ONE}screen pop", calls["erased"]),
        (family[0], f"{NO_ONE}chooser", calls["shared"]),
        (family[1], f"{NO_ONE}chooser", calls["shared"]),
        (beside_erased, f"{NO_ONE}record", calls["taken"]),
        (both_kinds, f"{NO_ONE}screen pop", calls["taken"]),
    ]


def test_record_times_are_utc_whatever_the_servers_time_zone(
    engine: Engine, sessions: sessionmaker[Session]
) -> None:
    """On PostgreSQL the record's lists carry times as JSON text in the session's time zone."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no time zones")
    agent = _agent(sessions)
    _full_customer(sessions, agent, orders=2)
    with sessions.begin() as session:
        call = _ring(session, "tz", "09011112222")
        session.execute(text("SET LOCAL TIME ZONE 'Asia/Tokyo'"))
        record = screen_pop(session, "09011112222", agent_id=None, call_id=call).record
    assert record is not None
    times = [
        record.orders.orders[0].ordered_at,
        record.cases[0].received_at,
        record.recent_calls[0].started_at,
        record.direct_mail.changed_at,
    ]
    assert times == [NOW, NOW - dt.timedelta(days=3), NOW, NOW - dt.timedelta(days=30)]
    assert {time.utcoffset() for time in times if time is not None} == {dt.timedelta(0)}
    assert record.cases[0].due_on == (NOW - dt.timedelta(days=3)).date() + dt.timedelta(days=14)


class _ThrowawayPostgres:
    """A PostgreSQL server of the test's own on loopback, which the test may stop and start again.

    As `dev.py test --postgres` runs one: as the `postgres` account when root (initdb refuses root).
    """

    def __init__(self, bindir: Path, folder: Path) -> None:
        self._bindir, self._data, self._folder = bindir, folder / "data", folder
        self._as = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self.url = f"postgresql+psycopg://app@127.0.0.1:{self.port}/postgres"
        self._run("initdb", "-D", self._data, "-U", "app", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")

    def _run(self, program: str, *args: str | Path) -> None:
        command = [*self._as, str(self._bindir / program), *map(str, args)]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self._folder} -c fsync=off"
        self._run("pg_ctl", "-D", self._data, "-l", self._folder / "server.log", "-w", "-o", options, "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", self._data, "-m", "fast", "-w", "stop")


@pytest.fixture
def own_postgres() -> Iterator[_ThrowawayPostgres]:
    found = shutil.which("initdb")
    candidates = [Path(found).parent] if found else []
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    bindir = next((folder for folder in candidates if (folder / "pg_ctl").exists()), None)
    if bindir is None or not hasattr(os, "geteuid"):
        pytest.skip("PostgreSQL server programs (initdb, pg_ctl) are not installed")
    if os.geteuid() == 0 and (shutil.which("runuser") is None or not _has_account("postgres")):
        pytest.skip("as root, the server needs the postgres account and runuser")
    folder = Path(tempfile.mkdtemp(prefix="desk-pg-restart-"))  # not under pytest's root-only tmp_path
    try:
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres")
        server = _ThrowawayPostgres(bindir, folder)
        server.start()
        try:
            yield server
        finally:
            with contextlib.suppress(subprocess.CalledProcessError):
                server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _has_account(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def test_the_first_pop_after_a_postgresql_restart_succeeds_on_a_fresh_connection(
    own_postgres: _ThrowawayPostgres,
) -> None:
    """The engine does not ping the server on every checkout; it must still never hand out a connection
    the server closed, so the desk carries on after the server restarts without the agent seeing it."""
    engine = make_engine(own_postgres.url)
    upgrade(engine)
    sessions = session_factory(engine)
    connections = []
    event.listen(engine, "connect", lambda dbapi_connection, _record: connections.append(dbapi_connection))
    with sessions.begin() as session:
        session.add(
            Customer(
                customer_no="10000001",
                name="山田 太郎",
                created_at=NOW,
                updated_at=NOW,
                phones=[Phone(kind=PhoneKind.HOME, raw="03-1234-5678", e164="+81312345678")],
            )
        )
    with sessions() as first, sessions() as second:  # two connections in the pool, both to die
        first.execute(text("SELECT 1"))
        second.execute(text("SELECT 1"))

    def pop() -> PopOutcome:
        with sessions.begin() as session:
            return screen_pop(session, "03-1234-5678", agent_id=None).outcome

    assert pop() is PopOutcome.ONE
    before = len(connections)
    plain = create_engine(own_postgres.url)  # no checks at all: shows the restart kills pooled connections
    with plain.connect() as connection:
        connection.execute(text("SELECT 1"))

    own_postgres.stop()
    own_postgres.start()

    assert [pop() for _ in range(3)] == [PopOutcome.ONE] * 3
    assert len(connections) > before  # the dead ones were replaced, not reused
    with pytest.raises(OperationalError), plain.connect() as connection:
        connection.execute(text("SELECT 1"))
    plain.dispose()

    # A connection that dies while in use (the server ended the session) fails that one operation;
    # SQLAlchemy then refreshes the pool, and the agent's next try succeeds.
    admin = create_engine(own_postgres.url, isolation_level="AUTOCOMMIT")

    def pop_while_the_server_ends_the_session() -> None:
        with sessions.begin() as session:
            pid = session.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with admin.connect() as connection:
                connection.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            screen_pop(session, "03-1234-5678", agent_id=None)

    with pytest.raises(OperationalError):
        pop_while_the_server_ends_the_session()
    admin.dispose()
    assert pop() is PopOutcome.ONE
    engine.dispose()
