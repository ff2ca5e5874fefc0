"""The talk-script wizard: one step at a time, with progress, Back/Next and a draft after every move."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import CompanyProfile
from desk_app.scripts.answers import AnswerError
from desk_app.scripts.model import Ask, CaseFacts, Language, Script, Step, StepKind
from desk_app.scripts.progress import (
    ScriptDraft,
    next_step,
    path_to,
    position,
    previous_step,
    values_on_path,
)
from desk_app.scripts.render import local_text, read_back, talk_text
from ui.cases.script_step_page import DONE, StepPage

# Makes the page for a step (the host's identity and action pages); None: the plain page.
PageFactory = Callable[[Step, Mapping[str, str]], StepPage | None]
# Steps that change the record: once carried out, Back no longer goes before them.
_BINDING_KINDS = frozenset({StepKind.VERIFY_IDENTITY, StepKind.ACTION})


class ScriptWizard(QWidget):
    """Guides the agent through `script`; the host saves each `draft_changed` and acts on `finished`.

    `facts` (what the desk knows about the case) decide the steps shown only `when` they hold; a script
    with such steps needs them.

    At an action step Next emits `action_requested(step id, answers, inputs)` and waits: the host
    carries the operation out and calls `action_succeeded` (the wizard moves on) or `action_failed`.
    """

    step_changed = Signal(str)
    action_requested = Signal(str, object, object)  # step id, dict of answers, dict of inputs
    draft_changed = Signal(object)  # ScriptDraft
    finished = Signal(object)  # dict[str, str]: step id -> answer, along the path taken
    cancel_requested = Signal()
    cancelled = Signal(str)

    def __init__(
        self,
        script: Script,
        company: CompanyProfile,
        language: Language = "ja",
        draft: ScriptDraft | None = None,
        page_factory: PageFactory | None = None,
        facts: CaseFacts | None = None,
        parent: QWidget | None = None,
        *,
        agent_name: str | None = None,
        case_values: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.script = script
        # Said where the talk text has `{agent_name}` (the greeting); 〇〇 when no one is signed in.
        self.agent_name = agent_name
        # The case's own words for the talk text: the leak incident a question about one is about.
        self.case_values = dict(case_values or {})
        self.facts = facts
        self._page_factory = page_factory
        # True while the host carries out an action step: the buttons wait for it.
        self.busy = False
        self.company = company
        self.language: Language = language
        # Answers of steps left behind by Back are kept so Next offers them again; `finished` drops
        # the ones off the path finally taken.
        self.answers: dict[str, str] = {}
        self.current_step = script.steps[0].id
        if draft is not None:
            draft.check_fits(script, facts=facts)
            self.answers = dict(draft.answers)
            self.current_step = draft.current_step
        self._done = False

        self.title_label = QLabel(local_text(script.title, company, language))
        title_font = self.title_label.font()
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title_label.setFont(title_font)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Progress"))
        self.talk_label = QLabel()
        self.talk_label.setAccessibleName(self.tr("Talk text"))
        self.talk_label.setWordWrap(True)
        self.talk_label.setTextFormat(Qt.TextFormat.PlainText)
        self.talk_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.talk_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        talk_font = self.talk_label.font()
        talk_font.setPointSizeF(talk_font.pointSizeF() * 1.5)
        self.talk_label.setFont(talk_font)
        talk_frame = QFrame()
        talk_frame.setObjectName("talk_frame")
        talk_frame.setStyleSheet(
            "#talk_frame { background: #f4f7fb; border: 1px solid #c9d4e3; border-radius: 6px; }"
        )
        talk_layout = QVBoxLayout(talk_frame)
        talk_layout.setContentsMargins(16, 14, 16, 14)
        talk_layout.addWidget(self.talk_label)

        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAccessibleName(self.tr("Back"))
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.setToolTip(self.tr("Next step (Ctrl+Return)"))
        self.cancel_button = QPushButton(self.tr("Cancel req&uest…"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the request"))
        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.cancel_button.clicked.connect(self.cancel)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.go_next)

        header = QHBoxLayout()
        header.addWidget(self.title_label, 1)
        header.addWidget(self.progress_label)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        # A step with much to fill in (the identity checks) scrolls on a short screen rather than
        # squeezing its rows over one another.
        self.page_holder = QScrollArea()
        self.page_holder.setWidgetResizable(True)
        self.page_holder.setFrameShape(QFrame.Shape.NoFrame)
        self.page_holder.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.page_holder.setAccessibleName(self.tr("Step"))
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(talk_frame)
        layout.addSpacing(10)
        layout.addWidget(self.page_holder, 1)
        layout.addLayout(buttons)
        self.page = self._show_step()

    def draft(self) -> ScriptDraft:
        return ScriptDraft(
            script_id=self.script.id,
            version=self.script.version,
            current_step=self.current_step,
            answers=dict(self.answers),
        )

    def focus_step(self) -> None:
        """Puts the keyboard focus on the step's input (or on Next when it has none)."""
        if not self.page.focus_input():
            self.next_button.setFocus()

    @property
    def is_done(self) -> bool:
        return self._done

    @Slot()
    def go_next(self) -> None:
        if self._done or self.busy or not self.next_button.isEnabled():
            return
        step = self.script.step(self.current_step)
        if step.kind is StepKind.ACTION and self.answers.get(step.id) != DONE:
            try:
                inputs = self.page.action_inputs()
            except AnswerError:
                return
            self.busy = True
            self._update_buttons()
            self.action_requested.emit(step.id, dict(self.answers), inputs)
            return
        try:
            answer = self.page.answer()
        except AnswerError:
            return
        self._advance(answer)

    def action_succeeded(self, step_id: str) -> None:
        """The host carried out the action at `step_id`: record it and go on."""
        if step_id != self.current_step:
            return
        self.busy = False
        self._advance(DONE)

    def action_failed(self, message: str) -> None:
        """The action was refused or failed: say why on the step and let the agent try again."""
        self.busy = False
        self.page.show_error(message)
        self._update_buttons()
        # Next was disabled while the work ran and took the focus with it.
        self.focus_step()

    def _advance(self, answer: str | None) -> None:
        if answer is not None:
            self.answers[self.current_step] = answer
        following = next_step(self.script, self.current_step, answer, facts=self.facts)
        if following is None:
            self._finish()
            return
        self._move_to(following)

    @Slot()
    def go_back(self) -> None:
        if self._done or self.busy:
            return
        earlier = self._earlier_step()
        if earlier is not None:
            self._move_to(earlier)

    def _earlier_step(self) -> str | None:
        """Where Back goes; None at the first step and after a step that changed the record."""
        earlier = previous_step(self.script, self.current_step, self.answers, facts=self.facts)
        if earlier is None:
            return None
        step = self.script.step(earlier)
        if step.kind in _BINDING_KINDS and earlier in self.answers:
            return None
        return earlier

    @Slot()
    def cancel(self) -> None:
        """Asks why the request is withdrawn; emits `cancelled` with the reason (a blank one is refused)."""
        if self._done or self.busy:
            return
        self.cancel_requested.emit()
        prompt = self.tr("Why is this request cancelled?")
        while True:
            reason, accepted = QInputDialog.getText(self, self.tr("Cancel request"), prompt)
            if not accepted:
                return
            if reason.strip():
                self._done = True
                self._update_buttons()
                self.cancelled.emit(reason.strip())
                return
            prompt = self.tr("A reason is needed to cancel. Why is this request cancelled?")

    def _move_to(self, step_id: str) -> None:
        self.current_step = step_id
        self.page = self._show_step()
        self.focus_step()
        self.step_changed.emit(step_id)
        self.draft_changed.emit(self.draft())

    def refresh_page(self) -> None:
        """The current step's page made again from what the host now knows (a proxy recorded)."""
        self.page = self._show_step()
        self.focus_step()

    def cancel_failed(self) -> None:
        """The host could not record the cancellation: the script goes on where it was."""
        self._done = False
        self._update_buttons()

    def _finish(self) -> None:
        self._done = True
        self._update_buttons()
        taken = set(path_to(self.script, self.current_step, self.answers, facts=self.facts))
        self.finished.emit({step: answer for step, answer in self.answers.items() if step in taken})

    def _show_step(self) -> StepPage:
        step = self.script.step(self.current_step)
        old = getattr(self, "page", None)
        answer = self.answers.get(step.id)
        made = self._page_factory(step, self.answers) if self._page_factory else None
        page = made or self._plain_page(step, answer)
        if old is not None:
            self.page_holder.takeWidget()
            old.hide()
            old.deleteLater()
        self.page_holder.setWidget(page)
        # A layout shows a new child only on a queued call; the focus moves to it right away.
        page.show()
        page.ready_changed.connect(self._update_buttons)
        page.ready_changed.connect(self._keep_focus)
        self.talk_label.setText(
            talk_text(step, self.company, self.language, self.agent_name, self.case_values)
        )
        where = position(self.script, step.id, self.answers, facts=self.facts)
        self.progress_label.setText(
            self.tr("Step %1 of %2").replace("%1", str(where.number)).replace("%2", str(where.total))
        )
        self.page = page
        self._update_buttons()
        return page

    def _plain_page(self, step: Step, answer: str | None) -> StepPage:
        """The page for a step the host does not make: with the earlier answers it reads back, and an
        address started from the postal code answered before it."""
        values = values_on_path(self.script, step.id, self.answers, facts=self.facts)
        postal_code = None
        if isinstance(step.detail, Ask) and step.detail.from_postal_code is not None:
            postal_code = values.get(step.detail.from_postal_code)
        return StepPage(
            step,
            self.company,
            self.language,
            answer,
            shown=read_back(self.script, step, values, self.company, self.language),
            postal_code=postal_code,
        )

    @Slot(bool)
    def _keep_focus(self, ready: bool) -> None:
        """A page that has just become ready may have disabled the control that had the focus."""
        focus = QApplication.focusWidget()
        if ready and (focus is None or not focus.isEnabled() or not self.isAncestorOf(focus)):
            self.next_button.setFocus()

    @Slot()
    def _update_buttons(self) -> None:
        idle = not self._done and not self.busy
        self.back_button.setEnabled(idle and self._earlier_step() is not None)
        self.next_button.setEnabled(idle and self.page.is_ready())
        self.cancel_button.setEnabled(idle)
