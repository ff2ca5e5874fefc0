"""The supervisors' register of leak incidents (漏えい等): each incident with its categories, the Commission's
report deadlines and which reports are on file, overdue ones in red and said so, those due within two days
in bold; the open ones first. It reads the register again whenever it comes forward."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import CompanyProfile, Incidents
from desk_app.domain import deadlines
from desk_app.domain.incidents import ReportKind
from desk_app.erased_register_key import KeySource
from desk_app.services.incidents.register import IncidentDetail, IncidentRefused, IncidentSummary
from ui.common.background import BackgroundRunner
from ui.common.japan_time import date_text
from ui.common.table_view import ValueTableView
from ui.common.translations import error_words
from ui.common.value_table_model import RIGHT, Column, RowLook, ValueTableModel
from ui.supervision.incidents import ops
from ui.supervision.incidents.attach_dialog import AttachDialog
from ui.supervision.incidents.incident_dialog import IncidentDialog
from ui.supervision.incidents.incident_words import (
    OVERDUE_COLOUR,
    Due,
    announcement_text,
    categories_text,
    due,
    due_text,
    next_report,
    reports_detail,
    reports_text,
)
from ui.supervision.incidents.notices_dialog import NoticesDialog
from ui.supervision.incidents.report_dialog import ReportDialog
from ui.supervision.incidents.saved_search_dialog import SavedSearchDialog

Dialog = IncidentDialog | ReportDialog | NoticesDialog | AttachDialog | SavedSearchDialog

CLOSED_COLOUR = "#5f6368"
STATE_COLUMN = 8


class IncidentRegister(QWidget):
    """A window of its own over the main window; `loaded` follows each reading of the register."""

    loaded = Signal()
    load_failed = Signal(object)
    # An incident was opened, changed, reported on or closed from here.
    changed = Signal()

    def __init__(
        self,
        runner: BackgroundRunner,
        settings: Incidents,
        company: CompanyProfile,
        parent: QWidget | None = None,
        register_key: KeySource | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._runner = runner
        self._preliminary_days = settings.preliminary_days
        # The notices are letters: they name the company and its desk.
        self._company = company
        # Lets a number only the erased-customer register knows be told as erased when attaching.
        self._register_key = register_key
        self._viewer_id: int | None = None
        self._generation = 0
        # Which day the deadlines are measured from; tests may fix it.
        self.today: Callable[[], dt.date] = lambda: deadlines.japan_today()
        self._today = self.today()
        self.dialog: Dialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.setWindowTitle(self.tr("Leak incidents"))
        self.new_button = QPushButton(self.tr("&New incident…"))
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.report_button = QPushButton(self.tr("Record a &report…"))
        self.close_button = QPushButton(self.tr("&Close incident…"))
        self.notices_button = QPushButton(self.tr("Make no&tices…"))
        self.notices_button.setToolTip(
            self.tr("The notice to each affected customer who has none yet, for the mail room to print")
        )
        self.attach_button = QPushButton(self.tr("&Attach customers from CSV…"))
        self.attach_button.setToolTip(
            self.tr(
                "Attach the customers a CSV file names in its 顧客番号 column; one wrong line attaches none"
            )
        )
        self.search_button = QPushButton(self.tr("Attach by saved &search…"))
        self.search_button.setToolTip(
            self.tr("Attach the customers a saved search names: make, count and keep searches there")
        )
        self.show_closed = QCheckBox(self.tr("S&how closed"))
        self.refresh_button = QPushButton(self.tr("Refresh (F5)"))
        self.model: ValueTableModel[IncidentSummary] = ValueTableModel(
            self._columns(), self, key=lambda row: row.incident_no, look=self._look
        )
        self.table = ValueTableView(self.model, self.tr("Leak incidents"), stretch_column=1)
        self.table.set_placeholder(self.tr("No leak incident is recorded."))
        self.table.setColumnHidden(STATE_COLUMN, True)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Incident register status"))
        self.reports = QLabel()
        self.reports.setWordWrap(True)
        self.reports.setAccessibleName(self.tr("Reports on file"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("What the register refused"))
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        bar = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.report_button,
            self.close_button,
            self.attach_button,
            self.search_button,
            self.notices_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        bar.addWidget(self.show_closed)
        bar.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reports)
        layout.addWidget(self.message)
        layout.addWidget(self.status)
        self.new_button.clicked.connect(self.new_incident)
        self.edit_button.clicked.connect(self.edit_incident)
        self.report_button.clicked.connect(self.record_report)
        self.close_button.clicked.connect(self.ask_close)
        self.notices_button.clicked.connect(self.make_notices)
        self.attach_button.clicked.connect(self.attach_customers)
        self.search_button.clicked.connect(self.attach_by_search)
        self.show_closed.toggled.connect(self.refresh)
        self.refresh_button.clicked.connect(self.refresh)
        QShortcut(QKeySequence("F5"), self, self.refresh)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.resize(1280, 560)

    def _columns(self) -> list[Column[IncidentSummary]]:
        return [
            Column(self.tr("No."), lambda row: row.incident_no),
            Column(self.tr("Title"), lambda row: row.title, tooltip=lambda row: row.title),
            Column(self.tr("Discovered"), lambda row: date_text(row.discovered_on)),
            Column(self.tr("Categories"), lambda row: categories_text(row.categories)),
            Column(
                self.tr("Preliminary due"), lambda row: due_text(row, ReportKind.PRELIMINARY, self._today)
            ),
            Column(self.tr("Final due"), lambda row: due_text(row, ReportKind.FINAL, self._today)),
            Column(self.tr("Reports on file"), reports_text, tooltip=reports_detail),
            Column(self.tr("Affected"), lambda row: f"{row.affected:,}", alignment=RIGHT),
            Column(self.tr("State"), lambda row: self.tr("Closed") if row.closed else self.tr("Open")),
        ]

    def _look(self, row: IncidentSummary) -> RowLook | None:
        if row.closed:
            return RowLook(foreground=CLOSED_COLOUR)
        standing = {due(row, kind, self._today) for kind in ReportKind}
        overdue, soon = Due.OVERDUE in standing, Due.SOON in standing
        if overdue or soon:
            return RowLook(foreground=OVERDUE_COLOUR if overdue else None, bold=soon)
        return None

    # --- reading ------------------------------------------------------------------------------------------

    @Slot(object)
    def set_viewer(self, viewer_id: int | None) -> None:
        """The register is read as `viewer_id` (None: nobody, and it is emptied)."""
        self._viewer_id = viewer_id
        self._generation += 1
        self.model.clear()
        self.message.clear()
        self._selection_changed()
        if viewer_id is not None and self.isVisible():
            self.refresh()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            # Another supervisor may have recorded something, or a day may have passed.
            self.refresh()
        return super().event(event)

    @Slot()
    def refresh(self) -> None:
        viewer_id = self._viewer_id
        if viewer_id is None or self._runner.is_shut_down:
            return
        self._generation += 1
        generation = self._generation
        today = self.today()
        self.status.setText(self.tr("Reading the register…"))
        self._runner.run(
            ops.incidents(viewer_id, today, self._preliminary_days, with_closed=self.show_closed.isChecked()),
            name="incident register",
            on_success=lambda rows: self._arrived(generation, today, rows),
            on_error=lambda error: self._failed(generation, error),
            owner=self,
        )

    def _arrived(self, generation: int, today: dt.date, rows: tuple[IncidentSummary, ...]) -> None:
        if generation != self._generation:
            return
        chosen = self.selected()
        self._today = today
        # Shown before the rows come: the columns are fitted to what they hold when the model is reset.
        self.table.setColumnHidden(STATE_COLUMN, not self.show_closed.isChecked())
        self.model.set_rows(rows)
        if chosen is not None:
            for index, row in enumerate(rows):
                if row.incident_no == chosen.incident_no:
                    self.table.selectRow(index)
        self._selection_changed()
        still_open = [row for row in rows if not row.closed]
        overdue = sum(len(row.overdue) for row in still_open)
        self.status.setText(
            self.tr("Open incidents: %1; reports overdue: %2")
            .replace("%1", str(len(still_open)))
            .replace("%2", str(overdue))
        )
        self.loaded.emit()

    def _failed(self, generation: int, error: Exception) -> None:
        if generation != self._generation:
            return
        self.status.setText(self.tr("The register could not be read."))
        if isinstance(error, IncidentRefused):
            self.message.setText(error_words(error))
        else:
            self._runner.show_error(error)
        self.load_failed.emit(error)

    def selected(self) -> IncidentSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    @Slot()
    def _selection_changed(self) -> None:
        chosen = self.selected()
        usable = chosen is not None and not chosen.closed and self._viewer_id is not None
        self.new_button.setEnabled(self._viewer_id is not None)
        self.edit_button.setEnabled(usable)
        self.close_button.setEnabled(usable)
        self.attach_button.setEnabled(usable)
        self.search_button.setEnabled(usable)
        self.report_button.setEnabled(usable and chosen is not None and next_report(chosen) is not None)
        # Customers are attached before notices can go to them.
        self.notices_button.setEnabled(usable and chosen is not None and chosen.affected > 0)
        lines = (reports_detail(chosen), announcement_text(chosen)) if chosen is not None else ()
        self.reports.setText("\n".join(line for line in lines if line))

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        if index.isValid() and self.edit_button.isEnabled():
            self.edit_incident()

    # --- changing -----------------------------------------------------------------------------------------

    def _show_dialog(self, dialog: Dialog) -> None:
        """`dialog` over the register (window-modal); the register is read again after it saves."""
        self.dialog = dialog
        dialog.accepted.connect(self._changed)
        if isinstance(dialog, NoticesDialog | AttachDialog | SavedSearchDialog):
            dialog.finished_run.connect(self._changed)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: QWidget) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    @Slot()
    def new_incident(self) -> None:
        if self._viewer_id is not None:
            self.message.clear()
            self._show_dialog(
                IncidentDialog(self._runner, self._viewer_id, self._preliminary_days, None, self)
            )

    @Slot()
    def edit_incident(self) -> None:
        chosen, viewer_id = self.selected(), self._viewer_id
        if chosen is None or viewer_id is None:
            return
        self.message.clear()
        self._runner.run(
            ops.incident(viewer_id, chosen.incident_no, self.today(), self._preliminary_days),
            name="incident detail",
            on_success=self._edit,
            on_error=self._refused,
            owner=self,
        )

    def _edit(self, detail: IncidentDetail) -> None:
        if self._viewer_id is not None:
            self._show_dialog(
                IncidentDialog(self._runner, self._viewer_id, self._preliminary_days, detail, self)
            )

    @Slot()
    def record_report(self) -> None:
        chosen, viewer_id = self.selected(), self._viewer_id
        kind = next_report(chosen) if chosen is not None else None
        if chosen is None or viewer_id is None or kind is None:
            return
        self.message.clear()
        self._show_dialog(ReportDialog(self._runner, viewer_id, chosen, kind, self.today(), self))

    @Slot()
    def make_notices(self) -> None:
        chosen, viewer_id = self.selected(), self._viewer_id
        if chosen is not None and viewer_id is not None and self.notices_button.isEnabled():
            self.message.clear()
            self._show_dialog(NoticesDialog(self._runner, viewer_id, chosen, self._company, self))

    @Slot()
    def attach_customers(self) -> None:
        chosen, viewer_id = self.selected(), self._viewer_id
        if chosen is not None and viewer_id is not None and self.attach_button.isEnabled():
            self.message.clear()
            self._show_dialog(AttachDialog(self._runner, viewer_id, chosen, self._register_key, self))

    @Slot()
    def attach_by_search(self) -> None:
        chosen, viewer_id = self.selected(), self._viewer_id
        if chosen is not None and viewer_id is not None and self.search_button.isEnabled():
            self.message.clear()
            self._show_dialog(SavedSearchDialog(self._runner, viewer_id, chosen, self._register_key, self))

    @Slot()
    def ask_close(self) -> None:
        """Closing takes nothing more on the incident: asked first, No being the default."""
        chosen = self.selected()
        if chosen is None or self._viewer_id is None:
            return
        self.message.clear()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Close incident"),
            self.tr("Close incident %1? Nothing more can be recorded on it once it is closed.").replace(
                "%1", chosen.incident_no
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda _result: self._close(box, chosen.incident_no))
        self.confirm_box = box
        box.open()

    def _close(self, box: QMessageBox, incident_no: str) -> None:
        self.confirm_box = None
        box.deleteLater()
        clicked = box.clickedButton()
        yes = clicked is not None and box.standardButton(clicked) == QMessageBox.StandardButton.Yes
        if yes and self._viewer_id is not None:
            self._runner.run(
                ops.close_incident(self._viewer_id, incident_no),
                name="close incident",
                on_success=lambda _nothing: self._changed(),
                on_error=self._refused,
                owner=self,
            )

    def _refused(self, error: Exception) -> None:
        if isinstance(error, IncidentRefused):
            self.message.setText(error_words(error))
        else:
            self._runner.show_error(error)

    @Slot()
    def _changed(self) -> None:
        self.changed.emit()
        self.refresh()
