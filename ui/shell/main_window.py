"""The main window: menus, status bar, the call banner over the pages, and the Calls and Cases docks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import PySide6
from PySide6.QtCore import Qt, Signal, Slot, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from desk_app import __version__, paths
from desk_app.config import Config
from desk_app.domain.enums import AgentRole
from desk_app.erased_register_key import key_file_for
from desk_app.scripts.loader import load_scripts
from desk_app.scripts.model import Script
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.records import APPROVER_ROLES
from ui.calls.call_banner import CallBanner
from ui.calls.call_log_view import CallLogView
from ui.calls.caller_id_status import CallerIdStatusLabel
from ui.calls.callerid_bridge import CallerId, caller_id_for
from ui.calls.simulator_actions import SimulatorActions
from ui.calls.stale_calls import StaleCallSweeper
from ui.cases import ops as case_ops
from ui.cases.case_page import CasePage
from ui.cases.new_inquiry_dialog import NewInquiry, NewInquiryDialog
from ui.cases.work_queue_view import WorkQueueView
from ui.common.background import BackgroundRunner
from ui.mail_room.mail_room_page import MailRoomPage
from ui.shell import ops
from ui.shell.agent_label import AgentLabel
from ui.shell.audit_check import AuditCheck
from ui.shell.call_keys import CallKeys
from ui.shell.database_check import DatabaseCheck
from ui.shell.database_status import DatabaseWatch
from ui.shell.desk_floor import DeskFloor
from ui.shell.desk_layout import add_docks, add_status_field, central_column, dock
from ui.shell.desk_menus import enable_for, lockable_actions, setup_menus
from ui.shell.desk_pages import DeskPages
from ui.shell.help_viewer import Guide, HelpViewer
from ui.shell.idle_lock import IdleLock
from ui.shell.language_menu import LanguageMenu
from ui.shell.lock_screen import LockScreen
from ui.shell.screen_pop_flow import ScreenPopFlow
from ui.shell.sign_in_dialog import SignInDialog
from ui.shell.start_window import WINDOW_SIZE, desk_title
from ui.shell.window_lock import LockedWindow
from ui.supervision.case_log_view import CaseLogView
from ui.supervision.dashboard_page import DashboardPage
from ui.supervision.incidents.register_action import IncidentRegisterAction
from ui.supervision.registers_page import RegistersPage

if TYPE_CHECKING:
    from ui.admin.import_dialog import ImportDialog


class MainWindow(QMainWindow):
    """Menus, permanent status-bar fields and the panes; work goes through the one background runner."""

    # The agent, or None when the desk stays signed out.
    sign_in_finished = Signal(object)
    # The window hid everything behind the lock screen (idle, or Lock now).
    locked = Signal()
    # Whoever works at the desk now (AgentInfo), or None: every pane showing an agent's work follows it.
    agent_changed = Signal(object)
    # The agent when a supervisor (or administrator) signed in, else None: the supervisors' pages follow it.
    supervisor_changed = Signal(object)

    # The menus' actions, made by `setup_menus`.
    quit_action: QAction
    sign_in_action: QAction
    lock_action: QAction
    verify_audit_action: QAction
    import_action: QAction
    find_caller_action: QAction
    new_inquiry_action: QAction
    refresh_cases_action: QAction
    toggle_calls_action: QAction
    toggle_cases_action: QAction
    language_menu: LanguageMenu
    help_action: QAction
    agent_guide_action: QAction
    supervisor_guide_action: QAction
    about_action: QAction

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
        self.inquiry = NewInquiry(self.scripts, config.company, runner, self)
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
        self.dashboard = DashboardPage(runner, config.incidents)
        self.pages.addTab(self.dashboard, self.tr("&Dashboard"))
        self.registers = RegistersPage(runner)
        self.pages.addTab(self.registers, self.tr("Re&gisters"))
        self.setCentralWidget(central_column(self.banner, self.pages.previous_call_bar, self.pages))
        self.call_log_view = CallLogView(runner)
        self.calls_dock = dock(self.tr("Calls"), "calls_dock", self.call_log_view, self)
        self.work_queue_view = WorkQueueView(runner)
        self.cases_dock = dock(self.tr("Cases"), "cases_dock", self.work_queue_view, self)
        add_docks(self, self.calls_dock, self.cases_dock)

        self.flow = ScreenPopFlow(runner, self.banner, self.pages, self)
        # Calls whose hang-up never arrived are closed every few minutes, not only when the desk starts.
        self.stale_calls = StaleCallSweeper(runner, parent=self)
        self.stale_calls.start()
        self._connect_caller_id()
        self.simulator_actions = SimulatorActions(self.caller_id.simulator, self.caller_id.bridge, self)

        status_bar = self.statusBar()
        self.database_label = add_status_field(status_bar, database_description, self.tr("Database"))
        self.caller_id_label = CallerIdStatusLabel(
            self.caller_id.hub.statuses(), self.caller_id.simulator.name
        )
        status_bar.addPermanentWidget(self.caller_id_label)
        self.caller_id.bridge.status_changed.connect(self.caller_id_label.update_status)
        self.agent_label = AgentLabel()
        status_bar.addPermanentWidget(self.agent_label)
        # An unreachable database shows here, is probed until it answers, and the unsaved draft goes then.
        self.database_watch = DatabaseWatch.install(
            runner, status_bar, on_reconnected=[self.case_page.resend_unsaved_draft]
        )
        self._lock: LockedWindow | None = None
        self.sign_in_dialog: SignInDialog | None = None
        self.idle_lock = IdleLock(config.security.idle_lock_minutes * 60_000, self)
        self.idle_lock.timed_out.connect(self.lock)
        self.database_check = DatabaseCheck(runner, self)
        self.audit_check = AuditCheck(runner, self)
        self.incidents = IncidentRegisterAction(
            runner, config.incidents, config.company, self, key_file_for(config)
        )
        setup_menus(self)
        self.floor = DeskFloor.install(self, runner, config.switchboard)
        self.call_keys = CallKeys(self, self.banner, self.pages.previous_call_bar, self.flow)
        self.accept_call_shortcut, self.dismiss_call_shortcut = self.call_keys.shortcuts
        self._connect_panes()
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

    def _connect_panes(self) -> None:
        """The panes never call each other: what one does reaches the others through these connections."""
        # In this order: the flow knows the agent before the pages and the caller log are filled for them.
        for pane in (
            self.flow,
            self.pages,
            self.call_log_view,
            self.case_page,
            self.work_queue_view,
            self.mail_room,
            self.case_log,
        ):
            self.agent_changed.connect(pane.set_agent)
        for page in (self.dashboard, self.registers, self.incidents):
            self.supervisor_changed.connect(page.set_agent)
        for case_requested in (
            self.work_queue_view.case_requested,
            self.case_log.case_requested,
            self.registers.case_requested,
        ):
            case_requested.connect(self.open_case)
        self.case_page.case_changed.connect(self.work_queue_view.refresh)
        # This desk's own case work shows in the case log at once; other desks' within half a minute.
        self.case_page.case_changed.connect(self.case_log.refresh)
        self.case_page.letter_made.connect(self.mail_room.refresh)
        self.case_page.customer_changed.connect(self.flow.refresh_customer)
        self.pages.customer_chosen.connect(self.flow.open_customer)
        self.call_log_view.customer_requested.connect(self.flow.open_customer)
        self.flow.call_log_changed.connect(self.call_log_view.refresh_soon)
        self.flow.call_began.connect(self.inquiry.close_for_new_call)
        self.inquiry.started.connect(self.case_page.start_request)
        self.inquiry.started.connect(self._show_case_page)
        self.stale_calls.calls_closed.connect(self.call_log_view.refresh_soon)

    @Slot()
    def accept_call(self) -> None:
        """F2: the banner's call opens; with the banner dismissed, it still replaces a kept page."""
        self.call_keys.accept_call()

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
        self.audit_check.run()

    @property
    def audit_box(self) -> QMessageBox | None:
        """The audit trail check's answer, once there is one."""
        return self.audit_check.box

    @audit_box.setter
    def audit_box(self, box: QMessageBox | None) -> None:
        self.audit_check.box = box

    @Slot()
    def new_inquiry(self) -> None:
        """Ask which request the caller makes; the case opens on the Case page with its script."""
        if self.agent is not None:
            panel = self.pages.record_panel
            self.inquiry.ask(panel.record, self.flow.active_call_row_id, panel.call_row_id, self.agent.id)

    @property
    def new_inquiry_dialog(self) -> NewInquiryDialog | None:
        return self.inquiry.dialog

    @Slot()
    def _show_case_page(self) -> None:  # a new inquiry's case opens there (`CasePage.start_request`)
        self.pages.present(self.case_page)

    @Slot(int)
    def open_case(self, case_id: int) -> None:
        self.case_page.open_case(case_id)
        self.pages.present(self.case_page)

    def _resume_unfinished(self, agent: AgentInfo) -> None:
        """After a crash or restart, the newest script this agent left part-way opens where it stopped."""

        def opened(case_ids: tuple[int, ...]) -> None:
            if case_ids and self.agent == agent:
                self.open_case(case_ids[0])
                self.statusBar().showMessage(self.tr("Resumed an unfinished talk script"), 10_000)

        self._runner.run(
            case_ops.unfinished_case_ids(agent.id),
            name="unfinished scripts",
            on_success=opened,
        )

    @Slot()
    def focus_search(self) -> None:
        self.pages.focus_search()

    def about_text(self) -> str:
        return "\n".join(
            (
                self.tr("Inquiry Desk %1").replace("%1", __version__),
                self.tr("Qt %1, PySide6 %2").replace("%1", qVersion()).replace("%2", PySide6.__version__),
                self.tr("Database: %1").replace("%1", self._database_description),
            )
        )

    def sign_in(self, login: str | None) -> None:
        """Sign `login` in without a password, off the GUI thread; None leaves the desk signed out.

        For the demo desk and tests only: the start-up of a real desk asks for the password
        (`ask_sign_in`), and the core refuses this path to any agent who has a password.
        """
        if login is None:
            self.set_agent(None)
            self.sign_in_finished.emit(None)
            return
        self.agent_label.show_signing_in()
        self._runner.run(
            ops.sign_in_without_password(login),
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
        if not self.agent_label.show_refusal(error):
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
        screen = LockScreen()
        screen.sign_in_requested.connect(self.ask_sign_in)
        screen.show_call(self.flow.current_call_state)
        self.flow.call_state_changed.connect(screen.show_call)
        self.call_keys.suspended = True
        self._lock = LockedWindow.put_away(
            self,
            self.agent,
            screen,
            docks=(self.calls_dock, self.cases_dock),
            actions=lockable_actions(self),
            shortcuts=self.call_keys.shortcuts,
        )
        self.agent_label.show_locked()
        self.locked.emit()
        self.ask_sign_in()

    def _unlock(self, agent: AgentInfo) -> None:
        lock = self._lock
        assert lock is not None
        self._lock = None
        same = agent == lock.agent
        if not same:
            # Another agent starts clean: the last agent's dialogs close and their pages are cleared
            # while still out of sight.
            lock.close_windows()
            self.set_agent(None)
            # A call under way stays on the banner, but not whose number it is.
            self.banner.set_match("")
        self.flow.call_state_changed.disconnect(lock.screen.show_call)
        lock.put_back(self)
        # A call may have rung, or been dismissed, while the window was locked.
        self.call_keys.suspended = False
        self.call_keys.update_enabled()
        if same:
            lock.show_windows()
            self.set_agent(agent, resume=False)
        else:
            self.set_agent(agent)

    def set_agent(self, agent: AgentInfo | None, *, resume: bool = True) -> None:
        self.agent = agent
        if agent is None:
            self.idle_lock.disarm()
        else:
            self.idle_lock.arm()
        self.agent_label.show_agent(agent)
        self.agent_changed.emit(agent)
        enable_for(self, agent)
        # What all cases add up to is for supervisors: their tabs show only while one is signed in.
        supervisor = agent is not None and agent.role in APPROVER_ROLES
        for page in (self.dashboard, self.registers):
            self.pages.setTabVisible(self.pages.indexOf(page), supervisor)
        self.supervisor_changed.emit(agent if supervisor else None)
        if agent is not None and resume:
            self._resume_unfinished(agent)
