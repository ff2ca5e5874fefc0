"""Today's missed calls, shared by the floor: an agent takes one to call back, and everyone sees who did."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.agents import AgentInfo
from desk_app.services.switchboard.missed import MissedCall, MissedCallTaken
from ui.calls import ops
from ui.common.background import BackgroundRunner, refusal_text
from ui.common.japan_time import in_tokyo
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import Column, RowLook, ValueTableModel

TAKEN_BY = 3


def _caller(call: MissedCall) -> str:
    return call.number_display or QCoreApplication.translate("MissedCallsDialog", "No number")


def _taken(call: MissedCall) -> str:
    if call.taken_by is None:
        return ""
    if call.taken_at is None:
        return call.taken_by
    return f"{call.taken_by} ({in_tokyo(call.taken_at).strftime('%H:%M')})"


def missed_call_columns() -> list[Column[MissedCall]]:
    return [
        Column(
            QCoreApplication.translate("MissedCallsDialog", "Time"),
            lambda call: in_tokyo(call.started_at).strftime("%H:%M"),
        ),
        Column(QCoreApplication.translate("MissedCallsDialog", "Caller"), _caller),
        Column(QCoreApplication.translate("MissedCallsDialog", "Line"), lambda call: call.line or ""),
        Column(QCoreApplication.translate("MissedCallsDialog", "Taken by"), _taken),
    ]


class MissedCallsDialog(QDialog):
    """The list reads again when opened, on Refresh, and after each take; a call nobody took shows bold."""

    # After each reading of the list has been shown.
    loaded = Signal()
    # A call this agent took (the MissedCall, naming them).
    taken = Signal(object)

    def __init__(self, runner: BackgroundRunner, agent: AgentInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._agent = agent
        self.setWindowTitle(self.tr("Missed calls today"))
        self.model: ValueTableModel[MissedCall] = ValueTableModel(
            missed_call_columns(),
            self,
            key=lambda call: call.call_row_id,
            look=lambda call: RowLook(bold=True) if call.taken_by is None else None,
        )
        self.table = ValueTableView(self.model, self.tr("Missed calls"), stretch_column=TAKEN_BY)
        self.table.set_placeholder(self.tr("Reading…"))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("What happened"))
        self.take_button = QPushButton(self.tr("&Take to call back"))
        self.take_button.clicked.connect(self.take_selected)
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.take_button)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.resize(560, 380)
        self._update_buttons()

    def selected(self) -> MissedCall | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        return self.model.row_at(index.row())

    @Slot()
    def refresh(self) -> None:
        if self._runner.is_shut_down:
            return
        self._runner.run(
            ops.missed_today(self._agent.id),
            name="list missed calls",
            on_success=self._show_calls,
            owner=self,
        )

    def _show_calls(self, calls: list[MissedCall]) -> None:
        chosen = self.selected()
        self.model.set_rows(calls)
        self.table.set_placeholder(self.tr("No missed calls today"))
        for row, call in enumerate(calls):
            if chosen is not None and call.call_row_id == chosen.call_row_id:
                self.table.selectRow(row)
        self._update_buttons()
        self.loaded.emit()

    @Slot()
    def take_selected(self) -> None:
        call = self.selected()
        if call is None or call.taken_by is not None:
            return
        self.take_button.setEnabled(False)
        self._runner.run(
            ops.take_missed(self._agent.id, call.call_row_id),
            name="take a missed call",
            on_success=self._took,
            on_error=self._not_taken,
            owner=self,
        )

    def _took(self, call: MissedCall) -> None:
        self.message.setText(self.tr("Yours to call back: %1").replace("%1", _caller(call)))
        self.taken.emit(call)
        self.refresh()

    def _not_taken(self, error: Exception) -> None:
        if not isinstance(error, MissedCallTaken):
            self._runner.show_error(error)
        else:
            # Someone was first: the core's message names them, and the list shows it too.
            self.message.setText(refusal_text(error))
        self.refresh()

    @Slot()
    def _update_buttons(self) -> None:
        call = self.selected()
        self.take_button.setEnabled(call is not None and call.taken_by is None)
