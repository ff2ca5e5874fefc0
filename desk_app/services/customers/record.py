"""The customer record panel: what an agent may see at once, read in one statement and logged as a view."""

# Street, building, date of birth, e-mail and workplace stay out of `CustomerRecord` altogether, so no
# screen can show them by accident; `reveal.reveal_protected_details` returns them and logs that it did.

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Integer, Select, bindparam, case, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import (
    AccessAction,
    CallState,
    CaseKind,
    CaseState,
    CustomerState,
    NoNumberReason,
    OrderChannel,
    PhoneKind,
    ProvisionBasis,
    ProvisionStopGround,
)
from desk_app.services.access_log import record_access
from desk_app.services.agents import require_active
from desk_app.services.customers.calls import (
    CallSummary,
    link_call_to_customer,
    recent_statement,
    summary_from_row,
)
from desk_app.services.customers.lookup import CustomerNotFound, national_form
from desk_app.services.customers.orders import PAGE_SIZE, OrderPage, page_from_rows, page_statement
from desk_app.storage.json_sql import json_array, json_array_agg, json_nested
from desk_app.storage.models import Case, Customer, Order, Phone, ProvisionRecord, ProvisionStop, table_of
from desk_app.storage.models.cases import pause_field

CLOSED_CASE_STATES = (CaseState.COMPLETED, CaseState.REFUSED, CaseState.WITHDRAWN)
# Open cases all come first; closed ones fill the list up to this, newest first.
CASES_SHOWN = 30
CALLS_SHOWN = 10


@dataclass(frozen=True)
class PhoneEntry:
    kind: PhoneKind
    national: str
    e164: str


@dataclass(frozen=True)
class Mailing:
    """One mailing preference (catalogue, direct mail, e-mail magazine) and when it last changed."""

    opted_in: bool
    changed_at: dt.datetime | None


@dataclass(frozen=True)
class ProvisionSummary:
    provided_on: dt.date
    recipient_name: str
    recipient_address: str
    recipient_representative: str
    items_provided: str
    purpose: str
    basis: ProvisionBasis


@dataclass(frozen=True)
class ProvisionStopSummary:
    """A stop of third-party provision the customer made at the desk: of every provision not required
    (`recipient_name` None) or of one recipient's, why, when, and by which case (None once purged)."""

    recipient_name: str | None
    ground: ProvisionStopGround
    stopped_at: dt.datetime
    case_no: str | None


@dataclass(frozen=True)
class CaseSummary:
    case_id: int
    case_no: str
    kind: CaseKind
    state: CaseState
    received_at: dt.datetime
    due_on: dt.date
    # The clock waits for the customer (fee, documents, a proxy's papers): the due date moves when it runs.
    paused: bool = False

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_CASE_STATES


@dataclass(frozen=True)
class IncidentMark:
    """A leak incident the desk is handling, as the record (and New inquiry) names it: its number and title,
    never anything of the other customers it affects."""

    incident_no: str
    title: str


@dataclass(frozen=True)
class CustomerRecord:
    """What the panel shows before identity is verified: the address only to the city."""

    customer_id: int
    customer_no: str
    name: str
    name_kana: str
    postal_code: str
    prefecture: str
    city: str
    state: CustomerState
    row_version: int
    phones: tuple[PhoneEntry, ...]
    catalogue: Mailing
    direct_mail: Mailing
    email_magazine: Mailing
    shopping_credit: bool
    # Whether the masked details are held at all: the disclosure script needs to know (policy §8).
    has_birth_date: bool
    has_workplace: bool
    has_email: bool
    order_count: int
    orders: OrderPage
    provisions: tuple[ProvisionSummary, ...]
    cases: tuple[CaseSummary, ...]
    recent_calls: tuple[CallSummary, ...]
    # Provision to third parties on consent (policy §3): allowed or not, since when, and each stop made.
    provision: Mailing = Mailing(opted_in=True, changed_at=None)
    provision_stops: tuple[ProvisionStopSummary, ...] = ()
    # A relative reported the customer's death (`deceased.py`): when, and the day of death if given.
    death_reported_at: dt.datetime | None = None
    died_on: dt.date | None = None
    # The open leak incidents the customer is affected by, for the screen pop's warning: read with the
    # record by `services.incidents.customer_incidents.with_incidents` (the incidents sit above customers).
    incidents: tuple[IncidentMark, ...] = ()


