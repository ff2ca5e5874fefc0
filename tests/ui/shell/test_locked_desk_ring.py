"""A locked desk shows that a call rings, never whose it is, and stops showing it when the call is over."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from tests.support.screen_text import visible_text
from ui.shell.lock_screen import LockScreen
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

# 田中 次郎's record as the screen pop would show it: name, kana, number, customer number.
PERSONAL = ("田中", "次郎", "タナカ", "6123", "C0000004")


def _lock(qtbot: QtBot, window: MainWindow) -> LockScreen:
    with qtbot.waitSignal(window.locked, timeout=10_000):
        window.lock_action.trigger()
    screen = window.lock_screen
    assert screen is not None
    return screen


def _event(qtbot: QtBot, window: MainWindow, act: Callable[[], object]) -> None:
    with qtbot.waitSignal(window.flow.call_recorded, timeout=10_000):
        act()


def test_a_call_ringing_on_a_locked_desk_shows_without_number_or_name_and_goes_when_it_ends(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    screen = _lock(qtbot, main_window)
    assert screen.call_label.isHidden()
    simulator = main_window.caller_id.simulator
    call_id = ""

    def ring() -> None:
        nonlocal call_id
        call_id = simulator.ring(desk_db.single_number)

    _event(qtbot, main_window, ring)
    assert screen.call_label.isVisible()
    assert screen.call_label.text() == "A call is ringing — sign in to answer it"
    text = visible_text()
    assert "A call is ringing" in text
    for personal in PERSONAL:
        assert personal not in text, personal
    _event(qtbot, main_window, lambda: simulator.hang_up(call_id))
    assert screen.call_label.isHidden()
    assert "A call is ringing" not in visible_text()


def test_a_call_already_ringing_when_the_desk_locks_shows_on_the_lock_screen(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    simulator = main_window.caller_id.simulator
    call_ids: list[str] = []
    _event(qtbot, main_window, lambda: call_ids.append(simulator.ring(desk_db.single_number)))
    screen = _lock(qtbot, main_window)
    assert screen.call_label.isVisible()
    for personal in PERSONAL:
        assert personal not in visible_text(), personal
    _event(qtbot, main_window, lambda: simulator.answer(call_ids[0]))
    assert screen.call_label.text() == "A call is under way"
    _event(qtbot, main_window, lambda: simulator.hang_up(call_ids[0]))
    assert screen.call_label.isHidden()
