"""Orders upserted whole: an order's lines arrive together, and a bad line rejects its order."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from desk_app.domain.enums import CustomerState
from desk_app.domain.messages import message
from desk_app.erased_register_key import RegisterKey
from desk_app.imports.validate import Problem
from desk_app.services.admin.imports.report import Counts
from desk_app.services.admin.imports.writer import Item, Writer, repeated
from desk_app.storage.models import Order, OrderLine, table_of

_ORDERS = table_of(Order)
_LINES = table_of(OrderLine)

_ORDER_HEADERS = {
    "customer_no": "顧客番号",
    "ordered_at": "注文日時",
    "channel": "経路",
    "amount_yen": "金額",
}


class OrderWriter(Writer):
    """Orders arrive a row per line, an order's lines together; an order is written whole or not at all."""

    def __init__(self, session: Session, now: dt.datetime, counts: Counts, register_key: RegisterKey) -> None:
        super().__init__(session, now, counts, register_key)
        self.current: tuple[str, dict[str, Any], int] | None = None
        self.bad_orders: set[str] = set()
        self.carry: list[Item] = []

    def check_key(self, line: int, clean: dict[str, Any]) -> list[Problem]:
        number = clean["order_no"]
        if self.current is None or self.current[0] != number:
            problems = repeated(self.seen, number, line, "注文番号")
            if problems:
                return [
                    Problem(line, "注文番号", message("import.order_apart", problem=problems[0].explanation))
                ]
            self.current = (number, clean, line)
            return []
        first, first_line = self.current[1], self.current[2]
        return [
            Problem(line, header, message("import.order_differs", first=first_line))
            for name, header in _ORDER_HEADERS.items()
            if clean[name] != first[name]
        ]

    def rejected(self, clean: dict[str, Any]) -> None:
        if clean.get("order_no") is not None:
            self.bad_orders.add(clean["order_no"])

    def flush(self, batch: list[Item], *, write: bool, final: bool) -> list[tuple[Item, list[Problem]]]:
        items = self.carry + batch
        self.carry = []
        if items and not final:
            # The last order may go on in the next rows: it waits for them.
            last = items[-1].clean["order_no"]
            while items and items[-1].clean["order_no"] == last:
                self.carry.insert(0, items.pop())
        groups: dict[str, list[Item]] = {}
        for item in items:
            groups.setdefault(item.clean["order_no"], []).append(item)
        problems: list[tuple[Item, list[Problem]]] = []
        for number in [number for number in groups if number in self.bad_orders]:
            for item in groups.pop(number):
                problems.append(
                    (item, [Problem(item.line, "注文番号", message("import.order_line_rejected"))])
                )
        if not groups:
            return problems
        owners = self.customers(sorted({group[0].clean["customer_no"] for group in groups.values()}))
        wanted: dict[str, tuple[dict[str, Any], list[tuple[Any, ...]]]] = {}
        for number, group in groups.items():
            head = group[0].clean
            owner = owners.get(head["customer_no"])
            if owner is None:
                for item in group:
                    problems.append(
                        (item, [Problem(item.line, "顧客番号", message("import.no_such_customer"))])
                    )
                continue
            line_nos = [item.clean["line_no"] for item in group if item.clean["product_code"] is not None]
            if len(set(line_nos)) != len(line_nos):
                for item in group:
                    problems.append(
                        (item, [Problem(item.line, "明細番号", message("import.line_number_twice"))])
                    )
                continue
            if owner[1] == CustomerState.ERASED:
                self.counts.not_revived.append(head["customer_no"])
                continue
            order = {
                "customer_id": owner[0],
                "ordered_at": head["ordered_at"],
                "channel": head["channel"],
                "amount_yen": head["amount_yen"],
            }
            lines = sorted(
                (i.line_no, i.product_code, i.product_name.strip(), i.quantity, i.line_amount_yen)
                for i in (_Line(item.clean) for item in group if item.clean["product_code"] is not None)
            )
            wanted[number] = (order, lines)
        if write and wanted:
            self._upsert(wanted)
        return problems

    def _upsert(self, wanted: dict[str, tuple[dict[str, Any], list[tuple[Any, ...]]]]) -> None:
        o, ln = _ORDERS.c, _LINES.c
        stored = {
            row.order_no: row
            for row in self.session.execute(
                select(o.id, o.order_no, o.customer_id, o.ordered_at, o.channel, o.amount_yen).where(
                    o.order_no.in_(list(wanted))
                )
            )
        }
        stored_lines: dict[int, list[tuple[Any, ...]]] = {}
        if stored:
            for row in self.session.execute(
                select(
                    ln.order_id, ln.line_no, ln.product_code, ln.product_name, ln.quantity, ln.amount_yen
                ).where(ln.order_id.in_([row.id for row in stored.values()]))
            ):
                stored_lines.setdefault(row[0], []).append(tuple(row[1:]))
        new: list[dict[str, Any]] = []
        changed: list[dict[str, Any]] = []
        lines_of: dict[str, list[tuple[Any, ...]]] = {}
        for number, (order, lines) in wanted.items():
            existing = stored.get(number)
            if existing is None:
                new.append({"order_no": number, **order})
                lines_of[number] = lines
                continue
            same = all(existing._mapping[name] == value for name, value in order.items())
            if same and sorted(stored_lines.get(existing.id, [])) == lines:
                self.counts.unchanged += 1
                continue
            changed.append({"b_id": existing.id, **{f"v_{name}": value for name, value in order.items()}})
            lines_of[number] = lines
        if new:
            self.session.execute(insert(_ORDERS), new)
        if changed:
            self.session.execute(_UPDATE_ORDER, changed)
            self.session.execute(delete(_LINES).where(ln.order_id.in_([row["b_id"] for row in changed])))
        self.counts.inserted += len(new)
        self.counts.updated += len(changed)
        if lines_of:
            ids = dict(
                self.session.execute(select(o.order_no, o.id).where(o.order_no.in_(list(lines_of)))).all()
            )
            rows = [
                dict(zip(_LINE_FIELDS, (ids[number], *line), strict=True))
                for number, lines in lines_of.items()
                for line in lines
            ]
            if rows:
                self.session.execute(insert(_LINES), rows)


_LINE_FIELDS = ("order_id", "line_no", "product_code", "product_name", "quantity", "amount_yen")
_UPDATE_ORDER = (
    update(_ORDERS)
    .where(_ORDERS.c.id == bindparam("b_id"))
    .values(
        customer_id=bindparam("v_customer_id"),
        ordered_at=bindparam("v_ordered_at"),
        channel=bindparam("v_channel"),
        amount_yen=bindparam("v_amount_yen"),
    )
)


class _Line:
    def __init__(self, clean: dict[str, Any]) -> None:
        self.line_no: int = clean["line_no"]
        self.product_code: str = clean["product_code"].strip()
        self.product_name: str = clean["product_name"]
        self.quantity: int = clean["quantity"]
        self.line_amount_yen: int = clean["line_amount_yen"]
