"""Asks the agent why protected details are revealed: how the caller was verified, or their own reason."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.customers.reveal import OTHER_REASON_MIN_CHARACTERS, RevealReason, other_reason_problem


def reveal_reason_label(reason: RevealReason) -> str:
    labels = {
        RevealReason.CALLBACK: QCoreApplication.translate(
            "RevealDialog", "Identity verified by callback to the registered number"
        ),
        RevealReason.ADDRESS_AND_ORDER: QCoreApplication.translate(
            "RevealDialog", "Identity verified by registered address and a recent order"
        ),
        RevealReason.CUSTOMER_NO_AND_ADDRESS: QCoreApplication.translate(
            "RevealDialog", "Identity verified by the customer number and registered address"
        ),
        RevealReason.OTHER: QCoreApplication.translate("RevealDialog", "Another reason (type it below)"),
    }
    return labels[reason]


class RevealDialog(QDialog):
    """The reason goes into the access log with the reveal, so it says how or why, never what was checked.

    The core accepts a reason from its list, or "another reason" in the agent's own words of a real
    length; Reveal opens only when the core would accept what is chosen.
    """

    def __init__(self, customer_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reveal protected details"))
        question = QLabel(
            self.tr(
                "Reveal the street address, date of birth, e-mail and workplace of %1?\n\n"
                "Only after you have verified the caller's identity for this call. The reveal and "
                "its reason are written to the access log under your name."
            ).replace("%1", customer_name)
        )
        question.setWordWrap(True)
        self.reason_box = QComboBox()
        for reason in RevealReason:
            self.reason_box.addItem(reveal_reason_label(reason), reason.value)
        self.reason_box.setAccessibleName(self.tr("How identity was verified"))
        self.reason_box.setMinimumContentsLength(48)
        reason_label = QLabel(self.tr("&How was identity verified? (Do not type the details themselves.)"))
        reason_label.setBuddy(self.reason_box)
        reason_label.setWordWrap(True)
        self.other_reason = QLineEdit()
        self.other_reason.setAccessibleName(self.tr("Another reason"))
        self.other_reason.setPlaceholderText(
            self.tr("Why, in your own words: at least %1 letters").replace(
                "%1", str(OTHER_REASON_MIN_CHARACTERS)
            )
        )
        self.other_label = QLabel(self.tr("In your own &words:"))
        self.other_label.setBuddy(self.other_reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reveal_button = self.buttons.addButton(
            self.tr("&Reveal"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_box.currentIndexChanged.connect(self._reason_changed)
        self.other_reason.textChanged.connect(self._reason_changed)
        self.other_reason.returnPressed.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_box)
        layout.addWidget(self.other_label)
        layout.addWidget(self.other_reason)
        layout.addWidget(self.buttons)
        self._reason_changed()
        self.reason_box.setFocus()

    def reason(self) -> RevealReason:
        return RevealReason(str(self.reason_box.currentData()))

    def other_text(self) -> str | None:
        """The agent's own words, for "another reason" only."""
        return self.other_reason.text().strip() if self.reason() is RevealReason.OTHER else None

    def reason_text(self) -> str:
        """The reason as the panel shows it after the reveal."""
        return self.other_text() or reveal_reason_label(self.reason())

    def is_acceptable(self) -> bool:
        return self.reason() is not RevealReason.OTHER or other_reason_problem(self.other_text()) is None

    @Slot()
    def _reason_changed(self) -> None:
        other = self.reason() is RevealReason.OTHER
        self.other_reason.setEnabled(other)
        self.other_label.setEnabled(other)
        self.reveal_button.setEnabled(self.is_acceptable())

    def accept(self) -> None:
        if self.is_acceptable():
            super().accept()
