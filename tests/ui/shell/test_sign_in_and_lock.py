"""Sign-in with a password, lockout in words, and the idle lock that hides every piece of personal data."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.config import Config, Security
from desk_app.domain.enums import AgentRole
from desk_app.services.accounts import add_user, reset_password
from tests.support.desk_driver import sign_in_with_password
from tests.support.screen_text import visible_text
from tests.ui.conftest import DeskDatabase
from ui.shell.main_window import MainWindow
from ui.shell.sign_in_dialog import SignInDialog

PASSWORD = "kaisendon-2026!"
OTHER_PASSWORD = "mentaiko-onigiri-9"
# 田中 次郎's record as the screen pop shows it: name, kana, number, customer number.
PERSONAL = ("田中", "次郎", "タナカ", "6123", "C0000004")


def _add_kato(desk_db: DeskDatabase) -> None:
    with desk_db.factory.begin() as session:
        add_user(session, "kato", display_name="加藤 美咲", role=AgentRole.AGENT, password=OTHER_PASSWORD)


def _set_password(desk_db: DeskDatabase, login: str, password: str) -> None:
    with desk_db.factory.begin() as session:
        reset_password(session, login, password)


def _refusal(qtbot: QtBot, dialog: SignInDialog, password: str) -> str:
    dialog.password_field.setText(password)
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.keyClick(dialog.password_field, Qt.Key.Key_Return)
    return dialog.message.text()


def test_the_dialog_signs_in_with_the_right_password_and_refuses_a_wrong_one_in_words(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    _add_kato(desk_db)
    window = open_window()
    window.ask_sign_in("kato")
    dialog = window.sign_in_dialog
    assert dialog is not None
    assert dialog.login_field.text() == "kato"
    wrong = _refusal(qtbot, dialog, "wrong-password")
    assert wrong.startswith("The login or the password is wrong.")
    assert dialog.password_field.text() == ""
    assert window.agent is None
    # An unknown login is told the very same thing.
    dialog.login_field.setText("nobody")
    assert _refusal(qtbot, dialog, OTHER_PASSWORD) == wrong
    agent = sign_in_with_password(qtbot, window, "kato", OTHER_PASSWORD)
    assert agent is not None
    assert window.agent == agent
    assert "加藤 美咲" in window.agent_label.text()


def test_a_locked_login_is_told_what_an_unknown_one_is(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    """A lockout said in other words would tell someone trying logins that this one exists."""
    _add_kato(desk_db)
    window = open_window(Config(security=Security(max_failed_sign_ins=2, lockout_minutes=15)))
    window.ask_sign_in("nobody")
    dialog = window.sign_in_dialog
    assert dialog is not None
    unknown = _refusal(qtbot, dialog, "wrong-password")
    dialog.login_field.setText("kato")
    _refusal(qtbot, dialog, "wrong-password")
    assert _refusal(qtbot, dialog, "wrong-password") == unknown
    # The right password does not open it while it is locked, and the words are the same again.
    assert _refusal(qtbot, dialog, OTHER_PASSWORD) == unknown
    assert "refused for a while" in unknown
    assert window.agent is None


def test_the_passwordless_path_refuses_an_agent_who_has_a_password(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    _add_kato(desk_db)
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000) as finished:
        window.sign_in("kato")
    assert finished.args == [None]
    assert window.agent is None
    assert window.agent_label.text() == "Not signed in: this login signs in with its password"


def _pop_the_record(
    qtbot: QtBot, window: MainWindow, ring: Callable[[str], str], desk_db: DeskDatabase
) -> None:
    ring(desk_db.single_number)
    assert window.pages.record_panel.name_label.text() == "田中 次郎"
    # The caller log's row too, once it has been refreshed.
    qtbot.waitUntil(lambda: all(part in visible_text() for part in ("田中 次郎", "6123")), timeout=10_000)


def test_idle_time_locks_the_window_hiding_all_personal_data_and_the_same_agent_gets_it_back(
    qtbot: QtBot, main_window: MainWindow, ring: Callable[[str], str], desk_db: DeskDatabase
) -> None:
    _set_password(desk_db, desk_db.agent_login, PASSWORD)
    _pop_the_record(qtbot, main_window, ring, desk_db)
    assert main_window.idle_lock.timeout_ms == 5 * 60_000
    with qtbot.waitSignal(main_window.locked, timeout=10_000):
        main_window.idle_lock.set_timeout_ms(50)
    text = visible_text()
    assert "Locked — sign in to continue" in text
    for personal in PERSONAL:
        assert personal not in text, personal
    assert not main_window.calls_dock.isVisible()
    assert not main_window.new_inquiry_action.isEnabled()

    # A call while locked is recorded, but its screen pop shows nothing.
    with qtbot.waitSignal(main_window.flow.call_recorded, timeout=10_000):
        main_window.caller_id.simulator.ring(desk_db.single_number)
    for personal in PERSONAL:
        assert personal not in visible_text(), personal

    main_window.idle_lock.set_timeout_ms(5 * 60_000)
    agent = sign_in_with_password(qtbot, main_window, desk_db.agent_login, PASSWORD)
    assert agent is not None
    assert not main_window.is_locked
    assert main_window.pages.record_panel.name_label.text() == "田中 次郎"
    assert "田中 次郎" in visible_text()
    assert main_window.calls_dock.isVisible()
    assert main_window.idle_lock.armed


def test_lock_now_and_another_agent_signing_in_starts_clean(
    qtbot: QtBot, main_window: MainWindow, ring: Callable[[str], str], desk_db: DeskDatabase
) -> None:
    _add_kato(desk_db)
    _pop_the_record(qtbot, main_window, ring, desk_db)
    assert main_window.lock_action.shortcut().toString() == "Ctrl+Shift+L"
    with qtbot.waitSignal(main_window.locked, timeout=10_000):
        main_window.lock_action.trigger()
    agent = sign_in_with_password(qtbot, main_window, "kato", OTHER_PASSWORD)
    assert agent is not None
    assert agent.login == "kato"
    assert main_window.agent == agent
    assert main_window.pages.record_panel.record is None
    assert "田中 次郎" not in visible_text()
