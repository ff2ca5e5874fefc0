"""The caller log in the Calls dock: newest first, Japan time, missed calls standing out, older pages."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import CallEvent, call_event
from desk_app.domain.enums import CallSource, CallState, NoNumberReason
from desk_app.services.customers.calls import record_call_event
from ui.calls.call_log_model import CALLER, CUSTOMER, DURATION, STATE, TIME
from ui.calls.call_log_view import PAGE_SIZE
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

# 03:00 UTC is noon in Japan.
FIRST_CALL = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
CALLS = 60


def _event(number: int, state: CallState, seconds: int) -> CallEvent:
    """Call `number` rang `number` minutes after FIRST_CALL; every fifth is withheld."""
    withheld = number % 5 == 0
    return call_event(
        call_id=f"c{number}",
        state=state,
        source=CallSource.CTI,
        number=None if withheld else "06-6123-4567",
        reason=NoNumberReason.WITHHELD if withheld else None,
        at=FIRST_CALL + dt.timedelta(minutes=number, seconds=seconds),
    )


def fill_call_log(desk_db: DeskDatabase) -> None:
    """60 calls a minute apart: every third missed, the others answered and talked for 95 s."""
    tanaka = desk_db.customer_ids["C0000004"]
    with desk_db.factory.begin() as session:
        for number in range(CALLS):
            ring = _event(number, CallState.RINGING, 0)
            record_call_event(session, ring, customer_id=tanaka if ring.number_e164 else None)
            if number % 3 == 0:
                record_call_event(session, _event(number, CallState.MISSED, 20))
            else:
                record_call_event(session, _event(number, CallState.ANSWERED, 5), agent_id=desk_db.agent_id)
                record_call_event(session, _event(number, CallState.ENDED, 100))


def test_the_log_pages_newest_first_and_older_calls_append_without_repeats(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    fill_call_log(desk_db)
    log = main_window.call_log_view
    with qtbot.waitSignal(log.loaded, timeout=10_000):
        log.refresh()
    assert log.model.rowCount() == PAGE_SIZE
    assert log.older_button.isVisible()

    newest = log.model.index(0, TIME)
    # Call 59 rang at 03:59 UTC: 12:59 in Japan.
    assert newest.data() == "11/26 12:59"
    assert newest.data(Qt.ItemDataRole.ToolTipRole) == "Rang at 2026-11-26 12:59 (Japan time)"

    with qtbot.waitSignal(log.loaded, timeout=10_000):
        qtbot.mouseClick(log.older_button, Qt.MouseButton.LeftButton)
    assert log.model.rowCount() == CALLS
    assert not log.older_button.isVisible()
    ids = [call.call_row_id for call in log.model.rows]
    assert len(set(ids)) == CALLS
    assert [call.started_at for call in log.model.rows] == sorted(
        (call.started_at for call in log.model.rows), reverse=True
    )


def test_cells_say_who_called_and_missed_calls_stand_out(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    fill_call_log(desk_db)
    log = main_window.call_log_view
    with qtbot.waitSignal(log.loaded, timeout=10_000):
        log.refresh()
    by_call = {call.call_row_id: row for row, call in enumerate(log.model.rows)}
    calls = {call.call_row_id: call for call in log.model.rows}
    for row_id, row in by_call.items():
        state = log.model.index(row, STATE)
        missed = calls[row_id].state is CallState.MISSED
        assert state.data() == ("Missed" if missed else "Ended")
        brush = state.data(Qt.ItemDataRole.BackgroundRole)
        font = log.model.index(row, CALLER).data(Qt.ItemDataRole.FontRole)
        assert (brush is not None) == missed
        assert (font is not None and font.bold()) == missed
        if calls[row_id].reason is NoNumberReason.WITHHELD:
            assert log.model.index(row, CALLER).data() == "Withheld (非通知)"
            assert log.model.index(row, CUSTOMER).data() == ""
        else:
            assert log.model.index(row, CALLER).data() == "06-6123-4567"
            assert log.model.index(row, CUSTOMER).data() == "田中 次郎"
        assert log.model.index(row, DURATION).data() == ("" if missed else "1:35")


def test_enter_on_a_matched_call_opens_its_customer(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    fill_call_log(desk_db)
    log = main_window.call_log_view
    with qtbot.waitSignal(log.loaded, timeout=10_000):
        log.refresh()
    row = next(row for row, call in enumerate(log.model.rows) if call.customer_id is not None)
    log.table.setFocus()
    log.table.selectRow(row)
    with qtbot.waitSignal(main_window.flow.record_opened, timeout=10_000) as opened:
        qtbot.keyClick(log.table, Qt.Key.Key_Return)
    assert opened.args == [desk_db.customer_ids["C0000004"]]
