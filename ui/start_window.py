"""The window shown at start while the database is checked and opened: the desk's title and a word of what
it is doing, and nothing anyone could use (the main window replaces it once the database is ready)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from desk_app.config import Config

# The main window's size, so the one replacing the other does not jump.
WINDOW_SIZE = (1280, 800)


def desk_title(config: Config, *, demo: bool) -> str:
    """The desk's window title; the demo desk, whose agents have no password, says it signs in without one."""
    company = config.company
    title = f"{company.desk_name} — {company.name}"
    if not demo:
        return title
    no_password = QCoreApplication.translate("MainWindow", "signed in without a password")
    demo_title = QCoreApplication.translate("MainWindow", "%1 (%2) [DEMO]")
    return demo_title.replace("%1", title).replace("%2", no_password)


class StartWindow(QMainWindow):
    """Says "Opening the database…"; `painted()` once its first paint has been handled."""

    painted = Signal()

    def __init__(self, config: Config, *, demo: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(desk_title(config, demo=demo))
        self.resize(*WINDOW_SIZE)
        self.status = QLabel(self.tr("Opening the database…"))
        self.status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status.setAccessibleName(self.tr("Start-up"))
        self.setCentralWidget(self.status)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Once this paint has been flushed, not while it is under way.
            QTimer.singleShot(0, self.painted.emit)
