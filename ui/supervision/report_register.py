"""The register of suspicious mail and calls: filters, the reports (each linked to a leak incident or not),
the most reported numbers and senders."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QModelIndex, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import ReportChannel
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.services.cases.register_rows import ReportRow
from desk_app.services.cases.register_search import ReportCount
from desk_app.services.cases.registers import InvalidRegisterEntry
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import report_channel_label
from ui.common.japan_time import date_text
from ui.common.keyset_table_model import KeysetTableModel
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import RIGHT, Column, ValueTableModel
from ui.supervision import ops
from ui.supervision.incident_link_dialog import IncidentLinkDialog
from ui.supervision.ops import ReportCounts, ReportFilter, report_pages
from ui.supervision.register_search import (
    PAGE_SIZE,
    FilterBar,
    any_date_edit,
    choice_combo,
    date_of,
    select_value,
)


@lru_cache(maxsize=4096)
def national(e164: str | None) -> str:
    """The number as a Japanese caller writes it (03-1234-5678); what was stored if it will not parse."""
    if not e164:
        return ""
    try:
        return normalise(e164).national
    except InvalidPhoneNumber:
        return e164


class ReportRegister(QWidget):
    """Enter in a filter searches; an activated count fills its filter and searches; a report, its case."""

    case_requested = Signal(int)
    searched = Signal()
    search_failed = Signal(object)
    counts_loaded = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.page_size = PAGE_SIZE
        self._viewer_id: int | None = None
        self._waiting_for_first_page = False
        self._counts_generation = 0
        self.number = QLineEdit()
        self.number.setAccessibleName(self.tr("Number shown"))
        self.number.setPlaceholderText(self.tr("e.g. 03-1234-5678"))
        self.claimed_sender = QLineEdit()
        self.claimed_sender.setAccessibleName(self.tr("Claimed sender"))
        self.claimed_sender.setPlaceholderText(self.tr("Part of the name they used"))
        for line in (self.number, self.claimed_sender):
            line.setClearButtonEnabled(True)
        self.channel = choice_combo(
            self.tr("Channel"),
            [(self.tr("Any channel"), None)]
            + [(report_channel_label(channel), channel.value) for channel in ReportChannel],
        )
        self.since = any_date_edit(self.tr("Received from"), self.tr("any day"))
        self.until = any_date_edit(self.tr("Received to"), self.tr("any day"))
        self.search_button = QPushButton(self.tr("Se&arch"))
        self.filters = FilterBar()
        grid = QGridLayout(self.filters)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (text, field) in enumerate(
            (
                (self.tr("Num&ber shown:"), self.number),
                (self.tr("Claimed se&nder:"), self.claimed_sender),
                (self.tr("Arrived b&y:"), self.channel),
                (self.tr("Received fr&om:"), self.since),
                (self.tr("&to:"), self.until),
            )
        ):
            label = QLabel(text)
            label.setBuddy(field)
            grid.addWidget(label, 0, column)
            grid.addWidget(field, 1, column)
        grid.addWidget(self.search_button, 1, 5)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)

        self.model: KeysetTableModel[ReportRow] = KeysetTableModel(
            self._columns(), runner, self, key=lambda row: row.report_id
        )
        self.table = ValueTableView(self.model, self.tr("Suspicious contacts reported"), stretch_column=5)
        self.table.set_placeholder(self.tr("No report matches"))
        self.number_counts: ValueTableModel[ReportCount] = ValueTableModel(
            self._count_columns(self.tr("Number")), self, key=lambda row: row.value
        )
        self.sender_counts: ValueTableModel[ReportCount] = ValueTableModel(
            self._count_columns(self.tr("Claimed sender")), self, key=lambda row: row.value
        )
        self.number_table = ValueTableView(
            self.number_counts, self.tr("Most reported numbers"), stretch_column=0
        )
        self.number_table.set_placeholder(self.tr("No number reported"))
        self.sender_table = ValueTableView(
            self.sender_counts, self.tr("Most claimed senders"), stretch_column=0
        )
        self.sender_table.set_placeholder(self.tr("No sender reported"))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Report register status"))
        # A supervisor links a report that looks connected to a leak incident, or undoes a link made wrongly:
        # one button (Alt+K), which does what the chosen report allows.
        self.link_button = QPushButton(self.tr("Lin&k to incident…"))
        self.link_dialog: IncidentLinkDialog | None = None
        self.unlink_box: QMessageBox | None = None
        links = QHBoxLayout()
        links.addWidget(self.link_button)
        links.addStretch(1)

        counts = QWidget()
        counts_layout = QVBoxLayout(counts)
        counts_layout.setContentsMargins(0, 0, 0, 0)
        for text, table in (
            (self.tr("Most reported numbers"), self.number_table),
            (self.tr("Most claimed senders"), self.sender_table),
        ):
            # A title without an Alt letter: the filters above use every letter these words offer.
            label = QLabel(text)
            counts_layout.addWidget(label)
            counts_layout.addWidget(table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(counts)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(splitter, 1)
        layout.addLayout(links)
        layout.addWidget(self.status)

        self.filters.search_requested.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.channel.currentIndexChanged.connect(self.search)
        self.table.activated.connect(self._open)
        self.number_table.activated.connect(self._search_number)
        self.sender_table.activated.connect(self._search_sender)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.page_failed.connect(self._page_failed)
        self.link_button.clicked.connect(self._link_or_unlink)
        self.table.selectionModel().currentRowChanged.connect(self._update_link_buttons)
        self.model.modelReset.connect(self._update_link_buttons)
        self._update_link_buttons()

    def _columns(self) -> list[Column[ReportRow]]:
        yes, no = self.tr("Yes"), self.tr("No")
        return [
            Column(self.tr("Case"), lambda row: row.case_no),
            Column(self.tr("Received on"), lambda row: date_text(row.received_on)),
            Column(self.tr("Channel"), lambda row: report_channel_label(row.channel)),
            Column(self.tr("Claimed sender"), lambda row: row.claimed_sender),
            Column(
                self.tr("Number shown"),
                lambda row: national(row.shown_number_e164),
                tooltip=lambda row: row.shown_number_raw or "",
            ),
            Column(self.tr("Web address"), lambda row: row.shown_url or ""),
            Column(self.tr("Paid"), lambda row: yes if row.paid else no),
            Column(self.tr("Gave details"), lambda row: yes if row.disclosed else no),
            Column(self.tr("Incident"), lambda row: row.incident_no or ""),
        ]

    def _count_columns(self, what: str) -> list[Column[ReportCount]]:
        return [
            Column(what, lambda row: row.label),
            Column(self.tr("Reports"), lambda row: str(row.count), RIGHT),
            Column(self.tr("Latest"), lambda row: date_text(row.latest_received_on)),
        ]

    def current_filter(self) -> ReportFilter:
        channel = self.channel.currentData()
        return ReportFilter(
            number=self.number.text().strip(),
            sender=self.claimed_sender.text().strip(),
            channel=ReportChannel(channel) if channel else None,
            since=date_of(self.since),
            until=date_of(self.until),
        )

    def set_channel(self, channel: ReportChannel | None) -> None:
        select_value(self.channel, None if channel is None else channel.value)

    def set_viewer(self, viewer_id: int | None) -> None:
        """Searches run as the agent signed in (None: no one, and the tables are emptied)."""
        self._viewer_id = viewer_id
        if viewer_id is None:
            self._counts_generation += 1
            self.model.load(None)
            self.number_counts.clear()
            self.sender_counts.clear()
            self.status.setText("")

    @Slot()
    def search(self) -> None:
        """Search the reports with the filters, and count them over the filters' dates."""
        viewer_id = self._viewer_id
        if viewer_id is None or self._runner.is_shut_down:
            return
        filters = self.current_filter()
        self._waiting_for_first_page = True
        self.status.setText(self.tr("Searching…"))
        self.model.load(report_pages(filters, self.page_size, viewer_id))
        self._counts_generation += 1
        generation = self._counts_generation
        since, until = filters.since, filters.until
        self._runner.run(
            ops.report_counts(viewer_id, since, until),
            name="register counts",
            on_success=lambda counts: self._show_counts(generation, counts),
            owner=self,
        )

    def _show_counts(self, generation: int, counts: ReportCounts) -> None:
        if generation != self._counts_generation:
            return
        self.number_counts.set_rows(counts.numbers)
        self.sender_counts.set_rows(counts.senders)
        self.counts_loaded.emit()

    @Slot(int)
    def _page_loaded(self, _added: int) -> None:
        count = self.model.rowCount()
        if self.model.has_more:
            text = self.tr("%1 reports shown; more load as you scroll")
        else:
            text = self.tr("%1 reports")
        self.status.setText(text.replace("%1", str(count)))
        if self._waiting_for_first_page:
            self._waiting_for_first_page = False
            self.table.fit_columns()
            self.searched.emit()

    @Slot(object)
    def _page_failed(self, error: Exception) -> None:
        self._waiting_for_first_page = False
        if isinstance(error, InvalidRegisterEntry) and error.field == "number":
            self.status.setText(
                self.tr("“%1” is not a phone number. Type it as shown, e.g. 03-1234-5678.").replace(
                    "%1", self.number.text().strip()
                )
            )
        else:
            self.status.setText(self.tr("The report register could not be read."))
            self._runner.show_error(error)
        self.search_failed.emit(error)

    @Slot(QModelIndex)
    def _search_number(self, index: QModelIndex) -> None:
        if index.isValid():
            self.number.setText(self.number_counts.row_at(index.row()).label)
            self.claimed_sender.clear()
            self.search()

    @Slot(QModelIndex)
    def _search_sender(self, index: QModelIndex) -> None:
        if index.isValid():
            self.claimed_sender.setText(self.sender_counts.row_at(index.row()).label)
            self.number.clear()
            self.search()

    def chosen_report(self) -> ReportRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    @Slot()
    def _update_link_buttons(self) -> None:
        report = self.chosen_report()
        linked = report is not None and report.incident_no is not None
        self.link_button.setText(
            self.tr("Unlin&k from incident…") if linked else self.tr("Lin&k to incident…")
        )
        self.link_button.setEnabled(report is not None)

    @Slot()
    def _link_or_unlink(self) -> None:
        report = self.chosen_report()
        if report is not None and report.incident_no is not None:
            self.unlink_chosen()
        else:
            self.link_chosen()

    @Slot()
    def link_chosen(self) -> None:
        """Offer the open incidents for the chosen report, those it looks connected to first."""
        report, viewer_id = self.chosen_report(), self._viewer_id
        if report is None or viewer_id is None:
            return
        self._runner.run(
            ops.incident_link_choices(viewer_id, report.report_id),
            name="incidents to link a report to",
            on_success=lambda choices: self._ask_incident(report, choices),
            owner=self,
        )

    def _ask_incident(self, report: ReportRow, choices: ops.LinkChoices) -> None:
        dialog = IncidentLinkDialog(report, choices, self)
        dialog.accepted.connect(lambda: self._change_link(report, dialog.incident_no()))
        dialog.finished.connect(dialog.deleteLater)
        self.link_dialog = dialog
        dialog.open()

    @Slot()
    def unlink_chosen(self) -> None:
        """Undo the chosen report's link, once the supervisor confirms."""
        report = self.chosen_report()
        if report is None or report.incident_no is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Unlink the report"),
            self.tr("Unlink case %1's report from leak incident %2?")
            .replace("%1", report.case_no)
            .replace("%2", report.incident_no),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.accepted.connect(lambda: self._change_link(report, None))
        box.finished.connect(box.deleteLater)
        self.unlink_box = box
        box.open()

    def _change_link(self, report: ReportRow, incident_no: str | None) -> None:
        viewer_id = self._viewer_id
        if viewer_id is None:
            return
        self._runner.run(
            ops.link_report(viewer_id, report.report_id, incident_no),
            name="link a report to an incident",
            on_success=lambda _done: self.search(),
            owner=self,
        )

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_requested.emit(self.model.row_at(index.row()).case_id)
