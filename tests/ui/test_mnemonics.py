"""Alt letters: every control an agent reaches by keyboard has one, and no two in one window share one.

One scope is what one Alt press can reach: the menu bar's menus together; each menu's items; each
window, dialog or page with its buttons, tick boxes, radio buttons, labelled fields, checkable group boxes
and tabs (and, inside the main window, the menu bar's letters too). Walked in English and in Japanese.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.support.every_window import (
    View,
    fill,
    language,  # noqa: F401 - the fixture, English then Japanese
    shown_tab_texts,
    shown_widgets,
    walk,
)
from ui.common.background import BackgroundRunner
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

# The letter after a single "&" (a "&&" is a literal ampersand).
MNEMONIC = re.compile(r"(?<!&)&([^&\s])")


def mnemonic(text: str) -> str | None:
    match = MNEMONIC.search(text)
    return match.group(1).upper() if match else None


# A button whose text names its own key, "Open (F2)": that key presses it from anywhere in the window.
OWN_KEY = re.compile(r"\((F\d+|Esc|Ctrl\+\w+)\)$")


def _needs_no_letter(button: QAbstractButton) -> bool:
    """OK, Cancel, Close of a dialog's button box (Enter and Escape press them, in every language), the
    buttons Qt puts in its own message boxes, and a button that names its own key."""
    box = button.parentWidget()
    if isinstance(box, QDialogButtonBox) and (
        box.standardButton(button) is not QDialogButtonBox.StandardButton.NoButton
        or isinstance(box.parentWidget(), QMessageBox)
    ):
        return True
    return OWN_KEY.search(button.text()) is not None


def keyed(view: View) -> tuple[list[tuple[str, str]], list[str]]:
    """The (letter-bearing text, what it is) of the view's scope, and what is wrong beyond clashes."""
    root = view.root
    if isinstance(root, QMenu):
        texts = [(a.text(), "menu item") for a in root.actions() if a.isVisible() and not a.isSeparator()]
        return texts, [f"menu item {text!r} has no Alt letter" for text, _ in texts if mnemonic(text) is None]
    texts: list[tuple[str, str]] = []
    problems: list[str] = []
    if isinstance(root, QMainWindow):
        texts += [(action.text(), "menu") for action in root.menuBar().actions() if action.isVisible()]
    texts += [(text, "tab") for _bar, text in shown_tab_texts(root)]
    for widget in shown_widgets(root):
        if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
            text = widget.text()
            if not text:
                continue
            texts.append((text, type(widget).__name__))
            if mnemonic(text) is None and not _needs_no_letter(widget):
                problems.append(f"{type(widget).__name__} {text!r} has no Alt letter")
        elif isinstance(widget, QGroupBox) and widget.isCheckable():
            texts.append((widget.title(), "checkable group box"))
        elif isinstance(widget, QLabel) and widget.buddy() is not None:
            texts.append((widget.text(), "label"))
        elif (
            isinstance(widget, QLabel)
            and mnemonic(widget.text())
            and widget.textFormat() is not Qt.TextFormat.RichText
        ):
            problems.append(f"label {widget.text()!r} shows its '&' (it has no field to jump to)")
    return texts, problems


def clashes(texts: list[tuple[str, str]]) -> list[str]:
    by_letter: dict[str, list[str]] = defaultdict(list)
    for text, what in texts:
        if (letter := mnemonic(text)) is not None:
            by_letter[letter].append(f"{what} {text!r}")
    return [
        f"Alt+{letter}: {', '.join(users)}" for letter, users in sorted(by_letter.items()) if len(users) > 1
    ]


@pytest.mark.usefixtures("language")
def test_every_control_has_its_own_alt_letter(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    runner: BackgroundRunner,
    desk_db: DeskDatabase,
) -> None:
    fill(desk_db.factory)
    window = open_window()
    window.resize(1366, 768)
    problems: list[str] = []
    seen = 0
    for view in walk(qtbot, window, runner, desk_db.factory):
        seen += 1
        texts, wrong = keyed(view)
        problems += [f"{view.name}: {problem}" for problem in [*clashes(texts), *wrong]]
    assert seen > 60, "the walk stopped short"
    if problems:
        pytest.fail("\n".join(dict.fromkeys(problems)), pytrace=False)


def test_a_clash_is_found(qtbot: QtBot) -> None:
    assert clashes([("&File", "menu"), ("Paid &from:", "label"), ("&Help", "menu")]) == [
        "Alt+F: menu '&File', label 'Paid &from:'"
    ]
    assert mnemonic("R&&D") is None
    assert mnemonic("ファイル(&F)") == "F"
    lone = QWidget()
    qtbot.addWidget(lone)
    assert isinstance(lone, QWidget)
