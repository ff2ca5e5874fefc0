"""The table view every list in the window uses: whole rows, read only, Tab leaves it, Enter opens."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

FIT_ROWS = 40


class ValueTableView(QTableView):
    """Rows are selected whole; `activated` (Enter or double-click) is the "open this" gesture."""

    def __init__(
        self,
        model: QAbstractItemModel,
        accessible_name: str,
        *,
        stretch_column: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setAccessibleName(accessible_name)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab moves on to the next widget instead of walking cells.
        self.setTabKeyNavigation(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Fitting columns reads this many rows, not every row a page brought in: a page of 200 rows
        # otherwise costs tens of milliseconds of data() calls on the GUI thread.
        header.setResizeContentsPrecision(FIT_ROWS)
        # The stretched last column never shrinks below the default size: keep that to a short title's.
        header.setDefaultSectionSize(self.fontMetrics().horizontalAdvance("0") * 5)
        header.setStretchLastSection(stretch_column is None)
        if stretch_column is not None:
            header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(self.resizeColumnsToContents)
        self._placeholder = ""

    @property
    def placeholder(self) -> str:
        return self._placeholder

    def set_placeholder(self, text: str) -> None:
        """What the empty table says ("No calls yet") instead of showing a blank box."""
        self._placeholder = text
        self.viewport().update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if self._placeholder and model is not None and model.rowCount() == 0:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text))
            area = self.viewport().rect().adjusted(12, 12, -12, -12)
            flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
            painter.drawText(area, int(flags), self._placeholder)
            painter.end()

    def fit_columns(self) -> None:
        """Size columns to what they hold; the stretched one takes the rest."""
        self.resizeColumnsToContents()
