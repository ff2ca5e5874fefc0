"""The record panel's tables: purchase history, third-party provision records, cases and calls."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from desk_app.domain.enums import ClockPaused
from desk_app.services.customers.calls import CallSummary
from desk_app.services.customers.orders import OrderSummary
from desk_app.services.customers.record import CaseSummary, ProvisionSummary
from ui.calls.call_log_model import caller_words
from ui.common.enum_labels import (
    call_state_label,
    case_kind_label,
    case_state_label,
    days_left_text,
    order_channel_label,
    provision_basis_label,
)
from ui.common.japan_time import date_text, date_time_text, duration_text
from ui.common.value_table_model import RIGHT, Column, RowLook

OPEN_CASE_LOOK = RowLook(bold=True)


def yen_text(amount: int) -> str:
    return f"¥{amount:,}"


def products_text(order: OrderSummary) -> str:
    """The first product, and how many lines follow it."""
    if order.line_count <= 1:
        return order.first_product
    return (
        QCoreApplication.translate("RecordTables", "%1 (+%2 more)")
        .replace("%1", order.first_product)
        .replace("%2", str(order.line_count - 1))
    )


def order_columns() -> list[Column[OrderSummary]]:
    return [
        Column(
            QCoreApplication.translate("RecordTables", "Ordered"),
            lambda order: date_time_text(order.ordered_at),
        ),
        Column(QCoreApplication.translate("RecordTables", "Order no."), lambda order: order.order_no),
        Column(
            QCoreApplication.translate("RecordTables", "Channel"),
            lambda order: order_channel_label(order.channel),
        ),
        Column(QCoreApplication.translate("RecordTables", "Products"), products_text),
        Column(
            QCoreApplication.translate("RecordTables", "Amount"),
            lambda order: yen_text(order.amount_yen),
            RIGHT,
        ),
    ]


def provision_columns() -> list[Column[ProvisionSummary]]:
    return [
        Column(
            QCoreApplication.translate("RecordTables", "Provided on"),
            lambda item: date_text(item.provided_on),
        ),
        Column(QCoreApplication.translate("RecordTables", "Recipient"), lambda item: item.recipient_name),
        Column(
            QCoreApplication.translate("RecordTables", "Items provided"), lambda item: item.items_provided
        ),
        Column(QCoreApplication.translate("RecordTables", "Purpose"), lambda item: item.purpose),
        Column(
            QCoreApplication.translate("RecordTables", "Basis"),
            lambda item: provision_basis_label(item.basis),
        ),
        Column(
            QCoreApplication.translate("RecordTables", "Recipient's address"),
            lambda item: item.recipient_address,
        ),
        Column(
            QCoreApplication.translate("RecordTables", "Representative"),
            lambda item: item.recipient_representative,
        ),
    ]


def case_columns() -> list[Column[CaseSummary]]:
    return [
        Column(QCoreApplication.translate("RecordTables", "Case no."), lambda case: case.case_no),
        Column(QCoreApplication.translate("RecordTables", "Kind"), lambda case: case_kind_label(case.kind)),
        Column(
            QCoreApplication.translate("RecordTables", "State"), lambda case: case_state_label(case.state)
        ),
        Column(
            QCoreApplication.translate("RecordTables", "Received"), lambda case: date_text(case.received_at)
        ),
        # While the clock waits for the customer, the due date is not yet known: it moves by the days paused.
        Column(QCoreApplication.translate("RecordTables", "Due"), _due_text),
    ]


def _due_text(case: CaseSummary) -> str:
    return days_left_text(ClockPaused.PAUSED) if case.paused and case.is_open else date_text(case.due_on)


def case_look(case: CaseSummary) -> RowLook | None:
    return OPEN_CASE_LOOK if case.is_open else None


def customer_call_columns() -> list[Column[CallSummary]]:
    return [
        Column(
            QCoreApplication.translate("RecordTables", "Time"), lambda call: date_time_text(call.started_at)
        ),
        Column(QCoreApplication.translate("RecordTables", "Caller"), caller_words),
        Column(
            QCoreApplication.translate("RecordTables", "Answered by"), lambda call: call.answered_by or ""
        ),
        Column(
            QCoreApplication.translate("RecordTables", "Duration"),
            lambda call: duration_text(call.duration_seconds),
            RIGHT,
        ),
        Column(
            QCoreApplication.translate("RecordTables", "State"), lambda call: call_state_label(call.state)
        ),
    ]
