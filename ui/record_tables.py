"""The record panel's tables: purchase history, third-party provision records, cases and calls."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.services.calls import CallSummary
from desk_app.services.customer_record import CaseSummary, ProvisionSummary
from desk_app.services.orders import OrderSummary
from ui.call_log_model import caller_words
from ui.enum_labels import (
    call_state_label,
    case_kind_label,
    case_state_label,
    order_channel_label,
    provision_basis_label,
)
from ui.japan_time import date_text, date_time_text, duration_text
from ui.value_table_model import RIGHT, Column, RowLook

OPEN_CASE_LOOK = RowLook(bold=True)


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecordTables", text)


def yen_text(amount: int) -> str:
    return f"¥{amount:,}"


def products_text(order: OrderSummary) -> str:
    """The first product, and how many lines follow it."""
    if order.line_count <= 1:
        return order.first_product
    return _tr("%1 (+%2 more)").replace("%1", order.first_product).replace("%2", str(order.line_count - 1))


def order_columns() -> list[Column[OrderSummary]]:
    return [
        Column(_tr("Ordered"), lambda order: date_time_text(order.ordered_at)),
        Column(_tr("Order no."), lambda order: order.order_no),
        Column(_tr("Channel"), lambda order: order_channel_label(order.channel)),
        Column(_tr("Products"), products_text),
        Column(_tr("Amount"), lambda order: yen_text(order.amount_yen), RIGHT),
    ]


def provision_columns() -> list[Column[ProvisionSummary]]:
    return [
        Column(_tr("Provided on"), lambda item: date_text(item.provided_on)),
        Column(_tr("Recipient"), lambda item: item.recipient_name),
        Column(_tr("Items provided"), lambda item: item.items_provided),
        Column(_tr("Purpose"), lambda item: item.purpose),
        Column(_tr("Basis"), lambda item: provision_basis_label(item.basis)),
        Column(_tr("Recipient's address"), lambda item: item.recipient_address),
        Column(_tr("Representative"), lambda item: item.recipient_representative),
    ]


def case_columns() -> list[Column[CaseSummary]]:
    return [
        Column(_tr("Case no."), lambda case: case.case_no),
        Column(_tr("Kind"), lambda case: case_kind_label(case.kind)),
        Column(_tr("State"), lambda case: case_state_label(case.state)),
        Column(_tr("Received"), lambda case: date_text(case.received_at)),
        Column(_tr("Due"), lambda case: date_text(case.due_on)),
    ]


def case_look(case: CaseSummary) -> RowLook | None:
    return OPEN_CASE_LOOK if case.is_open else None


def customer_call_columns() -> list[Column[CallSummary]]:
    return [
        Column(_tr("Time"), lambda call: date_time_text(call.started_at)),
        Column(_tr("Caller"), caller_words),
        Column(_tr("Answered by"), lambda call: call.answered_by or ""),
        Column(_tr("Duration"), lambda call: duration_text(call.duration_seconds), RIGHT),
        Column(_tr("State"), lambda call: call_state_label(call.state)),
    ]
