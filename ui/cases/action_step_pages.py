"""Action steps that need the agent's input: the fee, the mailings or provision to stop, a correction."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QDate, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from desk_app import postal
from desk_app.config import CompanyProfile
from desk_app.domain.enums import Delivery, DeliveryAddress, PhoneKind
from desk_app.domain.provision_stops import ALL_NOT_REQUIRED, ONE_RECIPIENT
from desk_app.scripts.answers import AnswerError
from desk_app.scripts.model import Action, Language, Operation, Step
from ui.cases.script_step_page import StepPage
from ui.common.enum_labels import phone_kind_label
from ui.common.japan_time import japan_today_qdate


def _form_page(page: StepPage) -> QFormLayout:
    holder = QWidget()
    form = QFormLayout(holder)
    form.setContentsMargins(0, 0, 0, 0)
    page.add_input(holder)
    return form


class PlainActionPage(StepPage):
    """An action with nothing to enter: says what Next will do."""

    def __init__(self, step: Step, company: CompanyProfile, language: Language, answer: str | None) -> None:
        super().__init__(step, company, language, answer)
        assert isinstance(step.detail, Action)
        texts = {
            Operation.PREPARE_LETTER: self.tr("Next records how the answer is delivered."),
            Operation.PROPOSE_ERASURE: self.tr(
                "Next sends the deletion to a supervisor for approval; nothing is erased before then."
            ),
            Operation.ESCALATE: self.tr("Next records that the caller was promised a supervisor's call."),
            Operation.RECORD_COMPLAINT: self.tr("Next records the complaint in the register."),
            Operation.RECORD_REPORT: self.tr("Next records the report in the register."),
        }
        label = QLabel(texts.get(step.detail.operation, self.tr("Next carries out this step.")))
        label.setWordWrap(True)
        label.setStyleSheet("color: #5f6368;")
        self.add_input(label)


class DeliveryStepPage(StepPage):
    """How the answer goes: says what Next records, for the form the caller chose and the address the
    desk may send an electronic record to (the core decides the same way)."""

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None,
        *,
        asked: str,
        address: DeliveryAddress | None,
    ) -> None:
        super().__init__(step, company, language, answer)
        possible = asked != Delivery.ELECTRONIC.value or address is not None
        if asked != Delivery.ELECTRONIC.value:
            text = self.tr("Next records a letter by post to the registered address.")
        elif address is DeliveryAddress.CONFIRMED:
            text = self.tr(
                "Next records an electronic record (PDF) to the e-mail address confirmed in the identity"
                " check."
            )
        elif address is DeliveryAddress.REGISTERED:
            text = self.tr(
                "Next records an electronic record (PDF) to the customer's registered e-mail address."
            )
        else:
            text = self.tr(
                "No e-mail address is registered or was confirmed in the identity check, so the electronic "
                "record is not possible: Next records why, and the disclosure goes by post with a letter "
                "that says so."
            )
        self.outcome = QLabel(text)
        self.outcome.setObjectName("delivery_outcome")
        self.outcome.setAccessibleName(self.tr("How the answer goes"))
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet("color: #5f6368;" if possible else "color: #b06000; font-weight: bold;")
        self.add_input(self.outcome)


class FeeStepPage(StepPage):
    """The case's fee (a disclosure's, or a notice of purposes' where one is charged): requested (the
    default) or waived with a reason."""

    def __init__(
        self, step: Step, company: CompanyProfile, language: Language, answer: str | None, *, fee_yen: int
    ) -> None:
        super().__init__(step, company, language, answer)
        form = _form_page(self)
        self.request_button = QRadioButton(
            self.tr("Re&quest the fee of %1 yen").replace("%1", f"{fee_yen:,}")
        )
        self.request_button.setChecked(True)
        self.waive_button = QRadioButton(self.tr("W&aive the fee"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Why the fee is waived"))
        self.reason.setEnabled(False)
        self.waive_button.toggled.connect(self.reason.setEnabled)
        form.addRow(self.request_button)
        form.addRow(self.waive_button)
        form.addRow(self.tr("Reason for waiving:"), self.reason)

    def focus_input(self) -> bool:
        self.request_button.setFocus()
        return True

    def action_inputs(self) -> dict[str, object]:
        if self.waive_button.isChecked():
            if not self.reason.text().strip():
                self.show_error(self.tr("Not accepted: a waived fee needs a reason"))
                self.reason.setFocus()
                raise AnswerError("a waived fee needs a reason")
            return {"waive": True, "reason": self.reason.text().strip()}
        return {"waive": False}


class MailingsStepPage(StepPage):
    """Which mailings stop and from when; ticked as the caller chose, changeable before Next."""

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None,
        *,
        chosen: tuple[str, ...],
        stop_from: str | None,
    ) -> None:
        super().__init__(step, company, language, answer)
        form = _form_page(self)
        self.boxes: dict[str, QCheckBox] = {}
        for mailing, text in (
            ("catalogue", self.tr("Catal&ogue")),
            ("direct_mail", self.tr("Direct m&ail")),
            ("email_magazine", self.tr("E-mail newslet&ter")),
        ):
            box = QCheckBox(text)
            box.setChecked(mailing in chosen)
            self.boxes[mailing] = box
            form.addRow(box)
        start = QDate.fromString(stop_from, "yyyy-MM-dd") if stop_from else japan_today_qdate()
        self.effective = QDateEdit(start)
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("yyyy-MM-dd")
        self.effective.setAccessibleName(self.tr("Stop from"))
        form.addRow(self.tr("Sto&p from:"), self.effective)

    def focus_input(self) -> bool:
        self.boxes["catalogue"].setFocus()
        return True

    def action_inputs(self) -> dict[str, object]:
        stop: dict[str, object] = {mailing: box.isChecked() for mailing, box in self.boxes.items()}
        if not any(stop.values()):
            self.show_error(self.tr("Not accepted: tick at least one mailing"))
            raise AnswerError("no mailing ticked")
        return {**stop, "effective": self.effective.date().toString("yyyy-MM-dd")}


class ProvisionStopStepPage(StepPage):
    """Which third-party provision stops: all provision not required, or one recipient's, as the caller
    chose (changeable before Next). The recipients offered are those the customer's data went to on
    consent; a caller with none can only stop all (which covers provision to come)."""

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None,
        *,
        scope: str,
        recipients: tuple[str, ...],
    ) -> None:
        super().__init__(step, company, language, answer)
        form = _form_page(self)
        self.all_button = QRadioButton(self.tr("&1  All provision on consent, now and to come"))
        self.one_button = QRadioButton(self.tr("&2  One recipient only:"))
        self.recipient = QComboBox()
        self.recipient.setAccessibleName(self.tr("Recipient whose provision stops"))
        self.recipient.addItems(list(recipients))
        self.recipient.setEnabled(False)
        self.one_button.toggled.connect(self.recipient.setEnabled)
        self.one_button.setEnabled(bool(recipients))
        (self.one_button if scope == ONE_RECIPIENT and recipients else self.all_button).setChecked(True)
        form.addRow(self.all_button)
        form.addRow(self.one_button, self.recipient)
        if not recipients:
            note = QLabel(self.tr("No provision on consent is on record for this customer."))
            note.setWordWrap(True)
            note.setStyleSheet("color: #5f6368;")
            form.addRow(note)
        law = QLabel(self.tr("Provision required by law and entrustment are not stopped."))
        law.setWordWrap(True)
        law.setStyleSheet("color: #5f6368;")
        form.addRow(law)

    def focus_input(self) -> bool:
        (self.one_button if self.one_button.isChecked() else self.all_button).setFocus()
        return True

    def action_inputs(self) -> dict[str, object]:
        if self.all_button.isChecked():
            return {"scope": ALL_NOT_REQUIRED}
        return {"scope": ONE_RECIPIENT, "recipient": self.recipient.currentText()}


class CorrectionStepPage(StepPage):
    """The fields to correct, filled from the answers; the agent checks them before Next applies them.

    If the record was changed at another desk meanwhile, the host reports a conflict and calls
    `record_reloaded`: what the agent typed stays in the form.
    """

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None,
        *,
        proposal: Mapping[str, str],
        current: Mapping[str, str],
        row_version: int | None,
    ) -> None:
        super().__init__(step, company, language, answer)
        self.row_version = row_version
        form = _form_page(self)
        self.fields: dict[str, QLineEdit] = {}
        self.phone_kind = QComboBox()
        # "〒 not found" under the postal code, while the code typed is not one Japan Post lists.
        self.postal_note = QLabel()
        self.postal_note.setStyleSheet("color: #c5221f;")
        if not proposal:
            note = QLabel(self.tr("Nothing to change on the call: Next passes the request on for follow-up."))
            note.setWordWrap(True)
            form.addRow(note)
        fields = list(proposal)
        if "postal_code" in proposal:
            fields = ["postal_code", "prefecture", "city", "street", "building"]
        for field in fields:
            edit = QLineEdit(proposal.get(field, ""))
            label = self._label(field)
            edit.setAccessibleName(label)
            if field in current:
                edit.setToolTip(self.tr("Now: %1").replace("%1", current[field]))
                edit.setPlaceholderText(current[field])
            self.fields[field] = edit
            if field == "phone":
                for kind in PhoneKind:
                    self.phone_kind.addItem(phone_kind_label(kind), kind.value)
                self.phone_kind.setAccessibleName(self.tr("Which number"))
                form.addRow(self.tr("Which number:"), self.phone_kind)
            form.addRow(f"{label}:", edit)
            if field == "postal_code":
                form.addRow("", self.postal_note)
        for edit in self.fields.values():
            edit.textEdited.connect(self._clear_error)
        # What the postal code filled in, per field: replaced by a later code, never what the agent typed.
        self._autofilled: dict[str, str] = {}
        postal_code = self.fields.get("postal_code")
        if postal_code is not None:
            postal_code.textChanged.connect(self._postal_code_changed)
            self._postal_code_changed(postal_code.text())

    def _label(self, field: str) -> str:
        labels = {
            "postal_code": self.tr("Postal code"),
            "prefecture": self.tr("Prefecture"),
            "city": self.tr("City"),
            "street": self.tr("Street"),
            "building": self.tr("Building"),
            "name": self.tr("Name"),
            "name_kana": self.tr("Name (kana)"),
            "email": self.tr("E-mail"),
            "phone": self.tr("Phone"),
        }
        return labels[field]

    def focus_input(self) -> bool:
        first = next(iter(self.fields.values()), None)
        if first is not None:
            first.setFocus()
        return first is not None

    def action_inputs(self) -> dict[str, object]:
        changes: dict[str, str | None] = {}
        for field, edit in self.fields.items():
            text = edit.text().strip()
            if field == "phone":
                changes[f"phone_{self.phone_kind.currentData()}"] = text or None
            else:
                changes[field] = text or None
        return {"changes": changes, "expected_row_version": self.row_version}

    def record_reloaded(self, row_version: int | None, current: Mapping[str, str], message: str) -> None:
        """Another desk changed the record: keep the agent's edits, take the new version, say so."""
        self.row_version = row_version
        for field, edit in self.fields.items():
            if field in current:
                edit.setToolTip(self.tr("Now: %1").replace("%1", current[field]))
                edit.setPlaceholderText(current[field])
        self.show_error(message)

    @Slot()
    def _clear_error(self) -> None:
        self.error_label.clear()

    @Slot(str)
    def _postal_code_changed(self, text: str) -> None:
        """A complete code fills prefecture, city and an empty street from Japan Post's data.

        `postal.lookup` is an indexed read of a local file (well under a millisecond), so it runs here
        rather than through the runner.
        """
        digits = postal.normalise_code(text)
        if digits is None:
            self.postal_note.clear()
            return
        address = postal.lookup(digits)
        if address is None:
            self.postal_note.setText(self.tr("〒 not found"))
            return
        self.postal_note.clear()
        self._autofill("prefecture", address.prefecture)
        self._autofill("city", address.city)
        self._autofill("street", address.town)

    def _autofill(self, field: str, value: str) -> None:
        edit = self.fields.get(field)
        if edit is None or not value:
            return
        current = edit.text()
        if current and current != self._autofilled.get(field):
            return  # typed (or proposed) by the agent: theirs stands
        edit.setText(value)
        self._autofilled[field] = value
