"""The part of a refusal dialog that is printed on the customer's letter: the ground and the explanation."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from desk_app.domain.enums import RefusalGround
from desk_app.domain.refusal_grounds import RefusalAnswer, grounds_for
from desk_app.services.cases.records import CaseView
from ui.common.enum_labels import refusal_ground_label

# The letter's part is framed in the colour of ink on paper; the internal part is set apart in grey.
LETTER_FRAME = "QGroupBox { border: 2px solid #1f4e9c; border-radius: 4px; margin-top: 1.2em; padding: 6px; }"


class RefusalAnswerBox(QGroupBox):
    """The ground (only those that fit the case) and the text for the customer, both printed on the letter."""

    changed = Signal()

    def __init__(self, case: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Printed on the letter to the customer"), parent)
        self.setStyleSheet(LETTER_FRAME)
        self.ground = QComboBox()
        self.ground.setAccessibleName(self.tr("Refusal ground"))
        self.ground.addItem(self.tr("Choose the ground…"), None)
        for ground in grounds_for(case.kind, verified=case.identity_verified):
            self.ground.addItem(refusal_ground_label(ground), ground.value)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(self.tr("Explanation for the customer"))
        self.text.setPlaceholderText(self.tr("Written to the customer, in polite Japanese"))
        hint = QLabel(
            self.tr(
                "The customer reads the ground, with its article of the law, and this explanation on the "
                "refusal letter (APPI Art. 36)."
            )
        )
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(self.tr("&Ground:"), self.ground)
        form.addRow(self.tr("&Explanation for the customer:"), self.text)
        self.ground.currentIndexChanged.connect(self._changed)
        self.text.textChanged.connect(self._changed)

    def set_answer(self, answer: RefusalAnswer | None) -> None:
        """Start from `answer` (what was proposed), if its ground still fits the case."""
        if answer is None:
            return
        index = self.ground.findData(answer.ground.value)
        if index >= 0:
            self.ground.setCurrentIndex(index)
        self.text.setPlainText(answer.text)

    def chosen_ground(self) -> RefusalGround | None:
        value = self.ground.currentData()
        return RefusalGround(value) if value else None

    def customer_text(self) -> str:
        return self.text.toPlainText().strip()

    def is_complete(self) -> bool:
        return self.chosen_ground() is not None and bool(self.customer_text())

    @Slot()
    def _changed(self) -> None:
        self.changed.emit()
