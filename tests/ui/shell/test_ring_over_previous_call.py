"""A new call never leaves the previous caller looking current: their record, the chooser and the search
results are replaced on every ring, or, where the agent is typing, kept, greyed and marked until F2."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import call_event
from desk_app.domain.enums import CallSource, CallState, NoNumberReason
from tests.support.desk_driver import is_greyed, typed
from tests.support.qt_input import ime_commit
from tests.support.screen_text import held_text
from ui.cases.script_wizard import ScriptWizard
from ui.common.background import BackgroundRunner
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

Ring = Callable[[str | NoNumberReason], str]
# 田中 次郎 as the desk shows him: name, kana, customer number.
PREVIOUS_CALLER = ("田中", "次郎", "タナカ", "C0000004")
# 佐藤 花子's mobile: she alone holds it.
OTHER_CUSTOMERS_NUMBER = "090-1111-2222"
CUSTOMER_BAR = "This is the previous call's customer — F2 switches to the current call"
SEARCH_BAR = "These are the previous call's search results — F2 switches to the current call"


def desk_text(window: MainWindow) -> str:
    """What the banner and every page hold, the tab shown and the tabs behind it (the docks are logs)."""
    central = window.centralWidget()
    assert central is not None
    return held_text(central)


def assert_previous_caller_gone(window: MainWindow) -> None:
    text = desk_text(window)
    for word in PREVIOUS_CALLER:
        assert word not in text, word
    assert window.pages.record_panel.record is None or window.pages.record_panel.record.customer_no != (
        "C0000004"
    )


def previous_caller_found_by_search(qtbot: QtBot, window: MainWindow, ring: Ring) -> None:
    """A withheld call: the agent finds 田中 次郎 by kana and opens his record; the keys land on orders."""
    ring(NoNumberReason.WITHHELD)
    search = window.pages.search_pane
    window.focus_search()
    qtbot.waitUntil(search.search_field.hasFocus)
    ime_commit(search.search_field, "タナカ")
    with qtbot.waitSignal(search.search_finished, timeout=10_000):
        qtbot.keyClick(search.search_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(window.flow.record_opened, timeout=10_000):
        qtbot.keyClick(search.search_field, Qt.Key.Key_Return)
    panel = window.pages.record_panel
    assert window.pages.currentWidget() is panel
    assert panel.name_label.text() == "田中 次郎"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is panel.orders.table)


@pytest.mark.parametrize(
    ("rings", "expected_page"),
    [
        (NoNumberReason.WITHHELD, "search_pane"),
        (NoNumberReason.OUT_OF_AREA, "search_pane"),
        (NoNumberReason.PUBLIC_PHONE, "search_pane"),
        ("03-9999-0000", "search_pane"),
        ("03-1234-5678", "chooser"),
        (OTHER_CUSTOMERS_NUMBER, "record_panel"),
    ],
    ids=["withheld", "out-of-area", "public-phone", "no-match", "several", "other-customer"],
)
def test_a_ring_with_the_keyboard_in_the_order_table_leaves_the_previous_caller_nowhere(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, rings: str | NoNumberReason, expected_page: str
) -> None:
    previous_caller_found_by_search(qtbot, main_window, ring)
    ring(rings)

    pages = main_window.pages
    assert pages.currentWidget() is getattr(pages, expected_page)
    assert_previous_caller_gone(main_window)
    if expected_page == "record_panel":
        assert pages.record_panel.name_label.text() == "佐藤 花子"
    if expected_page == "search_pane":
        assert pages.search_pane.model.rowCount() == 0
        assert pages.search_pane.search_field.text() in ("", "03-9999-0000")
    # Nobody was typing: nothing is left to mark as the previous call's.
    assert not pages.previous_call_bar.isVisible()


def test_a_ring_while_the_desk_is_on_another_tab_replaces_the_record_behind_it(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    previous_caller_found_by_search(qtbot, main_window, ring)
    pages, case_log = main_window.pages, main_window.case_log
    pages.setCurrentWidget(case_log)
    case_log.table.setFocus()
    qtbot.waitUntil(case_log.table.hasFocus)

    ring(OTHER_CUSTOMERS_NUMBER)
    # The agent's tab stays; whatever they click next is the new caller's.
    assert pages.currentWidget() is case_log
    assert main_window.banner.hint_label.text() == "Press F2 to open"
    assert pages.record_panel.name_label.text() == "佐藤 花子"
    assert_previous_caller_gone(main_window)

    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(case_log.table, Qt.Key.Key_F2)
    assert pages.currentWidget() is pages.record_panel


def test_typing_in_the_search_keeps_it_greyed_and_marked_the_record_goes_and_f2_switches(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    pages = main_window.pages
    ring(desk_db.single_number)
    assert pages.record_panel.name_label.text() == "田中 次郎"
    search, field = pages.search_pane, pages.search_pane.search_field
    main_window.focus_search()
    qtbot.waitUntil(field.hasFocus)
    ime_commit(field, "サトウ")
    with qtbot.waitSignal(search.search_finished, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert search.model.rowCount() == 2

    ring(NoNumberReason.WITHHELD)
    ime_commit(field, "ハナコ")
    # The typing stays where it was, and so does the keyboard...
    assert field.hasFocus()
    assert field.text() == "サトウハナコ"
    assert pages.currentWidget() is search
    # ...but the page says it belongs to the last call.
    bar = pages.previous_call_bar
    assert bar.isVisible()
    assert bar.text_label.text() == SEARCH_BAR
    assert is_greyed(search)
    # The previous caller's record did not wait behind the Search tab.
    assert_previous_caller_gone(main_window)

    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_F2)
    assert not bar.isVisible()
    assert not is_greyed(search)
    assert search.model.rowCount() == 0
    assert field.text() == "サトウハナコ"
    assert "非通知" in search.status_label.text()


def _open_complaint_at_its_details(
    qtbot: QtBot, window: MainWindow, desk_db: DeskDatabase
) -> QLineEdit | QPlainTextEdit:
    """A complaint about the customer on screen, walked to the step where the agent types the details."""
    case_page = window.case_page
    case_page.start_request("complaint", desk_db.customer_ids["C0000004"], window.flow.active_call_row_id)
    window.pages.setCurrentWidget(case_page)
    qtbot.waitUntil(lambda: case_page.wizard is not None, timeout=10_000)
    wizard = case_page.wizard
    assert isinstance(wizard, ScriptWizard)
    while wizard.current_step != "details":
        options = wizard.page.options
        if options is not None:
            options.buttons()[0].click()
        step = wizard.current_step
        wizard.next_button.click()
        qtbot.waitUntil(lambda: wizard.current_step != step, timeout=10_000)  # noqa: B023
    field = wizard.page.answer_field
    assert field is not None
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    return field


def test_typing_in_a_case_keeps_it_greyed_and_marked_as_the_previous_customers_and_f2_switches(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    pages, case_page = main_window.pages, main_window.case_page
    ring(desk_db.single_number)
    field = _open_complaint_at_its_details(qtbot, main_window, desk_db)
    qtbot.keyClicks(field, "catalogue after stop")

    ring(NoNumberReason.WITHHELD)
    assert pages.currentWidget() is case_page
    assert field.hasFocus()
    assert typed(field) == "catalogue after stop"
    bar = pages.previous_call_bar
    assert bar.isVisible()
    assert bar.text_label.text() == CUSTOMER_BAR
    assert is_greyed(case_page)
    # Behind the Case tab, the record is already gone.
    assert pages.record_panel.record is None
    for word in PREVIOUS_CALLER:
        assert word not in held_text(pages.record_panel), word

    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_F2)
    assert pages.currentWidget() is pages.search_pane
    assert not bar.isVisible()
    assert not is_greyed(case_page)
    # The case keeps what was typed in it.
    assert typed(field) == "catalogue after stop"


def test_a_dismissed_banner_leaves_the_mark_and_f2_on_it_still_switches(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    pages = main_window.pages
    ring(desk_db.single_number)
    field = pages.search_pane.search_field
    main_window.focus_search()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "sato")

    ring(OTHER_CUSTOMERS_NUMBER)
    with qtbot.waitSignal(main_window.banner.dismissed, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert pages.previous_call_bar.isVisible()
    assert main_window.accept_call_shortcut.isEnabled()

    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_F2)
    assert pages.currentWidget() is pages.record_panel
    assert pages.record_panel.name_label.text() == "佐藤 花子"
    assert not pages.previous_call_bar.isVisible()
    assert not main_window.accept_call_shortcut.isEnabled()


def test_a_ring_closes_the_new_inquiry_dialog_that_named_the_previous_caller(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring(desk_db.single_number)
    main_window.new_inquiry()
    dialog = main_window.new_inquiry_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert "田中 次郎" in dialog.about_customer.text()

    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        ring(NoNumberReason.WITHHELD)
    assert main_window.new_inquiry_dialog is None
    assert main_window.case_page.case is None


def test_a_record_asked_for_just_before_a_ring_does_not_land_after_it(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, runner: BackgroundRunner
) -> None:
    ring(NoNumberReason.WITHHELD)
    flow = main_window.flow
    # Enter on a search hit and the next ring in the same moment: the record's answer comes last.
    flow.open_customer(desk_db.customer_ids["C0000004"])
    event = call_event(
        call_id="next-call", state=CallState.RINGING, source=CallSource.CTI, reason=NoNumberReason.WITHHELD
    )
    with qtbot.waitSignal(flow.pop_presented, timeout=10_000):
        flow.handle_event(event)
    # Delivered, or dropped: a result is handed over in the same turn that counts it done.
    qtbot.waitUntil(lambda: runner.running_count == 0, timeout=10_000)
    assert main_window.pages.currentWidget() is main_window.pages.search_pane
    assert_previous_caller_gone(main_window)
