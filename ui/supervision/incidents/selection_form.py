"""The criteria of a saved search (`desk_app.domain.selections.CustomerSelection`) as a supervisor edits them:
the orders' and the registration's date ranges (each end given or not by its tick box, in Japan's dates), the
channels ordered through, the prefectures (the 47 in JIS order), the postal code's first digits and the four
yes/no flags, each of which may be left unasked. A line under the fields says the selection in words, or why
it cannot be run, as it is edited."""

from __future__ import annotations

import dataclasses
import datetime as dt
import unicodedata
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.enums import OrderChannel
from desk_app.domain.prefectures import PREFECTURE_ORDER
from desk_app.domain.selections import (
    FIRST_DAY,
    LAST_DAY,
    CustomerSelection,
    describe_all,
    selection_problem,
)
from ui.common.japan_time import japan_today_qdate
from ui.common.translations import render_message
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR

if TYPE_CHECKING:
    from desk_app.services.customers.selections import SelectionCount

# The flags a selection may ask about, in the order the form shows them.
FLAGS = ("shopping_credit", "direct_mail_opt_in", "catalogue_opt_in", "has_email")
PREFECTURE_ROWS = 7
# A flag's choices, in the order its box lists them: not asked, yes, no.
TRI_STATE: tuple[bool | None, ...] = (None, True, False)


class DateEnd:
    """One end of a date range: a tick box that gives it and the day it is (Japan's today to start)."""

    def __init__(self, text: str, accessible_name: str, parent: QWidget) -> None:
        self.given = QCheckBox(text, parent)
        self.day = QDateEdit(japan_today_qdate(), parent)
        # The days a selection may name: a stored one outside them would be changed by the edit unseen.
        self.day.setDateRange(
            QDate(FIRST_DAY.year, FIRST_DAY.month, FIRST_DAY.day),
            QDate(LAST_DAY.year, LAST_DAY.month, LAST_DAY.day),
        )
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.day.setAccessibleName(accessible_name)
        self.day.setEnabled(False)
        self.given.toggled.connect(self.day.setEnabled)

    def value(self) -> dt.date | None:
        if not self.given.isChecked():
            return None
        day = self.day.date()
        return dt.date(day.year(), day.month(), day.day())

    def set_value(self, day: dt.date | None) -> None:
        self.given.setChecked(day is not None)
        self.day.setDate(japan_today_qdate() if day is None else QDate(day.year, day.month, day.day))

    def add_to(self, row: QHBoxLayout) -> None:
        row.addWidget(self.given)
        row.addWidget(self.day)


