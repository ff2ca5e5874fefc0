"""Screen pop and the record panel: the right customer, masked until revealed, every view logged."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from desk_app.callerid.events import CallSource, CallState, call_event
from desk_app.phones import normalise
from desk_app.services.calls import recent_calls, record_call_event
from desk_app.services.customer_record import (
    CustomerRecord,
    open_customer_record,
    reveal_protected_details,
)
from desk_app.services.lookup import CustomerNotFound
from desk_app.services.orders import OrderCursor, order_page
from desk_app.services.screen_pop import PopOutcome, screen_pop
from desk_app.storage.models import (
    AccessAction,
    AccessLogEntry,
    Agent,
    AgentRole,
    Case,
    CaseKind,
    CaseState,
    Customer,
    Order,
    OrderChannel,
    OrderLine,
    Phone,
    PhoneKind,
    ProvisionBasis,
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
            session, customer, agent_id=agent, case_id=case_id, reason="identity verified by callback"
        )
    assert (details.street, details.building) == ("神宮前1-2-3", "みらいハイツ101")
    assert details.birth_date == dt.date(1980, 5, 17)
    assert (details.email, details.workplace_name, details.workplace_phone) == (
        "misaki@example.jp",
        "株式会社架空商事",
        "03-5555-0101",
    )
    assert _log(sessions) == [(customer, AccessAction.REVEAL, "identity verified by callback", None, case_id)]
    with sessions.begin() as session, pytest.raises(ValueError, match="reason"):
        reveal_protected_details(session, customer, agent_id=agent, reason="  ")


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
        (first, AccessAction.VIEW, "chooser", None, None),
        (second, AccessAction.VIEW, "chooser", None, None),
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
                reveal_protected_details(session, customer, agent_id=None, reason="test")
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
