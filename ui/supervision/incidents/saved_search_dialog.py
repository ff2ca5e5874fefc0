"""Attach customers by a saved search…: the saved searches (name, last changed, by whom) above the criteria of
the one chosen, made, changed, saved under another name, deleted, counted (how many customers it names now;
how many of them are erased, reported deceased or have no postal address), and attached to the incident
chosen in the register after a question naming both and the count. Unsaved changes are asked about before
they are dropped; a refusal is said in the window with every field kept as typed."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.selections import MAX_NAME, CustomerSelection, name_problem, selection_problem
from desk_app.erased_register_key import KeySource
from desk_app.services.customers.selections import SelectionCount
from desk_app.services.incidents.affected import AttachReport
from desk_app.services.incidents.register import IncidentRefused, IncidentSummary
from desk_app.services.incidents.saved_searches import SavedSearch, SavedSearchRefused
from ui.common.background import BackgroundRunner, Work, refusal_text
from ui.common.japan_time import date_time_text
from ui.common.table_view import ValueTableView
from ui.common.translations import error_words, render_message
from ui.common.value_table_model import Column, ValueTableModel
from ui.supervision.incidents import ops
from ui.supervision.incidents.attach_outcome import AttachOutcome
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR
from ui.supervision.incidents.questions import ask
from ui.supervision.incidents.selection_form import SelectionForm, count_text, same, scrolled, words


class SavedSearchDialog(QDialog):
    """`listed`, `counted(count)`, `refused(error)` follow each reading of the list, count and refusal shown;
    `finished_run(report)` an attachment read to its end (attached, or refused with its reasons)."""

    listed = Signal()
    counted = Signal(object)
    finished_run = Signal(object)
    refused = Signal(object)

    def __init__(
        self,
        runner: BackgroundRunner,
        viewer_id: int,
        summary: IncidentSummary,
        register_key: KeySource | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._viewer_id = viewer_id
        self._register_key = register_key
        self.incident_no = summary.incident_no
        # The search the form was loaded from (None: a new one, not saved yet).
        self.current: SavedSearch | None = None
        self.busy = self.writing = False
        self.confirm_box: QMessageBox | None = None
        self.name_box: QInputDialog | None = None
        self.report: AttachReport | None = None
        self.setWindowTitle(
            self.tr("Attach customers by a saved search — %1").replace("%1", self.incident_no)
        )
        about = QLabel(f"{summary.incident_no} {summary.title}")
        about.setWordWrap(True)
        about.setAccessibleName(self.tr("Incident"))
        self.model: ValueTableModel[SavedSearch] = ValueTableModel(
            [
                Column(self.tr("Name"), lambda row: row.name, tooltip=lambda row: row.name),
                Column(self.tr("Updated"), lambda row: date_time_text(row.updated_at)),
                Column(self.tr("By"), lambda row: row.updated_by),
            ],
            self,
            key=lambda row: row.id,
        )
        self.table = ValueTableView(self.model, self.tr("Saved searches"), stretch_column=0)
        self.table.set_placeholder(self.tr("No search is saved yet."))
        # A few searches in view; the criteria below have the rest of the height.
        self.table.setMaximumHeight(self.table.verticalHeader().defaultSectionSize() * 6)
        self.name = QLineEdit()
        self.name.setMaxLength(MAX_NAME)
        self.name.setAccessibleName(self.tr("Search name"))
        self.form = SelectionForm(self, words_below=False)
        self.new_button = QPushButton(self.tr("&New"))
        self.save_button = QPushButton(self.tr("&Save"))
        self.save_as_button = QPushButton(self.tr("Save &as…"))
        self.delete_button = QPushButton(self.tr("&Delete…"))
        self.count_button = QPushButton(self.tr("C&ount"))
        self.count_button.setToolTip(self.tr("How many customers the criteria name now"))
        self.attach_button = QPushButton(self.tr("Attac&h to %1…").replace("%1", self.incident_no))
        self.attach_button.setToolTip(self.tr("Attach the customers the saved search names now"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(self.tr("Working"))
        self.progress.hide()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("What was refused"))
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.count = QLabel()
        self.count.setWordWrap(True)
        self.count.setAccessibleName(self.tr("Customers matching"))
        self.attach_outcome = AttachOutcome(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(about)
        self.new_button.clicked.connect(lambda: self._leaving(lambda: self._load(None)))
        self.save_button.clicked.connect(self.save)
        self.save_as_button.clicked.connect(self.ask_name)
        self.delete_button.clicked.connect(self.ask_delete)
        self.count_button.clicked.connect(lambda: self._count(None))
        self.attach_button.clicked.connect(self.ask_attach)
        self.table.selectionModel().selectionChanged.connect(self._chosen)
        self.name.textChanged.connect(self._edited)
        self.form.changed.connect(self._edited)
        self.resize(self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().height() * 48)
        self._enable()
        self.refresh()

    def _lay_out(self, about: QLabel) -> None:
        # The list above the criteria, which scroll when the screen is short: the window fits a laptop's.
        searches = QHBoxLayout()
        searches.addWidget(self.table, 1)
        side = QVBoxLayout()
        for button in (self.new_button, self.delete_button):
            side.addWidget(button)
        side.addStretch(1)
        searches.addLayout(side)
        criteria = QWidget()
        inside = QFormLayout(criteria)
        inside.addRow(self.tr("Na&me:"), self.name)
        inside.addRow(self.form)
        scroller = scrolled(criteria)
        scroller.setAccessibleName(self.tr("Criteria"))
        actions = QHBoxLayout()
        for button in (self.save_button, self.save_as_button, self.count_button, self.attach_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(searches)
        layout.addWidget(scroller, 1)
        for below in (self.form.words, self.message, self.count, self.progress, self.attach_outcome):
            layout.addWidget(below)
        layout.addLayout(actions)

    # --- state --------------------------------------------------------------------------------------------

    def changed(self) -> bool:
        """Whether the name or the criteria differ from what was last loaded or saved."""
        if self.current is None:
            return bool(self.name.text().strip()) or not self.form.selection().is_empty()
        return self.name.text().strip() != self.current.name or not same(
            self.form.selection(), self.current.selection
        )

    @Slot()
    def _edited(self) -> None:
        self.count.clear()
        self._enable()

    def _enable(self) -> None:
        idle = not self.busy
        saved = self.current is not None
        runnable = self.current is not None and self.current.problem is None
        for button in (self.new_button, self.save_button, self.save_as_button, self.count_button):
            button.setEnabled(idle)
        self.delete_button.setEnabled(idle and saved)
        # The incident records the saved criteria it was attached by: unsaved changes are saved first.
        self.attach_button.setEnabled(idle and runnable and not self.changed())
        self.close_button.setEnabled(not self.writing)
        # The criteria stay as they were asked about while the question's count is read or the search runs.
        for widget in (self.table, self.name, self.form):
            widget.setEnabled(idle)
        self.progress.setVisible(self.busy)

    def _run(
        self, work: Work[object], name: str, then: Callable[[object], None], *, writes: bool = True
    ) -> None:
        """`work` in the background with the window kept awake; `then(answer)` when it is done. The window
        may be closed while it only reads (its answer is then dropped), not while it writes."""
        self.busy = True
        self.writing = writes
        self.message.clear()
        self._enable()
        self._runner.run(
            work,
            name=name,
            on_success=lambda answer: self._answered(then, answer),
            on_error=self._failed,
            owner=self,
        )

    def _answered(self, then: Callable[[object], None], answer: object) -> None:
        self.busy = self.writing = False
        then(answer)
        self._enable()

    def _failed(self, error: Exception) -> None:
        self.busy = self.writing = False
        self._enable()
        if isinstance(error, IncidentRefused):
            self.message.setText(error_words(error))
            self.refused.emit(error)
            if isinstance(error, SavedSearchRefused):
                # Changed or deleted by someone else, perhaps: the list as it is now, the form as typed;
                # choosing the search again reads it again.
                self.refresh(None, keep_message=True)
            return
        self.message.setText(refusal_text(error))
        self._runner.show_error(error)

    # --- the list -----------------------------------------------------------------------------------------

    @Slot()
    def refresh(self, choose: int | None = None, *, keep_message: bool = False) -> None:
        """The saved searches read again; `choose` (a search's id) selected once they are."""
        said = self.message.text()
        self._run(
            ops.saved_searches_of(self._viewer_id),
            "saved searches",
            lambda rows: self._listed(rows, choose),
            writes=False,
        )
        if keep_message:
            self.message.setText(said)

    def _listed(self, rows: object, choose: int | None) -> None:
        assert isinstance(rows, tuple)
        self._select_quietly(None)
        self.model.set_rows(rows)
        self._select_quietly(choose)
        self.listed.emit()

    def _select_quietly(self, search_id: int | None) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            self.table.clearSelection()
            for index, row in enumerate(self.model.rows):
                if row.id == search_id:
                    self.table.selectRow(index)
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    @Slot()
    def _chosen(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        chosen = self.model.row_at(rows[0].row()) if rows else None
        if chosen is None or chosen == self.current:
            return
        # Until the question is answered the list shows what the form holds.
        self._select_quietly(self.current.id if self.current is not None else None)
        self._leaving(lambda: self._load(chosen))

    def _load(self, search: SavedSearch | None) -> None:
        self.current = search
        self._select_quietly(search.id if search is not None else None)
        self.name.setText(search.name if search is not None else "")
        self.form.set_selection(search.selection if search is not None else CustomerSelection())
        self.message.clear()
        if search is not None and search.problem is not None:
            # Criteria that cannot be read: the search can be given new ones and saved, or deleted.
            self.message.setText(render_message(search.problem))
        self.count.clear()
        self._enable()

    # --- asking -------------------------------------------------------------------------------------------

    def _leaving(self, then: Callable[[], None]) -> None:
        """`then()` at once when nothing is unsaved, else after the supervisor agrees to drop the changes."""
        if self.writing:
            return
        if not self.changed():
            then()
            return
        name = self.current.name if self.current is not None else self.tr("the new search")
        ask(
            self,
            self.tr("Unsaved changes"),
            self.tr("Drop the changes to %1? They have not been saved.").replace("%1", name),
            self.tr("Drop changes"),
            then,
        )

    def reject(self) -> None:
        """Esc or Close: not while something is written (what it did is not known yet); unsaved changes
        asked about first."""
        if not self.writing:
            self._leaving(super().reject)

    # --- saving -------------------------------------------------------------------------------------------

    def _checked(self) -> CustomerSelection | None:
        selection = self.form.selection()
        problem = name_problem(self.name.text()) or selection_problem(selection)
        if problem is not None:
            self.message.setText(render_message(problem))
            return None
        return selection

    @Slot()
    def save(self) -> None:
        """The search saved: the one loaded rewritten, or a new one when none was."""
        self._save(self.name.text(), self.current)

    def _save(self, name: str, over: SavedSearch | None) -> None:
        if self.busy:
            return
        self.name.setText(name.strip())
        if (selection := self._checked()) is None:
            return
        search_id, row_version = (over.id, over.row_version) if over is not None else (None, None)
        self._run(
            ops.save_search(self._viewer_id, name.strip(), selection, search_id, row_version),
            "save search",
            self._saved,
        )

    @Slot()
    def ask_name(self) -> None:
        """Save as…: the criteria saved as a new search under a name asked for."""
        if self.busy:
            return
        box = QInputDialog(self)
        box.setWindowTitle(self.tr("Save as"))
        box.setLabelText(self.tr("Name of the new search:"))
        box.setTextValue(self.name.text())
        box.textValueSelected.connect(lambda name: self._save(name, None))
        box.finished.connect(lambda _result: self._name_box_closed(box))
        self.name_box = box
        box.open()

    def _name_box_closed(self, box: QInputDialog) -> None:
        self.name_box = None
        box.deleteLater()

    def _saved(self, answer: object) -> None:
        assert isinstance(answer, SavedSearch)
        self.current = answer
        self.name.setText(answer.name)
        self.refresh(answer.id)

    @Slot()
    def ask_delete(self) -> None:
        current = self.current
        if self.busy or current is None:
            return
        ask(
            self,
            self.tr("Delete search"),
            self.tr("Delete the saved search %1? Incidents it was attached to keep their customers.").replace(
                "%1", current.name
            ),
            self.tr("Delete"),
            lambda: self._run(
                ops.delete_search(self._viewer_id, current.id, current.row_version),
                "delete search",
                self._deleted,
            ),
        )

    def _deleted(self, _nothing: object) -> None:
        self._load(None)
        self.refresh()

    # --- counting and attaching ---------------------------------------------------------------------------

    def _count(self, then: Callable[[SelectionCount], None] | None) -> None:
        """How many customers the criteria in the form name now (saved or not); counts only."""
        selection = self.form.selection()
        if self.busy:
            return
        if (problem := selection_problem(selection)) is not None:
            self.message.setText(render_message(problem))
            return
        self.attach_outcome.clear()
        self._run(
            ops.count_selection(self._viewer_id, selection),
            "count search",
            lambda answer: self._counted(answer, then),
            writes=False,
        )

    def _counted(self, answer: object, then: Callable[[SelectionCount], None] | None) -> None:
        assert isinstance(answer, SelectionCount)
        self.count.setText(count_text(answer))
        self.counted.emit(answer)
        if then is not None:
            then(answer)

    @Slot()
    def ask_attach(self) -> None:
        """Counted first, so the question says how many customers would be attached."""
        current = self.current
        if self.busy or current is None or self.changed():
            return
        self._count(lambda counted: self._confirm_attach(current, counted))

    def _confirm_attach(self, search: SavedSearch, counted: SelectionCount) -> None:
        if not self.isVisible() or self.changed():
            # Closed, or edited, while the count was read: nothing is asked, nothing attached.
            return
        text = (
            self.tr("Attach the customers of the saved search %1 to incident %2?")
            .replace("%2", self.incident_no)
            # What a person typed goes in last, so a "%" in it is never taken for a place to fill.
            .replace("%1", search.name)
        )
        details = self.tr("The search names: %1.").replace("%1", words(search.selection))
        ask(
            self,
            self.tr("Attach customers"),
            f"{text}\n\n{details}\n{count_text(counted)}",
            self.tr("Attach"),
            lambda: self._run(
                ops.attach_search(
                    self._viewer_id, self.incident_no, search.id, search.row_version, self._register_key
                ),
                "attach incident customers by search",
                self._attached,
            ),
        )

    def _attached(self, answer: object) -> None:
        assert isinstance(answer, AttachReport)
        self.report = answer
        self.attach_outcome.show_report(answer)
        self.finished_run.emit(answer)
