"""The main window: menus, status bar, the call banner over the pages, and the Calls and Cases docks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QMessageBox, QVBoxLayout, QWidget

from desk_app import __version__, paths
from desk_app.audit.verify import VerifyResult
from desk_app.audit.verify import verify as verify_audit_trail
from desk_app.config import Config
from desk_app.domain.enums import AgentRole
from desk_app.erased_register_key import key_file_for
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Script
from desk_app.services.accounts import SignInRefused, passwordless_sign_in
from desk_app.services.agents import AgentInfo, UnknownAgent
from desk_app.services.cases.drafts import open_drafts
from desk_app.services.cases.lifecycle import APPROVER_ROLES
from desk_app.services.cases.scripts import case_id_of
from desk_app.services.customers.record import CustomerRecord
from ui.calls.call_banner import ACCEPT_KEY, DISMISS_KEY, CallBanner
from ui.calls.call_log_view import CallLogView
from ui.calls.caller_id_status import CallerIdStatusLabel
from ui.calls.callerid_bridge import CallerId, caller_id_for
from ui.calls.simulator_actions import SimulatorActions
from ui.calls.stale_calls import StaleCallSweeper
from ui.cases.case_page import CasePage
from ui.cases.new_inquiry_dialog import NewInquiryDialog
from ui.cases.work_queue_view import WorkQueueView
from ui.common.background import BackgroundRunner
from ui.common.translations import render_message
from ui.mail_room.mail_room_page import MailRoomPage
from ui.shell.database_check import DatabaseCheck
from ui.shell.database_status import DatabaseWatch
from ui.shell.desk_pages import DeskPages
from ui.shell.help_viewer import Guide, HelpViewer
from ui.shell.idle_lock import IdleLock
from ui.shell.language_menu import LanguageMenu
from ui.shell.lock_screen import LockScreen
from ui.shell.screen_pop_flow import ScreenPopFlow
from ui.shell.sign_in_dialog import SignInDialog
from ui.shell.start_window import WINDOW_SIZE, desk_title
from ui.supervision.case_log_view import CaseLogView
from ui.supervision.dashboard_page import DashboardPage
from ui.supervision.registers_page import RegistersPage

if TYPE_CHECKING:
    from ui.admin.import_dialog import ImportDialog

# The Calls and Cases docks' width: their tables' columns fit without scrolling, in Japanese and English.
DOCK_WIDTH = 480


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
    # The window hid everything behind the lock screen (idle, or Lock now).
    locked = Signal()

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
        # What the open New inquiry dialog was asked about, whatever rings meanwhile: the customer on
        # screen, the call under way and the call that customer's record was opened in.
        self._inquiry_about: tuple[CustomerRecord | None, int | None, int | None] = (None, None, None)
        self.audit_box: QMessageBox | None = None
        self.help_viewer: HelpViewer | None = None
        self.import_dialog: ImportDialog | None = None
        self._runner = runner
        self._database_description = database_description
        # Whoever made `caller_id` starts and stops its hub; one made here is never started.
        self.caller_id = caller_id or caller_id_for(config, self)
        self.agent: AgentInfo | None = None

        self._demo = demo
        self.setWindowTitle(desk_title(config, demo=demo))
        self.resize(*WINDOW_SIZE)

        self.banner = CallBanner()
        self.pages = DeskPages(runner)
        self.case_page = CasePage(runner, self.scripts, config.company, key_file_for(config))
        # A case shows a caller's business: a ring brings the new call's page over it unless typing there.
        self.pages.add_call_page(self.case_page, self.tr("Cas&e"))
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
        central_layout.addWidget(self.pages.previous_call_bar)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.call_log_view = CallLogView(runner)
        self.calls_dock = self._add_dock(
            self.tr("Calls"), "calls_dock", self.call_log_view, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.work_queue_view = WorkQueueView(runner)
        self.cases_dock = self._add_dock(
            self.tr("Cases"), "cases_dock", self.work_queue_view, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        # On a 1366 px screen a dock on each side leaves every table too narrow for its columns: the two
        # lists share one column, the calls above the cases, wide enough for both without scrolling.
        self.splitDockWidget(self.calls_dock, self.cases_dock, Qt.Orientation.Vertical)
        self.calls_dock.setMinimumWidth(DOCK_WIDTH)
        self.resizeDocks([self.calls_dock], [DOCK_WIDTH], Qt.Orientation.Horizontal)

        self.flow = ScreenPopFlow(runner, self.banner, self.pages, self.call_log_view, self)
        # Calls whose hang-up never arrived are closed every few minutes, not only when the desk starts.
        self.stale_calls = StaleCallSweeper(runner, parent=self)
        self.stale_calls.swept.connect(self._stale_calls_closed)
        self.stale_calls.start()
        self.flow.call_began.connect(self._close_previous_callers_dialogs)
        self._connect_caller_id()
        self.simulator_actions = SimulatorActions(self.caller_id.simulator, self.caller_id.bridge, self)

        self.database_label = self._add_status_field(database_description, self.tr("Database"))
        self.caller_id_label = CallerIdStatusLabel(
            self.caller_id.hub.statuses(), self.caller_id.simulator.name
        )
        self.statusBar().addPermanentWidget(self.caller_id_label)
        self.caller_id.bridge.status_changed.connect(self.caller_id_label.update_status)
        self.agent_label = self._add_status_field("", self.tr("Signed-in agent"))
        # An unreachable database shows here, is probed until it answers, and the unsaved draft goes then.
        self.database_watch = DatabaseWatch.install(
            runner, self.statusBar(), on_reconnected=[self.case_page.resend_unsaved_draft]
        )
        self._lock: _LockedWindow | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.idle_lock = IdleLock(config.security.idle_lock_minutes * 60_000, self)
        self.idle_lock.timed_out.connect(self.lock)
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
        # This desk's own case work shows in the case log at once; other desks' within half a minute.
        self.case_page.case_changed.connect(self.case_log.refresh)
        self.case_page.actions_bar.letter_made.connect(self.mail_room.refresh)
        self.case_page.customer_changed.connect(self.flow.refresh_customer)
        self.pages.search_pane.customer_chosen.connect(self.flow.open_customer)
        self.pages.chooser.customer_chosen.connect(self.flow.open_customer)
        self.call_log_view.customer_requested.connect(self.flow.open_customer)

    @Slot(int)
    def _stale_calls_closed(self, closed: int) -> None:
        if closed:
            self.call_log_view.refresh_soon()

    def _build_banner_keys(self) -> None:
        # Window shortcuts: they act from any field without taking its focus, and never in a dialog.
        self.accept_call_shortcut = QShortcut(QKeySequence(ACCEPT_KEY), self)
        self.dismiss_call_shortcut = QShortcut(QKeySequence(DISMISS_KEY), self)
        for shortcut, slot in (
            (self.accept_call_shortcut, self.accept_call),
            (self.dismiss_call_shortcut, self.banner.dismiss),
        ):
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.setEnabled(False)
            shortcut.activated.connect(slot)
        # F2 works while the banner shows, and while a page kept from the previous call says so.
        self.banner.visibility_changed.connect(self._update_call_keys)
        self.pages.previous_call_bar.visibility_changed.connect(self._update_call_keys)
        self.pages.previous_call_bar.switch_requested.connect(self.accept_call)

    @Slot()
    def _update_call_keys(self) -> None:
        if self._lock is not None:
            return  # the lock keeps them off; unlocking sets them for what shows then
        banner_shown = not self.banner.isHidden()
        self.accept_call_shortcut.setEnabled(banner_shown or not self.pages.previous_call_bar.isHidden())
        self.dismiss_call_shortcut.setEnabled(banner_shown)

    @Slot()
    def accept_call(self) -> None:
        """F2: the banner's call opens; with the banner dismissed, it still replaces a kept page."""
        if not self.banner.isHidden():
            self.banner.accept()
        else:
            self.flow.switch_to_current_call()

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
        self.sign_in_action = QAction(self.tr("Sign &in…"), self)
        self.sign_in_action.triggered.connect(lambda: self.ask_sign_in(None))
        self.lock_action = QAction(self.tr("&Lock now"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.lock_action.triggered.connect(self.lock)
        self.verify_audit_action = QAction(self.tr("&Verify the audit trail…"), self)
        self.verify_audit_action.setStatusTip(
            self.tr("Checks that no case event or access-log entry was changed or deleted (supervisors)")
        )
        self.verify_audit_action.triggered.connect(self.verify_audit)
        file_menu.addAction(self.sign_in_action)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()
        file_menu.addAction(self.verify_audit_action)
        self.database_check = DatabaseCheck(self._runner, self)
        file_menu.addAction(self.database_check.action)
        self.import_action = QAction(self.tr("I&mport from the mail-order system…"), self)
        self.import_action.setStatusTip(
            self.tr("Customers, orders or provision records from CSV (administrators)")
        )
        self.import_action.triggered.connect(self.open_import)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
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
        self.refresh_cases_action = QAction(self.tr("&Refresh cases"), self)
        self.refresh_cases_action.setShortcut(QKeySequence("F5"))
        self.refresh_cases_action.setStatusTip(self.tr("Reads the Cases pane and the case log again"))
        self.refresh_cases_action.triggered.connect(self.work_queue_view.refresh)
        self.refresh_cases_action.triggered.connect(self.case_log.refresh)
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
        view_menu.addSeparator()
        self.language_menu = LanguageMenu(parent=self)
        view_menu.addMenu(self.language_menu)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.help_action = QAction(self.tr("Guide for my &role"), self)
        self.help_action.setShortcut(QKeySequence("F1"))
        self.help_action.setStatusTip(self.tr("The agents' guide, or the supervisors' for a supervisor"))
        self.help_action.triggered.connect(self.show_help)
        self.agent_guide_action = QAction(self.tr("Agents' &guide"), self)
        self.agent_guide_action.triggered.connect(lambda: self.show_guide(Guide.AGENT))
        self.supervisor_guide_action = QAction(self.tr("&Supervisors' guide"), self)
        self.supervisor_guide_action.triggered.connect(lambda: self.show_guide(Guide.SUPERVISOR))
        help_menu.addAction(self.help_action)
        help_menu.addAction(self.agent_guide_action)
        help_menu.addAction(self.supervisor_guide_action)
        help_menu.addSeparator()
        self.about_action = QAction(self.tr("&About Inquiry Desk"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    @Slot()
    def show_help(self) -> None:
        """F1: the guide for whoever is signed in (the agents' guide while no one is)."""
        agent = self.agent
        supervisor = agent is not None and agent.role in APPROVER_ROLES
        self.show_guide(Guide.SUPERVISOR if supervisor else Guide.AGENT)

    def show_guide(self, guide: Guide) -> None:
        # The guides hold no personal data: they open while the window is locked too.
        if self.help_viewer is None:
            self.help_viewer = HelpViewer(self)
        self.help_viewer.show_guide(guide)

    @Slot()
    def open_import(self) -> None:
        """The administrators' import of the mail-order system's CSV files, with its report."""
        agent = self.agent
        if agent is None or agent.role is not AgentRole.ADMIN:
            return
        if self.import_dialog is None:
            # On first use: the import's readers are not needed to paint the window.
            from ui.admin.import_dialog import ImportDialog

            self.import_dialog = ImportDialog(self._runner, agent, key_file_for(self._config), self)
            self.import_dialog.finished.connect(self._import_closed)
        self.import_dialog.open()

    @Slot()
    def _import_closed(self) -> None:
        if self.import_dialog is not None and self.import_dialog.run is None:
            self.import_dialog.deleteLater()
            self.import_dialog = None

    @Slot()
    def verify_audit(self) -> None:
        """Walk both hash chains in the background and say plainly whether the trail is intact."""
        agent = self.agent
        if agent is None or agent.role not in APPROVER_ROLES:
            return
        self.verify_audit_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Verifying the audit trail…"))
        self._runner.run(
            verify_audit_trail,
            name="verify the audit trail",
            on_success=self._audit_verified,
            on_error=self._audit_failed,
            owner=self,
        )

    def _audit_verified(self, result: VerifyResult) -> None:
        self.verify_audit_action.setEnabled(True)
        self.statusBar().clearMessage()
        if result.intact:
            text = self.tr("The audit trail is intact: %1 entries checked.").replace(
                "%1", f"{result.rows_checked:,}"
            )
            icon = QMessageBox.Icon.Information
        else:
            problem = result.first_problem
            text = self.tr(
                "The audit trail is broken. First broken link: %1\n\nTell your administrator."
            ).replace("%1", render_message(problem.line) if problem is not None else "")
            icon = QMessageBox.Icon.Critical
        self.audit_box = QMessageBox(
            icon, self.tr("Audit trail"), text, QMessageBox.StandardButton.Close, self
        )
        self.audit_box.open()

    def _audit_failed(self, error: Exception) -> None:
        self.verify_audit_action.setEnabled(True)
        self.statusBar().clearMessage()
        self._runner.show_error(error)

    @Slot()
    def new_inquiry(self) -> None:
        """Ask which request the caller makes; the case opens on the Case page with its script."""
        if self.agent is None or self.new_inquiry_dialog is not None:
            return
        record = self.pages.record_panel.record
        label = f"{record.name} ({record.customer_no})" if record is not None else None
        self._inquiry_about = (record, self.flow.active_call_row_id, self.pages.record_panel.call_row_id)
        dialog = NewInquiryDialog(self.scripts, self._config.company, label, self)
        dialog.accepted.connect(lambda: self._start_inquiry(dialog))
        dialog.finished.connect(self._inquiry_dialog_closed)
        self.new_inquiry_dialog = dialog
        dialog.open()

    def _start_inquiry(self, dialog: NewInquiryDialog) -> None:
        # The customer and call the dialog named, not whatever is on screen by the time it is accepted.
        record, active_call_row_id, record_call_row_id = self._inquiry_about
        if not dialog.with_customer():
            record = None
        call_row_id = active_call_row_id or (record_call_row_id if record is not None else None)
        self.case_page.start_request(dialog.script_id(), record.customer_id if record else None, call_row_id)
        self.pages.unmark(self.case_page)
        self.pages.setCurrentWidget(self.case_page)

    @Slot()
    def _inquiry_dialog_closed(self) -> None:
        if self.new_inquiry_dialog is not None:
            self.new_inquiry_dialog.deleteLater()
        self.new_inquiry_dialog = None
        self._inquiry_about = (None, None, None)

    @Slot()
    def _close_previous_callers_dialogs(self) -> None:
        """A new call rang: New inquiry asked about the customer then on screen, who is gone now."""
        if self.new_inquiry_dialog is not None:
            self.new_inquiry_dialog.reject()

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        self.case_page.open_case(case_id)
        self.pages.unmark(self.case_page)
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
        """Sign `login` in without a password, off the GUI thread; None leaves the desk signed out.

        For the demo desk and tests only: the start-up of a real desk asks for the password
        (`ask_sign_in`), and the core refuses this path to any agent who has a password.
        """
        if login is None:
            self.set_agent(None)
            self.sign_in_finished.emit(None)
            return
        self.agent_label.setText(self.tr("Signing in…"))
        self._runner.run(
            lambda session: passwordless_sign_in(session, login),
            name="sign in",
            on_success=self._signed_in,
            on_error=self._sign_in_failed,
        )

    @Slot()
    def ask_sign_in(self, login: str | None = None) -> None:
        """The sign-in dialog, window-modal, pre-filled with `login` (the locked agent's when locked)."""
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.raise_()
            return
        if self._lock is not None:
            login = self._lock.agent.login
        dialog = SignInDialog(
            self._runner, self._config.security, login=login or "", demo=self._demo, parent=self
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.signed_in.connect(self._signed_in)
        dialog.finished.connect(self._sign_in_dialog_closed)
        self.sign_in_dialog = dialog
        dialog.open()
        if isinstance(lock_screen := self.centralWidget(), LockScreen):
            lock_screen.place_below(dialog)

    @Slot()
    def _sign_in_dialog_closed(self) -> None:
        if self.sign_in_dialog is not None:
            self.sign_in_dialog.deleteLater()
        self.sign_in_dialog = None

    def _signed_in(self, agent: AgentInfo) -> None:
        if self._lock is not None:
            self._unlock(agent)
        else:
            self.set_agent(agent)
        self.sign_in_finished.emit(agent)

    def _sign_in_failed(self, error: Exception) -> None:
        self.set_agent(None)
        if isinstance(error, UnknownAgent):
            self.agent_label.setText(self.tr("Not signed in: unknown or inactive login"))
        elif isinstance(error, SignInRefused):
            self.agent_label.setText(self.tr("Not signed in: this login signs in with its password"))
        else:
            self._runner.show_error(error)
        self.sign_in_finished.emit(None)

    @property
    def is_locked(self) -> bool:
        return self._lock is not None

    @property
    def lock_screen(self) -> LockScreen | None:
        """What stands in for the pages while the window is locked; None while it is not."""
        return self._lock.screen if self._lock is not None else None

    @Slot()
    def lock(self) -> None:
        """Hide every page, dock and dialog behind the lock screen until someone signs in again.

        The pages are taken out of the window whole (not cleared), so the same agent finds them as
        they were; calls are still recorded meanwhile, into pages nobody can see.
        """
        if self.agent is None or self._lock is not None:
            return
        self.idle_lock.disarm()
        windows = [
            widget
            for widget in self.findChildren(QWidget)
            if widget.isWindow() and widget.isVisible() and not isinstance(widget, QDockWidget)
        ]
        for window in windows:
            window.hide()
        docks = {dock: dock.isVisible() for dock in (self.calls_dock, self.cases_dock)}
        for dock in docks:
            dock.hide()
        actions = {action: action.isEnabled() for action in self._lockable_actions()}
        for action in actions:
            action.setEnabled(False)
        shortcuts = {s: s.isEnabled() for s in (self.accept_call_shortcut, self.dismiss_call_shortcut)}
        for shortcut in shortcuts:
            shortcut.setEnabled(False)
        central = self.takeCentralWidget()
        assert central is not None
        screen = LockScreen()
        screen.sign_in_requested.connect(self.ask_sign_in)
        screen.show_call(self.flow.current_call_state)
        self.flow.call_state_changed.connect(screen.show_call)
        self.setCentralWidget(screen)
        screen.show()
        self._lock = _LockedWindow(self.agent, central, docks, windows, actions, shortcuts, screen)
        self.agent_label.setText(self.tr("Locked"))
        self.locked.emit()
        self.ask_sign_in()

    def _lockable_actions(self) -> list[QAction]:
        keep = (
            self.quit_action,
            self.sign_in_action,
            self.about_action,
            self.help_action,
            self.agent_guide_action,
            self.supervisor_guide_action,
        )
        return [
            action
            for menu_action in self.menuBar().actions()
            if isinstance(menu := menu_action.menu(), QMenu)
            for action in menu.actions()
            if action not in keep and not action.isSeparator()
        ]

    def _unlock(self, agent: AgentInfo) -> None:
        lock = self._lock
        assert lock is not None
        self._lock = None
        same = agent == lock.agent
        if not same:
            # Another agent starts clean: the last agent's dialogs close and their pages are cleared
            # while still out of sight.
            for window in lock.windows:
                window.close()
            self.set_agent(None)
            # A call under way stays on the banner, but not whose number it is.
            self.banner.set_match("")
        self.flow.call_state_changed.disconnect(lock.screen.show_call)
        # The lock screen is deleted by setCentralWidget.
        self.setCentralWidget(lock.central)
        lock.central.show()
        for dock, visible in lock.docks.items():
            dock.setVisible(visible)
        for action, enabled in lock.actions.items():
            action.setEnabled(enabled)
        for shortcut, enabled in lock.shortcuts.items():
            shortcut.setEnabled(enabled)
        # A call may have rung, or been dismissed, while the window was locked.
        self._update_call_keys()
        if same:
            for window in lock.windows:
                window.show()
            self.set_agent(agent, resume=False)
        else:
            self.set_agent(agent)

    def set_agent(self, agent: AgentInfo | None, *, resume: bool = True) -> None:
        self.agent = agent
        if agent is None:
            self.idle_lock.disarm()
        else:
            self.idle_lock.arm()
        self.lock_action.setEnabled(agent is not None)
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
        # Shown and enabled both, each time: hiding an action disables it, and the lock puts back the
        # enabled state the last agent had, which showing it again would otherwise keep.
        for action, allowed in (
            (self.verify_audit_action, supervisor),
            (self.database_check.action, supervisor),
            (self.import_action, agent is not None and agent.role is AgentRole.ADMIN),
        ):
            action.setVisible(allowed)
            action.setEnabled(allowed)
        for page in (self.dashboard, self.registers):
            self.pages.setTabVisible(self.pages.indexOf(page), supervisor)
            page.set_agent(agent if supervisor else None)
        self.new_inquiry_action.setEnabled(agent is not None)
        if agent is not None and resume:
            self._resume_unfinished(agent)


@dataclass
class _LockedWindow:
    """What `MainWindow.lock` put away, to put back for whoever signs in next."""

    agent: AgentInfo
    central: QWidget
    docks: dict[QDockWidget, bool]
    windows: list[QWidget]
    actions: dict[QAction, bool]
    shortcuts: dict[QShortcut, bool]
    screen: LockScreen
