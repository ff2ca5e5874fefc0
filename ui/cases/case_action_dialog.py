"""The dialog a case action opens: what the action needs (a reason, the fee's payment, extra days, the new
assignee, a refusal's ground and the customer's explanation, what a paused clock waits for), OK enabled once
it is complete."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain import deadlines
from desk_app.domain.enums import PauseReason, Proposal
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.actions import CaseAction
from desk_app.services.cases.records import CaseView
from ui.cases.refusal_answer_box import RefusalAnswerBox
from ui.common.enum_labels import pause_reason_label
from ui.common.japan_time import japan_today_qdate

# How disclosure fees arrive by post (定額小為替 is the usual way), offered first; any text is accepted.
FEE_METHODS = ("定額小為替", "現金書留", "銀行振込")
_NEEDS_REASON = frozenset(
    {
        CaseAction.WAIVE_FEE,
        CaseAction.PROPOSE_REFUSAL,
        CaseAction.APPROVE,
        CaseAction.DENY,
        CaseAction.REOPEN,
        CaseAction.WITHDRAW,
        CaseAction.EXTEND_DEADLINE,
        CaseAction.ANSWER_COMPLAINT,
    }
)


class CaseActionDialog(QDialog):
    """Asks for what one action needs; OK stays disabled until a required reason is given."""

    def __init__(
        self,
        action: CaseAction,
        title: str,
        case: CaseView,
        agents: tuple[AgentInfo, ...] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.action = action
        self.setWindowTitle(title)
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.method = QComboBox()
        self.method.setEditable(True)
        self.method.addItems(list(FEE_METHODS))
        self.received_on = QDateEdit(japan_today_qdate())
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
        # What the desk waits for: chosen, never assumed (OK stays off until one is).
        self.pause_reason = QComboBox()
        self.pause_reason.addItem(self.tr("Choose…"), None)
        for reason in PauseReason:
            self.pause_reason.addItem(pause_reason_label(reason), reason.value)
        if action is CaseAction.PAUSE:
            self.pause_reason.setAccessibleName(self.tr("Waiting for"))
            self.pause_reason.currentIndexChanged.connect(self._update_ok)
            form.addRow(self.tr("&Waiting for:"), self.pause_reason)
        if action is CaseAction.RESUME and case.pause is not None:
            form.addRow(self._resume_summary(case))
        self.to_agent = QComboBox()
        if action is CaseAction.REASSIGN:
            self.to_agent.setAccessibleName(self.tr("New assignee"))
            self.to_agent.addItem(self.tr("Nobody (the shared queue)"), None)
            for agent in agents:
                self.to_agent.addItem(agent.display_name, agent.id)
            form.addRow(self.tr("&Give to:"), self.to_agent)
        # Proposing or approving a refusal: what the letter prints is asked for apart from the internal note.
        self.answer: RefusalAnswerBox | None = None
        if action is CaseAction.PROPOSE_REFUSAL or (
            action is CaseAction.APPROVE and case.proposal is Proposal.REFUSAL
        ):
            self.answer = RefusalAnswerBox(case)
            self.answer.set_answer(case.proposed_answer)
            self.answer.changed.connect(self._update_ok)
        internal: QFormLayout | None = None
        optional_note = (CaseAction.COMPLETE, CaseAction.PAUSE, CaseAction.RESUME)
        if action in _NEEDS_REASON or action in (*optional_note, CaseAction.REASSIGN):
            text = self.tr("&Answer given:") if action is CaseAction.ANSWER_COMPLAINT else self.tr("&Reason:")
            if action in optional_note:
                text = self.tr("&Note (optional):")
            elif action is CaseAction.REASSIGN:
                text = self.tr("&Reason (optional):")
            elif self.answer is not None:
                text = self.tr("Internal &note (optional):")
            elif action is CaseAction.WAIVE_FEE:
                # Why the fee is waived stays in the case: the label says the letter never prints it.
                text = self.tr("&Reason (internal, not on the letter):")
            self.reason.setAccessibleName(text.replace("&", "").rstrip(":"))
            if self.answer is None:
                form.addRow(text, self.reason)
            else:
                internal = self._internal_part(case, text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if self.answer is not None:
            layout.addWidget(self.answer)
        if internal is not None:
            box = QGroupBox(self.tr("Internal — kept in the case log, never printed"))
            box.setStyleSheet("QGroupBox { color: #555555; }")
            box.setLayout(internal)
            layout.addWidget(box)
        layout.addWidget(self.buttons)
        self._update_ok()

    def _resume_summary(self, case: CaseView) -> QLabel:
        """What resuming does: the days paused move the due date on."""
        assert case.pause is not None
        deadline = case.deadline
        today = deadlines.japan_today()
        summary = QLabel(
            self.tr("Paused since %1, waiting for %2. Resuming today moves the due date from %3 to %4.")
            .replace("%1", case.pause.since_day.isoformat())
            .replace("%2", pause_reason_label(case.pause.reason))
            .replace("%3", deadline.due_on.isoformat())
            .replace("%4", deadline.due_if_resumed(today).isoformat())
        )
        summary.setWordWrap(True)
        summary.setAccessibleName(self.tr("What resuming does"))
        return summary

    def _internal_part(self, case: CaseView, label: str) -> QFormLayout:
        """The note for colleagues (and, approving, the proposer's), set apart from the letter's text."""
        internal = QFormLayout()
        if self.action is CaseAction.APPROVE and case.proposal_note:
            proposer = QLabel(case.proposal_note)
            proposer.setWordWrap(True)
            proposer.setAccessibleName(self.tr("Proposer's note"))
            internal.addRow(self.tr("Proposer's note:"), proposer)
        internal.addRow(label, self.reason)
        return internal

    def _warning(self, case: CaseView) -> str | None:
        if self.action is CaseAction.APPROVE and case.proposal is Proposal.ERASURE:
            return self.tr(
                "This erases the customer's name, kana, addresses, phone numbers, e-mail, date of birth and "
                "workplace for good. Orders stay, without anything that identifies the customer."
            )
        if self.action is CaseAction.APPROVE:
            return self.tr(
                "This refuses the request. The customer's letter prints the ground and the explanation "
                "below as you leave them (APPI Art. 36); your note is internal."
            )
        return None

    def inputs(self) -> dict[str, object]:
        return {
            "reason": self.reason.toPlainText().strip(),
            "note": self.reason.toPlainText().strip(),
            "method": self.method.currentText().strip(),
            "on": self.received_on.date().toString("yyyy-MM-dd"),
            "days": self.days.value(),
            "to_agent": self.to_agent.currentData(),
            "pause_reason": self.pause_reason.currentData(),
            **self._refusal_inputs(),
        }

    def _refusal_inputs(self) -> dict[str, object]:
        if self.answer is None:
            return {"ground": None, "customer_text": "", "alternative": None}
        ground = self.answer.chosen_ground()
        return {
            "ground": ground.value if ground else None,
            "customer_text": self.answer.customer_text(),
            "alternative": self.answer.alternative_text(),
        }

    @Slot()
    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if self.answer is not None:
            # A refusal needs its ground and the customer's explanation; the internal note may stay empty.
            ok.setEnabled(self.answer.is_complete())
        elif self.action is CaseAction.PAUSE:
            ok.setEnabled(self.pause_reason.currentData() is not None)
        else:
            ok.setEnabled(self.action not in _NEEDS_REASON or bool(self.reason.toPlainText().strip()))
