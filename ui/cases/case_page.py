"""The case page: the case's header, its talk script in the wizard, then what can be done with it now."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desk_app.config import CompanyProfile
from desk_app.domain import deadlines
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.erased_register_key import KeySource
from desk_app.scripts.answers import AnswerError
from desk_app.scripts.model import Action, Operation, Script, Step, StepKind
from desk_app.scripts.progress import ScriptDraft, values_on_path
from desk_app.services.agents import AgentInfo
from desk_app.services.cases import scripts as case_scripts
from desk_app.services.cases.identity import IdentityCheckResult
from desk_app.services.cases.lifecycle import CaseView
from desk_app.services.cases.operations import CustomerConflict
from desk_app.services.cases.scripts import CaseContext, ScriptedCase
from desk_app.storage.errors import DatabaseProblem, classify
from ui.cases.action_step_pages import CorrectionStepPage, FeeStepPage, MailingsStepPage, PlainActionPage
from ui.cases.case_actions_bar import CaseActionsBar
from ui.cases.identity_step_page import IdentityStepPage
from ui.cases.script_step_page import StepPage
from ui.cases.script_wizard import ScriptWizard
from ui.common.background import BackgroundRunner, problem_text, refusal_text
from ui.common.enum_labels import case_kind_label, case_state_label
from ui.common.serial_work import SerialWork

# A draft save that met one of these is kept and sent again: the database will be back.
_PASSING_PROBLEMS = frozenset(
    {DatabaseProblem.UNREACHABLE, DatabaseProblem.CANNOT_OPEN, DatabaseProblem.BUSY}
)


@dataclass(frozen=True)
class _UnsavedDraft:
    number: int
    case_id: int
    agent_id: int
    draft: ScriptDraft


class CasePage(QWidget):
    """Hosts one case at a time. Every write goes through `SerialWork`, so drafts and steps stay in order."""

    # The case's state or data changed: the Cases pane and the record refresh.
    case_changed = Signal(int)
    customer_changed = Signal(int)

    def __init__(
        self,
        runner: BackgroundRunner,
        scripts: Mapping[str, Script],
        company: CompanyProfile,
        register_key: KeySource | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("case_page")
        self._runner = runner
        self.work = SerialWork(runner, self)
        self._scripts = scripts
        self._company = company
        self.agent: AgentInfo | None = None
        self.context: CaseContext | None = None
        self.wizard: ScriptWizard | None = None
        # The newest draft the database could not take; sent again on reconnection or with the next step.
        self.unsaved_draft: _UnsavedDraft | None = None
        self._draft_numbers = itertools.count(1)

        self.header = QLabel()
        self.header.setAccessibleName(self.tr("Case"))
        header_font = self.header.font()
        header_font.setBold(True)
        self.header.setFont(header_font)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.deadline_label = QLabel()
        self.deadline_label.setAccessibleName(self.tr("Deadline"))
        # What the agent noted at the script's end and where a supervisor calls back: for whoever
        # picks the case up next.
        self.notes_label = QLabel()
        self.notes_label.setObjectName("case_notes")
        self.notes_label.setAccessibleName(self.tr("Case notes"))
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.notes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes_label.setStyleSheet(
            "#case_notes { background: #fffbe6; border: 1px solid #e6d9a2; padding: 6px; }"
        )
        self.notes_label.hide()
        self.empty_label = QLabel(self.tr("No case open. Start one with New inquiry (Ctrl+N)."))
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.wizard_holder = QVBoxLayout()
        self.draft_status = QLabel()
        self.draft_status.setObjectName("draft_status")
        self.draft_status.setAccessibleName(self.tr("Draft not saved"))
        self.draft_status.setWordWrap(True)
        self.draft_status.setStyleSheet("QLabel { color: #b00020; }")
        self.draft_status.hide()
        self.actions_bar = CaseActionsBar(self.work, company, register_key, self)
        self.actions_bar.case_updated.connect(self._case_updated)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.deadline_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(rule)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.draft_status)
        layout.addLayout(self.wizard_holder, 4)
        layout.addWidget(self.actions_bar, 1)
        self.actions_bar.hide()

    @property
    def case(self) -> CaseView | None:
        return self.context.case if self.context else None

    def set_agent(self, agent: AgentInfo | None) -> None:
        self.agent = agent
        if agent is None:
            self.close_case()

    # --- opening ---------------------------------------------------------------------------------------

    def start_request(self, script_id: str, customer_id: int | None, call_row_id: int | None) -> None:
        """Open a new case for the signed-in agent and start its script."""
        agent = self.agent
        if agent is None:
            return
        script, company = self._scripts[script_id], self._company

        def work(session: Any) -> CaseContext:
            started: ScriptedCase = case_scripts.start_request(
                session,
                script=script,
                customer_id=customer_id,
                agent_id=agent.id,
                company=company,
                call_row_id=call_row_id,
            )
            return case_scripts.case_context(session, started.case.case_id, agent_id=agent.id, log_view=True)

        self.work.run(work, name="start a request", on_success=self._show_context)

    def open_case(self, case_id: int) -> None:
        """Show a case: its script where this agent left it, or its actions once the script is over."""
        agent = self.agent
        if agent is None:
            return
        self.work.run(
            lambda session: case_scripts.case_context(session, case_id, agent_id=agent.id, log_view=True),
            name="open a case",
            on_success=self._show_context,
        )

    def close_case(self) -> None:
        self.context = None
        self._drop_wizard()
        self.header.clear()
        self.deadline_label.clear()
        self._show_notes(None)
        self.actions_bar.set_case(None, None)
        self.actions_bar.hide()
        self.empty_label.show()

    def _show_context(self, context: CaseContext) -> None:
        if self.agent is None:
            return
        self.context = context
        unsaved = self.unsaved_draft
        if unsaved is not None and unsaved.case_id == context.case.case_id and context.draft is None:
            # The script ended (finished or cancelled) with its answers: the old draft is moot.
            self.unsaved_draft = None
            self.draft_status.hide()
        self.empty_label.hide()
        self._drop_wizard()
        self._show_header(context.case)
        self._show_notes(context)
        script = self._scripts.get(context.case.script_id or "")
        if context.draft is not None and script is not None and script.version == context.draft.version:
            self._show_wizard(script, context.draft)
        else:
            self._show_actions()
        self.case_changed.emit(context.case.case_id)

    def _show_wizard(self, script: Script, draft: ScriptDraft) -> None:
        assert self.context is not None
        wizard = ScriptWizard(
            script,
            self._company,
            "ja",
            draft=draft,
            page_factory=self._page_for,
            facts=self.context.facts,
            parent=self,
            agent_name=self.agent.display_name if self.agent else None,
        )
        wizard.setObjectName("case_wizard")
        wizard.draft_changed.connect(self._save_draft)
        wizard.action_requested.connect(self._run_action)
        wizard.finished.connect(self._finish)
        wizard.cancelled.connect(self._cancel)
        self.wizard_holder.addWidget(wizard)
        self.wizard = wizard
        self.actions_bar.hide()
        wizard.focus_step()

    def _drop_wizard(self) -> None:
        if self.wizard is not None:
            self.wizard.hide()
            self.wizard.deleteLater()
            self.wizard = None

    def _show_actions(self) -> None:
        assert self.context is not None
        assert self.agent is not None
        self.actions_bar.set_case(self.context.case, self.agent)
        self.actions_bar.show()
        self.actions_bar.focus_first()

    def _show_header(self, case: CaseView) -> None:
        customer = self.context.customer_no if self.context else None
        parts = [case.case_no, case_kind_label(case.kind), case_state_label(case.state)]
        if customer:
            parts.insert(2, self.tr("customer %1").replace("%1", customer))
        self.header.setText("  ·  ".join(parts))
        deadline = case.deadline
        today = deadlines.japan_today()
        if case.closed_at is not None:
            text = self.tr("Closed")
        elif deadline.overdue(today):
            text = self.tr("Due %1 — overdue").replace("%1", deadline.due_on.isoformat())
        else:
            text = (
                self.tr("Due %1 — %2 days, %3 business days left")
                .replace("%1", deadline.due_on.isoformat())
                .replace("%2", str(deadline.days_left(today)))
                .replace("%3", str(deadline.business_days_left(today)))
            )
        if case.deadline_extended:
            text += self.tr(" (extended)")
        self.deadline_label.setText(text)

    def _show_notes(self, context: CaseContext | None) -> None:
        lines = []
        if context is not None and context.callback_number:
            lines.append(self.tr("Call back on: %1").replace("%1", context.callback_number))
        for note in context.notes if context is not None else ():
            lines.append(self.tr("Note: %1").replace("%1", note))
        self.notes_label.setText("\n".join(lines))
        self.notes_label.setVisible(bool(lines))

    # --- the steps that act --------------------------------------------------------------------------

    def _page_for(self, step: Step, answers: Mapping[str, str]) -> StepPage | None:
        context = self.context
        assert context is not None
        answer = answers.get(step.id)
        if step.kind is StepKind.VERIFY_IDENTITY:
            return IdentityStepPage(
                step,
                self._company,
                "ja",
                answer,
                caller_number=context.caller_number,
                registered_numbers=context.registered_numbers,
                knowledge_items=context.knowledge_items,
                check=self._check_identity,
                caller_id_checks_left=context.caller_id_checks_left,
                caller_id_unavailable=context.caller_id_unavailable,
            )
        if not isinstance(step.detail, Action):
            return None
        script = self._scripts[context.case.script_id or ""]
        values = values_on_path(script, step.id, answers, facts=context.facts)
        operation = step.detail.operation
        if operation is Operation.REQUEST_FEE:
            return FeeStepPage(step, self._company, "ja", answer)
        if operation is Operation.STOP_MAILINGS:
            return MailingsStepPage(
                step,
                self._company,
                "ja",
                answer,
                chosen=case_scripts.mailings_to_stop(values),
                stop_from=values.get("stop_from") or None,
            )
        if operation is Operation.APPLY_CORRECTION:
            return CorrectionStepPage(
                step,
                self._company,
                "ja",
                answer,
                proposal=case_scripts.correction_proposal(values),
                current=context.current,
                row_version=context.customer_row_version,
            )
        return PlainActionPage(step, self._company, "ja", answer)

    def _check_identity(self, method: IdentityMethod, inputs: dict[str, object]) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        case_id = context.case.case_id

        def work(session: Any) -> IdentityCheckResult:
            return case_scripts.check_identity(
                session, case_id, agent_id=agent.id, method=method, inputs=inputs
            )

        self.work.run(
            work, name="identity check", on_success=self._identity_checked, on_error=self._check_failed
        )

    def _identity_checked(self, result: IdentityCheckResult) -> None:
        page = self.wizard.page if self.wizard else None
        if isinstance(page, IdentityStepPage):
            page.show_result(result.verified, result.failure, result.caller_id_checks_left)
        self._reload_case()

    def _check_failed(self, error: Exception) -> None:
        page = self.wizard.page if self.wizard else None
        if isinstance(page, IdentityStepPage):
            page.check_failed(refusal_text(error))

    @Slot(str, object, object)
    def _run_action(self, step_id: str, answers: dict[str, str], inputs: dict[str, object]) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        script = self._scripts[context.case.script_id or ""]
        case_id, company = context.case.case_id, self._company
        operation = getattr(script.step(step_id).detail, "operation", None)

        def work(session: Any) -> CaseView:
            return case_scripts.run_action(
                session,
                case_id,
                script=script,
                step_id=step_id,
                answers=answers,
                inputs=inputs,
                agent_id=agent.id,
                company=company,
            )

        changes_record = operation in (Operation.APPLY_CORRECTION, Operation.STOP_MAILINGS)
        self.work.run(
            work,
            name="script action",
            on_success=lambda case: self._action_done(step_id, case, changes_record=changes_record),
            on_error=self._action_failed,
        )

    def _action_done(self, step_id: str, case: CaseView, *, changes_record: bool) -> None:
        self._reload_case()
        if changes_record and case.customer_id is not None:
            self.customer_changed.emit(case.customer_id)
        if self.wizard is not None:
            self.wizard.action_succeeded(step_id)

    def _action_failed(self, error: Exception) -> None:
        if self.wizard is None:
            return
        if isinstance(error, CustomerConflict):
            message = self.tr(
                "The record was changed at another desk. Your entries are kept: check them against the "
                "record and press Next again."
            )
            self.wizard.action_failed(message)
            self._reload_for_conflict(message)
            return
        if isinstance(error, AnswerError | ValueError | PermissionError | LookupError) or classify(error):
            self.wizard.action_failed(refusal_text(error))
            return
        self.wizard.action_failed(self.tr("Not done: the step failed."))
        self._runner.show_error(error)

    def _reload_for_conflict(self, message: str) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        case_id = context.case.case_id

        def reloaded(fresh: CaseContext) -> None:
            self.context = fresh
            page = self.wizard.page if self.wizard else None
            if isinstance(page, CorrectionStepPage):
                page.record_reloaded(fresh.customer_row_version, fresh.current, message)

        self.work.run(
            lambda session: case_scripts.case_context(session, case_id, agent_id=agent.id),
            name="reload after a conflict",
            on_success=reloaded,
        )

    # --- drafts, finishing, cancelling ----------------------------------------------------------------

    @Slot(object)
    def _save_draft(self, draft: ScriptDraft) -> None:
        agent, context = self.agent, self.context
        if agent is None or context is None:
            return
        # A newer draft holds every answer an unsaved one had, so it replaces it.
        self._send_draft(_UnsavedDraft(next(self._draft_numbers), context.case.case_id, agent.id, draft))

    @Slot()
    def resend_unsaved_draft(self) -> None:
        """Send the newest draft the database could not take (the window calls this on reconnection)."""
        if self.unsaved_draft is not None:
            self._send_draft(self.unsaved_draft)

    def _send_draft(self, unsaved: _UnsavedDraft) -> None:
        def saved(_result: object) -> None:
            if self.unsaved_draft is not None and self.unsaved_draft.number <= unsaved.number:
                self.unsaved_draft = None
                self.draft_status.hide()

        def failed(error: Exception) -> None:
            problem = classify(error)
            if problem not in _PASSING_PROBLEMS:
                self._runner.show_error(error)
                return
            if self.unsaved_draft is None or self.unsaved_draft.number <= unsaved.number:
                self.unsaved_draft = unsaved
            # The wizard keeps its answers in memory; the agent carries on and is told why.
            assert problem is not None
            self.draft_status.setText(
                self.tr(
                    "Progress not saved yet: %1 Your answers are kept and are saved once it is back."
                ).replace("%1", problem_text(problem))
            )
            self.draft_status.show()

        self.work.run(
            lambda session: case_scripts.save_progress(
                session, unsaved.case_id, agent_id=unsaved.agent_id, draft=unsaved.draft
            ),
            name="save script draft",
            on_success=saved,
            on_error=failed,
        )

    @Slot(object)
    def _finish(self, answers: dict[str, str]) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        script = self._scripts[context.case.script_id or ""]
        case_id = context.case.case_id

        def work(session: Any) -> CaseContext:
            case_scripts.finish_script(session, case_id, script=script, answers=answers, agent_id=agent.id)
            return case_scripts.case_context(session, case_id, agent_id=agent.id)

        self.work.run(work, name="finish script", on_success=self._show_context)

    @Slot(str)
    def _cancel(self, reason: str) -> None:
        agent, context, wizard = self.agent, self.context, self.wizard
        assert agent is not None
        assert context is not None
        assert wizard is not None
        script = self._scripts[context.case.script_id or ""]
        case_id, answers = context.case.case_id, dict(wizard.answers)

        def work(session: Any) -> CaseContext:
            case_scripts.cancel_script(
                session, case_id, script=script, answers=answers, agent_id=agent.id, reason=reason
            )
            return case_scripts.case_context(session, case_id, agent_id=agent.id)

        def failed(error: Exception) -> None:
            wizard.cancel_failed()
            self._runner.show_error(error)

        self.work.run(work, name="cancel script", on_success=self._show_context, on_error=failed)

    def _reload_case(self) -> None:
        agent, context = self.agent, self.context
        if agent is None or context is None:
            return
        case_id = context.case.case_id

        def reloaded(fresh: CaseContext) -> None:
            if self.context is not None and self.context.case.case_id == fresh.case.case_id:
                self.context = fresh
                self._show_header(fresh.case)
                self._show_notes(fresh)
                self.case_changed.emit(fresh.case.case_id)

        self.work.run(
            lambda session: case_scripts.case_context(session, case_id, agent_id=agent.id),
            name="reload a case",
            on_success=reloaded,
        )

    @Slot(object)
    def _case_updated(self, case: CaseView) -> None:
        if self.context is None or self.context.case.case_id != case.case_id:
            return
        self._reload_case()
        # After an approval the record may be erased, after a completion unchanged: reloading is cheap.
        if case.customer_id is not None:
            self.customer_changed.emit(case.customer_id)
