"""The main window: menus, status bar, the call banner over the pages, and the Calls and Cases docks."""

from __future__ import annotations

from collections.abc import Mapping

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMessageBox, QVBoxLayout, QWidget

from desk_app import __version__, paths
from desk_app.config import Config
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Script
from desk_app.services.agents import AgentInfo, UnknownAgent, agent_by_login
from desk_app.services.case_scripts import case_id_of
from desk_app.services.cases import APPROVER_ROLES
from desk_app.services.drafts import open_drafts
from desk_app.storage.models import AgentRole
from ui.background import BackgroundRunner
from ui.call_banner import ACCEPT_KEY, DISMISS_KEY, CallBanner
from ui.call_log_view import CallLogView
from ui.caller_id_status import CallerIdStatusLabel
from ui.callerid_bridge import CallerId, caller_id_for
from ui.case_log_view import CaseLogView
from ui.case_page import CasePage
from ui.dashboard_page import DashboardPage
from ui.desk_pages import DeskPages
from ui.mail_room_page import MailRoomPage
from ui.new_inquiry_dialog import NewInquiryDialog
from ui.registers_page import RegistersPage
from ui.screen_pop_flow import ScreenPopFlow
from ui.simulator_actions import SimulatorActions
from ui.work_queue_view import WorkQueueView


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
        caller_id: CallerId | None = None,
        scripts: Mapping[str, Script] | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        # The command line refused to start with a broken script; loading them again cannot fail then.
        self.scripts = scripts if scripts is not None else load_scripts(paths.resources_dir() / "scripts")
        self.new_inquiry_dialog: NewInquiryDialog | None = None
        self._runner = runner
        self._database_description = database_description
        # Whoever made `caller_id` starts and stops its hub; one made here is never started.
        self.caller_id = caller_id or caller_id_for(config, self)
        self.agent: AgentInfo | None = None

        company = config.company
        title = f"{company.desk_name} — {company.name}"
        self.setWindowTitle(f"{title} [DEMO]" if demo else title)
        self.resize(1280, 800)

        self.banner = CallBanner()
        self.pages = DeskPages(runner)
        self.case_page = CasePage(runner, self.scripts, config.company)
        self.pages.addTab(self.case_page, self.tr("Cas&e"))
        self.mail_room = MailRoomPage(runner)
        self.pages.addTab(self.mail_room, self.tr("&Mail room"))
        self.case_log = CaseLogView(runner)
        self.pages.addTab(self.case_log, self.tr("Case &log"))
        # What all cases add up to is for supervisors: the tabs show only while one is signed in.
        self.dashboard = DashboardPage(runner)
        self.pages.addTab(self.dashboard, self.tr("&Dashboard"))
        self.registers = RegistersPage(runner)
        self.pages.addTab(self.registers, self.tr("Re&gisters"))
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(6, 6, 6, 0)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.call_log_view = CallLogView(runner)
        self.calls_dock = self._add_dock(
            self.tr("Calls"), "calls_dock", self.call_log_view, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.work_queue_view = WorkQueueView(runner)
        self.cases_dock = self._add_dock(
            self.tr("Cases"), "cases_dock", self.work_queue_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        # Room for the caller log's columns beside the customer and the case list beside both.
        self.calls_dock.setMinimumWidth(300)
        self.cases_dock.setMinimumWidth(160)
        self.resizeDocks([self.calls_dock, self.cases_dock], [420, 300], Qt.Orientation.Horizontal)

        self.flow = ScreenPopFlow(runner, self.banner, self.pages, self.call_log_view, self)
        self._connect_caller_id()
        self.simulator_actions = SimulatorActions(self.caller_id.simulator, self.caller_id.bridge, self)

        self.database_label = self._add_status_field(database_description, self.tr("Database"))
        self.caller_id_label = CallerIdStatusLabel(
            self.caller_id.hub.statuses(), self.caller_id.simulator.name
        )
        self.statusBar().addPermanentWidget(self.caller_id_label)
        self.caller_id.bridge.status_changed.connect(self.caller_id_label.update_status)
        self.agent_label = self._add_status_field("", self.tr("Signed-in agent"))
        self._build_menus()
        self._build_banner_keys()
        self.set_agent(None)
        # Waiting for calls, the keyboard rests on the caller log: a screen pop then hides nothing in use.
        self.call_log_view.table.setFocus()

    def _connect_caller_id(self) -> None:
        bridge = self.caller_id.bridge
        bridge.call_event.connect(self.flow.handle_event)
        self.banner.accepted.connect(self.flow.accept)
        # A serial adapter cannot see the answer: accepting the banner is how it learns of one.
        self.banner.accepted.connect(self.caller_id.hub.mark_answered)
        self.banner.dismissed.connect(self.flow.dismissed)
        self.work_queue_view.case_requested.connect(self.open_case)
        self.case_log.case_requested.connect(self.open_case)
        self.registers.case_requested.connect(self.open_case)
        self.case_page.case_changed.connect(self.work_queue_view.refresh)
        self.case_page.actions_bar.letter_made.connect(self.mail_room.refresh)
        self.case_page.customer_changed.connect(self.flow.refresh_customer)
        self.pages.search_pane.customer_chosen.connect(self.flow.open_customer)
        self.pages.chooser.customer_chosen.connect(self.flow.open_customer)
        self.call_log_view.customer_requested.connect(self.flow.open_customer)

    def _build_banner_keys(self) -> None:
        # Window shortcuts: they act from any field without taking its focus, and never in a dialog.
        self.accept_call_shortcut = QShortcut(QKeySequence(ACCEPT_KEY), self)
        self.dismiss_call_shortcut = QShortcut(QKeySequence(DISMISS_KEY), self)
        for shortcut, slot in (
            (self.accept_call_shortcut, self.banner.accept),
            (self.dismiss_call_shortcut, self.banner.dismiss),
        ):
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
        self.banner.visibility_changed.connect(self.accept_call_shortcut.setEnabled)
        self.banner.visibility_changed.connect(self.dismiss_call_shortcut.setEnabled)

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

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        call_menu = self.menuBar().addMenu(self.tr("&Call"))
        self.find_caller_action = QAction(self.tr("&Search customers…"), self)
        self.find_caller_action.setShortcut(QKeySequence("Ctrl+F"))
        self.find_caller_action.triggered.connect(self.focus_search)
        call_menu.addAction(self.find_caller_action)
        call_menu.addSeparator()
        call_menu.addActions(list(self.simulator_actions.actions))

        case_menu = self.menuBar().addMenu(self.tr("&Inquiry"))
        self.new_inquiry_action = QAction(self.tr("&New inquiry…"), self)
        self.new_inquiry_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_inquiry_action.triggered.connect(self.new_inquiry)
        self.refresh_cases_action = QAction(self.tr("&Refresh open cases"), self)
        self.refresh_cases_action.setShortcut(QKeySequence("F5"))
        self.refresh_cases_action.triggered.connect(self.work_queue_view.refresh)
        case_menu.addAction(self.new_inquiry_action)
        case_menu.addAction(self.refresh_cases_action)

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

    @Slot()
    def new_inquiry(self) -> None:
        """Ask which request the caller makes; the case opens on the Case page with its script."""
        if self.agent is None or self.new_inquiry_dialog is not None:
            return
        record = self.pages.record_panel.record
        label = f"{record.name} ({record.customer_no})" if record is not None else None
        dialog = NewInquiryDialog(self.scripts, self._config.company, label, self)
        dialog.accepted.connect(lambda: self._start_inquiry(dialog))
        dialog.finished.connect(self._inquiry_dialog_closed)
        self.new_inquiry_dialog = dialog
        dialog.open()

    def _start_inquiry(self, dialog: NewInquiryDialog) -> None:
        record = self.pages.record_panel.record if dialog.with_customer() else None
        call_row_id = self.flow.active_call_row_id or (
            self.pages.record_panel.call_row_id if record else None
        )
        self.case_page.start_request(dialog.script_id(), record.customer_id if record else None, call_row_id)
        self.pages.setCurrentWidget(self.case_page)

    @Slot()
    def _inquiry_dialog_closed(self) -> None:
        if self.new_inquiry_dialog is not None:
            self.new_inquiry_dialog.deleteLater()
        self.new_inquiry_dialog = None

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        self.case_page.open_case(case_id)
        self.pages.setCurrentWidget(self.case_page)

    def _resume_unfinished(self, agent: AgentInfo) -> None:
        """After a crash or restart, the newest script this agent left part-way opens where it stopped."""

        def opened(keys: tuple[str, ...]) -> None:
            case_ids = [case_id for key in keys if (case_id := case_id_of(key)) is not None]
            if case_ids and self.agent == agent:
                self.open_case(case_ids[0])
                self.statusBar().showMessage(self.tr("Resumed an unfinished talk script"), 10_000)

        self._runner.run(
            lambda session: open_drafts(session, agent_id=agent.id),
            name="unfinished scripts",
            on_success=opened,
        )

    @Slot()
    def focus_search(self) -> None:
        self.pages.bring_forward(self.pages.search_pane)
        self.pages.search_pane.focus_search_field()

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
        self.flow.set_agent(agent)
        self.case_page.set_agent(agent)
        self.work_queue_view.set_agent(agent)
        self.mail_room.set_agent(agent)
        self.case_log.set_agent(agent)
        supervisor = agent is not None and agent.role in APPROVER_ROLES
        for page in (self.dashboard, self.registers):
            self.pages.setTabVisible(self.pages.indexOf(page), supervisor)
            page.set_agent(agent if supervisor else None)
        self.new_inquiry_action.setEnabled(agent is not None)
        if agent is not None:
            self._resume_unfinished(agent)
