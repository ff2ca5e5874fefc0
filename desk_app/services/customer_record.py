"""The customer record panel: what an agent may see at once, and the protected details revealed on purpose."""

# Street, building, date of birth, e-mail and workplace stay out of `CustomerRecord` altogether, so no
# screen can show them by accident; `reveal_protected_details` returns them and logs that it did.

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Integer, bindparam, case, func, select
from sqlalchemy.orm import Session

from desk_app.services.access_log import record_access
from desk_app.services.calls import CallSummary, link_call_to_customer, recent_calls
from desk_app.services.lookup import CustomerNotFound, national_form
from desk_app.services.orders import OrderPage, first_orders
from desk_app.storage.models import (
    AccessAction,
    Case,
    CaseKind,
    CaseState,
    Customer,
    CustomerState,
    Order,
    Phone,
    PhoneKind,
    ProvisionBasis,
    ProvisionRecord,
    table_of,
)

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
_ID = bindparam("customer_id", type_=Integer())
_LIVE = _customers.c.state != CustomerState.ERASED

# Each built once: the screen pop runs them all on every ring with a single match.
_CUSTOMER = select(
    _customers.c.customer_no,
    _customers.c.name,
    _customers.c.name_kana,
    _customers.c.postal_code,
    _customers.c.prefecture,
    _customers.c.city,
    _customers.c.state,
    _customers.c.row_version,
    _customers.c.catalogue_opt_in,
    _customers.c.catalogue_changed_at,
    _customers.c.direct_mail_opt_in,
    _customers.c.direct_mail_changed_at,
    _customers.c.email_magazine_opt_in,
    _customers.c.email_magazine_changed_at,
    _customers.c.shopping_credit,
    # Only whether they are held: the values themselves never leave the database here.
    _customers.c.birth_date.is_not(None),
    (_customers.c.workplace_name.is_not(None) | _customers.c.workplace_phone.is_not(None)),
    _customers.c.email.is_not(None),
    select(func.count()).where(_orders.c.customer_id == _customers.c.id).scalar_subquery(),
).where(_customers.c.id == _ID, _LIVE)
_PHONES = select(_phones.c.kind, _phones.c.e164).where(_phones.c.customer_id == _ID).order_by(_phones.c.id)
_PROVISIONS = (
    select(
        _provisions.c.provided_on,
        _provisions.c.recipient_name,
        _provisions.c.recipient_address,
        _provisions.c.recipient_representative,
        _provisions.c.items_provided,
        _provisions.c.purpose,
        _provisions.c.basis,
    )
    .where(_provisions.c.customer_id == _ID)
    .order_by(_provisions.c.provided_on.desc(), _provisions.c.id.desc())
)
_CASES = (
    select(
        _cases.c.id,
        _cases.c.case_no,
        _cases.c.kind,
        _cases.c.state,
        _cases.c.received_at,
        _cases.c.due_on,
    )
    .where(_cases.c.customer_id == _ID)
    .order_by(
        case((_cases.c.state.in_(CLOSED_CASE_STATES), 1), else_=0),
        _cases.c.received_at.desc(),
        _cases.c.id.desc(),
    )
    .limit(CASES_SHOWN)
)
_PROTECTED = select(
    _customers.c.street,
    _customers.c.building,
    _customers.c.birth_date,
    _customers.c.email,
    _customers.c.workplace_name,
    _customers.c.workplace_phone,
).where(_customers.c.id == _ID, _LIVE)


def load_record(session: Session, customer_id: int) -> CustomerRecord | None:
    """The record without logging it: for `open_customer_record` and the screen pop, which both log."""
    params = {"customer_id": customer_id}
    row = session.execute(_CUSTOMER, params).first()
    if row is None:
        return None
    (customer_no, name, name_kana, postal_code, prefecture, city, state, row_version) = row[:8]
    (catalogue, catalogue_at, direct_mail, direct_mail_at, magazine, magazine_at) = row[8:14]
    (shopping_credit, has_birth_date, has_workplace, has_email, order_count) = row[14:]
    phones = tuple(
        PhoneEntry(kind=kind, national=national_form(e164), e164=e164)
        for kind, e164 in session.execute(_PHONES, params)
    )
    provisions = tuple(ProvisionSummary(*provision) for provision in session.execute(_PROVISIONS, params))
    cases = tuple(CaseSummary(*found) for found in session.execute(_CASES, params))
    return CustomerRecord(
        customer_id=customer_id,
        customer_no=customer_no,
        name=name or "",
        name_kana=name_kana or "",
        postal_code=postal_code or "",
        prefecture=prefecture or "",
        city=city or "",
        state=state,
        row_version=row_version,
        phones=phones,
        catalogue=Mailing(bool(catalogue), catalogue_at),
        direct_mail=Mailing(bool(direct_mail), direct_mail_at),
        email_magazine=Mailing(bool(magazine), magazine_at),
        shopping_credit=bool(shopping_credit),
        has_birth_date=bool(has_birth_date),
        has_workplace=bool(has_workplace),
        has_email=bool(has_email),
        order_count=order_count,
        orders=first_orders(session, customer_id),
        provisions=provisions,
        cases=cases,
        recent_calls=tuple(recent_calls(session, customer_id=customer_id, limit=CALLS_SHOWN)),
    )


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
    the chooser). Raises `CustomerNotFound` for an unknown or erased customer.
    """
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


def reveal_protected_details(
    session: Session,
    customer_id: int,
    *,
    agent_id: int | None,
    call_id: int | None = None,
    case_id: int | None = None,
    reason: str,
) -> ProtectedDetails:
    """Street, building, date of birth, e-mail and workplace, logged as a reveal with `reason`.

    The reason ("identity verified by callback") is required and goes into the access log, so it must
    not contain the data itself. Raises `CustomerNotFound` for an unknown or erased customer.
    """
    if not reason.strip():
        raise ValueError("a reason is required to reveal protected details")
    row = session.execute(_PROTECTED, {"customer_id": customer_id}).first()
    if row is None:
        raise CustomerNotFound(customer_id)
    record_access(
        session,
        agent_id=agent_id,
        action=AccessAction.REVEAL,
        customer_ids=(customer_id,),
        detail=reason.strip(),
        case_id=case_id,
        call_id=call_id,
    )
    return ProtectedDetails(customer_id, *row)
