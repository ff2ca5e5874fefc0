"""The window shown at start while the database is checked and opened: the desk's title and a word of what
it is doing, and nothing anyone could use (the main window replaces it once the database is ready)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QVBoxLayout, QWidget

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
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Start-up"))
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setVisible(False)
        self.close_button.clicked.connect(self.close)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.setCentralWidget(body)
        self._painted = False

    def show_failure(self, reason: str) -> None:
        """Says why the desk cannot start, for a desk with no terminal to print it to, until closed."""
        self.status.setText(self.tr("The desk cannot start:\n%1").replace("%1", reason))
        self.status.setStyleSheet("color: #b00020;")
        self.close_button.setVisible(True)
        self.close_button.setFocus()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            # Once this paint has been flushed, not while it is under way.
            QTimer.singleShot(0, self.painted.emit)
