"""The one base table model: rows are the core's frozen value objects, columns say how to show them.

Every table in the window (search hits, orders, calls, cases, provision records) is one of these with
its own columns. Rows only ever come from a service's answer; paging appends the next keyset page.
`rowCount` is what has been fetched, as in Qt's fetchMore example.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

R = TypeVar("R")

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    text: Callable[[R], str]
    alignment: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[R], str] | None = None


@dataclass(frozen=True)
class RowLook:
    """How a row stands out (a missed call, an open case); None in a field keeps the view's default."""

    foreground: str | None = None
    background: str | None = None
    bold: bool = False


class ValueTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of value objects: reset with `set_rows`, grown with `append_rows`."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: QObject | None = None,
        *,
        key: Callable[[R], Hashable] | None = None,
        look: Callable[[R], RowLook | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[R] = []
        self._key = key
        self._look = look
        self._bold = QFont()
        self._bold.setBold(True)

    @property
    def rows(self) -> tuple[R, ...]:
        return tuple(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def set_rows(self, rows: Sequence[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def clear(self) -> None:
        self.set_rows(())

    def append_rows(self, rows: Sequence[R]) -> int:
        """Add rows at the end, skipping any already shown (by `key`); returns how many were added."""
        if self._key is not None:
            key = self._key
            seen = {key(row) for row in self._rows}
            fresh = []
            for row in rows:
                if key(row) not in seen:
                    seen.add(key(row))
                    fresh.append(row)
        else:
            fresh = list(rows)
        if not fresh:
            return 0
        first = len(self._rows)
        # `last` is inclusive (the fetchMore rule the PySide6 port of the example gets wrong).
        self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
        self._rows.extend(fresh)
        self.endInsertRows()
        return len(fresh)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(self._columns):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role in _TEXT_ROLES:
            return column.text(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(row) or None
        if role in (
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.BackgroundRole,
            Qt.ItemDataRole.FontRole,
        ):
            return self._styled(row, role)
        return None

    def _styled(self, row: R, role: int) -> Any:
        look = self._look(row) if self._look is not None else None
        if look is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole and look.foreground:
            return QBrush(QColor(look.foreground))
        if role == Qt.ItemDataRole.BackgroundRole and look.background:
            return QBrush(QColor(look.background))
        if role == Qt.ItemDataRole.FontRole and look.bold:
            return self._bold
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header if 0 <= section < len(self._columns) else None
        return str(section + 1)
