"""The incoming-call banner: the number (or why there is none) and who it matched, without taking focus."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from desk_app.callerid.events import CallEvent
from desk_app.domain.enums import CallState, NoNumberReason

ACCEPT_KEY = "F2"
DISMISS_KEY = "Esc"
_STYLES = {
    CallState.RINGING: "background: #fff4ce; border: 1px solid #e0b000;",
    CallState.ANSWERED: "background: #e6f4ea; border: 1px solid #34a853;",
    CallState.MISSED: "background: #fde7e9; border: 1px solid #c5221f;",
    CallState.ENDED: "background: #eeeeee; border: 1px solid #9e9e9e;",
}
# The state's word, in the colour of its border: readable at a glance from across the desk.
_STATE_COLOURS = {
    CallState.RINGING: "#7a5c00",
    CallState.ANSWERED: "#1e6b34",
    CallState.MISSED: "#a50e0e",
    CallState.ENDED: "#555555",
}


def reason_text(reason: NoNumberReason) -> str:
    """The reason in words, with the Japanese name Number Display gives it."""
    texts = {
        NoNumberReason.WITHHELD: QCoreApplication.translate("CallBanner", "Number withheld (非通知)"),
        NoNumberReason.OUT_OF_AREA: QCoreApplication.translate("CallBanner", "Out of area (表示圏外)"),
        NoNumberReason.PUBLIC_PHONE: QCoreApplication.translate("CallBanner", "Public phone (公衆電話)"),
        NoNumberReason.SERVICE_CONFLICT: QCoreApplication.translate(
            "CallBanner", "Service conflict (サービス競合)"
        ),
        NoNumberReason.ERROR: QCoreApplication.translate("CallBanner", "Reception error (受信エラー)"),
    }
    return texts[reason]


def caller_text(event: CallEvent) -> str:
    if event.reason is not None:
        return reason_text(event.reason)
    if event.number_display:
        return event.number_display
    return event.raw_number or "?"


class CallBanner(QFrame):
    """Shown above the panes while a call rings or is under way; never takes keyboard focus.

    Nothing in it accepts focus, so an agent typing in a field keeps typing; the window's
    shortcuts (F2 accept, Esc dismiss) act on it instead.
    """

    accepted = Signal(str)
    dismissed = Signal(str)
    # The window enables its F2 and Esc shortcuts only while the banner shows.
    visibility_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("call_banner")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAccessibleName(self.tr("Incoming call"))
        self.call_id: str | None = None

        self.state_label = QLabel()
        state_font = QFont(self.state_label.font())
        state_font.setBold(True)
        self.state_label.setFont(state_font)
        self.number_label = QLabel()
        big_font = QFont(self.number_label.font())
        big_font.setPointSizeF(big_font.pointSizeF() * 1.5)
        big_font.setBold(True)
        self.number_label.setFont(big_font)
        self.match_label = QLabel()
        match_font = QFont(big_font)
        match_font.setPointSizeF(self.font().pointSizeF() * 1.3)
        self.match_label.setFont(match_font)
        # What the agent can do about it ("press F2 to open"), in the ordinary size beside the match.
        self.hint_label = QLabel()
        # A long match is cut off rather than widening the window's middle and squeezing the docks.
        self.match_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.match_label.setMinimumWidth(40)
        self.hint_label.hide()
        for label, name in (
            (self.state_label, self.tr("Call state")),
            (self.number_label, self.tr("Caller's number")),
            (self.match_label, self.tr("Matching customer")),
            (self.hint_label, self.tr("What to do")),
        ):
            label.setAccessibleName(name)
        self.accept_button = QPushButton(self.tr("Open (%1)").replace("%1", ACCEPT_KEY))
        self.dismiss_button = QPushButton(self.tr("Dismiss (%1)").replace("%1", DISMISS_KEY))
        for button in (self.accept_button, self.dismiss_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.accept_button.clicked.connect(self.accept)
        self.dismiss_button.clicked.connect(self.dismiss)

        # The state's word above the number and the match: the line that matters gets the width.
        caller_line = QHBoxLayout()
        caller_line.setSpacing(14)
        caller_line.addWidget(self.number_label)
        caller_line.addWidget(self.match_label, 1)
        caller_line.addWidget(self.hint_label)
        text = QVBoxLayout()
        text.setSpacing(0)
        text.addWidget(self.state_label)
        text.addLayout(caller_line)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 4, 8, 4)
        layout.addLayout(text, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_call(self, event: CallEvent) -> None:
        """A new call replaces whatever the banner showed; later events of the same call update it."""
        if event.call_id != self.call_id:
            self.match_label.setText(self.tr("Looking up…") if event.number_e164 else "")
            self.hint_label.clear()
            self.hint_label.hide()
        self.call_id = event.call_id
        states = {
            CallState.RINGING: self.tr("Incoming call"),
            CallState.ANSWERED: self.tr("On the line"),
            CallState.MISSED: self.tr("Missed call"),
            CallState.ENDED: self.tr("Call ended"),
        }
        self.state_label.setText(states[event.state])
        self.number_label.setText(caller_text(event))
        self.state_label.setStyleSheet(f"color: {_STATE_COLOURS[event.state]};")
        self.setStyleSheet(f"#call_banner {{ {_STYLES[event.state]} border-radius: 4px; }}")
        self.show()

    def setVisible(self, visible: bool) -> None:
        was_shown = not self.isHidden()
        super().setVisible(visible)
        if was_shown != visible:
            self.visibility_changed.emit(visible)

    def set_match(self, text: str, hint: str = "") -> None:
        """Who the number belongs to, and what the agent may do next."""
        self.match_label.setText(text)
        self.hint_label.setText(hint)
        self.hint_label.setVisible(bool(hint))

    @Slot()
    def accept(self) -> None:
        if self.isVisible() and self.call_id is not None:
            self.accepted.emit(self.call_id)

    @Slot()
    def dismiss(self) -> None:
        if self.isVisible() and self.call_id is not None:
            call_id = self.call_id
            self.hide()
            self.dismissed.emit(call_id)
