"""Whoever signs in after the lock gets a desk set for them: their role's menus, an empty search."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AgentRole
from desk_app.services.accounts import add_user
from tests.support.desk_driver import sign_in_with_password
from tests.ui.conftest import DeskDatabase
from ui.shell.main_window import MainWindow

PASSWORD = "kaisendon-2026!"


def _add(desk_db: DeskDatabase, login: str, name: str, role: AgentRole) -> None:
    with desk_db.factory.begin() as session:
        add_user(session, login, display_name=name, role=role, password=PASSWORD)


def _sign_in(qtbot: QtBot, window: MainWindow, login: str) -> None:
    if window.sign_in_dialog is None:
        window.ask_sign_in(login)
    agent = sign_in_with_password(qtbot, window, login, PASSWORD)
    assert agent is not None
    assert agent.login == login


def _lock(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.locked, timeout=10_000):
        window.lock_action.trigger()


def _usable(window: MainWindow) -> dict[str, bool]:
    """Each role-bound item as the menu offers it: shown and enabled, or not."""
    actions = {
        "verify audit trail": window.verify_audit_action,
        "check the database": window.database_check.action,
        "import": window.import_action,
        "leak incidents": window.incidents.action,
    }
    usable = {name: action.isVisible() and action.isEnabled() for name, action in actions.items()}
    for page, name in ((window.dashboard, "dashboard"), (window.registers, "registers")):
        usable[name] = window.pages.isTabVisible(window.pages.indexOf(page))
    return usable


ADMIN = {
    "verify audit trail": True,
    "check the database": True,
    "import": True,
    "leak incidents": True,
    "dashboard": True,
    "registers": True,
}
AGENT = dict.fromkeys(ADMIN, False)
SUPERVISOR = {**ADMIN, "import": False}


ACCOUNTS = {
    "ito": ("伊藤 管理", AgentRole.ADMIN, ADMIN),
    "kato": ("加藤 美咲", AgentRole.AGENT, AGENT),
    "mori": ("森 主任", AgentRole.SUPERVISOR, SUPERVISOR),
}


@pytest.mark.parametrize(
    ("first", "then"),
    [("ito", "kato"), ("kato", "mori")],
    ids=["administrator then agent", "agent then supervisor"],
)
def test_the_role_menus_follow_whoever_signs_in_after_the_lock(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase, first: str, then: str
) -> None:
    for login in (first, then):
        name, role, _ = ACCOUNTS[login]
        _add(desk_db, login, name, role)
    window = open_window()
    _sign_in(qtbot, window, first)
    assert _usable(window) == ACCOUNTS[first][2]
    for login in (then, first, then):
        _lock(qtbot, window)
        _sign_in(qtbot, window, login)
        assert _usable(window) == ACCOUNTS[login][2], login
    if window.verify_audit_action.isEnabled():
        window.verify_audit_action.trigger()
        qtbot.waitUntil(lambda: window.audit_box is not None, timeout=20_000)
        assert window.audit_box is not None
        assert "intact" in window.audit_box.text()
        window.audit_box.close()


def test_the_next_agent_never_sees_the_last_agents_search(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    _add(desk_db, "kato", "加藤 美咲", AgentRole.AGENT)
    _add(desk_db, "mori", "森 主任", AgentRole.SUPERVISOR)
    window = open_window()
    _sign_in(qtbot, window, "kato")
    search = window.pages.search_pane
    window.focus_search()
    qtbot.keyClicks(search.search_field, desk_db.single_number)
    with qtbot.waitSignal(search.search_finished, timeout=10_000):
        qtbot.keyClick(search.search_field, Qt.Key.Key_Return)
    assert search.model.rowCount() == 1
    _lock(qtbot, window)
    _sign_in(qtbot, window, "mori")
    assert search.search_field.text() == ""
    assert search.model.rowCount() == 0
