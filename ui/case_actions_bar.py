"""What can be done with a case now (only what the core allows), each asking for what it needs."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.cases.lifecycle import Proposal
from desk_app.services import case_actions
from desk_app.services.agents import AgentInfo
from desk_app.services.case_actions import CaseAction
from desk_app.services.cases import CaseEventView, CaseView, case_events
from ui.background import refusal_text
from ui.case_timeline import CaseTimeline
from ui.serial_work import SerialWork

# How disclosure fees arrive by post (定額小為替 is the usual way), offered first; any text is accepted.
FEE_METHODS = ("定額小為替", "現金書留", "銀行振込")
_NEEDS_REASON = frozenset(
    {
        CaseAction.WAIVE_FEE,
        CaseAction.PROPOSE_REFUSAL,
        CaseAction.DENY,
        CaseAction.WITHDRAW,
        CaseAction.EXTEND_DEADLINE,
        CaseAction.ANSWER_COMPLAINT,
    }
)


class CaseActionDialog(QDialog):
    """Asks for what one action needs; OK stays disabled until a required reason is given."""

    def __init__(self, action: CaseAction, title: str, case: CaseView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(title)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(FEE_METHODS))
        self.received_on = QDateEdit(QDate.currentDate())
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.days = QSpinBox()
        self.days.setRange(1, 60)
        self.days.setValue(14)
        form = QFormLayout()
        warning = self._warning(case)
        if warning:
            label = QLabel(warning)
            label.setWordWrap(True)
            label.setStyleSheet("color: #b00020; font-weight: bold;")
            form.addRow(label)
        if action is CaseAction.RECORD_FEE_RECEIVED:
            self.method.setAccessibleName(self.tr("Payment method"))
            self.received_on.setAccessibleName(self.tr("Received on"))
            form.addRow(self.tr("Paid &by:"), self.method)
            form.addRow(self.tr("Received &on:"), self.received_on)
        if action is CaseAction.EXTEND_DEADLINE:
            self.days.setAccessibleName(self.tr("Extra days"))
            form.addRow(self.tr("Extra &days:"), self.days)
        if action in _NEEDS_REASON or action is CaseAction.COMPLETE:
            text = self.tr("&Answer given:") if action is CaseAction.ANSWER_COMPLAINT else self.tr("&Reason:")
            if action is CaseAction.COMPLETE:
                text = self.tr("&Note (optional):")
            self.reason.setAccessibleName(text.replace("&", "").rstrip(":"))
            form.addRow(text, self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _warning(self, case: CaseView) -> str | None:
        if self.action is CaseAction.APPROVE and case.proposal is Proposal.ERASURE:
            return self.tr(
                "This erases the customer's name, kana, addresses, phone numbers, e-mail, date of birth and "
                "workplace for good. Orders stay, without anything that identifies the customer."
            )
        if self.action is CaseAction.APPROVE:
            return self.tr("This refuses the request; the caller is told the reason given (APPI Art. 36).")
        return None

    def inputs(self) -> dict[str, object]:
        return {
            "reason": self.reason.toPlainText().strip(),
            "note": self.reason.toPlainText().strip(),
            "method": self.method.currentText().strip(),
            "on": self.received_on.date().toString("yyyy-MM-dd"),
            "days": self.days.value(),
        }

    @Slot()
    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.action not in _NEEDS_REASON or bool(self.reason.toPlainText().strip()))


class CaseActionsBar(QWidget):
    """Buttons for `available_actions` and the case's timeline below them."""

    case_updated = Signal(object)  # CaseView

    def __init__(self, work: SerialWork, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self.case: CaseView | None = None
        self.agent: AgentInfo | None = None
        self.current_dialog: CaseActionDialog | None = None
        self.buttons: dict[CaseAction, QPushButton] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Case action result"))
        self.button_row = QHBoxLayout()
        self.timeline = CaseTimeline()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.button_row)
        layout.addWidget(self.message)
        layout.addWidget(self.timeline, 1)

    def action_title(self, action: CaseAction) -> str:
        approving_erasure = self.case is not None and self.case.proposal is Proposal.ERASURE
        titles = {
            CaseAction.RECORD_FEE_RECEIVED: self.tr("&Fee received…"),
            CaseAction.WAIVE_FEE: self.tr("&Waive fee…"),
            CaseAction.COMPLETE: self.tr("&Complete…"),
            CaseAction.ANSWER_COMPLAINT: self.tr("&Answer the complaint…"),
            CaseAction.PROPOSE_REFUSAL: self.tr("Propose &refusal…"),
            CaseAction.APPROVE: self.tr("A&pprove erasure…") if approving_erasure else self.tr("A&pprove…"),
            CaseAction.DENY: self.tr("&Deny…"),
            CaseAction.WITHDRAW: self.tr("Wit&hdrawn…"),
            CaseAction.EXTEND_DEADLINE: self.tr("E&xtend deadline…"),
        }
        return titles[action]

    def set_case(self, case: CaseView | None, agent: AgentInfo | None) -> None:
        self.case, self.agent = case, agent
        for button in self.buttons.values():
            self.button_row.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        self.message.clear()
        self.timeline.clear()
        if case is None or agent is None:
            return
        for action in case_actions.available_actions(case, agent_id=agent.id, role=agent.role):
            button = QPushButton(self.action_title(action))
            button.setAccessibleName(self.action_title(action).replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, chosen=action: self.ask(chosen))
            self.buttons[action] = button
            self.button_row.addWidget(button)
        case_id = case.case_id
        self._work.run(
            lambda session: case_events(session, case_id),
            name="case timeline",
            on_success=self._show_events,
        )

    def focus_first(self) -> None:
        first = next(iter(self.buttons.values()), None)
        if first is not None:
            first.setFocus()

    def ask(self, action: CaseAction) -> None:
        """Open the action's dialog (window-modal, not blocking); OK carries the action out."""
        if self.case is None:
            return
        dialog = CaseActionDialog(action, self.action_title(action).replace("&", ""), self.case, self)
        dialog.accepted.connect(lambda: self.perform(action, dialog.inputs()))
        dialog.finished.connect(self._dialog_closed)
        self.current_dialog = dialog
        dialog.open()

    @Slot()
    def _dialog_closed(self) -> None:
        if self.current_dialog is not None:
            self.current_dialog.deleteLater()
        self.current_dialog = None

    def perform(self, action: CaseAction, inputs: dict[str, object]) -> None:
        case, agent = self.case, self.agent
        if case is None or agent is None:
            return

        def work(session: Any) -> CaseView:
            return case_actions.perform(
                session,
                case.case_id,
                action,
                agent_id=agent.id,
                expected_row_version=case.row_version,
                inputs=inputs,
            )

        self.message.setText(self.tr("Working…"))
        self._work.run(work, name="case action", on_success=self._done, on_error=self._refused)

    def _done(self, case: CaseView) -> None:
        self.set_case(case, self.agent)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Done."))
        self.case_updated.emit(case)

    def _refused(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(refusal_text(error))

    def _show_events(self, events: tuple[CaseEventView, ...]) -> None:
        self.timeline.show_events(events)
