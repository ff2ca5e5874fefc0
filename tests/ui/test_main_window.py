"""The main window: title, status bar fields, menus and their keys, docks, sign-in."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import PySide6
import pytest
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk_app import __version__
from desk_app.config import Config, CtiSource, SerialSource
from desk_app.storage.engine import describe
from ui.main_window import MainWindow

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
    assert main_window.caller_id_label.text() == "Caller ID: no sources configured"
    assert main_window.agent_label.text() == f"{desk_db.agent_name} (Agent)"
    permanent = main_window.statusBar().findChildren(QLabel)
    for label in (main_window.database_label, main_window.caller_id_label, main_window.agent_label):
        assert label in permanent
        assert label.isVisible()
        assert label.accessibleName()


def test_caller_id_field_counts_configured_sources_without_claiming_they_run(
    open_window: Callable[..., MainWindow],
) -> None:
    config = Config(serial_sources=(SerialSource(port="COM3"),), cti_sources=(CtiSource(token="t0ken"),))
    window = open_window(config)
    assert window.caller_id_label.text() == "Caller ID: 2 sources configured — not started"

    single = open_window(Config(serial_sources=(SerialSource(port="COM3"),)))
    assert single.caller_id_label.text() == "Caller ID: 1 source configured — not started"


def test_menu_actions_have_their_shortcuts(main_window: MainWindow) -> None:
    assert main_window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    assert main_window.find_caller_action.shortcut() == QKeySequence("Ctrl+F")
    assert main_window.toggle_calls_action.shortcut() == QKeySequence("Ctrl+1")
    assert main_window.toggle_cases_action.shortcut() == QKeySequence("Ctrl+2")


def test_every_menu_and_action_has_a_keyboard_mnemonic(main_window: MainWindow) -> None:
    menus = [action.menu() for action in main_window.menuBar().actions()]
    assert [action.text() for action in main_window.menuBar().actions()] == [
        "&File",
        "&Call",
        "&View",
        "&Help",
    ]
    for menu in menus:
        assert menu is not None
        actions: list[QAction] = [action for action in menu.actions() if not action.isSeparator()]
        assert actions, f"empty menu {menu.title()}"
        for action in actions:
            assert "&" in action.text(), action.text()
            assert action.isEnabled(), f"{action.text()} is shown but does nothing"


def test_ctrl_f_puts_the_cursor_in_the_phone_field(qtbot: QtBot, main_window: MainWindow) -> None:
    field = main_window.customer_pane.phone_field
    main_window.customer_pane.results_view.setFocus()
    qtbot.waitUntil(lambda: not field.hasFocus())
    qtbot.keyClick(main_window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(field.hasFocus)


def test_view_keys_toggle_the_docks(qtbot: QtBot, main_window: MainWindow) -> None:
    assert main_window.calls_dock.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert not main_window.calls_dock.isVisible()
    qtbot.keyClick(main_window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert main_window.calls_dock.isVisible()
    main_window.toggle_cases_action.trigger()
    assert not main_window.cases_dock.isVisible()


def test_docks_show_honest_empty_states(main_window: MainWindow) -> None:
    calls = main_window.calls_dock.widget()
    cases = main_window.cases_dock.widget()
    assert isinstance(calls, QLabel)
    assert isinstance(cases, QLabel)
    assert calls.text() == "No calls yet"
    assert cases.text() == "Case work opens here"
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
    assert not window.customer_pane.phone_field.isEnabled()
    assert "Not signed in" in window.customer_pane.status_label.text()
