"""A page kept from the previous call because the agent was typing in it: the bar over it, the veil on it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from ui.calls.call_banner import ACCEPT_KEY


class PreviousCallBar(QFrame):
    """Says the page below is the previous call's, and how to switch to the call ringing now (F2)."""

    switch_requested = Signal()
    # The window's F2 works while the bar shows, even with the banner dismissed.
    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previous_call_bar")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Previous call"))
        self.setStyleSheet(
            "#previous_call_bar { background: #fce8d4; border: 2px solid #c5520f; border-radius: 4px; }"
        )
        self.text_label = QLabel()
        font = QFont(self.text_label.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text_label.setFont(font)
        self.text_label.setStyleSheet("color: #7a2e00;")
        self.text_label.setWordWrap(True)
        self.switch_button = QPushButton(self.tr("Switch to the current call (%1)").replace("%1", ACCEPT_KEY))
        self.switch_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.switch_button.clicked.connect(self.switch_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        layout.addWidget(self.text_label, 1)
        layout.addWidget(self.switch_button)
        self.hide()

    def show_customer(self) -> None:
        """The page shows the previous call's customer (their record, or a case about them)."""
        self._show(self.tr("This is the previous call's customer — %1 switches to the current call"))

    def show_search(self) -> None:
        self._show(self.tr("These are the previous call's search results — %1 switches to the current call"))

    def _show(self, text: str) -> None:
        self.text_label.setText(text.replace("%1", ACCEPT_KEY))
        self.show()

    def setVisible(self, visible: bool) -> None:
        was_shown = not self.isHidden()
        super().setVisible(visible)
        if was_shown != visible:
            self.visibility_changed.emit(visible)


# How much of the page under the veil shows through: plainly there, plainly not current.
VEIL_ALPHA = 150


class PreviousCallVeil(QWidget):
    """Greys the whole of `page` without taking a click or a key: the agent goes on typing through it.

    An overlay rather than a QGraphicsEffect: an effect over scroll areas leaves stale pixels behind
    as the agent types, and this must stay readable.
    """

    def __init__(self, page: QWidget) -> None:
        super().__init__(page)
        self.setObjectName("previous_call_veil")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        page.installEventFilter(self)
        self._cover(page)
        self.show()

    def _cover(self, page: QWidget) -> None:
        self.setGeometry(page.rect())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        page = self.parentWidget()
        # A page that grows, or gains a widget (the wizard's next step), stays covered.
        if watched is page and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self._cover(page)
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = self.palette().color(QPalette.ColorRole.Window)
        colour.setAlpha(VEIL_ALPHA)
        painter = QPainter(self)
        painter.fillRect(event.rect(), colour)
