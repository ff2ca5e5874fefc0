"""The customers a selection (`domain.selections.CustomerSelection`) names, found in the database.

Every criterion given must hold. The order criteria ask for one order (EXISTS) placed within the date range
and through one of the channels; dates are Japan's, so a range of days runs from the first day's midnight in
Tokyo up to, not including, the midnight after the last (an order at 23:59 JST on the last day is in, one at
00:00 JST the next day is not). Registration is the customer's `created_at` read the same way; prefectures
are any of the list; the postal code starts with the prefix; the flags are the columns as stored; an e-mail
address is one neither missing nor empty.

Nothing here reads a customer's row: `matching_ids` hands out ids a chunk at a time (by id, each chunk a
statement of its own, so the caller may write between chunks) and `count_selection` counts in the database,
by what a leak notice would meet (`notice_state`). Neither writes the access log: the callers do, with the
words of the criteria and the counts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, case, exists, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.japan_time import TOKYO
from desk_app.domain.messages import InvalidRequest
from desk_app.domain.selections import CustomerSelection, selection_problem
from desk_app.services.customers.notice_state import DECEASED, ERASED, NO_ADDRESS, NOTICE_STATE
from desk_app.storage.models import Customer, Order, table_of

# Ids per chunk: well under every database's bound on parameters when the caller looks them up again.
CHUNK = 1_000

_C = table_of(Customer).c
_O = table_of(Order).c
_FLAGS = ("shopping_credit", "direct_mail_opt_in", "catalogue_opt_in")


@dataclass(frozen=True)
class SelectionCount:
    """How many customers a selection names, and how many of them, each in the first that applies, are
    erased, reported deceased or without a postal address (a notice could not be posted to them)."""

    total: int
    erased: int
    deceased: int
    no_address: int


def japan_midnight(day: dt.date) -> dt.datetime:
    """The start of `day` in Japan, as an aware time (stored and compared in UTC)."""
    return dt.datetime.combine(day, dt.time(), TOKYO)


def _within(
    column: ColumnElement[dt.datetime], first: dt.date | None, last: dt.date | None
) -> list[ColumnElement[bool]]:
    """`column` on the Japan days from `first` to `last`, both included; an end not given is open."""
    conditions: list[ColumnElement[bool]] = []
    if first is not None:
        conditions.append(column >= japan_midnight(first))
    if last is not None:
        conditions.append(column < japan_midnight(last + dt.timedelta(days=1)))
    return conditions


def selection_filter(selection: CustomerSelection) -> ColumnElement[bool]:
    """The criteria as one condition over the customer table; `InvalidRequest` for a selection that
    `selection_problem` refuses (an empty one above all: it would name every customer)."""
    problem = selection_problem(selection)
    if problem is not None:
        raise InvalidRequest(problem)
    conditions: list[ColumnElement[bool]] = []
    if selection.about_orders:
        order = [
            _O.customer_id == _C.id,
            *_within(_O.ordered_at, selection.ordered_from, selection.ordered_to),
        ]
        if selection.order_channels:
            order.append(_O.channel.in_(selection.order_channels))
        conditions.append(exists().where(*order))
    conditions += _within(_C.created_at, selection.registered_from, selection.registered_to)
    if selection.prefectures:
        conditions.append(_C.prefecture.in_(selection.prefectures))
    if selection.postal_prefix:
        # Digits only (`selection_problem`): nothing in the prefix is a LIKE wildcard.
        conditions.append(_C.postal_code.like(f"{selection.postal_prefix}%"))
    for flag in _FLAGS:
        value = getattr(selection, flag)
        if value is not None:
            conditions.append(_C[flag] == value)
    if selection.has_email is not None:
        present = and_(_C.email.is_not(None), _C.email != "")
        conditions.append(present if selection.has_email else or_(_C.email.is_(None), _C.email == ""))
    return and_(*conditions)


def matching_ids(
    session: Session, selection: CustomerSelection, *, chunk: int = CHUNK
) -> Iterator[list[int]]:
    """The ids of the customers `selection` names, in id order, `chunk` at a time."""
    where = selection_filter(selection)
    after = 0
    while True:
        ids = list(session.scalars(select(_C.id).where(where, _C.id > after).order_by(_C.id).limit(chunk)))
        if not ids:
            return
        yield ids
        after = ids[-1]


def count_selection(session: Session, selection: CustomerSelection) -> SelectionCount:
    """How many customers `selection` names, by what a notice to them would meet; one statement."""

    def among(said: str) -> ColumnElement[int]:
        return func.coalesce(func.sum(case({said: 1}, value=NOTICE_STATE, else_=0)), 0)

    row = session.execute(
        select(func.count(), among(ERASED), among(DECEASED), among(NO_ADDRESS)).where(
            selection_filter(selection)
        )
    ).one()
    total, erased, deceased, no_address = (int(value) for value in row)
    return SelectionCount(total=total, erased=erased, deceased=deceased, no_address=no_address)
