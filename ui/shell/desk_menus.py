"""The main window's menu bar: File, Call, Inquiry, View and Help, each action connected to what it does;
which of them a locked window turns off, and which each role is offered.

Like a Designer form's `setupUi`, `setup_menus` makes the actions as attributes of the window it is given
(which declares them), and its texts are the main window's own (translation context "MainWindow").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from desk_app.domain.enums import AgentRole
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.records import APPROVER_ROLES
from ui.shell.help_viewer import Guide
from ui.shell.language_menu import LanguageMenu

if TYPE_CHECKING:
    from ui.shell.main_window import MainWindow


def setup_menus(window: MainWindow) -> None:
    """Build the menus after the window's panes, docks, caller ID and checks exist."""
    bar = window.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    window.quit_action = QAction(QCoreApplication.translate("MainWindow", "&Quit"), window)
    window.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    window.quit_action.triggered.connect(window.close)
    window.sign_in_action = QAction(QCoreApplication.translate("MainWindow", "Sign &in…"), window)
    window.sign_in_action.triggered.connect(lambda: window.ask_sign_in(None))
    window.lock_action = QAction(QCoreApplication.translate("MainWindow", "&Lock now"), window)
    window.lock_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
    window.lock_action.triggered.connect(window.lock)
    window.verify_audit_action = window.audit_check.action
    window.verify_audit_action.triggered.connect(window.verify_audit)
    file_menu.addAction(window.sign_in_action)
    file_menu.addAction(window.lock_action)
    file_menu.addSeparator()
    file_menu.addAction(window.verify_audit_action)
    file_menu.addAction(window.database_check.action)
    # A menu of its own would have no Alt letter to itself: each one of "Supervision" is taken on some page.
    file_menu.addAction(window.incidents.action)
    window.import_action = QAction(
        QCoreApplication.translate("MainWindow", "I&mport from the mail-order system…"), window
    )
    window.import_action.setStatusTip(
        QCoreApplication.translate(
            "MainWindow", "Customers, orders or provision records from CSV (administrators)"
        )
    )
    window.import_action.triggered.connect(window.open_import)
    file_menu.addAction(window.import_action)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    call_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Call"))
    window.find_caller_action = QAction(
        QCoreApplication.translate("MainWindow", "&Search customers…"), window
    )
    window.find_caller_action.setShortcut(QKeySequence("Ctrl+F"))
    window.find_caller_action.triggered.connect(window.focus_search)
    call_menu.addAction(window.find_caller_action)
    call_menu.addSeparator()
    call_menu.addActions(list(window.simulator_actions.actions))

    case_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Inquiry"))
    window.new_inquiry_action = QAction(QCoreApplication.translate("MainWindow", "&New inquiry…"), window)
    window.new_inquiry_action.setShortcut(QKeySequence("Ctrl+N"))
    window.new_inquiry_action.triggered.connect(window.new_inquiry)
    window.refresh_cases_action = QAction(QCoreApplication.translate("MainWindow", "&Refresh cases"), window)
    window.refresh_cases_action.setShortcut(QKeySequence("F5"))
    window.refresh_cases_action.setStatusTip(
        QCoreApplication.translate("MainWindow", "Reads the Cases pane and the case log again")
    )
    window.refresh_cases_action.triggered.connect(window.work_queue_view.refresh)
    window.refresh_cases_action.triggered.connect(window.case_log.refresh)
    case_menu.addAction(window.new_inquiry_action)
    case_menu.addAction(window.refresh_cases_action)

    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    window.toggle_calls_action = window.calls_dock.toggleViewAction()
    window.toggle_calls_action.setText(QCoreApplication.translate("MainWindow", "&Calls pane"))
    window.toggle_calls_action.setShortcut(QKeySequence("Ctrl+1"))
    window.toggle_cases_action = window.cases_dock.toggleViewAction()
    window.toggle_cases_action.setText(QCoreApplication.translate("MainWindow", "C&ases pane"))
    window.toggle_cases_action.setShortcut(QKeySequence("Ctrl+2"))
    view_menu.addAction(window.toggle_calls_action)
    view_menu.addAction(window.toggle_cases_action)
    view_menu.addSeparator()
    window.language_menu = LanguageMenu(parent=window)
    view_menu.addMenu(window.language_menu)

    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    window.help_action = QAction(QCoreApplication.translate("MainWindow", "Guide for my &role"), window)
    window.help_action.setShortcut(QKeySequence("F1"))
    window.help_action.setStatusTip(
        QCoreApplication.translate("MainWindow", "The agents' guide, or the supervisors' for a supervisor")
    )
    window.help_action.triggered.connect(window.show_help)
    window.agent_guide_action = QAction(QCoreApplication.translate("MainWindow", "Agents' &guide"), window)
    window.agent_guide_action.triggered.connect(lambda: window.show_guide(Guide.AGENT))
    window.supervisor_guide_action = QAction(
        QCoreApplication.translate("MainWindow", "&Supervisors' guide"), window
    )
    window.supervisor_guide_action.triggered.connect(lambda: window.show_guide(Guide.SUPERVISOR))
    help_menu.addAction(window.help_action)
    help_menu.addAction(window.agent_guide_action)
    help_menu.addAction(window.supervisor_guide_action)
    help_menu.addSeparator()
    window.about_action = QAction(QCoreApplication.translate("MainWindow", "&About Inquiry Desk"), window)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_action.triggered.connect(
        lambda: QMessageBox.about(
            window, QCoreApplication.translate("MainWindow", "About Inquiry Desk"), window.about_text()
        )
    )
    help_menu.addAction(window.about_action)


def lockable_actions(window: MainWindow) -> list[QAction]:
    """The menus' actions a locked window turns off: all but signing in, quitting and the guides."""
    keep = (
        window.quit_action,
        window.sign_in_action,
        window.about_action,
        window.help_action,
        window.agent_guide_action,
        window.supervisor_guide_action,
    )
    return [
        action
        for menu_action in window.menuBar().actions()
        if isinstance(menu := menu_action.menu(), QMenu)
        for action in menu.actions()
        if action not in keep and not action.isSeparator()
    ]


def enable_for(window: MainWindow, agent: AgentInfo | None) -> None:
    """What the menus offer whoever is signed in: the role-bound items show for their roles only."""
    window.lock_action.setEnabled(agent is not None)
    window.new_inquiry_action.setEnabled(agent is not None)
    supervisor = agent is not None and agent.role in APPROVER_ROLES
    # Shown and enabled both, each time: hiding an action disables it, and the lock puts back the
    # enabled state the last agent had, which showing it again would otherwise keep.
    for action, allowed in (
        (window.verify_audit_action, supervisor),
        (window.database_check.action, supervisor),
        (window.import_action, agent is not None and agent.role is AgentRole.ADMIN),
        (window.incidents.action, supervisor),
    ):
        action.setVisible(allowed)
        action.setEnabled(allowed)
