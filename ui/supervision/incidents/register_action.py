"""File ▸ Leak incidents…: the menu's action and the one register window it opens, made on first use
and closed when anyone but a supervisor or an administrator signs in (or another one does)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desk_app.config import CompanyProfile, Incidents
from desk_app.erased_register_key import KeySource
from desk_app.services.agents import AgentInfo
from ui.common.background import BackgroundRunner

if TYPE_CHECKING:
    # Imported when first opened: the register makes notices, which would load the letters and ReportLab
    # before the window's first paint (tests/e2e/test_gui_start.py).
    from ui.supervision.incidents.register_window import IncidentRegister

REGISTER_KEY = "Ctrl+Shift+E"


class IncidentRegisterAction(QObject):
    """Follows the window's supervisor (`set_agent`); which roles see the action is the menus' business."""

    def __init__(
        self,
        runner: BackgroundRunner,
        settings: Incidents,
        company: CompanyProfile,
        window: QWidget,
        register_key: KeySource | None = None,
    ) -> None:
        super().__init__(window)
        self._runner = runner
        self._settings = settings
        self._company = company
        self._register_key = register_key
        self._window = window
        self._agent: AgentInfo | None = None
        self.register: IncidentRegister | None = None
        self.action = QAction(self.tr("L&eak incidents…"), window)
        self.action.setShortcut(QKeySequence(REGISTER_KEY))
        self.action.setStatusTip(
            self.tr("Leak incidents, their reports to the Commission and their deadlines (supervisors)")
        )
        self.action.triggered.connect(self.open)

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        """The supervisor signed in, or None: the last one's register closes unless they are back."""
        if agent == self._agent:
            return
        self._agent = agent
        if self.register is not None:
            self.register.close()
            self.register.deleteLater()
            self.register = None

    @Slot()
    def open(self) -> None:
        agent = self._agent
        if agent is None:
            return
        if self.register is None:
            from ui.supervision.incidents.register_window import IncidentRegister

            self.register = IncidentRegister(
                self._runner, self._settings, self._company, self._window, self._register_key
            )
            self.register.set_viewer(agent.id)
        self.register.show()
        self.register.raise_()
        self.register.activateWindow()
        self.register.refresh()