_customers, _phones, _orders = table_of(Customer), table_of(Phone), table_of(Order)
_provisions, _cases = table_of(ProvisionRecord), table_of(Case)
_stops = table_of(ProvisionStop)
_stop_cases = _cases.alias("stop_case")


def _json_rows(statement: Select[Any], customers: FromClause) -> ColumnElement[Any]:
    """`statement`'s rows as one JSON array of arrays, to be read in the record's one statement.

    `statement` picks the rows (its ORDER BY and LIMIT hold), but the array holds them in no
    guaranteed order (SQLite's aggregates take no ORDER BY before 3.44), so the readers below sort them
    again. Times, dates and enumerations arrive as text. `statement` refers to the record's customer
    by a column of `customers`, which is in the enclosing statement's FROM.
    """
    rows = statement.correlate(customers).subquery()
    return json_nested(select(json_array_agg(json_array(*rows.c))).scalar_subquery())


def _json_all(where: ColumnElement[bool], *columns: ColumnElement[Any]) -> ColumnElement[Any]:
    """`_json_rows` for every row of one table that `where` picks: no subquery needed to limit them."""
    return json_nested(select(json_array_agg(json_array(*columns))).where(where).scalar_subquery())


def _utc(text: str) -> dt.datetime:
    """A time from JSON as `UtcDateTime` gives it: naive UTC text on SQLite, with an offset on PostgreSQL."""
    value = dt.datetime.fromisoformat(text)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _utc_or_none(text: str | None) -> dt.datetime | None:
    return None if text is None else _utc(text)


def _cases_statement(customer_id: ColumnElement[int]) -> Select[Any]:
    return (
        select(
            _cases.c.id,
            _cases.c.case_no,
            _cases.c.kind,
            _cases.c.state,
            _cases.c.received_at,
            _cases.c.due_on,
            pause_field(_cases.c.details, "since"),
        )
        .where(_cases.c.customer_id == customer_id)
        .order_by(
            # Not `in_()`: its list is expanded into the SQL on every execution, which costs more here.
            case((or_(*(_cases.c.state == closed for closed in CLOSED_CASE_STATES)), 1), else_=0),
            _cases.c.received_at.desc(),
            _cases.c.id.desc(),
        )
        .limit(CASES_SHOWN)
    )


def _stops_statement(customer_id: ColumnElement[int]) -> Select[Any]:
    return (
        select(
            _stops.c.id,
            _stops.c.recipient_name,
            _stops.c.ground,
            _stops.c.stopped_at,
            _stop_cases.c.case_no,
        )
        .outerjoin(_stop_cases, _stop_cases.c.id == _stops.c.case_id)
        .where(_stops.c.customer_id == customer_id)
    )


