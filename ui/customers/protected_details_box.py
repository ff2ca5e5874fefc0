"""Street, building, date of birth, workplace and e-mail: hidden until the agent reveals them for a call.

Nothing here is fetched before the reveal: the record the panel shows does not hold these values,
and the reveal reads them and writes its access-log entry (with the agent's reason) in one commit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.services.customers.reveal import ProtectedDetails, RevealReason
from ui.common.background import BackgroundRunner
from ui.common.japan_time import date_text
from ui.customers import ops
from ui.customers.reveal_dialog import RevealDialog, reveal_reason_label

REVEAL_KEY = "Ctrl+R"


@dataclass(frozen=True)
class RevealContext:
    """Whose details, during which call (None: no call), by which agent, and what the panel may show."""

    customer_id: int
    customer_name: str
    call_row_id: int | None
    agent_id: int
    shopping_credit: bool


class ProtectedDetailsBox(QGroupBox):
    """The reveal button and, after a reveal, the details; `clear_reveal` hides them again."""

    revealed = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Protected details"), parent)
        self._runner = runner
        self._context: RevealContext | None = None
        self._serial = 0
        self.reveal_dialog: RevealDialog | None = None

        self._masked_text = self.tr(
            "Street and building, date of birth, workplace and e-mail stay hidden until the "
            "caller's identity is verified for this call."
        )
        self._no_call_text = self.tr(
            "Street and building, date of birth, workplace and e-mail are revealed only during a call "
            "with the customer."
        )
        self.masked_label = QLabel(self._masked_text)
        self.masked_label.setWordWrap(True)
        self.reveal_button = QPushButton(self.tr("Reveal protected details… (%1)").replace("%1", REVEAL_KEY))
        self.reveal_button.setShortcut(QKeySequence(REVEAL_KEY))
        self.reveal_button.setAccessibleName(self.tr("Reveal protected details"))
        self.reveal_button.clicked.connect(self.request_reveal)

        self.details = QWidget()
        self._form = QFormLayout(self.details)
        self._form.setContentsMargins(0, 0, 0, 0)
        self.street_value = self._add_row(self.tr("Street:"))
        self.building_value = self._add_row(self.tr("Building:"))
        self.birth_date_value = self._add_row(self.tr("Date of birth:"))
        self.workplace_value = self._add_row(self.tr("Workplace:"))
        self.email_value = self._add_row(self.tr("E-mail:"))
        self.reason_label = QLabel()
        self.reason_label.setWordWrap(True)
        self.reason_label.setEnabled(False)
        self._form.addRow(self.reason_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.masked_label)
        layout.addWidget(self.details)
        layout.addWidget(self.reveal_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.set_context(None)

    def _add_row(self, label: str) -> QLabel:
        value = QLabel()
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setWordWrap(True)
        value.setAccessibleName(label.rstrip(":"))
        self._form.addRow(label, value)
        return value

    @property
    def is_revealed(self) -> bool:
        return self.details.isVisibleTo(self)

    def set_context(self, context: RevealContext | None) -> None:
        """A new customer or call: whatever was revealed goes."""
        self._context = context
        self.clear_reveal()

    def clear_reveal(self) -> None:
        self._serial += 1
        if self.reveal_dialog is not None:
            self.reveal_dialog.reject()
        for value in (
            self.street_value,
            self.building_value,
            self.birth_date_value,
            self.workplace_value,
            self.email_value,
            self.reason_label,
        ):
            value.clear()
        self.details.hide()
        self.masked_label.show()
        # The core reveals only during a call (or in a case): a record opened without one offers nothing.
        on_call = self._context is not None and self._context.call_row_id is not None
        self.masked_label.setText(
            self._masked_text if on_call or self._context is None else self._no_call_text
        )
        self.reveal_button.setVisible(self._context is not None)
        self.reveal_button.setEnabled(on_call)

    @Slot()
    def request_reveal(self) -> None:
        """Ask for the confirmation first; the dialog is window-modal and does not block the event loop."""
        context = self._context
        if context is None or context.call_row_id is None:
            return
        if self.is_revealed or self.reveal_dialog is not None:
            return
        serial = self._serial
        dialog = RevealDialog(context.customer_name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Bound to this customer and call: if another comes while the dialog is open, it reveals nothing.
        dialog.accepted.connect(
            lambda: self._reveal(serial, context, dialog.reason(), dialog.other_text(), dialog.reason_text())
        )
        dialog.finished.connect(self._dialog_finished)
        self.reveal_dialog = dialog
        dialog.open()

    @Slot()
    def _dialog_finished(self) -> None:
        self.reveal_dialog = None

    def reveal(self, reason: RevealReason, other: str | None = None) -> None:
        """Reveal for the customer and call shown now, without asking (the dialog has asked)."""
        if self._context is not None:
            shown = other if reason is RevealReason.OTHER and other else reveal_reason_label(reason)
            self._reveal(self._serial, self._context, reason, other, shown)

    def _reveal(
        self, serial: int, context: RevealContext, reason: RevealReason, other: str | None, shown: str
    ) -> None:
        if serial != self._serial:
            return
        self.reveal_button.setEnabled(False)
        self._runner.run(
            ops.reveal_details(
                context.customer_id,
                agent_id=context.agent_id,
                call_row_id=context.call_row_id,
                reason=reason,
                other=other,
            ),
            name="reveal protected details",
            on_success=lambda details: self._show_details(serial, context, shown, details),
            on_error=lambda error: self._failed(serial, error),
        )

    def _show_details(
        self, serial: int, context: RevealContext, reason: str, details: ProtectedDetails
    ) -> None:
        if serial != self._serial:
            return  # another customer or call came meanwhile: the details stay hidden
        not_held = self.tr("not held")
        self.street_value.setText(details.street or not_held)
        self.building_value.setText(details.building or not_held)
        self.birth_date_value.setText(_birth_date(details.birth_date) or not_held)
        workplace = " ".join(part for part in (details.workplace_name, details.workplace_phone) if part)
        self.workplace_value.setText(workplace or not_held)
        self._form.setRowVisible(self.workplace_value, context.shopping_credit)
        self.email_value.setText(details.email or not_held)
        self.reason_label.setText(self.tr("Revealed for this call: %1").replace("%1", reason))
        self.masked_label.hide()
        self.reveal_button.hide()
        self.details.show()
        self.revealed.emit()

    def _failed(self, serial: int, error: Exception) -> None:
        if serial == self._serial:
            self.reveal_button.setEnabled(True)
        self._runner.show_error(error)


def _birth_date(value: dt.date | None) -> str:
    return date_text(value) if value is not None else ""
