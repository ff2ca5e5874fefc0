"""The Calls dock: the caller log, newest first, older calls a page at a time."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal, Slot
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from desk_app.services.agents import AgentInfo
from desk_app.services.customers.calls import CallSummary
from ui.calls import ops
from ui.calls.call_log_model import CALLER, CallLogModel
from ui.common.background import BackgroundRunner
from ui.common.table_view import ValueTableView

PAGE_SIZE = 50
# A refresh reloads what the agent had paged in, up to the service's limit.
MAX_RELOAD = 1000
# Events come in bursts (ring, answer) and the screen pop paints first: the log follows a moment later.
REFRESH_DELAY_MS = 250


class CallLogView(QWidget):
    """Refreshes when told a call event was recorded; Enter on a matched call opens its customer."""

    # Emitted after each page or refresh has been shown.
    loaded = Signal()
    customer_requested = Signal(int)

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._serial = 0
        self._signed_in = False
        self._more = False
        self.model = CallLogModel(self)
        self.table = ValueTableView(self.model, self.tr("Caller log"))
        self.table.activated.connect(self._open_customer)
        self.older_button = QPushButton(self.tr("Older ca&lls"))
        self.older_button.setAccessibleName(self.tr("Load older calls"))
        self.older_button.clicked.connect(self.load_older)
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.older_button)
        self._show_state()

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        """The log names customers: it is shown to a signed-in agent only."""
        self._signed_in = agent is not None
        if self._signed_in:
            self.refresh()
        else:
            self._serial += 1
            self.model.clear()
            self._more = False
            self._show_state()

    @Slot()
    def refresh_soon(self) -> None:
        """Refresh once things settle: several calls within the delay cost one reload."""
        self._refresh_timer.start()

    @Slot()
    def refresh(self) -> None:
        """Reload the newest calls, as many as were shown, keeping the selected call selected."""
        self._refresh_timer.stop()
        # The timer may fire while the application quits, after the runner has stopped.
        if not self._signed_in or self._runner.is_shut_down:
            return
        self._serial += 1
        serial = self._serial
        limit = min(MAX_RELOAD, max(PAGE_SIZE, self.model.rowCount()))
        self._runner.run(
            ops.recent_calls(limit, None),
            name="load the caller log",
            on_success=lambda calls: self._replace(serial, calls, limit),
        )

    @Slot()
    def load_older(self) -> None:
        if not self._signed_in or not self.model.rowCount():
            return
        self._serial += 1
        serial = self._serial
        cursor = self.model.row_at(self.model.rowCount() - 1).cursor
        self._runner.run(
            ops.recent_calls(PAGE_SIZE, cursor),
            name="load older calls",
            on_success=lambda calls: self._append(serial, calls),
        )

    def _replace(self, serial: int, calls: list[CallSummary], limit: int) -> None:
        if serial != self._serial:
            return
        selected = self._selected_call_id()
        self.model.set_rows(calls)
        self._more = len(calls) == limit
        if selected is not None:
            for row, call in enumerate(calls):
                if call.call_row_id == selected:
                    self.table.selectRow(row)
                    break
        self._show_state()

    def _append(self, serial: int, calls: list[CallSummary]) -> None:
        if serial != self._serial:
            return
        self.model.append_rows(calls)
        self._more = len(calls) == PAGE_SIZE
        self._show_state()

    def _selected_call_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()).call_row_id if index.isValid() else None

    def _show_state(self) -> None:
        self.table.set_placeholder(self.tr("No calls yet") if self._signed_in else self.tr("Not signed in"))
        self.older_button.setVisible(self._more)
        self.table.resizeColumnToContents(CALLER)
        self.loaded.emit()

    @Slot(QModelIndex)
    def _open_customer(self, index: QModelIndex) -> None:
        customer_id = self.model.row_at(index.row()).customer_id
        if customer_id is not None:
            self.customer_requested.emit(customer_id)
