"""The registers page: the complaint register and the register of suspicious mail and calls, in two tabs."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desk_app.services.agents import AgentInfo
from ui.common.background import BackgroundRunner
from ui.supervision.complaint_register import ComplaintRegister
from ui.supervision.report_register import ReportRegister


class RegistersPage(QWidget):
    """`case_requested(case_id)` is Enter or a double-click on a row of either register.

    `loaded` follows a refresh once both registers have shown their first page.
    """

    case_requested = Signal(int)
    loaded = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._agent: AgentInfo | None = None
        self._pending: set[QWidget] = set()
        self.complaints = ComplaintRegister(runner)
        self.reports = ReportRegister(runner)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.complaints, self.tr("Com&plaints"))
        self.tabs.addTab(self.reports, self.tr("S&uspicious reports"))
        self.tabs.setAccessibleName(self.tr("Registers"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
        for register in (self.complaints, self.reports):
            register.case_requested.connect(self.case_requested)
            register.searched.connect(self._one_loaded)
            register.search_failed.connect(self._one_loaded)

    @property
    def agent(self) -> AgentInfo | None:
        return self._agent

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self._agent = agent
        viewer_id = agent.id if agent is not None else None
        self.complaints.set_viewer(viewer_id)
        self.reports.set_viewer(viewer_id)
        self._pending.clear()
        if agent is not None:
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        """Search both registers again with the filters as they stand."""
        if self._agent is None:
            return
        self._pending = {self.complaints, self.reports}
        self.complaints.search()
        self.reports.search()

    @Slot()
    def _one_loaded(self) -> None:
        sender = self.sender()
        if sender in self._pending:
            self._pending.discard(sender)
            if not self._pending:
                self.loaded.emit()
