"""Customers and orders for the saved-search tests: written through the tables, each field given or a plain
default, the times in Japan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from desk_app.domain.enums import CustomerState, OrderChannel
from desk_app.storage.models import Customer, Order, table_of

JST = dt.timezone(dt.timedelta(hours=9))


def jst(year: int, month: int, day: int, hour: int = 12, minute: int = 0, second: int = 0) -> dt.datetime:
    """A time in Japan, as the stored UTC."""
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=JST).astimezone(dt.UTC)


class Shop:
    """Adds customers (numbers 70000001 on) and their orders; `number(id)` is a customer's number."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.count = 0
        self.orders = 0

    def customer(self, **fields: Any) -> int:
        self.count += 1
        created = fields.pop("created_at", jst(2025, 1, 10))
        values: dict[str, Any] = {
            "customer_no": f"{70000000 + self.count}",
            "name": "山田 太郎",
            "name_kana": "ヤマダ タロウ",
            "postal_code": "1000001",
            "prefecture": "東京都",
            "city": "千代田区",
            "street": "千代田1-1",
            "email": None,
            "shopping_credit": False,
            "catalogue_opt_in": True,
            "direct_mail_opt_in": True,
            "email_magazine_opt_in": False,
            "provision_opt_in": True,
            "state": CustomerState.ACTIVE,
            "created_at": created,
            "updated_at": created,
            "row_version": 1,
            **fields,
        }
        return int(self.session.execute(insert(table_of(Customer)).values(values)).inserted_primary_key[0])

    def order(self, customer_id: int, at: dt.datetime, channel: OrderChannel = OrderChannel.WEB) -> None:
        self.orders += 1
        self.session.execute(
            insert(table_of(Order)).values(
                order_no=f"S{customer_id}-{self.orders}",
                customer_id=customer_id,
                ordered_at=at,
                channel=channel,
                amount_yen=1000,
            )
        )
