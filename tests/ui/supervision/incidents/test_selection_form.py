"""The criteria form of a saved search: every field read back as set, each date end given only when ticked,
the 47 prefectures in JIS order, full-width digits taken as digits, and a line of words that follows each edit
(or says why the criteria cannot be run)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import OrderChannel
from desk_app.domain.prefectures import PREFECTURE_ORDER
from desk_app.domain.selections import CustomerSelection
from ui.common.japan_time import japan_today_qdate
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR
from ui.supervision.incidents.selection_form import SelectionForm

EVERYTHING = CustomerSelection(
    ordered_from=dt.date(2026, 4, 1),
    ordered_to=dt.date(2026, 9, 30),
    order_channels=(OrderChannel.TV, OrderChannel.WEB),
    registered_from=dt.date(2020, 1, 1),
    registered_to=dt.date(2026, 11, 30),
    prefectures=("北海道", "東京都", "沖縄県"),
    postal_prefix="100",
    shopping_credit=True,
    direct_mail_opt_in=False,
    catalogue_opt_in=None,
    has_email=True,
)


def form(qtbot: QtBot) -> SelectionForm:
    widget = SelectionForm()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_selection_is_read_back_as_it_was_set(qtbot: QtBot) -> None:
    widget = form(qtbot)
    assert widget.selection() == CustomerSelection()
    with qtbot.waitSignal(widget.changed):
        widget.set_selection(EVERYTHING)
    assert widget.selection() == EVERYTHING
    assert widget.ordered_from.day.isEnabled()
    assert widget.registered_to.day.date() == QDate(2026, 11, 30)
    widget.clear()
    assert widget.selection() == CustomerSelection()
    assert not widget.ordered_from.day.isEnabled()
    assert widget.ordered_from.day.date() == japan_today_qdate()


def test_a_date_end_counts_only_while_ticked(qtbot: QtBot) -> None:
    widget = form(qtbot)
    widget.ordered_to.day.setDate(QDate(2026, 6, 30))
    assert widget.selection().ordered_to is None
    qtbot.mouseClick(widget.ordered_to.given, Qt.MouseButton.LeftButton)
    assert widget.selection() == CustomerSelection(ordered_to=dt.date(2026, 6, 30))


def test_the_prefectures_are_the_47_in_jis_order_and_any_can_be_ticked(qtbot: QtBot) -> None:
    widget = form(qtbot)
    listed = [widget.prefectures.item(row).text() for row in range(widget.prefectures.count())]
    assert listed == list(PREFECTURE_ORDER)
    assert (listed[0], listed[12], listed[46]) == ("北海道", "東京都", "沖縄県")
    widget.prefectures.item(46).setCheckState(Qt.CheckState.Checked)
    widget.prefectures.item(0).setCheckState(Qt.CheckState.Checked)
    assert widget.selection().prefectures == ("北海道", "沖縄県")


def test_the_words_follow_each_edit_and_say_what_is_wrong(qtbot: QtBot) -> None:
    widget = form(qtbot)
    assert widget.words.text().startswith("give at least one criterion")
    assert OVERDUE_COLOUR not in widget.words.styleSheet()
    widget.postal_prefix.setText("１００")
    assert widget.selection().postal_prefix == "100"
    assert widget.words.text() == "postal code starting 100"
    widget.flags["has_email"].setCurrentIndex(2)
    assert widget.selection().has_email is False
    assert widget.words.text() == "postal code starting 100; without an e-mail address"
    widget.postal_prefix.setText("10-0")
    assert widget.words.text() == "a postal code's start is 1 to 7 digits, not 10-0"
    assert OVERDUE_COLOUR in widget.words.styleSheet()
    widget.registered_from.set_value(dt.date(2026, 12, 1))
    widget.registered_to.set_value(dt.date(2026, 11, 1))
    widget.postal_prefix.clear()
    assert "starts on 2026-12-01 after it ends on 2026-11-01" in widget.words.text()
