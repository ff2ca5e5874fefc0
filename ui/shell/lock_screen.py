"""What the locked window shows in place of its pages: one sentence and a way to sign in, nothing else."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.domain.enums import CallState


class LockScreen(QWidget):
    """Stands in for the central widget while the window is locked; holds no personal data by design."""

    sign_in_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lock_screen")
        self.message = QLabel(self.tr("Locked — sign in to continue"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setAccessibleName(self.tr("Locked"))
        # That a call rings, never whose: the number and the name wait behind the sign-in.
        self.call_label = QLabel()
        self.call_label.setObjectName("lock_screen_call")
        self.call_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.call_label.setAccessibleName(self.tr("Call"))
        call_font = QFont(self.call_label.font())
        call_font.setPointSizeF(call_font.pointSizeF() * 1.5)
        call_font.setBold(True)
        self.call_label.setFont(call_font)
        self.call_label.setStyleSheet("color: #7a5c00; background: #fff4ce; padding: 8px;")
        self.call_label.hide()
        self.sign_in_button = QPushButton(self.tr("&Sign in…"))
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.call_label, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.message)
        layout.addWidget(self.sign_in_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

    def show_call(self, state: CallState | None) -> None:
        """A call ringing or under way is shown by its state alone; once it is over, nothing is."""
        texts = {
            CallState.RINGING: self.tr("A call is ringing — sign in to answer it"),
            CallState.ANSWERED: self.tr("A call is under way"),
        }
        text = texts.get(state) if state is not None else None
        self.call_label.setText(text or "")
        self.call_label.setVisible(text is not None)

    def place_below(self, dialog: QWidget) -> None:
        """Moves `dialog` (which opens centred on the window, over these words) just below the button."""
        button = self.sign_in_button
        below = button.mapToGlobal(QPoint(0, button.height() + button.height() // 2))
        centre = self.mapToGlobal(self.rect().center())
        dialog.move(centre.x() - dialog.frameGeometry().width() // 2, below.y())
