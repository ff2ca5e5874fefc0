"""Help: F1 opens the guide for the signed-in role in the window, and each guide's keyboard map is the
window's real shortcuts, no more and no fewer."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from desk_app.paths import guide_dir
from tests.support.desk_driver import start_inquiry
from ui.shell.help_viewer import Guide
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

_KEY_ROW = re.compile(r"^\| `([^`]+)` \|", re.MULTILINE)
_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")


def _guide(guide: Guide) -> str:
    return (guide_dir() / guide.value).read_text(encoding="utf-8")


def keyboard_map(guide: Guide) -> set[str]:
    """The keys in the guide's keyboard table (its first column)."""
    section = _guide(guide).split("## キーボード操作", 1)[1].split("\n## ", 1)[0]
    return set(_KEY_ROW.findall(section))


def window_shortcuts(window: MainWindow) -> set[str]:
    """Every shortcut the window and its pages hold: actions, shortcuts, buttons (not Alt mnemonics)."""
    keys = {key.toString() for action in window.findChildren(QAction) for key in action.shortcuts()}
    keys |= {shortcut.key().toString() for shortcut in window.findChildren(QShortcut)}
    for button in window.findChildren(QAbstractButton):
        key = button.shortcut().toString()
        if key and not key.startswith("Alt+"):
            keys.add(key)
    return keys - {""}


def _sign_in(qtbot: QtBot, window: MainWindow, login: str) -> None:
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(login)


@pytest.mark.parametrize("guide", list(Guide))
def test_each_guide_is_japanese_and_its_screenshots_are_there(guide: Guide) -> None:
    text = _guide(guide)
    assert text.startswith("# ")
    assert "ガイド" in text.splitlines()[0]
    images = _IMAGE.findall(text)
    assert images, "a guide shows the screens it talks about"
    for image in images:
        path = guide_dir() / image
        assert path.is_file(), image
        assert path.stat().st_size < 400_000, f"{image} is too large for the installer"


def test_f1_opens_the_agents_guide_for_an_agent_and_the_supervisors_for_a_supervisor(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase, supervisor_id: int
) -> None:
    window = open_window()
    _sign_in(qtbot, window, desk_db.agent_login)
    assert window.help_action.shortcut().toString() == "F1"
    qtbot.keyClick(window, Qt.Key.Key_F1)
    viewer = window.help_viewer
    assert viewer is not None
    qtbot.waitExposed(viewer)
    assert viewer.guide is Guide.AGENT
    assert "担当者ガイド" in viewer.browser.toPlainText()
    assert "Ctrl+Shift+L" in viewer.browser.toPlainText()
    assert viewer.browser.source().fileName() == "agent.md"
    viewer.close()

    window.sign_in(None)
    _sign_in(qtbot, window, desk_db.supervisor_login)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitExposed(viewer)
    assert viewer.guide is Guide.SUPERVISOR
    assert "責任者ガイド" in viewer.browser.toPlainText()
    # Either guide from the Help menu, whatever the role.
    window.agent_guide_action.trigger()
    assert viewer.guide is Guide.AGENT


@pytest.mark.parametrize("guide", list(Guide))
def test_the_guides_keyboard_map_is_the_windows_shortcuts(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    desk_db: DeskDatabase,
    supervisor_id: int,
    guide: Guide,
) -> None:
    window = open_window()
    _sign_in(qtbot, window, desk_db.supervisor_login)
    # With a talk script open, so the wizard's keys are in the window too.
    start_inquiry(qtbot, window, 6, about_customer=False)
    real = window_shortcuts(window)
    documented = keyboard_map(guide)
    assert real - documented == set(), "shortcuts missing from the guide's keyboard map"
    assert documented - real == set(), "keys in the guide's keyboard map that the window does not have"
