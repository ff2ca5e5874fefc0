"""Caller lookup by phone number: the core of the screen pop, also behind `desk-app lookup`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desk_app.phones import PhoneNumber, normalise
from desk_app.storage.models import Customer, CustomerState, Phone, PhoneKind


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: int
    customer_no: str
    name: str
    name_kana: str
    matched_phone_kind: PhoneKind


@dataclass(frozen=True)
class LookupResult:
    input: str
    number: PhoneNumber
    customers: tuple[CustomerMatch, ...]


# Built once: the screen pop runs this on every ring, and compiling it each time costs more than the query.
_BY_E164 = (
    select(Customer.id, Customer.customer_no, Customer.name, Customer.name_kana, Phone.kind)
    .join(Phone, Phone.customer_id == Customer.id)
    .where(Phone.e164 == bindparam("e164"), Customer.state != CustomerState.ERASED)
    .order_by(Customer.customer_no)
)


def lookup_by_phone(session: Session, text: str) -> LookupResult:
    """Customers holding the number in `text`; raises `InvalidPhoneNumber` when it is not a number.

    A customer with the number registered twice (home and work, say) is listed once, under
    the first kind found. Erased customers never match.
    """
    number = normalise(text)
    matches: dict[int, CustomerMatch] = {}
    for customer_id, customer_no, name, name_kana, kind in session.execute(_BY_E164, {"e164": number.e164}):
        matches.setdefault(
            customer_id,
            CustomerMatch(
                customer_id=customer_id,
                customer_no=customer_no,
                name=name or "",
                name_kana=name_kana or "",
                matched_phone_kind=kind,
            ),
        )
    return LookupResult(input=text, number=number, customers=tuple(matches.values()))
