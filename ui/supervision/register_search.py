"""What both registers' tabs share: a filter bar that searches on Enter, keyset pages over `after_id`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QDateEdit, QWidget

R = TypeVar("R")

# Rows read per page; the view asks for the next page as the agent scrolls near the end.
PAGE_SIZE = 100
# A date filter left at this day means "any": QDateEdit cannot be empty.
NO_DATE = QDate(2000, 1, 1)


class FilterBar(QWidget):
    """Holds a register's filter fields; Enter in any of them (which they pass on) asks for a search."""

    search_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.search_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def any_date_edit(accessible_name: str, any_text: str, parent: QWidget | None = None) -> QDateEdit:
    """A date field that starts at "any" (its minimum) and offers a calendar."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(any_text)
    edit.setDate(NO_DATE)
    edit.setAccessibleName(accessible_name)
    return edit


def date_of(edit: QDateEdit) -> dt.date | None:
    """The day chosen, or None while the field says "any"."""
    day = edit.date()
    if day == NO_DATE:
        return None
    return dt.date(day.year(), day.month(), day.day())


def set_date(edit: QDateEdit, day: dt.date | None) -> None:
    edit.setDate(NO_DATE if day is None else QDate(day.year, day.month, day.day))


def choice_combo(accessible_name: str, choices: Sequence[tuple[str, Any]]) -> QComboBox:
    """A combo of (label, value) pairs; the value is the item data (None for "any")."""
    combo = QComboBox()
    combo.setAccessibleName(accessible_name)
    for label, value in choices:
        combo.addItem(label, value)
    return combo


def select_value(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
