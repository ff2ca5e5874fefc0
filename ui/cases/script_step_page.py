"""The input part of one talk-script step: a tick box, an answer field, options or a note."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app import postal
from desk_app.config import CompanyProfile
from desk_app.scripts.answers import AnswerError, check_answer
from desk_app.scripts.model import (
    Action,
    Ask,
    Choose,
    Confirm,
    InputType,
    Language,
    Note,
    Step,
    VerifyIdentity,
)
from desk_app.scripts.render import local_text
from ui.common.translations import error_words

ERROR_STYLE = "color: #b00020;"
HINT_STYLE = "color: #5f6368;"
# What a ticked confirm step records in the answers.
CONFIRMED = "yes"
# What an action step carried out records in the answers.
DONE = "done"


class _TickLabel(QLabel):
    """The wrapping text of a confirm step's box; clicking it toggles the box."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self._box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            self._box.toggle()
        super().mousePressEvent(event)


class StepPage(QWidget):
    """Shows the input `step` needs and turns it into the step's answer (None: the step records none).

    `shown`: the (label, value) lines a confirm step reads back. `postal_code`: for an ask step whose
    answer starts from a postal code, the code answered before; its address fills an empty answer.
    """

    ready_changed = Signal(bool)

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None = None,
        parent: QWidget | None = None,
        *,
        shown: Sequence[tuple[str, str]] = (),
        postal_code: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.step = step
        self.confirm_box: QCheckBox | None = None
        self.answer_field: QLineEdit | QPlainTextEdit | None = None
        self.options: QButtonGroup | None = None
        # What a confirm step reads back, by label; the address a postal code gives, under the answer.
        self.read_back: dict[str, QLabel] = {}
        self.postal_hint = QLabel()
        self.postal_hint.setStyleSheet(HINT_STYLE)
        self.postal_hint.setAccessibleName(self.tr("Address of the postal code"))
        self.note_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Problem with the answer"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.setSpacing(8)
        # The input is what the agent acts on: a little larger than the window's text.
        input_font = self.font()
        input_font.setPointSizeF(input_font.pointSizeF() * 1.15)
        self.setFont(input_font)
        detail = step.detail
        if isinstance(detail, Confirm):
            if shown:
                layout.addWidget(self._read_back_form(shown))
            # A check box cannot wrap its text, and these labels are whole sentences: the box carries
            # the accessible name, a wrapping label beside it the text (a click on it ticks the box too).
            label_text = local_text(detail.label, company, language)
            self.confirm_box = QCheckBox()
            self.confirm_box.setAccessibleName(label_text)
            self.confirm_box.setChecked(answer == CONFIRMED)
            self.confirm_box.toggled.connect(self.ready_changed)
            self.confirm_label = _TickLabel(label_text, self.confirm_box)
            row = QHBoxLayout()
            row.addWidget(self.confirm_box, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(self.confirm_label, 1)
            layout.addLayout(row)
        elif isinstance(detail, Ask | Note):
            multiline = isinstance(detail, Note) or detail.input is InputType.MULTILINE
            field: QLineEdit | QPlainTextEdit = QPlainTextEdit() if multiline else QLineEdit()
            field.setAccessibleName(self.tr("Note") if isinstance(detail, Note) else self.tr("Answer"))
            if isinstance(field, QPlainTextEdit):
                field.setTabChangesFocus(True)
                field.setPlainText(answer or "")
            else:
                field.setText(answer or "")
                field.textEdited.connect(self._clear_error)
            self.answer_field = field
            layout.addWidget(field)
            if postal_code:
                layout.addWidget(self.postal_hint)
                self._start_from_postal_code(postal_code, answer)
        elif isinstance(detail, Choose):
            self.options = QButtonGroup(self)
            for number, option in enumerate(detail.options, start=1):
                # Alt+1, Alt+2… pick an option; arrow keys move between them.
                button = QRadioButton(f"&{number}  {local_text(option.label, company, language)}")
                button.setAccessibleName(local_text(option.label, company, language))
                button.setProperty("option_value", option.value)
                button.setChecked(option.value == answer)
                self.options.addButton(button, number)
                layout.addWidget(button)
            self.options.buttonToggled.connect(self._option_toggled)
        elif isinstance(detail, VerifyIdentity | Action):
            self.note_label.setText(self.tr("(this step is carried out by case work)"))
            self.note_label.setStyleSheet("color: #5f6368; font-style: italic;")
            layout.addWidget(self.note_label)
        layout.addWidget(self.error_label)
        layout.addStretch(1)

    def _read_back_form(self, shown: Sequence[tuple[str, str]]) -> QWidget:
        holder = QWidget()
        holder.setObjectName("read_back")
        holder.setStyleSheet(
            "#read_back { background: #fffbe6; border: 1px solid #e6d9a2; border-radius: 4px; }"
        )
        form = QFormLayout(holder)
        value_font = self.font()
        value_font.setBold(True)
        for label, value in shown:
            text = QLabel(value)
            text.setFont(value_font)
            text.setWordWrap(True)
            text.setTextFormat(Qt.TextFormat.PlainText)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            text.setAccessibleName(label)
            form.addRow(f"{label}:", text)
            self.read_back[label] = text
        return holder

    def _start_from_postal_code(self, code: str, answer: str | None) -> None:
        """An empty answer starts as the code's prefecture, city and town; the code's address is shown
        under the field, in red when the answer given earlier does not start with it."""
        found = postal.lookup(code)
        if found is None:
            return
        area = f"{found.prefecture}{found.city}{found.town}"
        shown_code = f"〒{found.code[:3]}-{found.code[3:]}"
        if not answer and isinstance(self.answer_field, QLineEdit):
            self.answer_field.setText(area)
        if answer and not answer.startswith(area):
            self.postal_hint.setStyleSheet(ERROR_STYLE)
            self.postal_hint.setText(
                self.tr("%1 is %2: check the address").replace("%1", shown_code).replace("%2", area)
            )
        else:
            self.postal_hint.setText(f"{shown_code}  {area}")

    def add_input(self, widget: QWidget) -> None:
        """Adds `widget` under the step's inputs, above the problem line (for the host's own pages)."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        self.note_label.hide()
        layout.insertWidget(layout.indexOf(self.error_label), widget)

    def is_ready(self) -> bool:
        """False while a confirm box is unticked: Next stays disabled."""
        return self.confirm_box is None or self.confirm_box.isChecked()

    def focus_input(self) -> bool:
        """Focuses the step's input; False when the step has none."""
        for widget in (self.confirm_box, self.answer_field):
            if widget is not None:
                widget.setFocus()
                return True
        if self.options is not None:
            chosen = self.options.checkedButton() or self.options.buttons()[0]
            chosen.setFocus()
            return True
        return False

    def answer(self) -> str | None:
        """The step's answer in normal form; `AnswerError` (also shown in red) when it cannot go on."""
        try:
            return self._answer()
        except AnswerError as error:
            self.show_error(self.tr("Not accepted: %1").replace("%1", error_words(error)))
            if self.answer_field is not None:
                self.answer_field.setFocus()
            raise

    def action_inputs(self) -> dict[str, object]:
        """What the agent entered for an action step; `AnswerError` (shown) when it is incomplete."""
        return {}

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def _answer(self) -> str | None:
        detail = self.step.detail
        if isinstance(detail, Confirm):
            if not self.is_ready():
                raise AnswerError(self.tr("tick the box first"))
            return CONFIRMED
        if isinstance(self.answer_field, QLineEdit):
            assert isinstance(detail, Ask)
            return check_answer(detail, self.answer_field.text())
        if isinstance(self.answer_field, QPlainTextEdit):
            text = self.answer_field.toPlainText()
            return check_answer(detail, text) if isinstance(detail, Ask) else text.strip()
        if self.options is not None:
            chosen = self.options.checkedButton()
            if chosen is None:
                raise AnswerError(self.tr("choose one of the options"))
            return str(chosen.property("option_value"))
        return None

    @Slot()
    def _clear_error(self) -> None:
        self.error_label.clear()

    @Slot(QAbstractButton, bool)
    def _option_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self.error_label.clear()