class SelectionForm(QWidget):
    """`changed` follows every edit (and `set_selection`); `selection()` is what the fields say now."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, words_below: bool = True) -> None:
        """`words_below` False leaves the line of words (`words`) for the caller to place: a form in a
        scroll area keeps it outside, where a wrapped line is given the height it needs."""
        super().__init__(parent)
        self._quiet = False
        self.ordered_from = DateEnd(self.tr("Ordered &from"), self.tr("First order day"), self)
        self.ordered_to = DateEnd(self.tr("Ordered &until"), self.tr("Last order day"), self)
        self.registered_from = DateEnd(self.tr("R&egistered from"), self.tr("First registration day"), self)
        self.registered_to = DateEnd(self.tr("&Registered until"), self.tr("Last registration day"), self)
        channel_texts = {
            OrderChannel.TV: self.tr("T&V"),
            OrderChannel.CATALOGUE: self.tr("Ca&talogue"),
            OrderChannel.WEB: self.tr("&Web"),
            OrderChannel.PHONE: self.tr("&Phone"),
        }
        self.channels = {channel: QCheckBox(channel_texts[channel], self) for channel in OrderChannel}
        self.prefectures = QListWidget(self)
        self.prefectures.setAccessibleName(self.tr("Prefectures"))
        for name in PREFECTURE_ORDER:
            item = QListWidgetItem(name, self.prefectures)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        # Laid out in rows, as a map's list reads (北海道, 青森県, … left to right), wrapped to the width.
        self.prefectures.setFlow(QListView.Flow.LeftToRight)
        self.prefectures.setWrapping(True)
        self.prefectures.setResizeMode(QListView.ResizeMode.Adjust)
        # Each cell holds the longest name and its tick box, so no name is cut short.
        style = self.prefectures.style()
        tick = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self.prefectures)
        spacing = style.pixelMetric(QStyle.PixelMetric.PM_CheckBoxLabelSpacing, None, self.prefectures)
        widest = max(self.prefectures.fontMetrics().horizontalAdvance(name) for name in PREFECTURE_ORDER)
        widest += tick + 4 * max(spacing, 4)
        row_height = self.prefectures.sizeHintForRow(0)
        self.prefectures.setGridSize(QSize(widest, row_height + 2))
        self.prefectures.setMinimumHeight(
            (row_height + 2) * PREFECTURE_ROWS + 2 * self.prefectures.frameWidth()
        )
        self.postal_prefix = QLineEdit(self)
        self.postal_prefix.setMaxLength(7)
        self.postal_prefix.setAccessibleName(self.tr("Postal code's first digits"))
        self.postal_prefix.setPlaceholderText(self.tr("e.g. 100"))
        self.flags = {flag: self._tri_state() for flag in FLAGS}
        self.words = QLabel(self)
        self.words.setWordWrap(True)
        self.words.setAccessibleName(self.tr("The search in words"))
        self.words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._lay_out(words_below)
        for end in self._ends():
            end.given.toggled.connect(self._edited)
            end.day.dateChanged.connect(self._edited)
        for box in self.channels.values():
            box.toggled.connect(self._edited)
        self.prefectures.itemChanged.connect(self._edited)
        self.postal_prefix.textChanged.connect(self._edited)
        for combo in self.flags.values():
            combo.currentIndexChanged.connect(self._edited)
        self._say()

    def _tri_state(self) -> QComboBox:
        combo = QComboBox(self)
        for text, value in zip((self.tr("Not asked"), self.tr("Yes"), self.tr("No")), TRI_STATE, strict=True):
            combo.addItem(text, value)
        return combo

    def _ends(self) -> tuple[DateEnd, ...]:
        return (self.ordered_from, self.ordered_to, self.registered_from, self.registered_to)

    def _lay_out(self, words_below: bool) -> None:
        orders = QGroupBox(self.tr("Orders"), self)
        order_days = QHBoxLayout()
        self.ordered_from.add_to(order_days)
        self.ordered_to.add_to(order_days)
        order_days.addStretch(1)
        channels = QHBoxLayout()
        channels.addWidget(QLabel(self.tr("Through any of:"), self))
        for box in self.channels.values():
            channels.addWidget(box)
        channels.addStretch(1)
        inside = QVBoxLayout(orders)
        inside.addLayout(order_days)
        inside.addLayout(channels)
        registration = QHBoxLayout()
        self.registered_from.add_to(registration)
        self.registered_to.add_to(registration)
        registration.addStretch(1)
        customer = QFormLayout()
        customer.addRow(registration)
        customer.addRow(self.tr("Prefe&ctures:"), self.prefectures)
        customer.addRow(self.tr("Postal code prefi&x:"), self.postal_prefix)
        flag_texts = (
            self.tr("Pa&ys by shopping credit:"),
            self.tr("D&irect mail:"),
            self.tr("Catalo&gue mailing:"),
            self.tr("E-mai&l address:"),
        )
        names = (
            self.tr("Shopping credit"),
            self.tr("Direct mail"),
            self.tr("Catalogue mailing"),
            self.tr("E-mail address"),
        )
        # Two flags a row: the form fits a laptop's screen.
        flags = QGridLayout()
        for place, (text, name, combo) in enumerate(zip(flag_texts, names, self.flags.values(), strict=True)):
            combo.setAccessibleName(name)
            label = QLabel(text, self)
            label.setBuddy(combo)
            row, column = divmod(place, 2)
            flags.addWidget(label, row, column * 2)
            flags.addWidget(combo, row, column * 2 + 1)
        flags.setColumnStretch(4, 1)
        customer.addRow(flags)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(orders)
        layout.addLayout(customer)
        if words_below:
            layout.addWidget(self.words)

    # --- the selection ------------------------------------------------------------------------------------

    def selection(self) -> CustomerSelection:
        """What the fields say; full-width digits typed through the IME are taken as digits."""
        chosen = tuple(
            self.prefectures.item(row).text()
            for row in range(self.prefectures.count())
            if self.prefectures.item(row).checkState() == Qt.CheckState.Checked
        )
        flags = {flag: combo.currentData() for flag, combo in self.flags.items()}
        return CustomerSelection(
            ordered_from=self.ordered_from.value(),
            ordered_to=self.ordered_to.value(),
            order_channels=tuple(channel for channel, box in self.channels.items() if box.isChecked()),
            registered_from=self.registered_from.value(),
            registered_to=self.registered_to.value(),
            prefectures=chosen,
            postal_prefix=unicodedata.normalize("NFKC", self.postal_prefix.text()).strip(),
            **flags,
        )

    def set_selection(self, selection: CustomerSelection) -> None:
        """The fields set to `selection` (a prefecture the list does not know is dropped); one `changed`."""
        self._quiet = True
        try:
            self.ordered_from.set_value(selection.ordered_from)
            self.ordered_to.set_value(selection.ordered_to)
            self.registered_from.set_value(selection.registered_from)
            self.registered_to.set_value(selection.registered_to)
            for channel, box in self.channels.items():
                box.setChecked(channel in selection.order_channels)
            for row in range(self.prefectures.count()):
                item = self.prefectures.item(row)
                ticked = item.text() in selection.prefectures
                item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            self.postal_prefix.setText(selection.postal_prefix)
            for flag, combo in self.flags.items():
                combo.setCurrentIndex(TRI_STATE.index(getattr(selection, flag)))
        finally:
            self._quiet = False
        self._edited()

    def clear(self) -> None:
        self.set_selection(CustomerSelection())

    @Slot()
    def _edited(self) -> None:
        if self._quiet:
            return
        self._say()
        self.changed.emit()

    def _say(self) -> None:
        selection = self.selection()
        problem = selection_problem(selection)
        if problem is not None:
            # An empty form is where every search starts: said plainly, not as a fault.
            wrong = not selection.is_empty()
            self.words.setStyleSheet(f"color: {OVERDUE_COLOUR};" if wrong else "")
            self.words.setText(render_message(problem))
            return
        self.words.setStyleSheet("")
        self.words.setText(words(selection))


def words(selection: CustomerSelection) -> str:
    """The selection's criteria in the window's language, joined as one line."""
    return render_message(describe_all(selection))


def same(first: CustomerSelection, second: CustomerSelection) -> bool:
    """Whether two selections name the same customers' criteria (lists compared in a fixed order)."""
    return dataclasses.astuple(first.normalised()) == dataclasses.astuple(second.normalised())


def count_text(counted: SelectionCount) -> str:
    """A count of the customers a selection names, in the window's language: the total, then how many of
    them are erased, reported deceased or have no postal address."""
    return (
        QCoreApplication.translate(
            "SelectionForm",
            "%1 customers match now: %2 erased, %3 reported deceased, %4 with no postal address.",
        )
        .replace("%1", f"{counted.total:,}")
        .replace("%2", f"{counted.erased:,}")
        .replace("%3", f"{counted.deceased:,}")
        .replace("%4", f"{counted.no_address:,}")
    )


def scrolled(criteria: QWidget) -> QScrollArea:
    """`criteria` in a scroll area of their own width, for a screen too short for all of them."""
    scroller = QScrollArea()
    scroller.setWidget(criteria)
    scroller.setWidgetResizable(True)
    scroller.setFrameShape(QFrame.Shape.NoFrame)
    scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # Always there, so the criteria keep one width, fitted beside it, however tall the window is.
    scroller.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    bar = criteria.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, scroller)
    scroller.setMinimumWidth(criteria.minimumSizeHint().width() + bar)
    return scroller
