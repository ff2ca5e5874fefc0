"""The verify-identity step: the agent runs a check (caller ID and a question, a callback, documents)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QDate, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import CompanyProfile
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.scripts.answers import AnswerError
from desk_app.scripts.model import Language, Step, VerifyIdentity
from desk_app.services.cases.identity import (
    AWAITING_PERSON,
    MAX_FAILED_CALLER_ID_CHECKS,
    CallbackResult,
    CallerIdUnavailable,
    DocumentCheck,
)
from desk_app.services.cases.knowledge import KnowledgeItem
from desk_app.services.cases.proxies import ProxyView
from ui.cases.proxy_panel import ProxyPanel
from ui.cases.script_step_page import StepPage
from ui.common.enum_labels import identity_method_label
from ui.common.japan_time import japan_today_qdate

# Runs one check: (method, inputs); the host calls `show_result` when it is recorded.
CheckIdentity = Callable[[IdentityMethod, dict[str, object]], None]
PASSED_STYLE = "color: #1b5e20; font-weight: bold;"


def method_label(method: IdentityMethod) -> str:
    return identity_method_label(method)


def unavailable_text(reason: CallerIdUnavailable) -> str:
    """Why the check by caller ID is not offered, in the agent's language: the real reason, not a guess."""
    texts = {
        CallerIdUnavailable.NO_CALL: QCoreApplication.translate(
            "IdentityStepPage", "This case did not come in on a call: there is no calling number to check."
        ),
        CallerIdUnavailable.WITHHELD: QCoreApplication.translate(
            "IdentityStepPage", "The caller withheld their number: there is no calling number to check."
        ),
        CallerIdUnavailable.NO_NUMBER: QCoreApplication.translate(
            "IdentityStepPage",
            "The call came without a number (out of area, public phone or a line error): "
            "there is no calling number to check.",
        ),
        CallerIdUnavailable.NOT_REGISTERED: QCoreApplication.translate(
            "IdentityStepPage", "The calling number is not registered for this customer."
        ),
        CallerIdUnavailable.CALL_ENDED: QCoreApplication.translate(
            "IdentityStepPage", "The call this case came in on has ended."
        ),
    }
    return texts[reason]


def failure_text(failure: str) -> str:
    """The core's reason a check failed, in the agent's language (an unknown reason as the core wrote it)."""
    texts = {
        AWAITING_PERSON: QCoreApplication.translate(
            "IdentityStepPage",
            "The documents show the person; confirm the appointed agent's request with the person next.",
        ),
        "the case did not come in on a call": QCoreApplication.translate(
            "IdentityStepPage", "The case did not come in on a call: use a callback."
        ),
        "the caller withheld their number": QCoreApplication.translate(
            "IdentityStepPage", "The caller withheld their number: use a callback."
        ),
        "the call came without a usable number": QCoreApplication.translate(
            "IdentityStepPage", "The call came without a number: use a callback."
        ),
        "the calling number is not registered for this customer": QCoreApplication.translate(
            "IdentityStepPage", "The calling number is not registered for this customer: use a callback."
        ),
        "the knowledge check failed": QCoreApplication.translate(
            "IdentityStepPage", "The answer does not match the record."
        ),
        "the registered number did not answer": QCoreApplication.translate(
            "IdentityStepPage", "The registered number did not answer."
        ),
        "the call the case came in on has ended": QCoreApplication.translate(
            "IdentityStepPage", "The call has ended: use a callback."
        ),
        "the documents do not show the registered name and address": QCoreApplication.translate(
            "IdentityStepPage", "The documents must show the registered name and address."
        ),
    }
    return texts.get(failure, failure)


