"""The background work of the customer pages: made from plain values, run by the runner in a session of its
own, returning frozen values and touching no widget. Each read of customer data writes its access-log entry
in the same commit."""

from __future__ import annotations

import datetime as dt

from desk_app.services.customers.deceased import record_death, withdraw_death_report
from desk_app.services.customers.orders import PAGE_SIZE, OrderCursor, OrderPage, order_page
from desk_app.services.customers.record import CustomerRecord, open_customer_record
from desk_app.services.customers.reveal import ProtectedDetails, RevealReason, reveal_protected_details
from desk_app.services.customers.search import SearchResult, search_customers
from desk_app.services.database import Session
from desk_app.services.incidents.customer_incidents import with_incidents
from ui.common.background import Work

# The most customers one search lists; the service says when there were more.
RESULT_LIMIT = 100


def search(query: str, agent_id: int) -> Work[SearchResult]:
    """One search; the service logs every customer listed, in the same commit."""

    def work(session: Session) -> SearchResult:
        return search_customers(session, query, agent_id=agent_id, limit=RESULT_LIMIT)

    return work


def next_orders(customer_id: int, cursor: OrderCursor) -> Work[OrderPage]:
    """The page of the customer's orders older than `cursor`."""

    def work(session: Session) -> OrderPage:
        return order_page(session, customer_id, before=cursor, limit=PAGE_SIZE)

    return work


def reveal_details(
    customer_id: int, *, agent_id: int, call_row_id: int | None, reason: RevealReason, other: str | None
) -> Work[ProtectedDetails]:
    """The protected details, read and logged with the agent's reason (and the call, if any) in one commit."""

    def work(session: Session) -> ProtectedDetails:
        return reveal_protected_details(
            session, customer_id, agent_id=agent_id, call_id=call_row_id, reason=reason, other_reason=other
        )

    return work


def report_death(
    customer_id: int, *, agent_id: int, call_row_id: int | None, died_on: dt.date | None
) -> Work[CustomerRecord]:
    """The death recorded (every mailing stopped), then the record as it now is, logged as a view."""

    def work(session: Session) -> CustomerRecord:
        record_death(session, customer_id, agent_id=agent_id, died_on=died_on, call_id=call_row_id)
        return with_incidents(session, open_customer_record(session, customer_id, agent_id=agent_id))

    return work


def withdraw_death(customer_id: int, *, agent_id: int, call_row_id: int | None) -> Work[CustomerRecord]:
    """A death report made in error removed (the mailings stay stopped), then the record as it now is."""

    def work(session: Session) -> CustomerRecord:
        withdraw_death_report(session, customer_id, agent_id=agent_id, call_id=call_row_id)
        return with_incidents(session, open_customer_record(session, customer_id, agent_id=agent_id))

    return work
