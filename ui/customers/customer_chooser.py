"""The chooser page: several customers share the caller's number (a household landline); the agent picks."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.services.customers.lookup import CustomerMatch
from ui.common.table_view import ValueTableView
from ui.customers.lookup_model import LookupModel


class CustomerChooser(QWidget):
    """Lists the holders of one number; Enter, a double-click or "Open record" opens the one chosen."""

    customer_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        heading_font = QFont(self.heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.heading.setWordWrap(True)
        self.hint = QLabel(
            self.tr(
                "Ask the caller's name, then open their record. Street, date of birth and the "
                "other protected details stay hidden until identity is verified."
            )
        )
        self.hint.setWordWrap(True)

        self.model = LookupModel(self)
        self.table = ValueTableView(self.model, self.tr("Customers sharing the number"))
        self.table.activated.connect(self._open_index)
        self.open_button = QPushButton(self.tr("&Open record"))
        self.open_button.clicked.connect(self.open_selected)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.set_choices("", ())

    def set_choices(self, number: str, choices: Sequence[CustomerMatch]) -> None:
        count = len(choices)
        self.heading.setText(
            self.tr("%1 customers share %2").replace("%1", str(count)).replace("%2", number)
            if count
            else self.tr("Nobody to choose from")
        )
        self.model.set_matches(choices)
        self.open_button.setEnabled(bool(count))
        if count:
            self.table.selectRow(0)

    def focus_choices(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    @Slot()
    def open_selected(self) -> None:
        self._open_index(self.table.currentIndex())

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.customer_chosen.emit(self.model.match_at(index.row()).customer_id)
