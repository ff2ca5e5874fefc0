"""Purchase history for the record panel: the newest orders first, paged by keyset on (ordered_at, id)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from desk_app.domain.enums import OrderChannel
from desk_app.services.customers.lookup import require_customer
from desk_app.storage.models import Order, OrderLine, UtcDateTime, table_of

PAGE_SIZE = 50
MAX_PAGE_SIZE = 500


@dataclass(frozen=True)
class OrderCursor:
    """Where a page ended: the next page holds orders strictly older than this one."""

    ordered_at: dt.datetime
    order_id: int


@dataclass(frozen=True)
class OrderSummary:
    order_id: int
    order_no: str
    ordered_at: dt.datetime
    channel: OrderChannel
    amount_yen: int
    # The first line's product and how many lines there are: "健康ステッパー ほか2点".
    first_product: str
    line_count: int

    @property
    def cursor(self) -> OrderCursor:
        return OrderCursor(self.ordered_at, self.order_id)


@dataclass(frozen=True)
class OrderPage:
    orders: tuple[OrderSummary, ...]
    # None when this page is the last one.
    next_cursor: OrderCursor | None


_orders, _lines = table_of(Order), table_of(OrderLine)


def page_statement(
    customer_id: ColumnElement[int], limit: ColumnElement[int] | int, *, after_cursor: bool = False
) -> Select[*tuple[Any, ...]]:
    """Up to `limit` of `customer_id`'s orders, newest first, in the columns `page_from_rows` reads.

    `customer_id` and `limit` are bound parameters for `first_orders`; the record panel's statement
    reads the first page inside its own, with the customer's column and a fixed limit.
    """
    # The inner query walks the (customer_id, ordered_at) index newest first and stops after a page;
    # only then does the outer one look up each order's first line and line count, so a customer with
    # hundreds of orders costs no more than one with a page of them. One extra row tells whether
    # another page follows.
    condition = _orders.c.customer_id == customer_id
    if after_cursor:
        before_at = bindparam("before_at", type_=UtcDateTime())
        before_id = bindparam("before_id", type_=Integer())
        condition = and_(
            condition,
            or_(
                _orders.c.ordered_at < before_at,
                and_(_orders.c.ordered_at == before_at, _orders.c.id < before_id),
            ),
        )
    page = (
        select(
            _orders.c.id,
            _orders.c.order_no,
            _orders.c.ordered_at,
            _orders.c.channel,
            _orders.c.amount_yen,
        )
        .where(condition)
        .order_by(_orders.c.ordered_at.desc(), _orders.c.id.desc())
        .limit(limit)
        # Nested in the record's statement, `customer_id` is the customer's column there.
        .correlate_except(_orders)
        .subquery("page")
    )
    first_product = (
        select(_lines.c.product_name)
        .where(_lines.c.order_id == page.c.id)
        .order_by(_lines.c.line_no)
        .limit(1)
        .scalar_subquery()
    )
    line_count = select(func.count()).where(_lines.c.order_id == page.c.id).scalar_subquery()
    return select(page, first_product, line_count).order_by(page.c.ordered_at.desc(), page.c.id.desc())


_FIRST_PAGE = page_statement(bindparam("customer_id"), bindparam("limit"))
_NEXT_PAGE = page_statement(bindparam("customer_id"), bindparam("limit"), after_cursor=True)


def order_page(
    session: Session, customer_id: int, *, before: OrderCursor | None = None, limit: int = PAGE_SIZE
) -> OrderPage:
    """One page of a customer's orders, newest first, starting after `before` (the previous page's cursor).

    Keyset paging on (ordered_at, id): orders placed in the same second are neither repeated nor
    skipped, and a new order arriving between pages does not shift later pages. Raises
    `CustomerNotFound` for an erased customer: the law keeps their orders, but no longer as theirs.
    """
    if not 1 <= limit <= MAX_PAGE_SIZE:
        raise ValueError(f"limit must be between 1 and {MAX_PAGE_SIZE}")
    require_customer(session, customer_id)
    return first_orders(session, customer_id, before=before, limit=limit)


def first_orders(
    session: Session, customer_id: int, *, before: OrderCursor | None = None, limit: int = PAGE_SIZE
) -> OrderPage:
    """`order_page` without the check, for callers that have just read the customer themselves."""
    params: dict[str, object] = {"customer_id": customer_id, "limit": limit + 1}
    if before is None:
        rows = session.execute(_FIRST_PAGE, params).all()
    else:
        params.update(before_at=before.ordered_at, before_id=before.order_id)
        rows = session.execute(_NEXT_PAGE, params).all()
    return page_from_rows(rows, limit)


def page_from_rows(rows: Sequence[Sequence[Any]], limit: int) -> OrderPage:
    """The page from `page_statement`'s rows (up to `limit` + 1 of them, newest first)."""
    orders = tuple(
        OrderSummary(
            order_id=row[0],
            order_no=row[1],
            ordered_at=row[2],
            channel=row[3],
            amount_yen=row[4],
            first_product=row[5] or "",
            line_count=row[6],
        )
        for row in rows[:limit]
    )
    more = len(rows) > limit
    return OrderPage(orders=orders, next_cursor=orders[-1].cursor if more else None)
