"""The column mapping as data: the mail-order system's Japanese headers, English aliases, and what each holds.

README ("Importing from the mail-order system") shows the same table;
`tests/core/services/admin/test_imports.py` checks that every header here is in it.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from desk_app.domain.messages import MessageError, message
from desk_app.domain.prefectures import PREFECTURE_ORDER


class ImportKind(enum.StrEnum):
    CUSTOMERS = "customers"
    ORDERS = "orders"
    PROVISIONS = "provisions"


class FieldType(enum.StrEnum):
    TEXT = "text"
    CUSTOMER_NO = "customer_no"
    ORDER_NO = "order_no"
    KANA = "kana"
    POSTAL_CODE = "postal_code"
    PREFECTURE = "prefecture"
    PHONE = "phone"
    DATE = "date"
    DATETIME = "datetime"
    EMAIL = "email"
    FLAG = "flag"
    YEN = "yen"
    COUNT = "count"
    CHANNEL = "channel"
    BASIS = "basis"


@dataclass(frozen=True)
class Column:
    field: str  # the value's name in a clean row (mostly the database column)
    header: str  # as the mail-order system exports it
    aliases: tuple[str, ...]  # English headers accepted too
    type: FieldType
    required: bool = False
    max_length: int | None = None


def _c(
    field: str,
    header: str,
    alias: str,
    type: FieldType = FieldType.TEXT,
    *,
    required: bool = False,
    max_length: int | None = None,
) -> Column:
    return Column(field, header, (alias,), type, required, max_length)


T = FieldType
CUSTOMER_COLUMNS: tuple[Column, ...] = (
    _c("customer_no", "顧客番号", "customer_no", T.CUSTOMER_NO, required=True, max_length=16),
    _c("name", "氏名", "name", required=True, max_length=100),
    _c("name_kana", "氏名カナ", "name_kana", T.KANA, required=True, max_length=200),
    _c("postal_code", "郵便番号", "postal_code", T.POSTAL_CODE),
    _c("prefecture", "都道府県", "prefecture", T.PREFECTURE),
    _c("city", "市区町村", "city", max_length=100),
    _c("street", "番地", "street", max_length=200),
    _c("building", "建物名", "building", max_length=200),
    _c("home_phone", "電話番号(自宅)", "home_phone", T.PHONE),
    _c("mobile_phone", "携帯電話", "mobile_phone", T.PHONE),
    _c("work_phone", "勤務先電話", "work_phone", T.PHONE),
    _c("birth_date", "生年月日", "birth_date", T.DATE),
    _c("email", "メールアドレス", "email", T.EMAIL, max_length=254),
    _c("shopping_credit", "ショッピングクレジット", "shopping_credit", T.FLAG),
    _c("workplace_name", "勤務先名", "workplace_name", max_length=200),
    _c("catalogue_opt_in", "カタログ送付", "catalogue", T.FLAG),
    _c("direct_mail_opt_in", "DM送付", "direct_mail", T.FLAG),
    _c("email_magazine_opt_in", "メルマガ", "email_magazine", T.FLAG),
    _c("provision_opt_in", "第三者提供", "third_party_provision", T.FLAG),
)

# One row per order line (明細), as the mail-order system exports orders; the order's own columns repeat
# on each of its lines and must agree. A row without 商品コード is an order with no lines.
ORDER_COLUMNS: tuple[Column, ...] = (
    _c("order_no", "注文番号", "order_no", T.ORDER_NO, required=True, max_length=20),
    _c("customer_no", "顧客番号", "customer_no", T.CUSTOMER_NO, required=True, max_length=16),
    _c("ordered_at", "注文日時", "ordered_at", T.DATETIME, required=True),
    _c("channel", "経路", "channel", T.CHANNEL, required=True),
    _c("amount_yen", "金額", "amount_yen", T.YEN, required=True),
    _c("line_no", "明細番号", "line_no", T.COUNT),
    _c("product_code", "商品コード", "product_code", max_length=20),
    _c("product_name", "商品名", "product_name", max_length=200),
    _c("quantity", "数量", "quantity", T.COUNT),
    _c("line_amount_yen", "明細金額", "line_amount_yen", T.YEN),
)
# The line's columns, required once 商品コード is given.
ORDER_LINE_FIELDS = ("line_no", "product_code", "product_name", "quantity", "line_amount_yen")

PROVISION_COLUMNS: tuple[Column, ...] = (
    _c("customer_no", "顧客番号", "customer_no", T.CUSTOMER_NO, required=True, max_length=16),
    _c("provided_on", "提供日", "provided_on", T.DATE, required=True),
    _c("recipient_name", "提供先", "recipient_name", required=True, max_length=200),
    _c("recipient_address", "提供先住所", "recipient_address", required=True, max_length=300),
    _c("recipient_representative", "代表者", "recipient_representative", required=True, max_length=100),
    _c("items_provided", "提供項目", "items_provided", required=True, max_length=300),
    _c("purpose", "目的", "purpose", required=True, max_length=300),
    _c("basis", "根拠", "basis", T.BASIS, required=True),
)

COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.CUSTOMERS: CUSTOMER_COLUMNS,
    ImportKind.ORDERS: ORDER_COLUMNS,
    ImportKind.PROVISIONS: PROVISION_COLUMNS,
}

# Words the exports use for enumerations and flags, folded with `fold_header` before lookup.
FLAG_WORDS = {
    **dict.fromkeys(("1", "true", "yes", "y", "有", "あり", "はい", "○", "◯", "する", "可", "要"), True),
    **dict.fromkeys(("0", "false", "no", "n", "無", "なし", "いいえ", "×", "しない", "不可", "不要"), False),
}
CHANNEL_WORDS = {
    **dict.fromkeys(("tv", "テレビ", "tv通販", "テレビ通販"), "tv"),
    **dict.fromkeys(("catalogue", "catalog", "カタログ", "カタログ通販"), "catalogue"),
    **dict.fromkeys(("web", "ウェブ", "インターネット", "ネット", "ec"), "web"),
    **dict.fromkeys(("phone", "電話"), "phone"),
}
BASIS_WORDS = {
    **dict.fromkeys(("consent", "同意", "本人同意"), "consent"),
    **dict.fromkeys(("entrustment", "委託"), "entrustment"),
    **dict.fromkeys(("law", "法令", "法令に基づく"), "law"),
}
PREFECTURES = frozenset(PREFECTURE_ORDER)


def fold_header(text: str) -> str:
    """Headers and enumeration words compared without width, case or surrounding spaces."""
    return unicodedata.normalize("NFKC", text).strip().lower()


class HeaderProblem(MessageError):
    """The header row lacks a required column or names one twice."""


@dataclass(frozen=True)
class HeaderMap:
    """Which position of the file's rows holds each known field; other columns are kept but not read."""

    positions: dict[str, int]
    ignored: tuple[str, ...]


def map_headers(kind: ImportKind, headers: Sequence[str]) -> HeaderMap:
    return map_columns(COLUMNS[kind], headers)


def map_columns(columns: Sequence[Column], headers: Sequence[str]) -> HeaderMap:
    """Where each of `columns` is among the file's headers; `HeaderProblem` for a required one missing or
    one named twice."""
    by_name: dict[str, Column] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            by_name[fold_header(name)] = column
    positions: dict[str, int] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        known = by_name.get(fold_header(header))
        if known is None:
            ignored.append(header)
            continue
        if known.field in positions:
            raise HeaderProblem(message("import.column_twice", column=known.header))
        positions[known.field] = index
    missing = [column.header for column in columns if column.required and column.field not in positions]
    if missing:
        raise HeaderProblem(message("import.columns_missing", columns=tuple(missing)))
    return HeaderMap(positions, tuple(ignored))