class IdentityStepPage(StepPage):
    """Next stays disabled until a check passes; the answer is the method that passed."""

    def __init__(
        self,
        step: Step,
        company: CompanyProfile,
        language: Language,
        answer: str | None,
        *,
        caller_number: str | None,
        registered_numbers: tuple[str, ...],
        knowledge_items: tuple[KnowledgeItem, ...],
        check: CheckIdentity,
        caller_id_checks_left: int = MAX_FAILED_CALLER_ID_CHECKS,
        caller_id_unavailable: CallerIdUnavailable | None = None,
        documents_received_on: QDate | None = None,
        proxy: ProxyView | None = None,
        proxy_step: Callable[[object], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(step, company, language, answer, parent)
        assert isinstance(step.detail, VerifyIdentity)
        self._check = check
        self.verified_method: IdentityMethod | None = IdentityMethod(answer) if answer else None

        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("Identity check result"))
        self.methods = QButtonGroup(self)
        self.forms = QStackedWidget()
        method_box = QGroupBox(self.tr("How is the caller verified?"))
        method_layout = QVBoxLayout(method_box)
        # Why caller ID is not offered, where the agent looks for it: beside the methods, not in a form
        # nobody opens.
        self.caller_id_note = QLabel()
        self.caller_id_note.setWordWrap(True)
        self.caller_id_note.setAccessibleName(self.tr("Why caller ID cannot be used"))
        # Every form exists (a script may list any of the methods); only the listed ones are offered.
        forms = {
            IdentityMethod.CALLER_ID_AND_KNOWLEDGE: self._caller_id_form(caller_number, knowledge_items),
            IdentityMethod.CALLBACK: self._callback_form(registered_numbers),
            IdentityMethod.DOCUMENTS: self._documents_form(documents_received_on or japan_today_qdate()),
        }
        for number, method in enumerate(step.detail.methods, start=1):
            button = QRadioButton(f"&{number}  {method_label(method)}")
            button.setProperty("method", method.value)
            self.methods.addButton(button, number)
            method_layout.addWidget(button)
            self.forms.addWidget(forms[method])
        method_layout.addWidget(self.caller_id_note)
        self.methods.idToggled.connect(self._method_toggled)
        if caller_id_unavailable is not None:
            self._withdraw_caller_id()
            self.caller_id_note.setText(unavailable_text(caller_id_unavailable))
        if proxy is not None:
            # A proxy is not the person: the person's and the proxy's papers are the only check.
            self._withdraw_all_but_documents()
            self.caller_id_note.setText(self.tr("A proxy's request is verified by documents only."))
        self.caller_id_note.setVisible(caller_id_unavailable is not None or proxy is not None)
        self._close_caller_id(caller_id_checks_left)
        # The first method that can be used is the one offered: never one the context rules out.
        # (A script offering caller ID alone keeps it, greyed, so the reason still shows.)
        usable = [button for button in self.methods.buttons() if button.isEnabled()] or self.methods.buttons()
        if usable and self.methods.checkedButton() is None:
            usable[0].setChecked(True)

        self.check_button = QPushButton(self.tr("Record the chec&k"))
        self.check_button.setAccessibleName(self.tr("Record the identity check"))
        self.check_button.clicked.connect(self.run_check)
        row = QHBoxLayout()
        row.addWidget(self.check_button)
        row.addWidget(self.result_label, 1)
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.proxy_panel: ProxyPanel | None = None
        if proxy_step is not None:
            self.proxy_panel = ProxyPanel(proxy, registered_numbers)
            self.proxy_panel.step_given.connect(proxy_step)
            layout.addWidget(self.proxy_panel)
        layout.addWidget(method_box)
        layout.addWidget(self.forms)
        layout.addLayout(row)
        self.add_input(holder)
        if self.verified_method is not None:
            self._show_verified()

    # --- the forms -----------------------------------------------------------------------------------

    def _caller_id_form(
        self, caller_number: str | None, knowledge_items: tuple[KnowledgeItem, ...]
    ) -> QWidget:
        form = QWidget()
        layout = QFormLayout(form)
        number = QLabel(caller_number or self.tr("(no number: this method cannot be used)"))
        number.setAccessibleName(self.tr("Calling number"))
        self.knowledge_item = QComboBox()
        self.knowledge_item.setAccessibleName(self.tr("Question asked"))
        # Only what the record holds: a question it cannot check (no date of birth on file) never passes.
        for item, text in (
            (KnowledgeItem.BIRTH_DATE, self.tr("Date of birth")),
            (KnowledgeItem.STREET_NUMBER, self.tr("Street number of the registered address")),
            (KnowledgeItem.RECENT_ORDER, self.tr("Number of a recent order")),
        ):
            if item in knowledge_items:
                self.knowledge_item.addItem(text, item.value)
        self.said = QLineEdit()
        self.said.setAccessibleName(self.tr("What the caller answered"))
        # The core compares one fact exactly: the hint says what to type, and only that.
        self.knowledge_item.currentIndexChanged.connect(self._question_changed)
        self._question_changed()
        layout.addRow(self.tr("Calling number:"), number)
        layout.addRow(self.tr("&Question:"), self.knowledge_item)
        layout.addRow(self.tr("Caller's &answer:"), self.said)
        return form

    def _callback_form(self, registered_numbers: tuple[str, ...]) -> QWidget:
        form = QWidget()
        layout = QFormLayout(form)
        self.dialled = QComboBox()
        self.dialled.setAccessibleName(self.tr("Registered number dialled"))
        self.dialled.addItems(list(registered_numbers))
        self.callback_answered = QCheckBox(self.tr("The customer &answered at that number"))
        # An address the customer confirms on this callback may receive an electronic record; one said on
        # the call the request came in on never does.
        self.callback_email = self._email_field(self.tr("E-mail address the customer confirmed"))
        layout.addRow(self.tr("&Phone number dialled:"), self.dialled)
        layout.addRow("", self.callback_answered)
        layout.addRow(self.tr("E-mail, e&xactly as confirmed:"), self.callback_email)
        return form

    def _email_field(self, name: str) -> QLineEdit:
        field = QLineEdit()
        field.setAccessibleName(name)
        field.setPlaceholderText(self.tr("optional: where an electronic record may be sent"))
        field.setMaxLength(254)
        return field

    def _documents_form(self, received_on: QDate) -> QWidget:
        form = QWidget()
        layout = QFormLayout(form)
        self.received_on = QDateEdit(received_on)
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.received_on.setAccessibleName(self.tr("Documents received on"))
        self.document_type = QLineEdit()
        self.document_type.setAccessibleName(self.tr("Document type"))
        self.document_type.setPlaceholderText(self.tr("e.g. copy of a driving licence"))
        # What the agent compared with the record, each ticked only when it is the same; the core
        # verifies on the registered name and address.
        self.document_matches = {
            DocumentCheck.NAME: QCheckBox(self.tr("&The name is the registered name")),
            DocumentCheck.ADDRESS: QCheckBox(self.tr("The &postal address is the registered address")),
            DocumentCheck.BIRTH_DATE: QCheckBox(self.tr("The d&ate of birth is the one on file")),
        }
        self.document_email = self._email_field(self.tr("E-mail address on the request form"))
        layout.addRow(self.tr("Received &on:"), self.received_on)
        layout.addRow(self.tr("Document t&ype:"), self.document_type)
        for box in self.document_matches.values():
            layout.addRow("", box)
        layout.addRow(self.tr("E-mail, e&xactly as on the form:"), self.document_email)
        return form

    # --- behaviour -----------------------------------------------------------------------------------

    def chosen_method(self) -> IdentityMethod:
        button = self.methods.checkedButton()
        assert button is not None
        return IdentityMethod(str(button.property("method")))

    def inputs(self) -> dict[str, object]:
        method = self.chosen_method()
        if method is IdentityMethod.CALLER_ID_AND_KNOWLEDGE:
            return {"knowledge_item": self.knowledge_item.currentData(), "said": self.said.text()}
        if method is IdentityMethod.CALLBACK:
            result = (
                CallbackResult.ANSWERED if self.callback_answered.isChecked() else CallbackResult.NOT_REACHED
            )
            return {
                "dialled": self.dialled.currentText(),
                "result": result.value,
                "email": self.callback_email.text().strip(),
            }
        return {
            "received_on": self.received_on.date().toString("yyyy-MM-dd"),
            "document_type": self.document_type.text(),
            "matched": [check.value for check, box in self.document_matches.items() if box.isChecked()],
            "email": self.document_email.text().strip(),
        }

    def _missing_input(self) -> QWidget | None:
        """The field still empty for the chosen method, with its message shown; None when complete."""
        method = self.chosen_method()
        missing: tuple[QWidget, str] | None = None
        if method is IdentityMethod.CALLER_ID_AND_KNOWLEDGE and self.knowledge_item.count() == 0:
            missing = (
                self.knowledge_item,
                self.tr("The record holds nothing to ask the caller about: use another method."),
            )
        elif method is IdentityMethod.CALLER_ID_AND_KNOWLEDGE and not self.said.text().strip():
            missing = (self.said, self.tr("Type what the caller answered."))
        elif method is IdentityMethod.CALLBACK and not self.dialled.currentText():
            missing = (self.dialled, self.tr("The customer has no registered number to call back."))
        elif method is IdentityMethod.DOCUMENTS and not self.document_type.text().strip():
            missing = (self.document_type, self.tr("Say which document was received."))
        if missing is None:
            return None
        self.result_label.setStyleSheet("color: #b00020;")
        self.result_label.setText(missing[1])
        return missing[0]

    @Slot()
    def run_check(self) -> None:
        if self.verified_method is not None:
            return
        field = self._missing_input()
        if field is not None:
            field.setFocus()
            return
        self.check_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Recording…"))
        self._check(self.chosen_method(), self.inputs())

    def show_result(
        self, verified: bool, failure: str | None, caller_id_checks_left: int = MAX_FAILED_CALLER_ID_CHECKS
    ) -> None:
        """What the core decided: verified (Next opens) or why not (another method may be tried)."""
        if verified:
            self.verified_method = self.chosen_method()
            self._show_verified()
            self.ready_changed.emit(True)
            return
        self.check_button.setEnabled(True)
        self.result_label.setStyleSheet("color: #b00020;")
        text = self.tr("Not verified: %1").replace("%1", failure_text(failure or ""))
        if self._close_caller_id(caller_id_checks_left):
            text += " " + self.tr(
                "After %1 failed checks by caller ID, verify by a callback or documents."
            ).replace("%1", str(MAX_FAILED_CALLER_ID_CHECKS))
        self.result_label.setText(text)

    def _close_caller_id(self, checks_left: int) -> bool:
        """With no check by caller ID left (the core refuses more), that method is no longer offered;
        the next one is chosen. True when it was closed."""
        if checks_left > 0:
            return False
        self._withdraw_caller_id()
        return True

    def _withdraw_all_but_documents(self) -> None:
        for button in self.methods.buttons():
            if button.property("method") != IdentityMethod.DOCUMENTS.value:
                button.setEnabled(False)
                button.setChecked(False)
        for button in self.methods.buttons():
            if button.isEnabled():
                button.setChecked(True)

    def _withdraw_caller_id(self) -> None:
        """The caller-ID method greyed out; when it was chosen, the next usable one is."""
        for button in self.methods.buttons():
            if button.property("method") == IdentityMethod.CALLER_ID_AND_KNOWLEDGE.value:
                button.setEnabled(False)
                if button.isChecked():
                    others = [other for other in self.methods.buttons() if other.isEnabled()]
                    if others:
                        others[0].setChecked(True)

    @Slot()
    def _question_changed(self) -> None:
        hints = {
            KnowledgeItem.BIRTH_DATE.value: self.tr("e.g. 1975-04-01 or 昭和50年4月1日; not stored"),
            KnowledgeItem.STREET_NUMBER.value: self.tr("the number only, e.g. 2-3-4; not stored"),
            KnowledgeItem.RECENT_ORDER.value: self.tr("the order number; not stored"),
        }
        self.said.setPlaceholderText(
            hints.get(str(self.knowledge_item.currentData()), self.tr("compared with the record; not stored"))
        )

    def check_failed(self, message: str) -> None:
        self.check_button.setEnabled(True)
        self.result_label.setStyleSheet("color: #b00020;")
        self.result_label.setText(message)

    def _show_verified(self) -> None:
        assert self.verified_method is not None
        for button in self.methods.buttons():
            button.setEnabled(False)
        self.forms.setEnabled(False)
        self.check_button.setEnabled(False)
        if self.proxy_panel is not None:
            self.proxy_panel.proxy_button.setEnabled(False)
        self.result_label.setStyleSheet(PASSED_STYLE)
        self.result_label.setText(
            self.tr("Identity verified: %1").replace("%1", method_label(self.verified_method))
        )

    @Slot(int, bool)
    def _method_toggled(self, number: int, checked: bool) -> None:
        if checked:
            self.forms.setCurrentIndex(number - 1)
            self.result_label.clear()

    def is_ready(self) -> bool:
        return self.verified_method is not None

    def focus_input(self) -> bool:
        """The chosen method's first field: with caller ID, where the caller's answer is typed."""
        if self.verified_method is not None:
            return False
        fields = {
            IdentityMethod.CALLER_ID_AND_KNOWLEDGE: self.said,
            IdentityMethod.CALLBACK: self.dialled,
            IdentityMethod.DOCUMENTS: self.document_type,
        }
        fields[self.chosen_method()].setFocus()
        return True

    def _answer(self) -> str | None:
        if self.verified_method is None:
            raise AnswerError(self.tr("the caller's identity is not verified yet"))
        return self.verified_method.value
