"""The "Simulate incoming call" dialog, for training and demos: a number, or a reason there is none."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from desk_app.domain.enums import NoNumberReason
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from ui.calls.call_banner import reason_text


@dataclass(frozen=True)
class SimulatedCall:
    number: str | None
    reason: NoNumberReason | None


class SimulateCallDialog(QDialog):
    """Asks what the simulated caller ID shows; refuses a number the desk could not read."""

    def __init__(self, suggested_number: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Simulate incoming call"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("What the caller ID shows"))
        self.kind.addItem(self.tr("A phone number"), None)
        for reason in NoNumberReason:
            # Item data comes back from Qt as a plain string; `call()` turns it into the enum again.
            self.kind.addItem(reason_text(reason), reason.value)
        self.number_field = QLineEdit(suggested_number)
        self.number_field.setAccessibleName(self.tr("Caller's number"))
        self.number_field.setPlaceholderText(self.tr("e.g. 03-1234-5678"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.kind.currentIndexChanged.connect(self._kind_changed)

        form = QFormLayout(self)
        form.addRow(self.tr("&Caller ID shows:"), self.kind)
        form.addRow(self.tr("&Number:"), self.number_field)
        form.addRow(self.error_label)
        form.addRow(buttons)
        self.number_field.setFocus()

    @Slot(int)
    def _kind_changed(self, _index: int) -> None:
        self.number_field.setEnabled(self.kind.currentData() is None)
        self.error_label.clear()

    def call(self) -> SimulatedCall:
        reason = self.kind.currentData()
        if reason is not None:
            return SimulatedCall(number=None, reason=NoNumberReason(reason))
        return SimulatedCall(number=self.number_field.text().strip(), reason=None)

    def accept(self) -> None:
        call = self.call()
        if call.number is not None:
            try:
                normalise(call.number)
            except InvalidPhoneNumber as exc:
                self.error_label.setText(self.tr("Not a phone number: %1").replace("%1", str(exc)))
                return
        super().accept()
