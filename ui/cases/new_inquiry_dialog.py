"""New inquiry: which request the caller makes, about the customer on screen or about no one yet."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind
from desk_app.domain.lifecycle import IDENTITY_KINDS
from desk_app.scripts.model import Script
from desk_app.scripts.render import local_text

# The order requests are offered in: the commonest first, as the policy lists them.
KIND_ORDER = (
    CaseKind.DISCLOSURE,
    CaseKind.PROVISION_DISCLOSURE,
    CaseKind.CORRECTION,
    CaseKind.SUSPENSION,
    CaseKind.DELETION,
    CaseKind.COMPLAINT,
    CaseKind.SUSPICIOUS_REPORT,
)


class NewInquiryDialog(QDialog):
    """Alt+1…Alt+7 choose the request; a request about personal data needs the customer on screen."""

    def __init__(
        self,
        scripts: Mapping[str, Script],
        company: CompanyProfile,
        customer_label: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New inquiry"))
        by_kind = {script.kind: script for script in scripts.values()}
        self.requests = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What does the caller ask for?")))
        for number, kind in enumerate(KIND_ORDER, start=1):
            script = by_kind[kind]
            title = local_text(script.title, company, "ja")
            button = QRadioButton(f"&{number}  {title}")
            button.setAccessibleName(title)
            button.setProperty("script_id", script.id)
            button.setProperty("needs_customer", kind in IDENTITY_KINDS)
            self.requests.addButton(button, number)
            layout.addWidget(button)
        self.about_customer = QCheckBox(
            self.tr("About the &customer on screen: %1").replace("%1", customer_label)
            if customer_label
            else self.tr("No &customer on screen")
        )
        self.about_customer.setChecked(customer_label is not None)
        self.about_customer.setEnabled(customer_label is not None)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.about_customer)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.requests.idToggled.connect(self._update)
        self.about_customer.toggled.connect(self._update)
        first = self.requests.button(1)
        first.setChecked(True)
        first.setFocus()

    def script_id(self) -> str:
        chosen = self.requests.checkedButton()
        return str(chosen.property("script_id")) if chosen else ""

    def with_customer(self) -> bool:
        return self.about_customer.isChecked()

    @Slot()
    def _update(self) -> None:
        chosen = self.requests.checkedButton()
        needs = bool(chosen.property("needs_customer")) if chosen else False
        blocked = needs and not self.about_customer.isChecked()
        self.hint.setText(
            self.tr("This request is about the caller's own data: open their record first (Ctrl+F).")
            if blocked
            else ""
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(chosen is not None and not blocked)
