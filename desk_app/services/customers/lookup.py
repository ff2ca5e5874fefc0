"""Caller lookup by phone number: the core of the screen pop, also behind `desk-app lookup`."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import phonenumbers
from sqlalchemy import FromClause, Select, bindparam, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import CustomerState, PhoneKind
from desk_app.domain.phones import PhoneNumber, normalise
from desk_app.storage.models import Customer, Phone, table_of


@dataclass(frozen=True)
class CustomerMatch:
    customer_id: int
    customer_no: str
    name: str
    name_kana: str
    matched_phone_kind: PhoneKind
    # Where they live, to the city: what tells two holders of a household landline apart in a chooser.
    prefecture: str = ""
    city: str = ""


class CustomerNotFound(LookupError):
    """No such customer, or one whose data was erased: to the desk, the two are the same."""


@dataclass(frozen=True)
class LookupResult:
    input: str
    number: PhoneNumber
    customers: tuple[CustomerMatch, ...]


_customers, _phones = table_of(Customer), table_of(Phone)


def holders_statement(customers: FromClause, phones: FromClause) -> Select[Any]:
    """The live customers holding the number in the parameter "e164", one row per phone, by customer
    number: the columns `matches_from_rows` reads. For the tables, or for aliases of them (the screen
    pop adds the record's columns to it)."""
    return (
        select(
            customers.c.id,
            customers.c.customer_no,
            customers.c.name,
            customers.c.name_kana,
            phones.c.kind,
            customers.c.prefecture,
            customers.c.city,
        )
        .select_from(phones)
        .join(customers, phones.c.customer_id == customers.c.id)
        .where(phones.c.e164 == bindparam("e164"), customers.c.state != CustomerState.ERASED)
        .order_by(customers.c.customer_no, phones.c.id)
    )


# Built once: the screen pop runs this on every ring, and compiling it each time costs more than the query.
_BY_E164 = holders_statement(_customers, _phones)


_LIVE = select(_customers.c.id).where(
    _customers.c.id == bindparam("customer_id"), _customers.c.state != CustomerState.ERASED
)


def require_customer(session: Session, customer_id: int) -> None:
    """Raise `CustomerNotFound` unless `customer_id` is a customer whose data the desk still holds."""
    if session.execute(_LIVE, {"customer_id": customer_id}).first() is None:
        raise CustomerNotFound(customer_id)


def lookup_by_phone(session: Session, text: str) -> LookupResult:
    """Customers holding the number in `text`; raises `InvalidPhoneNumber` when it is not a number.

    A customer with the number registered twice (home and work, say) is listed once, under
    the first kind found. Erased customers never match.
    """
    number = normalise(text)
    return LookupResult(input=text, number=number, customers=matches_for(session, number.e164))


def matches_for(session: Session, e164: str) -> tuple[CustomerMatch, ...]:
    """The customers holding `e164` (already normalised), by customer number; erased ones never."""
    return matches_from_rows(session.execute(_BY_E164, {"e164": e164}))


def matches_from_rows(rows: Iterable[Sequence[Any]]) -> tuple[CustomerMatch, ...]:
    """The matches in rows of `holders_statement`: each customer once, under the first phone kind found."""
    matches: dict[int, CustomerMatch] = {}
    for customer_id, customer_no, name, name_kana, kind, prefecture, city in (row[:7] for row in rows):
        if customer_id not in matches:
            matches[customer_id] = CustomerMatch(
                customer_id=customer_id,
                customer_no=customer_no,
                name=name or "",
                name_kana=name_kana or "",
                matched_phone_kind=kind,
                prefecture=prefecture or "",
                city=city or "",
            )
    return tuple(matches.values())


@functools.lru_cache(maxsize=4096)
def national_form(e164: str) -> str:
    """03-1234-5678 for +81312345678, as agents read numbers; the stored text itself if unparsable.

    Cached: the record panel and the caller log show the same few numbers again and again, and
    formatting costs about 20 µs each time.
    """
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if number.country_code == 81
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(number, style))
