"""The case page: the case's header, its talk script in the wizard, then what can be done with it now."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from desk_app.config import CompanyProfile
from desk_app.domain.identity_methods import IdentityMethod
from desk_app.erased_register_key import KeySource
from desk_app.scripts.answers import AnswerError
from desk_app.scripts.model import Operation, Script, Step
from desk_app.scripts.progress import ScriptDraft
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.corrections import CustomerConflict
from desk_app.services.cases.identity import IdentityCheckResult
from desk_app.services.cases.proxies import PersonAnswer, ProxyRequest
from desk_app.services.cases.records import CaseView
from desk_app.services.cases.scripts import CaseContext
from desk_app.services.database import classify
from ui.cases import ops
from ui.cases.action_step_pages import CorrectionStepPage
from ui.cases.case_actions_bar import CaseActionsBar
from ui.cases.case_header import CaseHeader
from ui.cases.case_watch import CaseWatch
from ui.cases.hosted_step_pages import hosted_page
from ui.cases.identity_step_page import IdentityStepPage
from ui.cases.script_step_page import StepPage
from ui.cases.script_wizard import ScriptWizard
from ui.cases.unsaved_draft import PASSING_PROBLEMS, UnsavedDraft
from ui.common.background import BackgroundRunner, problem_text, refusal_text
from ui.common.serial_work import SerialWork


class CasePage(QWidget):
    """Hosts one case at a time. Every write goes through `SerialWork`, so drafts and steps stay in order."""

    # The case's state or data changed: the Cases pane and the record refresh.
    case_changed = Signal(int)
    customer_changed = Signal(int)
    # A letter was made or printed (its id): the mail room's queue changed.
    letter_made = Signal(int)

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
        self.unsaved_draft: UnsavedDraft | None = None
        self._draft_numbers = itertools.count(1)

        self.header = CaseHeader()
        self.notes_label = self.header.notes_label
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
        self.actions_bar.letter_made.connect(self.letter_made)
        self.watch = CaseWatch(runner, self, lambda: self.case, lambda: self.work.busy)
        self.watch.changed.connect(lambda: self._reload_case(elsewhere=True))
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(rule)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.draft_status)
        layout.addWidget(self.watch.note)
        layout.addLayout(self.wizard_holder, 4)
        layout.addWidget(self.actions_bar, 1)
        self.actions_bar.hide()

    @property
    def case(self) -> CaseView | None:
        return self.context.case if self.context else None

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        # Another agent signing in over the last one starts clean, as after a lock: the case on screen,
        # its actions bar included, would otherwise act as the agent who opened it.
        changed = agent is None or (self.agent is not None and self.agent.id != agent.id)
        self.agent = agent
        if changed:
            self.close_case()

    # --- opening ---------------------------------------------------------------------------------------

    def start_request(
        self,
        script_id: str,
        customer_id: int | None,
        call_row_id: int | None,
        arrived_by_post_on: dt.date | None = None,
        incident_no: str | None = None,
    ) -> None:
        """Open a new case for the signed-in agent and start its script: a request on the call, or one
        that arrived by post on `arrived_by_post_on` (received that day, with no call); a question about a
        leak incident is about `incident_no`, or none."""
        agent = self.agent
        if agent is None:
            return
        work = ops.start_request(
            self._scripts[script_id],
            customer_id=customer_id,
            agent_id=agent.id,
            company=self._company,
            call_row_id=call_row_id,
            arrived_by_post_on=arrived_by_post_on,
            incident_no=incident_no,
        )
        self.work.run(work, name="start a request", on_success=self._show_context)

    def open_case(self, case_id: int) -> None:
        """Show a case: its script where this agent left it, or its actions once the script is over."""
        agent = self.agent
        if agent is None:
            return
        self.work.run(
            ops.case_context(case_id, agent_id=agent.id, log_view=True),
            name="open a case",
            on_success=self._show_context,
        )

    def close_case(self) -> None:
        self.context = None
        self.watch.clear()
        self._drop_wizard()
        self.header.clear()
        self.actions_bar.set_case(None, None)
        self.actions_bar.hide()
        self.empty_label.show()

    def _show_context(self, context: CaseContext) -> None:
        if self.agent is None:
            return
        self.context = context
        self.watch.clear()
        unsaved = self.unsaved_draft
        if unsaved is not None and unsaved.case_id == context.case.case_id and context.draft is None:
            # The script ended (finished or cancelled) with its answers: the old draft is moot.
            self.unsaved_draft = None
            self.draft_status.hide()
        self.empty_label.hide()
        self._drop_wizard()
        self.header.show_case(context)
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
            case_values=self.context.incident.talk_values() if self.context.incident else None,
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

    # --- the steps that act --------------------------------------------------------------------------

    def _page_for(self, step: Step, answers: Mapping[str, str]) -> StepPage | None:
        assert self.context is not None
        return hosted_page(
            step,
            answers,
            self.context,
            self._scripts,
            self._company,
            check_identity=self._check_identity,
            proxy_step=self._proxy_step,
        )

    def _proxy_step(self, step: object) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        assert isinstance(step, ProxyRequest | PersonAnswer)
        work = ops.proxy_step(context.case.case_id, agent_id=agent.id, step=step)
        self.work.run(work, name="proxy", on_success=self._proxy_recorded, on_error=self._proxy_refused)

    def _proxy_recorded(self, fresh: CaseContext) -> None:
        if self.context is None or self.context.case.case_id != fresh.case.case_id:
            return
        self.context = fresh
        self.header.show_case(fresh)
        if self.wizard is not None:
            self.wizard.refresh_page()
        self.case_changed.emit(fresh.case.case_id)

    def _proxy_refused(self, error: Exception) -> None:
        page = self.wizard.page if self.wizard else None
        if isinstance(page, IdentityStepPage) and page.proxy_panel is not None:
            page.proxy_panel.step_failed(refusal_text(error))

    def _check_identity(self, method: IdentityMethod, inputs: dict[str, object]) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        work = ops.check_identity(context.case.case_id, agent_id=agent.id, method=method, inputs=inputs)
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
        operation = getattr(script.step(step_id).detail, "operation", None)
        work = ops.run_action(
            context.case.case_id,
            script=script,
            step_id=step_id,
            answers=answers,
            inputs=inputs,
            agent_id=agent.id,
            company=self._company,
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
            ops.case_context(case_id, agent_id=agent.id),
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
        self._send_draft(UnsavedDraft(next(self._draft_numbers), context.case.case_id, agent.id, draft))

    @Slot()
    def resend_unsaved_draft(self) -> None:
        """Send the newest draft the database could not take (the window calls this on reconnection)."""
        if self.unsaved_draft is not None:
            self._send_draft(self.unsaved_draft)

    def _send_draft(self, unsaved: UnsavedDraft) -> None:
        def saved(_result: object) -> None:
            if self.unsaved_draft is not None and self.unsaved_draft.number <= unsaved.number:
                self.unsaved_draft = None
                self.draft_status.hide()

        def failed(error: Exception) -> None:
            problem = classify(error)
            if problem not in PASSING_PROBLEMS:
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
            ops.save_progress(unsaved.case_id, agent_id=unsaved.agent_id, draft=unsaved.draft),
            name="save script draft",
            on_success=saved,
            on_error=failed,
        )

    @Slot(object)
    def _finish(self, answers: dict[str, str]) -> None:
        agent, context = self.agent, self.context
        assert agent is not None
        assert context is not None
        work = ops.finish_script(
            context.case.case_id,
            script=self._scripts[context.case.script_id or ""],
            answers=answers,
            agent_id=agent.id,
        )
        self.work.run(work, name="finish script", on_success=self._show_context)

    @Slot(str)
    def _cancel(self, reason: str) -> None:
        agent, context, wizard = self.agent, self.context, self.wizard
        assert agent is not None
        assert context is not None
        assert wizard is not None
        work = ops.cancel_script(
            context.case.case_id,
            script=self._scripts[context.case.script_id or ""],
            answers=dict(wizard.answers),
            agent_id=agent.id,
            reason=reason,
        )

        def failed(error: Exception) -> None:
            wizard.cancel_failed()
            self._runner.show_error(error)

        self.work.run(work, name="cancel script", on_success=self._show_context, on_error=failed)

    def _reload_case(self, *, elsewhere: bool = False) -> None:
        """Read the case again (`elsewhere`: another desk changed it); the wizard's answers stay as typed."""
        agent, context = self.agent, self.context
        if agent is None or context is None:
            return
        case_id = context.case.case_id

        def reloaded(fresh: CaseContext) -> None:
            if self.context is not None and self.context.case.case_id == fresh.case.case_id:
                before, self.context = self.context.case, fresh
                self.header.show_case(fresh)
                if not self.actions_bar.isHidden():
                    self.actions_bar.set_case(fresh.case, agent)
                if elsewhere:
                    self.watch.reloaded(before, fresh.case)
                self.case_changed.emit(fresh.case.case_id)

        self.work.run(
            ops.case_context(case_id, agent_id=agent.id),
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
