"""Asks the agent to confirm that the caller's identity was verified for this call, and how."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


def verification_reasons() -> list[str]:
    return [
        QCoreApplication.translate("RevealDialog", "Identity verified by callback to the registered number"),
        QCoreApplication.translate(
            "RevealDialog", "Identity verified by registered address and a recent order"
        ),
        QCoreApplication.translate(
            "RevealDialog", "Identity verified by the customer number and registered address"
        ),
    ]


class RevealDialog(QDialog):
    """The reason goes into the access log with the reveal, so it says how, never what was checked."""

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
        self.reason_box.setEditable(True)
        self.reason_box.addItems(verification_reasons())
        self.reason_box.setAccessibleName(self.tr("How identity was verified"))
        self.reason_box.setMinimumContentsLength(48)
        reason_label = QLabel(self.tr("&How was identity verified? (Do not type the details themselves.)"))
        reason_label.setBuddy(self.reason_box)
        reason_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.reveal_button = self.buttons.addButton(
            self.tr("&Reveal"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_box.editTextChanged.connect(self._reason_changed)
        self.reason_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # An editable combo box keeps Enter to itself; here Enter confirms, as in any dialog.
        line_edit = self.reason_box.lineEdit()
        if line_edit is not None:
            line_edit.returnPressed.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(question)
        layout.addWidget(reason_label)
        layout.addWidget(self.reason_box)
        layout.addWidget(self.buttons)
        self.reason_box.setFocus()

    def reason(self) -> str:
        return self.reason_box.currentText().strip()

    @Slot(str)
    def _reason_changed(self, _text: str) -> None:
        self.reveal_button.setEnabled(bool(self.reason()))

    def accept(self) -> None:
        if self.reason():
            super().accept()
