"""Looking a caller up from the Customer pane: typing, results, the access log, bad input and failures."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desk_app.storage.models import AccessAction
from ui.background import BackgroundRunner
from ui.customer_pane import LOOKUP_ACCESS_DETAIL, CustomerPane
from ui.lookup_model import CUSTOMER_NO, KANA, MATCHED_PHONE, NAME
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase


def ime_commit(widget: QWidget, typed: str) -> None:
    """Deliver `typed` the way a Japanese input method does: as committed text, not key presses.

    `qtbot.keyClicks` cannot type full-width characters (QTest maps each character to a Latin-1
    key and aborts the interpreter on anything else), and IME input does not arrive as key events.
    """
    event = QInputMethodEvent("", [])
    event.setCommitString(typed)
    QApplication.sendEvent(widget, event)


def type_and_enter(qtbot: QtBot, pane: CustomerPane, number: str) -> None:
    """Type into the phone field as a user would and press Enter; returns once the outcome is shown."""
    pane.focus_phone_field()
    pane.phone_field.clear()
    if number.isascii():
        qtbot.keyClicks(pane.phone_field, number)
    else:
        ime_commit(pane.phone_field, number)
    assert pane.phone_field.text() == number
    with qtbot.waitSignal(pane.lookup_finished, timeout=10_000):
        qtbot.keyClick(pane.phone_field, Qt.Key.Key_Return)


def table_rows(pane: CustomerPane) -> list[tuple[str, ...]]:
    model = pane.results_view.model()
    return [
        tuple(
            model.index(row, column, QModelIndex()).data()
            for column in (CUSTOMER_NO, NAME, KANA, MATCHED_PHONE)
        )
        for row in range(model.rowCount())
    ]


def test_full_width_number_finds_the_customers_holding_it(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    pane = main_window.customer_pane
    type_and_enter(qtbot, pane, "０３－１２３４－５６７８")

    assert table_rows(pane) == [
        ("C0000001", "佐藤 一郎", "サトウ イチロウ", "Home"),
        ("C0000002", "佐藤 花子", "サトウ ハナコ", "Home"),
    ]
    assert pane.status_label.text() == "03-1234-5678 — 2 customers"
    assert pane.status_label.styleSheet() == ""
    assert pane.results_view.currentIndex().row() == 0


def test_every_customer_shown_is_in_the_access_log(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    assert desk_db.access_log() == []
    type_and_enter(qtbot, main_window.customer_pane, "０３－１２３４－５６７８")

    entries = desk_db.access_log()
    assert sorted(entry.customer_id for entry in entries) == sorted(
        [desk_db.customer_ids["C0000001"], desk_db.customer_ids["C0000002"]]
    )
    for entry in entries:
        assert entry.action == AccessAction.VIEW
        assert entry.agent_id == desk_db.agent_id
        assert entry.detail == LOOKUP_ACCESS_DETAIL
    with desk_db.engine.connect() as connection:
        assert connection.execute(text("select distinct action from access_log")).scalars().all() == ["view"]


def test_one_customer_is_counted_in_the_singular(qtbot: QtBot, main_window: MainWindow) -> None:
    pane = main_window.customer_pane
    type_and_enter(qtbot, pane, "06-6123-4567")
    assert pane.status_label.text() == "06-6123-4567 — 1 customer"
    assert table_rows(pane) == [("C0000004", "田中 次郎", "タナカ ジロウ", "Work")]


def test_unmatched_number_says_so_and_logs_nothing(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    pane = main_window.customer_pane
    type_and_enter(qtbot, pane, "０３－１２３４－５６７８")
    type_and_enter(qtbot, pane, desk_db.unmatched_number)

    assert pane.status_label.text().startswith("No customer has this number")
    assert desk_db.unmatched_number in pane.status_label.text()
    assert table_rows(pane) == []
    assert len(desk_db.access_log()) == 2  # only the first lookup's two customers


@pytest.mark.parametrize(
    ("typed", "reason"),
    [("abc", "not a phone number"), ("03-1234-5678 / 06-6123-4567", "more than one phone number")],
)
def test_invalid_input_shows_the_reason_in_red(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase, typed: str, reason: str
) -> None:
    pane = main_window.customer_pane
    type_and_enter(qtbot, pane, typed)

    assert pane.status_label.text().endswith(reason)
    assert "color" in pane.status_label.styleSheet()
    assert table_rows(pane) == []
    assert desk_db.access_log() == []


def test_blank_input_asks_for_a_number_without_looking_up(
    qtbot: QtBot, main_window: MainWindow, runner: BackgroundRunner
) -> None:
    pane = main_window.customer_pane
    type_and_enter(qtbot, pane, "   ")
    assert pane.status_label.text() == "Type a phone number, then press Enter."
    assert runner.running_count == 0


def test_if_the_view_cannot_be_logged_nothing_is_shown(
    qtbot: QtBot,
    main_window: MainWindow,
    runner: BackgroundRunner,
    desk_db: DeskDatabase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown_errors: list[Exception] = []
    monkeypatch.setattr(runner, "show_error", shown_errors.append)
    with desk_db.engine.begin() as connection:
        connection.execute(text("drop table access_log"))

    pane = main_window.customer_pane
    type_and_enter(qtbot, pane, "０３－１２３４－５６７８")

    assert table_rows(pane) == []
    assert pane.status_label.text() == "The lookup failed; nothing is shown."
    assert "color" in pane.status_label.styleSheet()
    assert len(shown_errors) == 1
