"""The part of a refusal dialog that is printed on the customer's letter: the ground, the explanation and,
for an exception of APPI Art. 35 that needs one, the measure taken instead."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QPlainTextEdit, QWidget

from desk_app.domain.enums import RefusalGround
from desk_app.domain.refusal_grounds import RefusalAnswer, grounds_for
from desk_app.domain.suspension_grounds import needs_alternative
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
        grounds = grounds_for(case.kind, verified=case.identity_verified, asked_on=case.request_ground)
        for ground in grounds:
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
        # The exception of APPI Art. 35(2), (4), (6) holds only with a measure protecting the customer's
        # rights taken instead: asked for with that ground alone, and printed on the letter.
        self.alternative = QPlainTextEdit()
        self.alternative.setTabChangesFocus(True)
        self.alternative.setAccessibleName(self.tr("Alternative measure"))
        self.alternative.setPlaceholderText(
            self.tr("What the company does instead to protect the customer's rights, in polite Japanese")
        )
        form = QFormLayout(self)
        form.addRow(hint)
        form.addRow(self.tr("&Ground:"), self.ground)
        form.addRow(self.tr("&Explanation for the customer:"), self.text)
        form.addRow(self.tr("Alternative &measure:"), self.alternative)
        self._form = form
        self.ground.currentIndexChanged.connect(self._ground_changed)
        self.text.textChanged.connect(self._changed)
        self.alternative.textChanged.connect(self._changed)
        self._ground_changed()

    def set_answer(self, answer: RefusalAnswer | None) -> None:
        """Start from `answer` (what was proposed), if its ground still fits the case."""
        if answer is None:
            return
        index = self.ground.findData(answer.ground.value)
        if index >= 0:
            self.ground.setCurrentIndex(index)
        self.text.setPlainText(answer.text)
        self.alternative.setPlainText(answer.alternative or "")

    def chosen_ground(self) -> RefusalGround | None:
        value = self.ground.currentData()
        return RefusalGround(value) if value else None

    def customer_text(self) -> str:
        return self.text.toPlainText().strip()

    def needs_alternative(self) -> bool:
        ground = self.chosen_ground()
        return ground is not None and needs_alternative(ground)

    def alternative_text(self) -> str | None:
        """The alternative measure, sent only with the ground that needs one."""
        if not self.needs_alternative():
            return None
        return self.alternative.toPlainText().strip() or None

    def is_complete(self) -> bool:
        if self.chosen_ground() is None or not self.customer_text():
            return False
        return not self.needs_alternative() or self.alternative_text() is not None

    @Slot()
    def _ground_changed(self) -> None:
        self._form.setRowVisible(self.alternative, self.needs_alternative())
        self.changed.emit()

    @Slot()
    def _changed(self) -> None:
        self.changed.emit()
