"""The after-call bar: while the agent is in after-call work (後処理), the time left, one extension and the
wrap-up codes (応対区分) that end it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ui.common.japan_time import duration_text

# Codes and reasons beyond the ninth have no Alt digit: the menu still lists them.
_DIGITS = 9
CODES_PER_ROW = 4


def numbered(index: int, text: str) -> str:
    """ "&1 案内完了": the first nine items of a configured list reached by Alt and their digit."""
    # A configured text may hold an ampersand: doubled, it shows as one instead of taking the Alt key.
    shown = text.replace("&", "&&")
    return f"&{index + 1} {shown}" if index < _DIGITS else shown


class AfterCallBar(QFrame):
    """Above the pages while after-call work lasts; showing it takes no focus from what the agent types."""

    extend_requested = Signal()
    # The wrap-up code the agent picked.
    code_chosen = Signal(str)

    def __init__(self, codes: Sequence[str], extension_seconds: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("after_call_bar")
        self.setAccessibleName(self.tr("After-call work"))
        self.setStyleSheet(
            "#after_call_bar { background: #e8f0fe; border: 1px solid #4a74c9; border-radius: 4px; }"
        )
        self._extension_seconds = extension_seconds
        self.time_label = QLabel()
        self.time_label.setAccessibleName(self.tr("After-call work left"))
        bold = QFont(self.time_label.font())
        bold.setBold(True)
        self.time_label.setFont(bold)
        self.extend_button = QPushButton(
            self.tr("E&xtend by %1").replace("%1", duration_text(extension_seconds))
        )
        self.extend_button.clicked.connect(self.extend_requested)
        self.code_buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        top = QHBoxLayout()
        top.addWidget(self.time_label, 1)
        top.addWidget(self.extend_button)
        layout.addLayout(top)
        # The codes in rows of a few: a site's list of six or more must not widen the window past the screen.
        grid = QGridLayout()
        for index, code in enumerate(codes):
            button = QPushButton(numbered(index, code))
            button.setAccessibleName(self.tr("Wrap-up code %1").replace("%1", code))
            button.clicked.connect(lambda _checked=False, chosen=code: self.code_chosen.emit(chosen))
            grid.addWidget(button, index // CODES_PER_ROW, index % CODES_PER_ROW)
            self.code_buttons.append(button)
        layout.addLayout(grid)
        self.hide()

    def show_time(self, seconds_left: int, *, extended: bool) -> None:
        """The countdown, and whether the one extension is still there to take."""
        self.time_label.setText(
            self.tr("After-call work (後処理): %1 left, pick a wrap-up code").replace(
                "%1", duration_text(seconds_left)
            )
        )
        self.extend_button.setEnabled(not extended and self._extension_seconds > 0)