def record_column(customers: FromClause, *, only_if: ColumnElement[bool] | None = None) -> ColumnElement[Any]:
    """The whole record as one JSON value, which `record_from_json` reads, for the customer in `customers`.

    One value, so that the record is one statement, one round trip to a server, and one column for the
    driver and SQLAlchemy to handle. `customers` is an alias of the table in the enclosing statement's
    FROM (not the table itself: the caller log's subquery joins the table for each call's customer).
    With `only_if`, the value is read only in the rows where that holds, and is NULL in the others (the
    screen pop reads a record for a single match, never for a chooser).
    """
    customer = customers.c
    record = json_array(
        customer.customer_no,
        customer.name,
        customer.name_kana,
        customer.postal_code,
        customer.prefecture,
        customer.city,
        customer.state,
        customer.row_version,
        customer.catalogue_opt_in,
        customer.catalogue_changed_at,
        customer.direct_mail_opt_in,
        customer.direct_mail_changed_at,
        customer.email_magazine_opt_in,
        customer.email_magazine_changed_at,
        customer.shopping_credit,
        # Only whether they are held: the values themselves never leave the database here.
        customer.birth_date.is_not(None),
        (customer.workplace_name.is_not(None) | customer.workplace_phone.is_not(None)),
        customer.email.is_not(None),
        select(func.count()).where(_orders.c.customer_id == customer.id).scalar_subquery(),
        _json_all(_phones.c.customer_id == customer.id, _phones.c.id, _phones.c.kind, _phones.c.e164),
        _json_all(
            _provisions.c.customer_id == customer.id,
            _provisions.c.id,
            _provisions.c.provided_on,
            _provisions.c.recipient_name,
            _provisions.c.recipient_address,
            _provisions.c.recipient_representative,
            _provisions.c.items_provided,
            _provisions.c.purpose,
            _provisions.c.basis,
        ),
        _json_rows(_cases_statement(customer.id), customers),
        # One order more than a page tells whether another page follows.
        _json_rows(page_statement(customer.id, PAGE_SIZE + 1), customers),
        _json_rows(recent_statement(customer.id, CALLS_SHOWN), customers),
        customer.provision_opt_in,
        customer.provision_changed_at,
        _json_rows(_stops_statement(customer.id), customers),
        customer.death_reported_at,
        customer.died_on,
    )
    return record if only_if is None else case((only_if, record))


def record_from_json(customer_id: int, value: Sequence[Any]) -> CustomerRecord:
    """The record from the value of `record_column`."""
    (customer_no, name, name_kana, postal_code, prefecture, city, state, row_version) = value[:8]
    (catalogue, catalogue_at, direct_mail, direct_mail_at, magazine, magazine_at) = value[8:14]
    (shopping_credit, has_birth_date, has_workplace, has_email) = value[14:18]
    (order_count, phones, provisions, cases, orders, calls) = value[18:24]
    (provision, provision_at, stops, death_reported_at, died_on) = value[24:29]
    return CustomerRecord(
        customer_id=customer_id,
        customer_no=customer_no,
        name=name or "",
        name_kana=name_kana or "",
        postal_code=postal_code or "",
        prefecture=prefecture or "",
        city=city or "",
        state=CustomerState(state),
        row_version=row_version,
        phones=tuple(
            PhoneEntry(kind=PhoneKind(kind), national=national_form(e164), e164=e164)
            for _, kind, e164 in sorted(phones or ())
        ),
        # Booleans are JSON's on PostgreSQL, 0 and 1 on SQLite.
        catalogue=Mailing(bool(catalogue), _utc_or_none(catalogue_at)),
        direct_mail=Mailing(bool(direct_mail), _utc_or_none(direct_mail_at)),
        email_magazine=Mailing(bool(magazine), _utc_or_none(magazine_at)),
        shopping_credit=bool(shopping_credit),
        has_birth_date=bool(has_birth_date),
        has_workplace=bool(has_workplace),
        has_email=bool(has_email),
        order_count=order_count,
        orders=_order_page(orders or ()),
        provisions=_provisions_from(provisions or ()),
        cases=_cases_from(cases or ()),
        recent_calls=_calls_from(calls or ()),
        provision=Mailing(bool(provision), _utc_or_none(provision_at)),
        provision_stops=_stops_from(stops or ()),
        death_reported_at=_utc_or_none(death_reported_at),
        died_on=dt.date.fromisoformat(str(died_on)[:10]) if died_on else None,
    )


def _order_page(rows: Iterable[list[Any]]) -> OrderPage:
    orders = [
        (order_id, order_no, _utc(at), OrderChannel(channel), amount, first_product, lines)
        for order_id, order_no, at, channel, amount, first_product, lines in rows
    ]
    orders.sort(key=lambda order: (order[2], order[0]), reverse=True)
    return page_from_rows(orders, PAGE_SIZE)


