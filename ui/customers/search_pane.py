"""The Search page: one field for phone, customer number, name, kana or postal code, and the hits."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal, Slot
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desk_app.domain.enums import SearchKind
from desk_app.domain.messages import message
from desk_app.domain.search_text import search_text_problem
from desk_app.services.agents import AgentInfo
from desk_app.services.customers.search import SearchResult
from ui.common.background import BackgroundRunner
from ui.common.enum_labels import search_kind_label
from ui.common.table_view import ValueTableView
from ui.common.translations import render_message
from ui.customers import ops
from ui.customers.search_results_model import ADDRESS, SearchResultsModel

_ERROR_STYLE = "color: #b00020;"


class SearchPane(QWidget):
    """Enter searches; Enter again (or Enter in the table, or a double-click) opens the selected customer."""

    search_started = Signal()
    search_finished = Signal()
    customer_chosen = Signal(int)

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._agent: AgentInfo | None = None
        # A slow answer to an older search must not replace a newer one.
        self._serial = 0
        self._shown_query: str | None = None

        heading = QLabel(self.tr("Find a customer"))
        heading_font = QFont(heading.font())
        heading_font.setPointSizeF(heading_font.pointSizeF() * 1.3)
        heading_font.setBold(True)
        heading.setFont(heading_font)

        self.search_field = QLineEdit()
        self.search_field.setPlaceholderText(
            self.tr("Phone, customer no. (8 digits), name, kana or postal code (7 digits)")
        )
        self.search_field.setAccessibleName(self.tr("Search customers"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMaxLength(200)
        self.search_field.returnPressed.connect(self._enter_in_field)
        self.search_field.installEventFilter(self)
        field_label = QLabel(self.tr("Fi&nd:"))
        field_label.setBuddy(self.search_field)

        self.status_label = QLabel()
        self.status_label.setAccessibleName(self.tr("Search outcome"))
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setWordWrap(True)

        self.model = SearchResultsModel(self)
        self.results_view = ValueTableView(self.model, self.tr("Customers found"), stretch_column=ADDRESS)
        self.results_view.activated.connect(self._open_index)
        self.results_view.set_placeholder(
            self.tr("Customers found are listed here. Enter on one opens the record.")
        )

        field_row = QHBoxLayout()
        field_row.addWidget(field_label)
        field_row.addWidget(self.search_field, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(field_row)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results_view, 1)
        self.set_agent(None)

    def set_agent(self, agent: AgentInfo | None) -> None:
        """Searching needs a signed-in agent: every customer listed is logged under their name.

        Whoever signs in starts with an empty field: what the last agent searched for is theirs.
        """
        self._agent = agent
        self._serial += 1  # a search still running for the last agent is not shown to this one
        self.search_field.setEnabled(agent is not None)
        self.search_field.clear()
        self.model.clear()
        self._shown_query = None
        if agent is None:
            self._show(
                self.tr(
                    "Not signed in. Searching needs a signed-in agent, because every view "
                    "of customer data is logged under the agent's name."
                )
            )
        else:
            self._show("")

    def focus_search_field(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def fill(self, text: str | None, note: str) -> None:
        """Put `text` in the field without searching (the screen pop found nobody) and say why.

        None leaves the field as it is: a call without a number has nothing to put there.
        """
        self._serial += 1
        if text is not None:
            self.search_field.setText(text)
        self.model.clear()
        self._shown_query = None
        self._show(note)

    def forget_shown_query(self) -> None:
        """Enter in the field searches again, rather than opening a hit of the search shown now."""
        self._shown_query = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Down from the field walks into the hits, as in a browser's address bar.
        if (
            watched is self.search_field
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.results_view.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.results_view.currentIndex().isValid():
                self.results_view.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    @Slot()
    def _enter_in_field(self) -> None:
        index = self.results_view.currentIndex()
        if self.search_field.text() == self._shown_query and index.isValid():
            self._open_index(index)
        else:
            self.start_search()

    @Slot()
    def start_search(self) -> None:
        query = self.search_field.text()
        self._serial += 1
        serial = self._serial
        self.model.clear()
        self._shown_query = None
        self.search_started.emit()
        if self._agent is None:
            return
        if not query.strip():
            self._show(self.tr("Type what the caller tells you, then press Enter."))
            self.search_finished.emit()
            return
        self._show(self.tr("Searching…"))
        self._runner.run(
            ops.search(query, self._agent.id),
            name="search customers",
            on_success=lambda result: self._show_result(serial, query, result),
            on_error=lambda error: self._show_failure(serial, error),
        )

    def _show_result(self, serial: int, query: str, result: SearchResult) -> None:
        if serial != self._serial:
            return
        self._shown_query = query
        if result.problem is not None and result.kind is SearchKind.PHONE:
            self._show(
                self.tr("Not a phone number, customer number (8 digits) or postal code (7 digits)."),
                error=True,
            )
        elif result.problem is not None:
            # Control characters, a broken character or a very long paste: nothing was searched.
            advice = self.tr("This text cannot be searched: remove control characters, or shorten it.")
            unsearchable = search_text_problem(query)
            said = message("search_text.search", problem=unsearchable) if unsearchable else None
            self._show(f"{advice}\n{render_message(said)}" if said else advice, error=True)
        elif result.kind is SearchKind.EMPTY or not result.hits:
            self._show(self.tr("No customer found."))
        else:
            self.model.set_rows(result.hits)
            self.results_view.selectRow(0)
            self._show(self._count_text(result))
        self.search_finished.emit()

    def _count_text(self, result: SearchResult) -> str:
        kind = search_kind_label(result.kind)
        if result.total_capped:
            return (
                self.tr("More than %1 customers by %2: the first %3 are listed; type more to narrow it.")
                .replace("%1", f"{result.total:,}")
                .replace("%2", kind)
                .replace("%3", str(len(result.hits)))
            )
        count = result.total
        found = self.tr("%n customer", "", count) if count == 1 else self.tr("%n customers", "", count)
        shown = len(result.hits)
        if shown < result.total:
            found = self.tr("%1 — the first %2 are listed").replace("%1", found).replace("%2", str(shown))
        return self.tr("%1 by %2").replace("%1", found).replace("%2", kind)

    def _show_failure(self, serial: int, error: Exception) -> None:
        if serial != self._serial:
            return
        self._show(self.tr("The search failed; nothing is shown."), error=True)
        self._runner.show_error(error)
        self.search_finished.emit()

    @Slot(QModelIndex)
    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.customer_chosen.emit(self.model.row_at(index.row()).customer_id)

    def _show(self, text: str, *, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet(_ERROR_STYLE if error else "")
