"""The purchase history on the record panel: the first page comes with the record, "More" pages on."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.services.customers.orders import OrderCursor, OrderPage, OrderSummary
from ui.common.background import BackgroundRunner
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import ValueTableModel
from ui.customers import ops
from ui.customers.record_tables import order_columns

PRODUCTS_COLUMN = 3


class OrderHistoryView(QWidget):
    """Newest orders first; each "More" appends the next keyset page, never repeating an order."""

    page_loaded = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._customer_id: int | None = None
        self._cursor: OrderCursor | None = None
        self._total = 0
        # A page for a customer no longer shown must not land in another's history.
        self._serial = 0
        self.model: ValueTableModel[OrderSummary] = ValueTableModel(
            order_columns(), self, key=lambda order: order.order_id
        )
        self.table = ValueTableView(self.model, self.tr("Purchase history"), stretch_column=PRODUCTS_COLUMN)
        self.table.set_placeholder(self.tr("No orders"))
        self.count_label = QLabel()
        self.more_button = QPushButton(self.tr("&More orders"))
        self.more_button.setAccessibleName(self.tr("Load the next orders"))
        self.more_button.clicked.connect(self.load_more)

        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.more_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)
        self.clear()

    def clear(self) -> None:
        self.show_first_page(None, OrderPage((), None), 0)

    def show_first_page(self, customer_id: int | None, page: OrderPage, total: int) -> None:
        self._serial += 1
        self._customer_id = customer_id
        self._total = total
        self._cursor = page.next_cursor
        self.model.set_rows(page.orders)
        self._update_footer()

    @Slot()
    def load_more(self) -> None:
        if self._customer_id is None or self._cursor is None:
            return
        self._serial += 1
        serial = self._serial
        self.more_button.setEnabled(False)
        self._runner.run(
            ops.next_orders(self._customer_id, self._cursor),
            name="load more orders",
            on_success=lambda page: self._append(serial, page),
            on_error=lambda error: self._failed(serial, error),
        )

    def _append(self, serial: int, page: OrderPage) -> None:
        if serial != self._serial:
            return
        self.model.append_rows(page.orders)
        self._cursor = page.next_cursor
        self._update_footer()
        self.page_loaded.emit()

    def _failed(self, serial: int, error: Exception) -> None:
        if serial == self._serial:
            self._update_footer()
        self._runner.show_error(error)

    def _update_footer(self) -> None:
        shown = self.model.rowCount()
        if self._customer_id is None:
            text = ""
        elif not self._total:
            text = self.tr("No orders")
        else:
            text = self.tr("%1 of %2 orders").replace("%1", f"{shown:,}").replace("%2", f"{self._total:,}")
        self.count_label.setText(text)
        self.more_button.setVisible(self._cursor is not None)
        self.more_button.setEnabled(self._cursor is not None)