def _provisions_from(rows: Iterable[list[Any]]) -> tuple[ProvisionSummary, ...]:
    newest_first = sorted(rows, key=lambda row: (row[1], row[0]), reverse=True)  # ISO dates sort as text
    return tuple(
        ProvisionSummary(
            provided_on=dt.date.fromisoformat(on),
            recipient_name=recipient_name,
            recipient_address=recipient_address,
            recipient_representative=representative,
            items_provided=items,
            purpose=purpose,
            basis=ProvisionBasis(basis),
        )
        for _, on, recipient_name, recipient_address, representative, items, purpose, basis in newest_first
    )


def _stops_from(rows: Iterable[list[Any]]) -> tuple[ProvisionStopSummary, ...]:
    ordered = sorted(rows, key=lambda row: (_utc(row[3]), row[0]))  # in the order they were made
    return tuple(
        ProvisionStopSummary(recipient, ProvisionStopGround(ground), _utc(at), case_no)
        for _, recipient, ground, at, case_no in ordered
    )


def _cases_from(rows: Iterable[list[Any]]) -> tuple[CaseSummary, ...]:
    cases = [
        CaseSummary(
            case_id,
            case_no,
            CaseKind(kind),
            CaseState(state),
            _utc(at),
            dt.date.fromisoformat(due),
            paused=paused_since is not None,
        )
        for case_id, case_no, kind, state, at, due, paused_since in rows
    ]
    cases.sort(key=lambda found: (found.received_at, found.case_id), reverse=True)
    cases.sort(key=lambda found: not found.is_open)  # stable: open ones first, each part newest first
    return tuple(cases)


def _calls_from(rows: Iterable[list[Any]]) -> tuple[CallSummary, ...]:
    calls = [
        (
            row_id,
            _utc(started_at),
            CallState(state),
            e164,
            raw,
            None if reason is None else NoNumberReason(reason),
            line,
            *customer_agent,
            _utc_or_none(answered_at),
            _utc_or_none(ended_at),
        )
        for row_id, started_at, state, e164, raw, reason, line, *customer_agent, answered_at, ended_at in rows
    ]
    calls.sort(key=lambda call: (call[1], call[0]), reverse=True)
    return tuple(summary_from_row(call) for call in calls)


# Built once: `open_customer_record` reads the whole record in this one statement.
_record_of = _customers.alias("customer")
_RECORD = select(record_column(_record_of)).where(
    _record_of.c.id == bindparam("customer_id", type_=Integer()), _record_of.c.state != CustomerState.ERASED
)


def load_record(session: Session, customer_id: int) -> CustomerRecord | None:
    """The record without logging it, in one statement: for `open_customer_record`, which logs it."""
    value = session.execute(_RECORD, {"customer_id": customer_id}).scalar()
    return None if value is None else record_from_json(customer_id, value)


def open_customer_record(
    session: Session,
    customer_id: int,
    *,
    agent_id: int | None,
    call_id: int | None = None,
    case_id: int | None = None,
) -> CustomerRecord:
    """The record panel's content, logged as a view in the caller's transaction.

    With `call_id`, the customer also becomes the call's customer if it has none yet (a choice from
    the chooser). Raises `CustomerNotFound` for an unknown or erased customer, `AgentNotActive` for an
    agent unknown or disabled.
    """
    if agent_id is not None:
        require_active(session, agent_id)
    if call_id is not None:  # first, so that the record's recent calls include this one
        link_call_to_customer(session, call_id, customer_id)
    record = load_record(session, customer_id)
    if record is None:
        raise CustomerNotFound(customer_id)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.VIEW,
        customer_ids=(customer_id,),
        detail="record",
        case_id=case_id,
        call_id=call_id,
    )
    return record
