"""The customer record panel: what an agent may see at once, and the protected details revealed on purpose."""

# Street, building, date of birth, e-mail and workplace stay out of `CustomerRecord` altogether, so no
# screen can show them by accident; `reveal_protected_details` returns them and logs that it did.

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
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
)
from desk_app.services.access_log import record_access
from desk_app.services.agents import AgentNotActive, UnknownAgent, require_active, role_on_record
from desk_app.services.customers.calls import (
    CallSummary,
    link_call_to_customer,
    recent_statement,
    summary_from_row,
)
from desk_app.services.customers.lookup import CustomerNotFound, national_form
from desk_app.services.customers.orders import PAGE_SIZE, OrderPage, page_from_rows, page_statement
from desk_app.storage.json_sql import json_array, json_array_agg, json_nested
from desk_app.storage.models import CallRecord, Case, Customer, Order, Phone, ProvisionRecord, table_of

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
class CaseSummary:
    case_id: int
    case_no: str
    kind: CaseKind
    state: CaseState
    received_at: dt.datetime
    due_on: dt.date

    @property
    def is_open(self) -> bool:
        return self.state not in CLOSED_CASE_STATES


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


@dataclass(frozen=True)
class ProtectedDetails:
    customer_id: int
    street: str | None
    building: str | None
    birth_date: dt.date | None
    email: str | None
    workplace_name: str | None
    workplace_phone: str | None


_customers, _phones, _orders = table_of(Customer), table_of(Phone), table_of(Order)
_provisions, _cases = table_of(ProvisionRecord), table_of(Case)
_LIVE = _customers.c.state != CustomerState.ERASED


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
    )
    return record if only_if is None else case((only_if, record))


def record_from_json(customer_id: int, value: Sequence[Any]) -> CustomerRecord:
    """The record from the value of `record_column`."""
    (customer_no, name, name_kana, postal_code, prefecture, city, state, row_version) = value[:8]
    (catalogue, catalogue_at, direct_mail, direct_mail_at, magazine, magazine_at) = value[8:14]
    (shopping_credit, has_birth_date, has_workplace, has_email) = value[14:18]
    (order_count, phones, provisions, cases, orders, calls) = value[18:24]
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


def _cases_from(rows: Iterable[list[Any]]) -> tuple[CaseSummary, ...]:
    cases = [
        CaseSummary(case_id, case_no, CaseKind(kind), CaseState(state), _utc(at), dt.date.fromisoformat(due))
        for case_id, case_no, kind, state, at, due in rows
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
_PROTECTED = select(
    _customers.c.street,
    _customers.c.building,
    _customers.c.birth_date,
    _customers.c.email,
    _customers.c.workplace_name,
    _customers.c.workplace_phone,
).where(_customers.c.id == bindparam("customer_id", type_=Integer()), _LIVE)


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


class RevealReason(enum.StrEnum):
    """Why protected details are revealed: the access log keeps the reason, never the data.

    Each names how the caller's identity was verified for this call or case; `OTHER` needs its own words
    (`other_reason_problem`).
    """

    CALLBACK = "callback"  # identity verified by a callback to the registered number
    ADDRESS_AND_ORDER = "address_and_order"  # the registered address and a recent order
    CUSTOMER_NO_AND_ADDRESS = "customer_no_and_address"  # the customer number and the registered address
    OTHER = "other"


# An "other" reason must say something: this many letters or digits (a kanji counts as one), not all
# the same few. "確認のため" or "." is not a reason an auditor can read back.
OTHER_REASON_MIN_CHARACTERS = 10
_OTHER_REASON_MIN_DISTINCT = 4


class RevealRefused(PermissionError):
    """A reveal without an active agent, or not for a call or a case about this customer."""


class RevealAgentNotActive(RevealRefused, AgentNotActive):
    """No reveal for an agent who is unknown or disabled: a refused reveal, and the gate's own refusal."""


class RevealReasonInvalid(ValueError):
    """The reason is not one of `RevealReason`, or an "other" reason too short to mean anything."""


def other_reason_problem(text: str | None) -> str | None:
    """Why `text` is no usable "other" reason (English, for the UI to translate), or None when it is."""
    words = [char for char in unicodedata.normalize("NFKC", text or "") if char.isalnum()]
    if len(words) < OTHER_REASON_MIN_CHARACTERS or len(set(words)) < _OTHER_REASON_MIN_DISTINCT:
        return f"an other reason needs at least {OTHER_REASON_MIN_CHARACTERS} letters saying why"
    return None


def _reveal_reason(reason: RevealReason | str, other_reason: str | None) -> str:
    """What the access log keeps: the reason's code, or "other: " and the agent's words."""
    try:
        chosen = RevealReason(reason)
    except ValueError:
        raise RevealReasonInvalid(f"unknown reveal reason {str(reason)[:40]!r}") from None
    if chosen is not RevealReason.OTHER:
        return chosen.value
    problem = other_reason_problem(other_reason)
    if problem is not None:
        raise RevealReasonInvalid(problem)
    assert other_reason is not None
    return f"other: {' '.join(other_reason.split())}"


def _require_purpose(
    session: Session, customer_id: int, *, agent_id: int | None, call_id: int | None, case_id: int | None
) -> None:
    if agent_id is None:
        raise RevealRefused("protected details are revealed only to an agent who is signed in")
    try:
        # The one gate every service uses: an unknown or disabled agent is refused first.
        require_active(session, agent_id)
    except AgentNotActive as exc:
        raise RevealAgentNotActive(str(exc)) from None
    try:
        role_on_record(session, agent_id)
    except UnknownAgent:
        raise RevealRefused(f"no active agent {agent_id}") from None
    if call_id is None and case_id is None:
        raise RevealRefused("protected details are revealed only for a call or a case")
    if call_id is not None and session.get(CallRecord, call_id) is None:
        raise RevealRefused(f"no call {call_id}")
    if case_id is not None:
        case_customer = session.scalar(select(Case.customer_id).where(Case.id == case_id))
        if case_customer != customer_id:
            raise RevealRefused(f"case {case_id} is not about this customer")


def reveal_protected_details(
    session: Session,
    customer_id: int,
    *,
    agent_id: int | None,
    reason: RevealReason | str,
    other_reason: str | None = None,
    call_id: int | None = None,
    case_id: int | None = None,
) -> ProtectedDetails:
    """Street, building, date of birth, e-mail and workplace, logged as a reveal with its reason.

    Only for an active agent (`RevealRefused` otherwise, as for no call and no case, an unknown call,
    or a case about someone else), during a call or in a case, and for a `RevealReason`; an "other"
    reason needs the agent's own words (`RevealReasonInvalid`), which go into the access log and so
    must not contain the data itself. Raises `CustomerNotFound` for an unknown or erased customer.
    Nothing is read or written before every check has passed.
    """
    _require_purpose(session, customer_id, agent_id=agent_id, call_id=call_id, case_id=case_id)
    logged = _reveal_reason(reason, other_reason)
    row = session.execute(_PROTECTED, {"customer_id": customer_id}).first()
    if row is None:
        raise CustomerNotFound(customer_id)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.REVEAL,
        customer_ids=(customer_id,),
        detail=logged,
        case_id=case_id,
        call_id=call_id,
    )
    return ProtectedDetails(customer_id, *row)
