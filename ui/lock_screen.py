"""What the locked window shows in place of its pages: one sentence and a way to sign in, nothing else."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class LockScreen(QWidget):
    """Stands in for the central widget while the window is locked; holds no personal data by design."""

    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.message = QLabel(self.tr("Locked — sign in to continue"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.tr("Locked"))
        self.sign_in_button = QPushButton(self.tr("&Sign in…"))
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def place_below(self, dialog: QWidget) -> None:
        """Moves `dialog` (which opens centred on the window, over these words) just below the button."""
        button = self.sign_in_button
        below = button.mapToGlobal(QPoint(0, button.height() + button.height() // 2))
        centre = self.mapToGlobal(self.rect().center())
        dialog.move(centre.x() - dialog.frameGeometry().width() // 2, below.y())
