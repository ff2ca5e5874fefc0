"""The main window: title, status bar fields, menus and their keys, docks, sign-in, no reference cycles."""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import TYPE_CHECKING

import PySide6
import pytest
from PySide6.QtCore import QObject, Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desk_app import __version__
from desk_app.callerid.source import SourceStatus
from desk_app.config import Config, CtiSource, SerialSource
from desk_app.domain.enums import SourceState
from desk_app.storage.engine import describe
from ui.calls.call_log_view import CallLogView
from ui.calls.callerid_bridge import caller_id_for
from ui.cases.work_queue_view import WorkQueueView
from ui.common.background import BackgroundRunner
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase


def test_title_names_the_desk_and_company_in_japanese(main_window: MainWindow) -> None:
    title = main_window.windowTitle()
    assert "個人情報お問い合わせ窓口" in title
    assert "株式会社みらい通販" in title
    assert "[DEMO]" not in title


def test_demo_title_says_demo(open_window: Callable[..., MainWindow]) -> None:
    window = open_window(demo=True)
    assert window.windowTitle().endswith("[DEMO]")


def test_status_bar_shows_database_caller_id_and_agent(
    main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    assert main_window.database_label.text() == describe(desk_db.engine)
    assert main_window.caller_id_label.text() == "Caller ID: simulator only"
    assert main_window.agent_label.text() == f"{desk_db.agent_name} (Agent)"
    permanent = main_window.statusBar().findChildren(QLabel)
    for label in (main_window.database_label, main_window.caller_id_label, main_window.agent_label):
        assert label in permanent
        assert label.isVisible()
        assert label.accessibleName()


def test_configured_sources_show_as_not_started_until_the_hub_runs(
    open_window: Callable[..., MainWindow],
) -> None:
    config = Config(serial_sources=(SerialSource(port="COM3"),), cti_sources=(CtiSource(token="t0ken"),))
    window = open_window(config, start_caller_id=False)
    assert window.caller_id_label.text() == "Caller ID: serial COM3 stopped; CTI 127.0.0.1:8765 stopped"


def test_caller_id_field_follows_each_sources_live_state(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    config = Config(serial_sources=(SerialSource(port="COM3"),), cti_sources=(CtiSource(token="t0ken"),))
    window = open_window(config, start_caller_id=False)
    bridge = window.caller_id.bridge
    for status in (
        SourceStatus("serial COM3", SourceState.CONNECTED, "1200 baud"),
        SourceStatus(
            "CTI 127.0.0.1:8765", SourceState.LISTENING, "POST http://127.0.0.1:8765/api/v1/cti/<token>"
        ),
    ):
        with qtbot.waitSignal(bridge.status_changed, timeout=5_000):
            bridge.deliver_status(status)
    label = window.caller_id_label
    assert label.text() == "Caller ID: serial COM3 connected; CTI 127.0.0.1:8765 listening"
    assert "POST http://127.0.0.1:8765" in label.toolTip()
    assert label.styleSheet() == ""

    with qtbot.waitSignal(bridge.status_changed, timeout=5_000):
        bridge.deliver_status(SourceStatus("serial COM3", SourceState.DISCONNECTED, "device gone"))
    assert label.text() == "Caller ID: serial COM3 disconnected, retrying; CTI 127.0.0.1:8765 listening"
    assert "color" in label.styleSheet()


def test_a_network_cti_endpoint_with_a_weak_token_is_refused_in_red_at_start(
    qtbot: QtBot, open_window: Callable[..., MainWindow]
) -> None:
    config = Config(cti_sources=(CtiSource(token="a", host="0.0.0.0", port=0),))
    window = open_window(config)  # the hub starts with the window, as at the desk
    label = window.caller_id_label
    qtbot.waitUntil(lambda: "CTI 0.0.0.0:0 failed" in label.text(), timeout=5_000)
    assert "refused to listen on 0.0.0.0, reachable from the network" in label.toolTip()
    assert "at least 32" in label.toolTip()
    assert "color" in label.styleSheet()


def test_menu_actions_have_their_shortcuts(main_window: MainWindow) -> None:
    assert main_window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert main_window.find_caller_action.shortcut() == QKeySequence("Ctrl+F")
    assert main_window.toggle_calls_action.shortcut() == QKeySequence("Ctrl+1")
    assert main_window.toggle_cases_action.shortcut() == QKeySequence("Ctrl+2")
    assert main_window.new_inquiry_action.shortcut() == QKeySequence("Ctrl+N")
    assert main_window.refresh_cases_action.shortcut() == QKeySequence("F5")


def test_every_menu_and_action_has_a_keyboard_mnemonic(main_window: MainWindow) -> None:
    menus = [action.menu() for action in main_window.menuBar().actions()]
    assert [action.text() for action in main_window.menuBar().actions()] == [
        "&File",
        "&Call",
        "&Inquiry",
        "&View",
        "&Help",
    ]
    for menu in menus:
        assert menu is not None
        actions: list[QAction] = [action for action in menu.actions() if not action.isSeparator()]
        assert actions, f"empty menu {menu.title()}"
        for action in actions:
            assert "&" in action.text(), action.text()
            # Disabled only while it has nothing to act on, and saying when it will.
            assert action.isEnabled() or action.statusTip(), f"{action.text()} is shown but does nothing"


def test_ctrl_f_brings_search_forward_with_the_cursor_in_its_field(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    pages = main_window.pages
    field = pages.search_pane.search_field
    pages.setCurrentWidget(pages.record_panel)
    main_window.call_log_view.table.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(field.hasFocus)
    assert pages.currentWidget() is pages.search_pane


def test_view_keys_toggle_the_docks(qtbot: QtBot, main_window: MainWindow) -> None:
    assert main_window.calls_dock.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not main_window.calls_dock.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.calls_dock.isVisible()
    main_window.toggle_cases_action.trigger()
    assert not main_window.cases_dock.isVisible()


def test_docks_show_the_caller_log_and_an_honest_cases_state(qtbot: QtBot, main_window: MainWindow) -> None:
    calls = main_window.calls_dock.widget()
    cases = main_window.cases_dock.widget()
    assert isinstance(calls, CallLogView)
    assert calls.model.rowCount() == 0
    assert calls.table.placeholder == "No calls yet"
    assert isinstance(cases, WorkQueueView)
    qtbot.waitUntil(lambda: cases.table.placeholder == "No open cases")
    assert cases.model.rowCount() == 0
    assert main_window.dockWidgetArea(main_window.calls_dock) == Qt.DockWidgetArea.LeftDockWidgetArea


def test_ctrl_q_closes_the_window(qtbot: QtBot, main_window: MainWindow) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not main_window.isVisible())


def test_about_names_version_qt_and_database(main_window: MainWindow, desk_db: DeskDatabase) -> None:
    text = main_window.about_text()
    assert __version__ in text
    assert qVersion() in text
    assert PySide6.__version__ in text
    assert describe(desk_db.engine) in text


@pytest.mark.parametrize(
    ("login", "expected"),
    [
        (None, "Not signed in"),
        ("retired", "Not signed in: unknown or inactive login"),  # the sample's inactive agent
        ("nobody", "Not signed in: unknown or inactive login"),
    ],
)
def test_without_a_known_agent_the_desk_is_signed_out(
    qtbot: QtBot, open_window: Callable[..., MainWindow], login: str | None, expected: str
) -> None:
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000) as blocker:
        window.sign_in(login)
    assert blocker.args == [None]
    assert window.agent is None
    assert window.agent_label.text().startswith(expected)
    search = window.pages.search_pane
    assert not search.search_field.isEnabled()
    assert "Not signed in" in search.status_label.text()
    assert window.call_log_view.table.placeholder == "Not signed in"


def test_a_closed_window_goes_without_the_garbage_collector(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase
) -> None:
    """No Python reference cycle may hold a window: the collector could free it on a pool thread, where
    deleting widgets crashes the process."""
    caller_id = caller_id_for(Config())
    window = MainWindow(Config(), runner, describe(desk_db.engine), caller_id=caller_id)
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(desk_db.agent_login)
    caller_id.hub.start()
    with qtbot.waitSignal(window.flow.pop_presented, timeout=10_000):
        caller_id.simulator.ring(desk_db.single_number)
    caller_id.hub.stop()
    qtbot.waitUntil(lambda: runner.running_count == 0)
    gc.collect()
    gc.disable()
    try:
        window.deleteLater()
        del window, caller_id
        qtbot.wait(0)
        gc.set_debug(gc.DEBUG_SAVEALL)
        gc.collect()
        stranded = [type(item).__name__ for item in gc.garbage if isinstance(item, QObject)]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert stranded == []


def test_every_control_a_screen_reader_meets_is_named(main_window: MainWindow) -> None:
    """Tables, fields and the banner's parts carry accessible names; buttons and tabs their text."""

    def part_of_a_named_control(widget: QWidget) -> bool:
        # A combo box's popup list and a spin box's text field are read out as the control they belong to.
        parent = widget.parentWidget()
        while parent is not None:
            if isinstance(parent, QAbstractItemView | QComboBox | QAbstractSpinBox):
                return True
            parent = parent.parentWidget()
        return False

    unnamed = [
        type(widget).__name__
        for kind in (QAbstractItemView, QLineEdit, QComboBox, QAbstractSpinBox)
        for widget in main_window.findChildren(kind)
        if not widget.accessibleName() and not part_of_a_named_control(widget)
    ]
    assert unnamed == []
    for button in main_window.findChildren(QAbstractButton):
        assert (
            button.text()
            or button.accessibleName()
            or button.toolTip()
            or not button.isVisibleTo(main_window)
        )
    banner = main_window.banner
    for label in (banner.state_label, banner.number_label, banner.match_label, banner.hint_label):
        assert label.accessibleName()
