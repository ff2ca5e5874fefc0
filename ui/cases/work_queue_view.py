"""The Cases dock: the agent's open cases (and what awaits a supervisor), soonest due first."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, Signal, Slot
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desk_app.domain.deadlines import PAUSED
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.queue import QueuedCase
from ui.cases import ops
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import case_kind_label, case_state_label, days_left_text
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import Column, RowLook, ValueTableModel


def _customer_tip(row: QueuedCase) -> str:
    return QCoreApplication.translate("WorkQueueView", "Customer %1").replace("%1", row.customer_no or "—")


def _columns() -> list[Column[QueuedCase]]:
    # Four columns fit the dock's width; the customer number, seldom what picks the next case, is the
    # case number's tooltip.
    return [
        Column(
            QCoreApplication.translate("WorkQueueView", "Case"),
            lambda row: row.case_no + (" ▶" if row.script_unfinished else ""),
            tooltip=_customer_tip,
        ),
        Column(QCoreApplication.translate("WorkQueueView", "Request"), lambda row: case_kind_label(row.kind)),
        Column(QCoreApplication.translate("WorkQueueView", "State"), lambda row: case_state_label(row.state)),
        Column(QCoreApplication.translate("WorkQueueView", "Due"), _due),
    ]


def _due(row: QueuedCase) -> str:
    """The due date; a paused clock says so, its due date moving on until the clock runs again."""
    if row.paused:
        return f"{days_left_text(PAUSED)} ({row.due_on.isoformat()})"
    return row.due_on.isoformat()


def _look(row: QueuedCase) -> RowLook | None:
    if row.needs_decision:
        return RowLook(foreground="#8a4b00", bold=True)
    return RowLook(bold=True) if row.script_unfinished else None


class WorkQueueView(QWidget):
    """Enter or double-click opens a case; ▶ marks a talk script this agent left part-way."""

    case_requested = Signal(int)
    loaded = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._agent: AgentInfo | None = None
        self.model: ValueTableModel[QueuedCase] = ValueTableModel(
            _columns(), self, key=lambda row: row.case_id, look=_look
        )
        self.table = ValueTableView(self.model, self.tr("Open cases"))
        self.table.set_placeholder(self.tr("No open cases"))
        self.table.activated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self._agent = agent
        self.model.clear()
        if agent is not None:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        agent = self._agent
        if agent is None or self._runner.is_shut_down:
            return
        self._runner.run(
            ops.work_queue(agent.id, agent.role),
            name="open cases",
            on_success=self._show,
            owner=self,
        )

    def _show(self, rows: tuple[QueuedCase, ...]) -> None:
        if self._agent is None:
            return
        self.model.set_rows(rows)
        self.table.fit_columns()
        self.loaded.emit()

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_requested.emit(self.model.row_at(index.row()).case_id)
