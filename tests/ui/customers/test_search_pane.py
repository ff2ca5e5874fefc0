"""The Search page: one field for every kind of query, results, the access log, Enter to open, failures."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from desk_app.domain.enums import AccessAction
from desk_app.storage.models import Customer
from tests.support.qt_input import ime_commit
from ui.common.background import BackgroundRunner
from ui.customers.search_pane import SearchPane
from ui.customers.search_results_model import ADDRESS, CUSTOMER_NO, KANA, NAME, PHONE
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord


def search(qtbot: QtBot, pane: SearchPane, query: str) -> None:
    """Type into the field as a user would and press Enter; returns once the outcome is shown."""
    pane.focus_search_field()
    pane.search_field.clear()
    if query.isascii():
        qtbot.keyClicks(pane.search_field, query)
    else:
        ime_commit(pane.search_field, query)
    assert pane.search_field.text() == query
    with qtbot.waitSignal(pane.search_finished, timeout=10_000):
        qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)


def rows(pane: SearchPane, columns: tuple[int, ...] = (CUSTOMER_NO, NAME, KANA)) -> list[tuple[str, ...]]:
    model = pane.results_view.model()
    return [
        tuple(model.index(row, column, QModelIndex()).data() for column in columns)
        for row in range(model.rowCount())
    ]


@pytest.fixture
def pane(main_window: MainWindow) -> SearchPane:
    return main_window.pages.search_pane


def test_hiragana_typed_through_the_input_method_finds_katakana_names(qtbot: QtBot, pane: SearchPane) -> None:
    search(qtbot, pane, "たなか")
    assert rows(pane) == [("C0000004", "田中 次郎", "タナカ ジロウ")]
    assert pane.status_label.text() == "1 customer by kana"


def test_half_width_katakana_finds_both_living_satos(qtbot: QtBot, pane: SearchPane) -> None:
    search(qtbot, pane, "ｻﾄｳ ")
    assert rows(pane) == [
        ("C0000001", "佐藤 一郎", "サトウ イチロウ"),
        ("C0000002", "佐藤 花子", "サトウ ハナコ"),
    ]
    assert pane.status_label.text() == "2 customers by kana"
    assert pane.results_view.currentIndex().row() == 0


def test_a_full_width_phone_number_finds_the_holders_and_names_the_phone(
    qtbot: QtBot, pane: SearchPane
) -> None:
    search(qtbot, pane, "０３－１２３４－５６７８")
    assert rows(pane, (CUSTOMER_NO, PHONE)) == [
        ("C0000001", "03-1234-5678 (Home)"),
        ("C0000002", "03-1234-5678 (Home)"),
    ]
    assert pane.status_label.text() == "2 customers by phone number"


def test_postal_code_and_name_find_the_customer_with_the_area_shown(
    qtbot: QtBot, pane: SearchPane, rich_record: RichRecord
) -> None:
    search(qtbot, pane, "〒530-0001")
    assert rows(pane, (CUSTOMER_NO, ADDRESS)) == [("C0000004", "〒530-0001 大阪府 大阪市北区")]
    assert pane.status_label.text() == "1 customer by postal code"
    search(qtbot, pane, "田中")
    assert rows(pane, (CUSTOMER_NO,)) == [("C0000004",)]


def test_an_eight_digit_customer_number_finds_that_customer(
    qtbot: QtBot, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    created = dt.datetime(2024, 4, 1, tzinfo=dt.UTC)
    with desk_db.factory.begin() as session:
        session.add(
            Customer(
                customer_no="10000005",
                name="鈴木 三郎",
                name_kana="スズキ サブロウ",
                created_at=created,
                updated_at=created,
            )
        )
    search(qtbot, pane, "10000005")
    assert rows(pane) == [("10000005", "鈴木 三郎", "スズキ サブロウ")]


def test_every_customer_listed_is_in_the_access_log(
    qtbot: QtBot, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    search(qtbot, pane, "さとう")
    entries = desk_db.access_log()
    assert sorted(entry.customer_id for entry in entries) == sorted(
        desk_db.customer_ids[no] for no in ("C0000001", "C0000002")
    )
    for entry in entries:
        assert (entry.action, entry.agent_id, entry.detail) == (
            AccessAction.VIEW,
            desk_db.agent_id,
            "search result",
        )


def test_enter_again_opens_the_selected_customer(
    qtbot: QtBot, main_window: MainWindow, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    search(qtbot, pane, "さとう")
    with qtbot.waitSignal(main_window.flow.record_opened, timeout=10_000) as opened:
        qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)
    assert opened.args == [desk_db.customer_ids["C0000001"]]
    assert main_window.pages.currentWidget() is main_window.pages.record_panel
    last = desk_db.access_log()[-1]
    assert (last.customer_id, last.detail, last.call_id) == (desk_db.customer_ids["C0000001"], "record", None)


def test_down_walks_into_the_results_and_enter_opens_the_row(
    qtbot: QtBot, main_window: MainWindow, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    search(qtbot, pane, "さとう")
    qtbot.keyClick(pane.search_field, Qt.Key.Key_Down)
    qtbot.waitUntil(pane.results_view.hasFocus)
    qtbot.keyClick(pane.results_view, Qt.Key.Key_Down)
    with qtbot.waitSignal(main_window.flow.record_opened, timeout=10_000) as opened:
        qtbot.keyClick(pane.results_view, Qt.Key.Key_Return)
    assert opened.args == [desk_db.customer_ids["C0000002"]]


def test_what_nobody_matches_says_so_and_logs_nothing(
    qtbot: QtBot, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    search(qtbot, pane, desk_db.unmatched_number)
    assert pane.status_label.text() == "No customer found."
    assert rows(pane) == []
    assert desk_db.access_log() == []


def test_digits_that_are_no_number_get_a_red_explanation(
    qtbot: QtBot, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    search(qtbot, pane, "12")
    assert pane.status_label.text().startswith("Not a phone number, customer number")
    assert "color" in pane.status_label.styleSheet()
    assert rows(pane) == []


def test_pasted_text_with_a_control_character_is_said_unsearchable_in_red(
    qtbot: QtBot, pane: SearchPane, desk_db: DeskDatabase
) -> None:
    pane.focus_search_field()
    pane.search_field.setText("やまだ\x00")  # as a paste delivers it
    with qtbot.waitSignal(pane.search_finished, timeout=10_000):
        qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)
    assert pane.status_label.text() == (
        "This text cannot be searched: remove control characters, or shorten it.\n"
        "the search text holds a control character (U+0000)"
    )
    assert "color" in pane.status_label.styleSheet()
    assert rows(pane) == []
    assert desk_db.access_log() == []


def test_blank_input_asks_for_something_without_searching(
    qtbot: QtBot, pane: SearchPane, runner: BackgroundRunner
) -> None:
    qtbot.waitUntil(lambda: runner.running_count == 0)  # what signing in loads (open cases, drafts)
    search(qtbot, pane, "   ")
    assert pane.status_label.text() == "Type what the caller tells you, then press Enter."
    assert runner.running_count == 0


def test_if_the_view_cannot_be_logged_nothing_is_shown(
    qtbot: QtBot,
    pane: SearchPane,
    runner: BackgroundRunner,
    desk_db: DeskDatabase,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown_errors: list[Exception] = []
    monkeypatch.setattr(runner, "show_error", shown_errors.append)
    with desk_db.engine.begin() as connection:
        connection.execute(text("drop table access_log"))

    search(qtbot, pane, "さとう")

    assert rows(pane) == []
    assert pane.status_label.text() == "The search failed; nothing is shown."
    assert "color" in pane.status_label.styleSheet()
    assert len(shown_errors) == 1
