"""What a person at the desk can read: the text of labels, fields, tabs and table cells."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)


def widget_texts(widget: QWidget) -> Iterator[str]:
    """The text `widget` itself shows (not its children's)."""
    if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
        yield widget.text()
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        yield widget.toPlainText()
    if isinstance(widget, QTabBar):
        yield from (widget.tabText(index) for index in range(widget.count()))
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        model = widget.model()
        for row in range(model.rowCount(QModelIndex())):
            for column in range(model.columnCount(QModelIndex())):
                value = model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)
                if value is not None:
                    yield str(value)
    yield widget.toolTip()
    if widget.isWindow():
        yield widget.windowTitle()


def visible_text(window: QWidget | None = None) -> str:
    """Everything a person at the desk could read now, in any visible window of the application, or only
    in `window` and the dialogs it owns (another desk's window on the same test screen left out)."""
    texts = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible() or (window is not None and not _owned_by(top, window)):
            continue
        for widget in [top, *top.findChildren(QWidget)]:
            if widget.isVisible():
                texts.extend(widget_texts(widget))
    return "\n".join(texts)


def _owned_by(top: QWidget, window: QWidget) -> bool:
    owner: QWidget | None = top
    while owner is not None and owner is not window:
        owner = owner.parentWidget()
    return owner is window


def held_text(root: QWidget) -> str:
    """Everything `root` and its children hold, shown or not: what a click on another tab would show."""
    return "\n".join(text for widget in [root, *root.findChildren(QWidget)] for text in widget_texts(widget))
