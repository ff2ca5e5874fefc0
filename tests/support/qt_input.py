"""Typing Japanese into Qt widgets in tests, the way an input method delivers it."""

from __future__ import annotations

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget


def ime_commit(widget: QWidget, typed: str) -> None:
    """Deliver `typed` the way a Japanese input method does: as committed text, not key presses.

    `qtbot.keyClicks` cannot type full-width characters (QTest maps each character to a Latin-1
    key and aborts the interpreter on anything else), and IME input does not arrive as key events.
    """
    event = QInputMethodEvent("", [])
    event.setCommitString(typed)
    QApplication.sendEvent(widget, event)
