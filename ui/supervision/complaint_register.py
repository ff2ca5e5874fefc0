"""The complaint register tab: filter by category, escalation and words; Enter on a row opens its case."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desk_app.domain.enums import ComplaintCategory
from desk_app.domain.phones import InvalidPhoneNumber, normalise
from desk_app.services.cases.register_rows import ComplaintRow
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import case_state_label, complaint_category_label
from ui.common.japan_time import date_time_text
from ui.common.keyset_table_model import KeysetTableModel
from ui.common.table_view import ValueTableView
from ui.common.value_table_model import Column, RowLook
from ui.supervision.ops import ComplaintFilter, complaint_pages
from ui.supervision.register_search import PAGE_SIZE, FilterBar, choice_combo

TOOLTIP_CHARS = 600


def first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else ""


def _look(row: ComplaintRow) -> RowLook | None:
    # Escalated and not yet answered: a supervisor's to do.
    if row.escalated and row.answer_given is None:
        return RowLook(foreground="#8a4b00", bold=True)
    return None


class ComplaintRegister(QWidget):
    """`searched` follows a search's first page, `search_failed` a failure; Enter on a row opens its case."""

    case_requested = Signal(int)
    searched = Signal()
    search_failed = Signal(object)

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.page_size = PAGE_SIZE
        self._waiting_for_first_page = False
        self.category = choice_combo(
            self.tr("Category"),
            [(self.tr("Any category"), None)]
            + [(complaint_category_label(category), category.value) for category in ComplaintCategory],
        )
        self.escalated = choice_combo(
            self.tr("Escalated"), [(self.tr("Any"), None), (self.tr("Yes"), True), (self.tr("No"), False)]
        )
        self.text = QLineEdit()
        self.text.setAccessibleName(self.tr("Words in the complaint or answer"))
        self.text.setPlaceholderText(self.tr("Words in the complaint or the answer"))
        self.text.setClearButtonEnabled(True)
        self.search_button = QPushButton(self.tr("Se&arch"))
        self.filters = FilterBar()
        bar = QHBoxLayout(self.filters)
        bar.setContentsMargins(0, 0, 0, 0)
        for text, field in (
            (self.tr("Categor&y:"), self.category),
            (self.tr("Escala&ted:"), self.escalated),
            (self.tr("W&ords:"), self.text),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            bar.addWidget(label)
            bar.addWidget(field, 1 if field is self.text else 0)
        bar.addWidget(self.search_button)
        self.model: KeysetTableModel[ComplaintRow] = KeysetTableModel(
            self._columns(), runner, self, key=lambda row: row.complaint_id, look=_look
        )
        self.table = ValueTableView(self.model, self.tr("Complaints"))
        self.table.set_placeholder(self.tr("No complaint matches"))
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Complaint register status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.filters.search_requested.connect(self.search)
        self.search_button.clicked.connect(self.search)
        self.category.currentIndexChanged.connect(self.search)
        self.escalated.currentIndexChanged.connect(self.search)
        self.table.activated.connect(self._open)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.page_failed.connect(self._page_failed)
        self._viewer_id: int | None = None

    def _columns(self) -> list[Column[ComplaintRow]]:
        return [
            Column(self.tr("Case"), lambda row: row.case_no),
            Column(self.tr("Recorded"), lambda row: date_time_text(row.recorded_at)),
            Column(self.tr("Category"), lambda row: complaint_category_label(row.category)),
            Column(self.tr("Escalated"), lambda row: self.tr("Yes") if row.escalated else self.tr("No")),
            Column(
                self.tr("Answered"), lambda row: self.tr("Yes") if row.answer_given else self.tr("Not yet")
            ),
            Column(self.tr("Call back on"), self._callback),
            Column(self.tr("Case state"), lambda row: case_state_label(row.case_state)),
            Column(
                self.tr("Complaint"),
                lambda row: first_line(row.details),
                tooltip=lambda row: row.details[:TOOLTIP_CHARS],
            ),
        ]

    def _callback(self, row: ComplaintRow) -> str:
        """Where a supervisor calls back: the number the caller gave, or the customer's registered one."""
        if row.callback_number:
            try:
                return normalise(row.callback_number).national
            except InvalidPhoneNumber:
                return row.callback_number
        if row.escalated and row.customer_id is not None:
            return self.tr("Registered number")
        return ""

    def current_filter(self) -> ComplaintFilter:
        category = self.category.currentData()
        return ComplaintFilter(
            category=ComplaintCategory(category) if category else None,
            escalated=self.escalated.currentData(),
            text=self.text.text().strip(),
        )

    def set_viewer(self, viewer_id: int | None) -> None:
        """Searches run as the agent signed in (None: no one, and the table is emptied)."""
        self._viewer_id = viewer_id
        if viewer_id is None:
            self.model.load(None)
            self.status.setText("")

    @Slot()
    def search(self) -> None:
        viewer_id = self._viewer_id
        if viewer_id is None or self._runner.is_shut_down:
            return
        self._waiting_for_first_page = True
        self.status.setText(self.tr("Searching…"))
        self.model.load(complaint_pages(self.current_filter(), self.page_size, viewer_id))

    @Slot(int)
    def _page_loaded(self, _added: int) -> None:
        count = self.model.rowCount()
        if self.model.has_more:
            text = self.tr("%1 complaints shown; more load as you scroll")
        else:
            text = self.tr("%1 complaints")
        self.status.setText(text.replace("%1", str(count)))
        if self._waiting_for_first_page:
            self._waiting_for_first_page = False
            self.table.fit_columns()
            self.searched.emit()

    @Slot(object)
    def _page_failed(self, error: Exception) -> None:
        self._waiting_for_first_page = False
        self.status.setText(self.tr("The complaint register could not be read."))
        self._runner.show_error(error)
        self.search_failed.emit(error)

    @Slot(QModelIndex)
    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.case_requested.emit(self.model.row_at(index.row()).case_id)
