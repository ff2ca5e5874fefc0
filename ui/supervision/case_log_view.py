"""The case log: every case the viewer may see, paged in as the table scrolls, filtered, and exported."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.services.agents import AgentInfo
from desk_app.services.cases.log import ExportCancelled
from desk_app.services.cases.log_filters import CaseLogFilter, CaseLogRow
from desk_app.services.cases.records import APPROVER_ROLES
from ui.common.background import BackgroundRunner, refusal_text
from ui.common.enum_labels import case_kind_label, case_state_label, days_left_text
from ui.common.japan_time import in_tokyo, short_date_time_text
from ui.common.keyset_table_model import KeysetTableModel
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import RIGHT, Column, RowLook
from ui.supervision import ops
from ui.supervision.case_log_filters import CaseLogFilters
from ui.supervision.ops import PAGE_SIZE, ExportRun

# How often a case log in front asks whether another desk changed a case (one cheap read).
CHANGE_CHECK_MS = 30_000
# How often the export's row count is read while it runs.
PROGRESS_POLL_MS = 200


def _left(row: CaseLogRow) -> str:
    """Days left and (in brackets) business days left; "paused" (一時停止中) alone while the clock is."""
    if row.days_left is None or row.paused:
        return days_left_text(row.days_left)
    business = "" if row.business_days_left is None else f" ({row.business_days_left})"
    return f"{row.days_left}{business}"


def _look(row: CaseLogRow) -> RowLook | None:
    return RowLook(foreground="#b00020", bold=True) if row.overdue else None


class CaseLogView(QWidget):
    """Enter opens a case on the Case tab (`case_requested`); supervisors export what is shown as CSV."""

    case_requested = Signal(int)
    counted = Signal(int)
    export_finished = Signal(object)  # rows written, or None when stopped or refused

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.agent: AgentInfo | None = None
        self.filters = CaseLogFilters()
        self.filters.changed.connect(self.reload)
        self.model: KeysetTableModel[CaseLogRow] = KeysetTableModel(
            self._columns(), runner, self, key=lambda row: row.case_id, look=_look
        )
        self.model.page_failed.connect(self._failed)
        self.model.page_loaded.connect(self._page_loaded)
        self.table = ValueTableView(self.model, self.tr("Case log"))
        self.table.set_placeholder(self.tr("No case matches"))
        self.table.activated.connect(self._open)
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Cases found"))
        self.export_button = QPushButton(self.tr("E&xport CSV…"))
        self.export_button.setToolTip(self.tr("The cases shown, as CSV for Excel (supervisors)"))
        self.export_button.clicked.connect(self.ask_export)
        self.export_dialog: QFileDialog | None = None
        self.progress: QProgressDialog | None = None
        self._count_serial = 0
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        # Other desks' changes: while the log is in front, a look every half minute, when it comes
        # forward and when the desk's window becomes active; the rows are read again only when a
        # case changed since they were read.
        self._seen_change: int | None = None
        self._counting = False
        self._restore: tuple[int | None, int] | None = None
        self.model.refreshed.connect(self._refreshed)
        self.change_timer = QTimer(self)
        self.change_timer.setInterval(CHANGE_CHECK_MS)
        self.change_timer.timeout.connect(self.check_for_changes)
        self.change_timer.start()
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._application_state_changed)

    def _columns(self) -> list[Column[CaseLogRow]]:
        return [
            Column(self.tr("Case"), lambda row: row.case_no),
            Column(self.tr("Request"), lambda row: case_kind_label(row.kind)),
            Column(self.tr("State"), lambda row: case_state_label(row.state)),
            Column(self.tr("Customer"), lambda row: row.customer_no or "—"),
            Column(self.tr("Assigned to"), lambda row: row.assigned_to or self.tr("(shared)")),
            Column(self.tr("Received"), self._received),
            Column(self.tr("Due"), lambda row: row.due_on.isoformat()),
            Column(self.tr("Days left (business)"), _left, RIGHT),
        ]

    def _received(self, row: CaseLogRow) -> str:
        """When a call came in; for a written request, the day it arrived and that it came by post."""
        if row.received_by_post:
            return self.tr("%1 by post").replace("%1", in_tokyo(row.received_at).strftime("%m/%d"))
        return short_date_time_text(row.received_at)

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self.agent = agent
        supervisor = agent is not None and agent.role in APPROVER_ROLES
        self.export_button.setVisible(supervisor)
        self.filters.set_viewer(agent, ())
        if agent is None:
            self.model.load(None)
            self.count_label.clear()
            self._seen_change = None
            return
        if supervisor:
            self._runner.run(
                ops.active_agents(),
                name="agents",
                on_success=lambda agents: self._agents(agent, agents),
                owner=self,
            )
        self.reload()

    def _agents(self, agent: AgentInfo, agents: tuple[AgentInfo, ...]) -> None:
        if self.agent == agent:
            self.filters.set_viewer(agent, agents)

    @Slot()
    def reload(self) -> None:
        viewer = self.agent
        if viewer is None:
            return
        where, sort = self.filters.filter(), self.filters.sort_order()
        if where.problem() is not None:
            # The filter bar says what is wrong; no query is made from it, so no case is listed.
            self.model.load(None)
            self.count_label.clear()
            self._count_serial += 1
            self._counting = False
            return
        self._restore = None
        self.model.load(ops.case_log_pages(viewer, where, sort))
        self.count_label.setText(self.tr("Counting…"))
        self._count(viewer, where)

    def _count(self, viewer: AgentInfo, where: CaseLogFilter) -> None:
        self._counting = True
        self._count_serial += 1
        serial = self._count_serial
        self._runner.run(
            ops.count_cases(viewer.id, viewer.role, where),
            name="count cases",
            on_success=lambda result: self._counted(serial, *result),
            on_error=lambda error: self._count_failed(serial, error),
            owner=self,
        )

    def _count_failed(self, serial: int, error: Exception) -> None:
        if serial == self._count_serial:
            self._counting = False
        self._runner.show_error(error)

    @Slot()
    def refresh(self) -> None:
        """Read the cases shown again in place (F5, after this desk changed a case, or another desk
        did): the filters, the selected case and the scroll position stay as they are."""
        viewer = self.agent
        where = self.filters.filter()
        if viewer is None or where.problem() is not None:
            return
        selected = self.table.currentIndex()
        case_id = self.model.row_at(selected.row()).case_id if selected.isValid() else None
        self._restore = (case_id, self.table.verticalScrollBar().value())
        self.model.refresh()
        self._count(viewer, where)

    @Slot()
    def check_for_changes(self) -> None:
        """While the log is in front: read it again if any desk changed a case since it was read."""
        if self.agent is None or not self.isVisible() or self._seen_change is None or self._reading:
            return
        self._runner.run(
            ops.latest_case_change(),
            name="case log changed?",
            on_success=self._latest_change,
            owner=self,
        )

    def _latest_change(self, latest: int) -> None:
        # Compared when the answer comes: a read finished meanwhile may already have seen it.
        if not self._reading and latest != self._seen_change and self.isVisible():
            self.refresh()

    @property
    def _reading(self) -> bool:
        """The rows or their count are being read: their mark of the latest change is not in yet."""
        return self.model.fetching or self._counting

    @Slot(Qt.ApplicationState)
    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state is Qt.ApplicationState.ApplicationActive:
            self.check_for_changes()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.check_for_changes()

    @Slot()
    def _refreshed(self) -> None:
        restore, self._restore = self._restore, None
        if restore is None:
            return
        case_id, scrolled = restore
        rows = self.model.rows
        for row, value in enumerate(rows):
            if value.case_id == case_id:
                self.table.setCurrentIndex(self.model.index(row, 0))
                break
        self.table.verticalScrollBar().setValue(scrolled)

    def _counted(self, serial: int, latest_change: int, total: int) -> None:
        if serial != self._count_serial:
            return
        self._counting = False
        self._seen_change = latest_change
        self.count_label.setText(self.tr("%1 cases").replace("%1", f"{total:,}"))
        self.counted.emit(total)

    @Slot(int)
    def _page_loaded(self, _added: int) -> None:
        # Columns fit the first page; later pages leave the widths the supervisor may have set.
        if self.model.rowCount() <= PAGE_SIZE:
            self.table.fit_columns()

    def _failed(self, error: Exception) -> None:
        self.count_label.setText(refusal_text(error))

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_requested.emit(self.model.row_at(index.row()).case_id)

    # --- export ----------------------------------------------------------------------------------------

    @Slot()
    def ask_export(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the case log"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("CSV for Excel (*.csv)"))
        dialog.setDefaultSuffix("csv")
        dialog.selectFile("case-log.csv")
        dialog.fileSelected.connect(lambda name: self.export_to(Path(name)))
        dialog.finished.connect(dialog.deleteLater)
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, target: Path) -> None:
        """Write the filtered log to `target` in the background, with a progress dialog that can stop it.

        The rows go to a temporary file renamed at the end: a stopped or failed export leaves nothing.
        """
        viewer = self.agent
        if viewer is None:
            return
        where, sort = self.filters.filter(), self.filters.sort_order()
        run = ExportRun()
        work = ops.export_case_log(target, viewer, where, sort, run)
        progress = QProgressDialog(self.tr("Exporting the case log…"), self.tr("Stop"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(run.stop.set)
        self.progress = progress
        poll = QTimer(progress)
        poll.setInterval(PROGRESS_POLL_MS)
        poll.timeout.connect(
            lambda: progress.setLabelText(
                self.tr("Exporting the case log… %1 rows").replace("%1", f"{run.rows:,}")
            )
        )
        poll.start()
        progress.show()

        def done(rows: int | None) -> None:
            self._end_export()
            self.count_label.setText(
                self.tr("%1 cases written to %2").replace("%1", f"{rows:,}").replace("%2", target.name)
            )
            self.export_finished.emit(rows)

        def failed(error: Exception) -> None:
            self._end_export()
            if isinstance(error, ExportCancelled):
                self.count_label.setText(self.tr("Export stopped; no file was written."))
            elif isinstance(error, OSError):
                self.count_label.setText(self.tr("The file cannot be written: %1").replace("%1", str(target)))
            else:
                self.count_label.setText(refusal_text(error))
            self.export_finished.emit(None)

        self._runner.run(work, name="export the case log", on_success=done, on_error=failed, owner=self)

    def _end_export(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None
