"""New inquiry: which request the caller makes, about the customer on screen or about no one yet, whether it
came on the call or arrived in writing by post, and, for a question about a leak, which incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import CompanyProfile
from desk_app.domain.deadlines import MAX_ARRIVAL_AGE_DAYS
from desk_app.domain.enums import CaseKind
from desk_app.domain.lifecycle import IDENTITY_KINDS
from desk_app.scripts.model import Script
from desk_app.scripts.render import local_text
from desk_app.services.customers.record import CustomerRecord
from desk_app.services.incidents.customer_incidents import InquiryChoices
from ui.cases import ops
from ui.cases.incident_picker import IncidentPicker
from ui.common.background import BackgroundRunner
from ui.common.japan_time import japan_today_qdate

# The order requests are offered in: the commonest first, as the policy lists them. A request added later
# comes last, so the keys agents already know keep their requests.
KIND_ORDER = (
    CaseKind.DISCLOSURE,
    CaseKind.PROVISION_DISCLOSURE,
    CaseKind.CORRECTION,
    CaseKind.SUSPENSION,
    CaseKind.DELETION,
    CaseKind.COMPLAINT,
    CaseKind.SUSPICIOUS_REPORT,
    CaseKind.STOP_PROVISION,
    CaseKind.PURPOSES_NOTICE,
    CaseKind.FOREIGN_TRANSFER,
    CaseKind.JOINT_USE,
    CaseKind.LEAK_INQUIRY,
)
# The Alt key of each request, in that order: the digits as they lie on the keyboard, then letters no other
# control of the dialog takes (C, I, P and S are its own): J for joint use (共同利用), L for a leak.
REQUEST_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "J", "L")


class NewInquiryDialog(QDialog):
    """Alt+1…Alt+9, Alt+0, Alt+J and Alt+L choose the request (`REQUEST_KEYS`); a request about personal
    data needs the customer on screen, and a question about a leak an incident chosen (Alt+I) once the
    open incidents are read (`set_incident_choices`)."""

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
        self._leak_script = by_kind[CaseKind.LEAK_INQUIRY].id
        # Read in the background once the dialog opens: None until then.
        self._choices: tuple[InquiryChoices, InquiryChoices] | None = None
        self.requests = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What does the caller ask for?")))
        for number, (kind, key) in enumerate(zip(KIND_ORDER, REQUEST_KEYS, strict=True), start=1):
            script = by_kind[kind]
            title = local_text(script.title, company, "ja")
            button = QRadioButton(f"&{key}  {title}")
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
        # A request that arrived by post (the form and its documents): received on the day it arrived,
        # which starts its clock, and never linked to the call under way.
        self.by_post = QCheckBox(self.tr("Received by &post on:"))
        self.by_post.setAccessibleName(self.tr("Written request received by post"))
        today = japan_today_qdate()
        self.arrived_on = QDateEdit(today)
        self.arrived_on.setCalendarPopup(True)
        self.arrived_on.setDisplayFormat("yyyy-MM-dd")
        self.arrived_on.setAccessibleName(self.tr("Day the request arrived"))
        # The core's bounds: not after today, not further back than post plausibly lies unopened.
        self.arrived_on.setDateRange(today.addDays(-MAX_ARRIVAL_AGE_DAYS), today)
        self.arrived_on.setEnabled(False)
        self.by_post.toggled.connect(self.arrived_on.setEnabled)
        post_row = QHBoxLayout()
        post_row.addWidget(self.by_post)
        post_row.addWidget(self.arrived_on)
        post_row.addStretch(1)
        self.post_note = QLabel(
            self.tr("A written request: no call is linked, and its deadline counts from the day it arrived.")
        )
        self.post_note.setWordWrap(True)
        self.post_note.setStyleSheet("color: #5f6368;")
        self.post_note.setVisible(False)
        self.by_post.toggled.connect(self.post_note.setVisible)
        self.incident_picker = IncidentPicker()
        self.incident_picker.changed.connect(self._update)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Start"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.incident_picker)
        layout.addWidget(self.about_customer)
        layout.addLayout(post_row)
        layout.addWidget(self.post_note)
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

    def incident_no(self) -> str | None:
        """The incident a question about a leak is about (None: none, or another request)."""
        return self.incident_picker.incident_no() if self._asks_about_a_leak() else None

    def set_incident_choices(self, choices: tuple[InquiryChoices, InquiryChoices]) -> None:
        """What a question about a leak may be about: (for the customer on screen, for anyone else)."""
        self._choices = choices
        self._update()

    def _asks_about_a_leak(self) -> bool:
        chosen = self.requests.checkedButton()
        return chosen is not None and chosen.property("script_id") == self._leak_script

    def arrived_by_post_on(self) -> dt.date | None:
        """The day a written request arrived by post; None for a request made on the call."""
        if not self.by_post.isChecked():
            return None
        day = self.arrived_on.date()
        return dt.date(day.year(), day.month(), day.day())

    @Slot()
    def _update(self) -> None:
        chosen = self.requests.checkedButton()
        needs = bool(chosen.property("needs_customer")) if chosen else False
        blocked = needs and not self.about_customer.isChecked()
        leak = self._asks_about_a_leak()
        self.incident_picker.setVisible(leak)
        if leak and self._choices is not None:
            mine, anyone = self._choices
            self.incident_picker.offer(mine if self.about_customer.isChecked() else anyone)
        self.hint.setText(
            self.tr("This request is about the caller's own data: open their record first (Ctrl+F).")
            if blocked
            else ""
        )
        undecided = leak and self.incident_picker.undecided()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(
            chosen is not None and not blocked and not undecided
        )


class NewInquiry(QObject):
    """Inquiry ▸ New inquiry: one dialog at a time, about what was on screen when it opened.

    `started(script id, customer id or None, call row id or None, day of arrival or None, incident number
    or None)` when the agent starts the request; a written request (a day of arrival) has no call.
    """

    started = Signal(str, object, object, object, object)

    def __init__(
        self,
        scripts: Mapping[str, Script],
        company: CompanyProfile,
        runner: BackgroundRunner,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self._scripts = scripts
        self._company = company
        self._runner = runner
        self._window = parent
        self.dialog: NewInquiryDialog | None = None
        # What the open dialog was asked about, whatever rings meanwhile: the customer on screen, the
        # call under way and the call that customer's record was opened in.
        self._about: tuple[CustomerRecord | None, int | None, int | None] = (None, None, None)

    def ask(
        self,
        record: CustomerRecord | None,
        active_call_row_id: int | None,
        record_call_row_id: int | None,
        agent_id: int,
    ) -> None:
        """Ask which request the caller makes, offering `record` (the customer on screen) if any; the
        signed-in `agent_id` reads the incidents a question about a leak may be about."""
        if self.dialog is not None:
            return
        label = f"{record.name} ({record.customer_no})" if record is not None else None
        self._about = (record, active_call_row_id, record_call_row_id)
        dialog = NewInquiryDialog(self._scripts, self._company, label, self._window)
        dialog.accepted.connect(lambda: self._start(dialog))
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()
        # The open incidents a question about a leak may be about, read while the agent chooses.
        self._runner.run(
            ops.incident_choices(record.customer_id if record is not None else None, agent_id=agent_id),
            name="incidents for a new inquiry",
            on_success=dialog.set_incident_choices,
            on_error=lambda _error: dialog.incident_picker.unreadable(),
            owner=dialog,
        )

    def _start(self, dialog: NewInquiryDialog) -> None:
        # The customer and call the dialog named, not whatever is on screen by the time it is accepted.
        record, active_call_row_id, record_call_row_id = self._about
        if not dialog.with_customer():
            record = None
        call_row_id = active_call_row_id or (record_call_row_id if record is not None else None)
        arrived_on = dialog.arrived_by_post_on()
        if arrived_on is not None:
            call_row_id = None  # the call under way is not the one the request came in
        customer_id = record.customer_id if record else None
        self.started.emit(dialog.script_id(), customer_id, call_row_id, arrived_on, dialog.incident_no())

    @Slot()
    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        self._about = (None, None, None)

    @Slot()
    def close_for_new_call(self) -> None:
        """A new call rang: the dialog asked about the customer then on screen, who is gone now."""
        if self.dialog is not None:
            self.dialog.reject()
