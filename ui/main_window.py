"""The desk's main window: menus, status bar, the Customer pane and the Calls and Cases docks."""

from __future__ import annotations

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QWidget

from desk_app import __version__
from desk_app.config import Config
from desk_app.services.agents import AgentInfo, UnknownAgent, agent_by_login
from desk_app.storage.models import AgentRole
from ui.background import BackgroundRunner
from ui.customer_pane import CustomerPane


def role_label(role: AgentRole) -> str:
    labels = {
        AgentRole.AGENT: QCoreApplication.translate("MainWindow", "Agent"),
        AgentRole.SUPERVISOR: QCoreApplication.translate("MainWindow", "Supervisor"),
        AgentRole.ADMIN: QCoreApplication.translate("MainWindow", "Administrator"),
    }
    return labels.get(role, str(role))


def empty_state(text: str, accessible_name: str) -> QLabel:
    """What a pane says while it has nothing to show, instead of an empty grey box."""
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setEnabled(False)
    label.setAccessibleName(accessible_name)
    label.setMargin(12)
    return label


class MainWindow(QMainWindow):
    """Menus, permanent status-bar fields and the panes; work goes through the one background runner."""

    # The agent, or None when the desk stays signed out.
    sign_in_finished = Signal(object)

    def __init__(
        self,
        config: Config,
        runner: BackgroundRunner,
        database_description: str,
        *,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._runner = runner
        self._database_description = database_description
        self.agent: AgentInfo | None = None

        company = config.company
        title = f"{company.desk_name} — {company.name}"
        self.setWindowTitle(f"{title} [DEMO]" if demo else title)
        self.resize(1100, 700)

        self.customer_pane = CustomerPane(runner, self)
        self.setCentralWidget(self.customer_pane)
        self.calls_dock = self._add_dock(
            self.tr("Calls"),
            "calls_dock",
            empty_state(self.tr("No calls yet"), self.tr("Calls")),
            Qt.DockWidgetArea.LeftDockWidgetArea,
        )
        self.cases_dock = self._add_dock(
            self.tr("Cases"),
            "cases_dock",
            empty_state(self.tr("Case work opens here"), self.tr("Cases")),
            Qt.DockWidgetArea.RightDockWidgetArea,
        )

        # Room for a call list and a case summary beside the customer, not just their titles.
        self.resizeDocks([self.calls_dock, self.cases_dock], [220, 270], Qt.Orientation.Horizontal)

        self.database_label = self._add_status_field(database_description, self.tr("Database"))
        self.caller_id_label = self._add_status_field(self._caller_id_text(), self.tr("Caller ID"))
        self.agent_label = self._add_status_field("", self.tr("Signed-in agent"))
        self._build_menus()
        self.set_agent(None)

    def _add_dock(
        self, title: str, object_name: str, content: QWidget, area: Qt.DockWidgetArea
    ) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(object_name)
        dock.setWidget(content)
        self.addDockWidget(area, dock)
        return dock

    def _add_status_field(self, text: str, accessible_name: str) -> QLabel:
        label = QLabel(text)
        label.setAccessibleName(accessible_name)
        label.setToolTip(text)
        label.setContentsMargins(6, 0, 6, 0)
        self.statusBar().addPermanentWidget(label)
        return label

    def _caller_id_text(self) -> str:
        count = len(self._config.serial_sources) + len(self._config.cti_sources)
        if count == 0:
            return self.tr("Caller ID: no sources configured")
        # Sources are read from the configuration only; nothing listens for calls yet.
        if count == 1:
            return self.tr("Caller ID: %n source configured — not started", "", count)
        return self.tr("Caller ID: %n sources configured — not started", "", count)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        call_menu = self.menuBar().addMenu(self.tr("&Call"))
        self.find_caller_action = QAction(self.tr("&Find caller by number…"), self)
        self.find_caller_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_caller_action.triggered.connect(self.customer_pane.focus_phone_field)
        call_menu.addAction(self.find_caller_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        self.toggle_calls_action = self.calls_dock.toggleViewAction()
        self.toggle_calls_action.setText(self.tr("&Calls pane"))
        self.toggle_calls_action.setShortcut(QKeySequence("Ctrl+1"))
        self.toggle_cases_action = self.cases_dock.toggleViewAction()
        self.toggle_cases_action.setText(self.tr("C&ases pane"))
        self.toggle_cases_action.setShortcut(QKeySequence("Ctrl+2"))
        view_menu.addAction(self.toggle_calls_action)
        view_menu.addAction(self.toggle_cases_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About Inquiry Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def about_text(self) -> str:
        return "\n".join(
            (
                self.tr("Inquiry Desk %1").replace("%1", __version__),
                self.tr("Qt %1, PySide6 %2").replace("%1", qVersion()).replace("%2", PySide6.__version__),
                self.tr("Database: %1").replace("%1", self._database_description),
            )
        )

    @Slot()
    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Inquiry Desk"), self.about_text())

    def sign_in(self, login: str | None) -> None:
        """Resolve `login` to an agent off the GUI thread; None leaves the desk signed out."""
        if login is None:
            self.set_agent(None)
            self.sign_in_finished.emit(None)
            return
        self.agent_label.setText(self.tr("Signing in…"))
        self._runner.run(
            lambda session: agent_by_login(session, login),
            name="sign in",
            on_success=self._signed_in,
            on_error=self._sign_in_failed,
        )

    def _signed_in(self, agent: AgentInfo) -> None:
        self.set_agent(agent)
        self.sign_in_finished.emit(agent)

    def _sign_in_failed(self, error: Exception) -> None:
        self.set_agent(None)
        if isinstance(error, UnknownAgent):
            self.agent_label.setText(self.tr("Not signed in: unknown or inactive login"))
        else:
            self._runner.show_error(error)
        self.sign_in_finished.emit(None)

    def set_agent(self, agent: AgentInfo | None) -> None:
        self.agent = agent
        if agent is None:
            text = self.tr("Not signed in")
        else:
            text = f"{agent.display_name} ({role_label(agent.role)})"
        self.agent_label.setText(text)
        self.agent_label.setToolTip(text)
        self.customer_pane.set_agent(agent)
