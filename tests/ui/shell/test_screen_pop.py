"""Rings through the real caller-ID path: banner, pop (record, chooser or search), focus, F2 and Esc."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import CallEvent, call_event
from desk_app.callerid.hub import CallerIdHub
from desk_app.callerid.simulator import CallSimulator
from desk_app.config import Config
from desk_app.domain.enums import AccessAction, CallSource, CallState, NoNumberReason
from desk_app.services.accounts import disable_user
from desk_app.storage.engine import describe
from ui.calls.call_log_model import STATE
from ui.calls.callerid_bridge import CallerId, CallerIdBridge
from ui.common.background import BackgroundRunner
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

Ring = Callable[[str | NoNumberReason], str]


def test_one_match_opens_the_record_without_taking_focus_and_logs_the_view_against_the_call(
    main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    pages, banner = main_window.pages, main_window.banner
    focus_before = main_window.focusWidget()
    # Waiting for calls, the keyboard rests on the caller log, which no pop hides.
    assert focus_before is main_window.call_log_view.table
    call_id = ring("06 6123 4567")

    assert pages.currentWidget() is pages.record_panel
    assert pages.record_panel.name_label.text() == "田中 次郎"
    assert pages.record_panel.kana_label.text() == "タナカ ジロウ"
    assert banner.isVisible()
    assert banner.number_label.text() == "06-6123-4567"
    assert banner.match_label.text() == "田中 次郎 様"
    assert main_window.focusWidget() is focus_before  # the caller log keeps the keyboard

    [call] = desk_db.calls()
    assert (call.call_id, call.customer_id) == (call_id, desk_db.customer_ids["C0000004"])
    assert pages.record_panel.call_row_id == call.id
    views = [entry for entry in desk_db.access_log() if entry.action == AccessAction.VIEW]
    assert [(e.customer_id, e.call_id, e.agent_id, e.detail) for e in views] == [
        (desk_db.customer_ids["C0000004"], call.id, desk_db.agent_id, "screen pop")
    ]


def test_a_household_landline_opens_the_chooser_and_the_choice_opens_the_record(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    pages = main_window.pages
    ring(desk_db.shared_number)

    chooser = pages.chooser
    assert pages.currentWidget() is chooser
    assert pages.isTabVisible(pages.indexOf(chooser))
    assert main_window.banner.match_label.text() == "2 customers share this number"
    assert chooser.heading.text() == "2 customers share 03-1234-5678"
    # The erased former holder of the number is not offered.
    assert [chooser.model.match_at(row).customer_no for row in range(chooser.model.rowCount())] == [
        "C0000001",
        "C0000002",
    ]
    [call] = desk_db.calls()
    assert call.customer_id is None
    assert sorted((e.customer_id, e.call_id, e.detail) for e in desk_db.access_log()) == sorted(
        (desk_db.customer_ids[no], call.id, "chooser") for no in ("C0000001", "C0000002")
    )

    chooser.table.setFocus()
    chooser.table.selectRow(1)
    with qtbot.waitSignal(main_window.flow.record_opened, timeout=10_000) as opened:
        qtbot.keyClick(chooser.table, Qt.Key.Key_Return)
    assert opened.args == [desk_db.customer_ids["C0000002"]]
    assert pages.currentWidget() is pages.record_panel
    assert pages.record_panel.name_label.text() == "佐藤 花子"
    [call] = desk_db.calls()
    assert call.customer_id == desk_db.customer_ids["C0000002"]
    last = desk_db.access_log()[-1]
    assert (last.customer_id, last.call_id, last.detail) == (call.customer_id, call.id, "record")


def test_a_number_nobody_holds_opens_search_with_the_number_filled_in(
    main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    pages = main_window.pages
    pages.setCurrentWidget(pages.record_panel)
    ring("0399990000")

    search = pages.search_pane
    assert pages.currentWidget() is search
    assert search.search_field.text() == "03-9999-0000"
    assert search.status_label.text().startswith("No customer has 03-9999-0000.")
    assert main_window.banner.match_label.text() == "No customer has this number"
    assert desk_db.access_log() == []
    [call] = desk_db.calls()
    assert (call.e164, call.customer_id) == ("+81399990000", None)


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (NoNumberReason.WITHHELD, "非通知"),
        (NoNumberReason.OUT_OF_AREA, "表示圏外"),
        (NoNumberReason.PUBLIC_PHONE, "公衆電話"),
    ],
)
def test_a_call_without_a_number_shows_the_reason_and_opens_search(
    main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, reason: NoNumberReason, words: str
) -> None:
    pages = main_window.pages
    pages.search_pane.search_field.setText("03-9999-0000")  # left from an earlier call
    pages.setCurrentWidget(pages.record_panel)
    ring(reason)

    assert words in main_window.banner.number_label.text()
    assert main_window.banner.match_label.text() == "Ask who is calling"
    assert pages.currentWidget() is pages.search_pane
    assert words in pages.search_pane.status_label.text()
    assert pages.search_pane.search_field.text() == ""
    [call] = desk_db.calls()
    assert (call.no_number_reason, call.e164) == (reason, None)


def test_an_agent_typing_keeps_the_focus_and_the_page_until_f2(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    pages = main_window.pages
    field = pages.search_pane.search_field
    main_window.focus_search()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "tana")

    ring("06-6123-4567")
    qtbot.keyClicks(field, "ka")

    assert field.hasFocus()
    assert field.text() == "tanaka"
    assert pages.currentWidget() is pages.search_pane
    assert main_window.banner.match_label.text() == "田中 次郎 様"
    assert main_window.banner.hint_label.text() == "Press F2 to open"

    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_F2)
    assert pages.currentWidget() is pages.record_panel
    assert pages.record_panel.name_label.text() == "田中 次郎"
    assert main_window.banner.hint_label.text() == ""
    # Asked for, the record takes the keyboard: arrows walk its purchase history.
    assert pages.record_panel.isAncestorOf(main_window.focusWidget())


def test_typing_in_the_search_field_is_not_overwritten_by_a_number_nobody_holds(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    field = main_window.pages.search_pane.search_field
    main_window.focus_search()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "sato")
    ring("03-9999-0000")
    assert field.text() == "sato"
    assert main_window.banner.match_label.text() == "No customer has this number"
    assert main_window.banner.hint_label.text() == "Press F2 to open"


def test_f2_on_a_withheld_call_keeps_the_name_the_agent_is_typing(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    field = main_window.pages.search_pane.search_field
    main_window.focus_search()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "sato")
    ring(NoNumberReason.WITHHELD)
    assert main_window.banner.hint_label.text() == "Press F2 to open"
    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_F2)
    qtbot.keyClicks(field, "u")
    assert field.text() == "satou"
    assert "非通知" in main_window.pages.search_pane.status_label.text()


def test_esc_dismisses_the_banner_and_its_keys_go_with_it(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    ring("06-6123-4567")
    assert main_window.accept_call_shortcut.isEnabled()
    assert main_window.dismiss_call_shortcut.isEnabled()
    with qtbot.waitSignal(main_window.banner.dismissed, timeout=5_000):
        qtbot.keyClick(main_window.call_log_view.table, Qt.Key.Key_Escape)
    assert not main_window.banner.isVisible()
    assert not main_window.accept_call_shortcut.isEnabled()
    assert not main_window.dismiss_call_shortcut.isEnabled()


def test_esc_in_a_dialog_closes_the_dialog_and_leaves_the_banner(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    ring("06-6123-4567")
    main_window.simulator_actions.simulate_action.trigger()
    dialog = main_window.simulator_actions.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected, timeout=5_000):
        qtbot.keyClick(dialog.number_field, Qt.Key.Key_Escape)
    assert main_window.banner.isVisible()


def test_answer_and_hang_up_update_the_banner_and_the_call_log(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring("06-6123-4567")
    actions = main_window.simulator_actions
    with qtbot.waitSignal(main_window.flow.call_recorded, timeout=5_000):
        actions.answer_action.trigger()
    assert main_window.banner.state_label.text() == "On the line"
    assert main_window.banner.match_label.text() == "田中 次郎 様"
    assert not actions.answer_action.isEnabled()

    log = main_window.call_log_view
    with qtbot.waitSignal(main_window.flow.call_recorded, timeout=5_000):
        actions.hang_up_action.trigger()
    # The log reloads after each recorded event; the reload after the hang-up is the one to wait for.
    qtbot.waitUntil(lambda: log.model.index(0, STATE).data() == "Ended")
    assert main_window.banner.state_label.text() == "Call ended"
    assert not actions.hang_up_action.isEnabled()
    [call] = desk_db.calls()
    assert (call.state, call.agent_id) == (CallState.ENDED, desk_db.agent_id)
    assert log.model.rowCount() == 1
    assert log.model.index(0, STATE).data() == "Ended"
    assert log.model.row_at(0).answered_by == desk_db.agent_name


def test_a_call_hung_up_while_ringing_is_missed_and_stands_out_in_the_log(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    ring("03-9999-0000")
    log = main_window.call_log_view
    with qtbot.waitSignal(main_window.flow.call_recorded, timeout=5_000):
        main_window.simulator_actions.hang_up_action.trigger()
    assert main_window.banner.state_label.text() == "Missed call"
    qtbot.waitUntil(lambda: log.model.index(0, STATE).data() == "Missed")
    index = log.model.index(0, STATE)
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#a50e0e"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name() == "#fde7e9"
    font = index.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont)
    assert font.bold()


def test_the_simulate_menu_action_rings_through_the_bridge(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    main_window.simulator_actions.simulate_action.trigger()
    dialog = main_window.simulator_actions.dialog
    assert dialog is not None
    dialog.number_field.setText(desk_db.single_number)
    with (
        qtbot.waitSignal(main_window.caller_id.bridge.call_event, timeout=5_000) as arrived,
        qtbot.waitSignal(main_window.flow.pop_opened, timeout=10_000),
    ):
        qtbot.keyClick(dialog.number_field, Qt.Key.Key_Return)
    event = arrived.args[0]
    assert isinstance(event, CallEvent)
    assert (event.source, event.state, event.number_display) == (
        CallSource.SIMULATOR,
        CallState.RINGING,
        "06-6123-4567",
    )
    assert main_window.pages.record_panel.name_label.text() == "田中 次郎"


def test_a_signed_out_desk_records_the_call_but_shows_nobody(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    window = open_window()
    with qtbot.waitSignal(window.flow.pop_presented, timeout=10_000):
        window.caller_id.simulator.ring(desk_db.single_number)
    assert window.banner.match_label.text() == "Sign in to see who is calling"
    assert window.pages.record_panel.record is None
    assert len(desk_db.calls()) == 1
    assert desk_db.access_log() == []


def test_a_desk_whose_agent_was_disabled_records_the_call_but_shows_nobody(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    """The administrator disabled the agent while the window stayed open: the ring is still logged."""
    with desk_db.factory.begin() as session:
        disable_user(session, desk_db.agent_login)
    with qtbot.waitSignal(main_window.flow.pop_presented, timeout=10_000):
        main_window.caller_id.simulator.ring(desk_db.single_number)
    assert main_window.pages.record_panel.record is None
    assert "田中" not in main_window.banner.match_label.text()
    assert len(desk_db.calls()) == 1
    assert desk_db.access_log() == []


def test_events_of_one_call_from_a_source_thread_are_recorded_in_order(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    def event(state: CallState) -> CallEvent:
        return call_event(call_id="pbx-1", state=state, source=CallSource.CTI, number="0666123999")

    events = [event(CallState.RINGING), event(CallState.ANSWERED), event(CallState.ENDED)]
    flow = main_window.flow
    with qtbot.waitSignals([flow.call_recorded] * 3, timeout=10_000):
        # All at once, from another thread, as a PBX posting quickly would deliver them.
        worker = threading.Thread(
            target=lambda: [main_window.caller_id.bridge.deliver_event(e) for e in events]
        )
        worker.start()
        worker.join()
    [call] = desk_db.calls()
    assert (call.call_id, call.state) == ("pbx-1", CallState.ENDED)
    assert call.answered_at is not None


class AdapterThatCannotSeeAnswers:
    """Stands in for a serial Number Display adapter: it only learns of an answer when told."""

    name = "serial TEST"

    def __init__(self) -> None:
        self.answered: list[str] = []

    def start(self, emit: object, on_status: object) -> None:
        pass

    def stop(self) -> None:
        pass

    def mark_answered(self, call_id: str) -> None:
        self.answered.append(call_id)


def test_accepting_the_banner_tells_an_adapter_the_call_was_answered(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase
) -> None:
    bridge, simulator, adapter = CallerIdBridge(), CallSimulator(), AdapterThatCannotSeeAnswers()
    hub = CallerIdHub([simulator, adapter], bridge.deliver_event, bridge.deliver_status)
    window = MainWindow(
        Config(), runner, describe(desk_db.engine), caller_id=CallerId(bridge, hub, simulator)
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(desk_db.agent_login)
    hub.start()
    try:
        with qtbot.waitSignal(window.flow.pop_presented, timeout=10_000):
            call_id = simulator.ring(desk_db.single_number)
        window.banner.accept()
        assert adapter.answered == [call_id]
    finally:
        hub.stop()
