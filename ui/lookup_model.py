"""Table model of the customers a phone lookup found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from desk_app.services.lookup import CustomerMatch
from desk_app.storage.models import PhoneKind

CUSTOMER_NO, NAME, KANA, MATCHED_PHONE = range(4)
_COLUMN_COUNT = 4


def phone_kind_label(kind: PhoneKind) -> str:
    labels = {
        PhoneKind.HOME: QCoreApplication.translate("LookupModel", "Home"),
        PhoneKind.MOBILE: QCoreApplication.translate("LookupModel", "Mobile"),
        PhoneKind.WORK: QCoreApplication.translate("LookupModel", "Work"),
    }
    return labels.get(kind, str(kind))


class LookupModel(QAbstractTableModel):
    """Rows are `CustomerMatch` value objects; a new lookup replaces them all (a reset)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._matches: tuple[CustomerMatch, ...] = ()
        self._headers = (
            self.tr("Customer no."),
            self.tr("Name"),
            self.tr("Kana"),
            self.tr("Matched phone"),
        )

    def set_matches(self, matches: Sequence[CustomerMatch]) -> None:
        self.beginResetModel()
        self._matches = tuple(matches)
        self.endResetModel()

    def clear(self) -> None:
        self.set_matches(())

    def match_at(self, row: int) -> CustomerMatch:
        return self._matches[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        # A table has rows only under the invisible root.
        return 0 if parent.isValid() else len(self._matches)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMN_COUNT

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._matches):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            # The path PySide6 6.12.0 mishandles (None refcount); see tests/ui/test_pyside_none_refcount.py.
            return None
        match = self._matches[index.row()]
        column = index.column()
        if column == CUSTOMER_NO:
            return match.customer_no
        if column == NAME:
            return match.name
        if column == KANA:
            return match.name_kana
        if column == MATCHED_PHONE:
            return phone_kind_label(match.matched_phone_kind)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < _COLUMN_COUNT else None
        return str(section + 1)
