"""Where the main window puts things: the central column, the docks on the left, the status bar's fields."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QStatusBar, QVBoxLayout, QWidget

# The Calls and Cases docks' width: their tables' columns fit without scrolling, in Japanese and English,
# beside the vertical scroll bar a long list of open cases brings.
DOCK_WIDTH = 500


def central_column(*widgets: QWidget) -> QWidget:
    """The widgets one above the other (the banner, the previous-call bar, the pages); the last stretches."""
    central = QWidget()
    layout = QVBoxLayout(central)
    layout.setContentsMargins(6, 6, 6, 0)
    for widget in widgets[:-1]:
        layout.addWidget(widget)
    layout.addWidget(widgets[-1], 1)
    return central


def add_docks(window: QMainWindow, calls: QDockWidget, cases: QDockWidget) -> None:
    """The Calls dock above the Cases dock, in one column on the left.

    On a 1366 px screen a dock on each side leaves every table too narrow for its columns: the two
    lists share one column, wide enough for both without scrolling.
    """
    for dock in (calls, cases):
        window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.splitDockWidget(calls, cases, Qt.Orientation.Vertical)
    calls.setMinimumWidth(DOCK_WIDTH)
    window.resizeDocks([calls], [DOCK_WIDTH], Qt.Orientation.Horizontal)


def dock(title: str, object_name: str, content: QWidget, window: QMainWindow) -> QDockWidget:
    made = QDockWidget(title, window)
    made.setObjectName(object_name)
    made.setWidget(content)
    return made


def add_status_field(status_bar: QStatusBar, text: str, accessible_name: str) -> QLabel:
    """A permanent field at the right of the status bar, its text also its tooltip (it may be cut short)."""
    label = QLabel(text)
    label.setAccessibleName(accessible_name)
    label.setToolTip(text)
    label.setContentsMargins(6, 0, 6, 0)
    status_bar.addPermanentWidget(label)
    return label
