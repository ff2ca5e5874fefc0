"""What can be done with a case now (only what the core allows), each asking for what it needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desk_app.config import CompanyProfile
from desk_app.domain.enums import Proposal
from desk_app.domain.letter_rules import ANSWERED_KINDS
from desk_app.erased_register_key import KeySource
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.actions import CaseAction, available_actions
from desk_app.services.cases.letter_views import LetterView, mail_method_label
from desk_app.services.cases.links import CaseLinks
from desk_app.services.cases.records import CaseEventView, CaseView
from ui.cases import ops
from ui.cases.case_action_dialog import CaseActionDialog
from ui.cases.case_timeline import CaseTimeline
from ui.common.background import refusal_text
from ui.common.enum_labels import case_state_label, letter_kind_label, pause_reason_label
from ui.common.japan_time import date_text, short_date_time_text
from ui.common.serial_work import SerialWork

if TYPE_CHECKING:
    from ui.common.letter_preview import LetterPreviewDialog

# Pausing and resuming the case's clock from the keyboard, wherever the focus is while the case is shown.
PAUSE_KEY = "Ctrl+Shift+P"
RESUME_KEY = "Ctrl+Shift+R"


class CaseActionsBar(QWidget):
    """Buttons for `available_actions`, the case's letter, and the case's timeline below them."""

    case_updated = Signal(object)  # CaseView
    letter_made = Signal(int)  # letter id: the mail room's queue changed

    def __init__(
        self,
        work: SerialWork,
        company: CompanyProfile,
        register_key: KeySource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._work = work
        self._company = company
        # Read (off the GUI thread) only when an erasure is approved.
        self._register_key = register_key
        self.preview: LetterPreviewDialog | None = None
        self.letter_button = QPushButton(self.tr("Le&tter…"))
        self.letter_button.setAccessibleName(self.tr("Letter to the customer"))
        self.letter_button.setToolTip(self.tr("Make the letter that answers this case and preview it"))
        self.letter_button.clicked.connect(self.show_letter)
        self.case: CaseView | None = None
        self.agent: AgentInfo | None = None
        self.current_dialog: CaseActionDialog | None = None
        # Who a supervisor can give a case to; loaded with the case.
        self.agents: tuple[AgentInfo, ...] = ()
        self.buttons: dict[CaseAction, QPushButton] = {}
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Case action result"))
        self.button_row = QHBoxLayout()
        self.timeline = CaseTimeline()
        self.links_label = QLabel()
        self.links_label.setWordWrap(True)
        self.links_label.setAccessibleName(self.tr("Linked call and letters"))
        top = QHBoxLayout()
        top.addLayout(self.button_row)
        top.addStretch(1)
        top.addWidget(self.letter_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.links_label)
        layout.addWidget(self.timeline, 1)
        self.shortcuts: dict[CaseAction, QShortcut] = {}
        for action, keys in ((CaseAction.PAUSE, PAUSE_KEY), (CaseAction.RESUME, RESUME_KEY)):
            shortcut = QShortcut(QKeySequence(keys), self)
            # The window's: a case shown answers it wherever the focus is; a hidden case page does not.
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda chosen=action: self.ask_if_offered(chosen))
            self.shortcuts[action] = shortcut

    def action_title(self, action: CaseAction) -> str:
        approving_erasure = self.case is not None and self.case.proposal is Proposal.ERASURE
        titles = {
            CaseAction.RECORD_FEE_RECEIVED: self.tr("Fee &paid…"),
            CaseAction.WAIVE_FEE: self.tr("W&aive fee…"),
            CaseAction.COMPLETE: self.tr("Com&plete…"),
            CaseAction.ANSWER_COMPLAINT: self.tr("&Answer the complaint…"),
            CaseAction.PROPOSE_REFUSAL: self.tr("Propose ref&usal…"),
            CaseAction.APPROVE: self.tr("A&pprove erasure…") if approving_erasure else self.tr("A&pprove…"),
            CaseAction.DENY: self.tr("Den&y…"),
            CaseAction.PAUSE: self.tr("Pause the cloc&k…"),
            CaseAction.RESUME: self.tr("&Resume the clock…"),
            CaseAction.WITHDRAW: self.tr("Withdraw&n…"),
            CaseAction.EXTEND_DEADLINE: self.tr("E&xtend deadline…"),
            CaseAction.REASSIGN: self.tr("Hand &over…"),
            CaseAction.REOPEN: self.tr("Re&open…"),
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
        self.links_label.clear()
        # Only the requests a letter answers (not a complaint or report, whose register is the record, nor a
        # question about joint use, answered on the call).
        self.letter_button.setVisible(case is not None and case.kind in ANSWERED_KINDS)
        if case is None or agent is None:
            return
        for action in available_actions(case, agent_id=agent.id, role=agent.role):
            button = QPushButton(self.action_title(action))
            button.setAccessibleName(self.action_title(action).replace("&", "").rstrip("…"))
            button.clicked.connect(lambda _checked=False, chosen=action: self.ask(chosen))
            if action in self.shortcuts:
                keys = self.shortcuts[action].key().toString(QKeySequence.SequenceFormat.NativeText)
                button.setToolTip(self._clock_tip(action).replace("%1", keys))
            self.buttons[action] = button
            self.button_row.addWidget(button)
        case_id = case.case_id
        self._work.run(ops.case_events(case_id), name="case timeline", on_success=self._show_events)
        self._work.run(ops.case_links(case_id), name="case links", on_success=self._show_links)
        if CaseAction.REASSIGN in self.buttons and not self.agents:
            self._work.run(ops.active_agents(), name="agents", on_success=self._set_agents)

    def focus_first(self) -> None:
        first = next(iter(self.buttons.values()), None)
        if first is not None:
            first.setFocus()

    def _clock_tip(self, action: CaseAction) -> str:
        if action is CaseAction.PAUSE:
            return self.tr("Stop the due date while the desk waits for the customer (%1)")
        return self.tr("The customer's part arrived: the due date moves on by the days paused (%1)")

    @Slot()
    def ask_if_offered(self, action: CaseAction) -> None:
        """A shortcut's action, when the case offers it now and no other dialog is open."""
        if action in self.buttons and self.current_dialog is None:
            self.ask(action)

    def ask(self, action: CaseAction) -> None:
        """Open the action's dialog (window-modal, not blocking); OK carries the action out."""
        if self.case is None:
            return
        dialog = CaseActionDialog(
            action, self.action_title(action).replace("&", ""), self.case, self.agents, self
        )
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
        # What an approval decides is known only before it: afterwards the proposal is gone.
        approving_erasure = action is CaseAction.APPROVE and case.proposal is Proposal.ERASURE
        assignee = next((a.display_name for a in self.agents if a.id == inputs.get("to_agent")), None)
        work = ops.perform(
            case,
            action,
            agent_id=agent.id,
            inputs=inputs,
            company=self._company,
            register_key=self._register_key,
        )
        self.message.setText(self.tr("Working…"))
        self._work.run(
            work,
            name="case action",
            on_success=lambda done: self._done(
                action, done, approving_erasure=approving_erasure, assignee=assignee
            ),
            on_error=self._refused,
        )

    def _done(
        self, action: CaseAction, case: CaseView, *, approving_erasure: bool, assignee: str | None
    ) -> None:
        self.set_case(case, self.agent)
        self.message.setStyleSheet("")
        text = self.result_text(action, case, approving_erasure=approving_erasure, assignee=assignee)
        self.message.setText(text)
        self.case_updated.emit(case)

    def result_text(
        self,
        action: CaseAction,
        case: CaseView,
        *,
        approving_erasure: bool = False,
        assignee: str | None = None,
    ) -> str:
        """What `action` did, said as what is now true of the case (never a bare "done"). `assignee` is
        the agent a reassigned case went to; None is the shared queue."""
        if action is CaseAction.RECORD_FEE_RECEIVED:
            received = date_text(case.fee_received_at) if case.fee_received_at else ""
            return self.tr("Fee payment recorded: received on %1.").replace("%1", received)
        if action is CaseAction.APPROVE:
            if approving_erasure:
                return self.tr("Erasure approved: the customer's personal data has been erased.")
            return self.tr("Refusal approved: the request is refused.")
        if action is CaseAction.DENY:
            return self.tr("Proposal denied: the case is back to %1.").replace(
                "%1", case_state_label(case.state)
            )
        if action is CaseAction.REASSIGN:
            if assignee is None:
                return self.tr("Case put in the shared queue.")
            return self.tr("Case given to %1.").replace("%1", assignee)
        if action is CaseAction.EXTEND_DEADLINE:
            return self.tr("Deadline extended to %1.").replace("%1", date_text(case.due_on))
        if action is CaseAction.PAUSE:
            awaited = pause_reason_label(case.pause.reason) if case.pause else ""
            return self.tr("Clock paused, waiting for %1: the due date waits too.").replace("%1", awaited)
        if action is CaseAction.RESUME:
            return self.tr("Clock running again: due %1.").replace("%1", date_text(case.due_on))
        texts = {
            CaseAction.WAIVE_FEE: self.tr("Fee waived."),
            CaseAction.COMPLETE: self.tr("Case completed."),
            CaseAction.ANSWER_COMPLAINT: self.tr("Answer to the complaint recorded; the case is completed."),
            CaseAction.PROPOSE_REFUSAL: self.tr("Refusal proposed: it awaits a supervisor's approval."),
            CaseAction.WITHDRAW: self.tr("Request recorded as withdrawn."),
            CaseAction.REOPEN: self.tr("Case reopened: it is %1 again.").replace(
                "%1", case_state_label(case.state)
            ),
        }
        return texts[action]

    def _refused(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #b00020;")
        self.message.setText(refusal_text(error))

    def _show_links(self, links: CaseLinks) -> None:
        parts = []
        if links.call is not None:
            number = links.call.number or self.tr("no number")
            parts.append(
                self.tr("Call: %1 from %2")
                .replace("%1", short_date_time_text(links.call.started_at))
                .replace("%2", number)
            )
        for letter in links.letters:
            if letter.mailed_at is not None and letter.mail_method is not None:
                state = (
                    self.tr("mailed %1 (%2)")
                    .replace("%1", date_text(letter.mailed_at))
                    .replace("%2", mail_method_label(letter.mail_method))
                )
            elif letter.printed_at is not None:
                state = self.tr("printed, not mailed yet")
            else:
                state = self.tr("waiting in the mail room")
            parts.append(
                self.tr("Letter: %1, %2").replace("%1", letter_kind_label(letter.kind)).replace("%2", state)
            )
        self.links_label.setText("   ·   ".join(parts) if parts else self.tr("No call or letter linked"))

    def _set_agents(self, agents: tuple[AgentInfo, ...]) -> None:
        self.agents = agents

    def _show_events(self, events: tuple[CaseEventView, ...]) -> None:
        self.timeline.show_events(events)

    @Slot()
    def show_letter(self) -> None:
        """Make (or find) the letter answering the case, then preview it; printing it is recorded."""
        case, agent = self.case, self.agent
        if case is None or agent is None:
            return
        self.message.setText(self.tr("Making the letter…"))
        self._work.run(
            ops.make_letter(case.case_id, agent_id=agent.id, company=self._company),
            name="case letter",
            on_success=self._preview_letter,
            on_error=self._refused,
        )

    def _preview_letter(self, made: tuple[LetterView, bytes]) -> None:
        letter, pdf = made
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Letter ready: it waits in the mail room until it is mailed."))
        self.letter_made.emit(letter.letter_id)
        title = f"{letter.case_no} — {letter_kind_label(letter.kind)}"
        # On first use: QtPdf is not needed to paint the window.
        from ui.common.letter_preview import LetterPreviewDialog

        preview = LetterPreviewDialog(pdf, title, self)
        preview.printed.connect(lambda _pages: self._letter_printed(letter.letter_id))
        preview.finished.connect(preview.deleteLater)
        self.preview = preview
        preview.open()
        if self.case is not None:
            self.set_case(self.case, self.agent)  # the timeline shows the letter

    def _letter_printed(self, letter_id: int) -> None:
        agent = self.agent
        if agent is None:
            return
        self._work.run(
            ops.letter_printed(letter_id, agent_id=agent.id),
            name="letter printed",
            on_success=lambda _result: self.letter_made.emit(letter_id),
        )
