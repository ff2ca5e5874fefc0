"""A question asked over a window before something is written or dropped: shown without blocking the window
(kept as `parent.confirm_box` while it shows, where tests answer it), Cancel the default and Esc."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget


def ask(parent: QWidget, title: str, text: str, yes: str, then: Callable[[], None]) -> QMessageBox:
    """`text` asked with a `yes` button and Cancel; `then()` runs only when `yes` is pressed."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    no_button = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(no_button)
    box.setEscapeButton(no_button)

    def answered(_result: int) -> None:
        if getattr(parent, "confirm_box", None) is box:
            parent.confirm_box = None  # type: ignore[attr-defined]
        box.deleteLater()
        if box.clickedButton() is yes_button:
            then()

    box.finished.connect(answered)
    parent.confirm_box = box  # type: ignore[attr-defined]
    box.open()
    return box
