"""Today's missed calls on the floor: Ctrl+Shift+M lists them, Take claims one to call back, and a call
another agent took shows who, even when they were first by a moment."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.services.switchboard.missed import take_missed_call
from tests.support.floor_desk import WAIT_MS, FloorDesk, floor_desk
from tests.support.gateway_floor import call
from ui.calls.missed_calls_dialog import TAKEN_BY, MissedCallsDialog


@pytest.fixture
def desk(qtbot: QtBot, postgres_url: str, tmp_path: Path) -> Iterator[FloorDesk]:
    with floor_desk(qtbot, postgres_url, tmp_path) as made:
        made.sign_in(qtbot, "sato")
        yield made


def miss(qtbot: QtBot, desk: FloorDesk, call_id: str, number: str) -> None:
    """A queue call that rings and is given up: recorded at this desk as missed."""
    recorded: list[str] = []
    desk.window.flow.call_recorded.connect(recorded.append)
    desk.place.post(call("newCall", call_id, number))
    desk.place.post(call("hangup", call_id, number, cause="cancel"))
    qtbot.waitUntil(lambda: recorded == [call_id, call_id], timeout=WAIT_MS)
    desk.window.flow.call_recorded.disconnect(recorded.append)


def take_as(desk: FloorDesk, login: str, call_id: str) -> None:
    """Another agent takes the call at their own desk."""
    row_id = desk.call(call_id).id
    with desk.sessions.begin() as session:
        take_missed_call(session, desk.place.agents[login], row_id, now=dt.datetime.now(dt.UTC))


def open_list(qtbot: QtBot, desk: FloorDesk) -> MissedCallsDialog:
    qtbot.keyClick(
        desk.window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: desk.floor.missed_dialog is not None and desk.floor.missed_dialog.isVisible())
    dialog = desk.floor.missed_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=WAIT_MS)
    return dialog


def row_of(dialog: MissedCallsDialog, number: str) -> int:
    return next(row for row, missed in enumerate(dialog.model.rows) if missed.number_display == number)


def taken_text(dialog: MissedCallsDialog, row: int) -> str:
    return str(dialog.model.index(row, TAKEN_BY).data())


def test_an_agent_takes_a_missed_call_and_sees_who_took_the_other(qtbot: QtBot, desk: FloorDesk) -> None:
    miss(qtbot, desk, "m-1", "0312345678")
    miss(qtbot, desk, "m-2", "0612345678")
    take_as(desk, "suzuki", "m-2")
    dialog = open_list(qtbot, desk)
    assert [missed.number_display for missed in dialog.model.rows] == ["06-1234-5678", "03-1234-5678"]
    assert taken_text(dialog, row_of(dialog, "06-1234-5678")).startswith("suzuki (")
    assert taken_text(dialog, row_of(dialog, "03-1234-5678")) == ""

    dialog.table.selectRow(row_of(dialog, "06-1234-5678"))
    assert not dialog.take_button.isEnabled()
    dialog.table.selectRow(row_of(dialog, "03-1234-5678"))
    assert dialog.take_button.isEnabled()
    with qtbot.waitSignal(dialog.taken, timeout=WAIT_MS), qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        qtbot.keyClick(dialog, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert dialog.message.text() == "Yours to call back: 03-1234-5678"
    assert taken_text(dialog, row_of(dialog, "03-1234-5678")).startswith("sato (")
    assert desk.call("m-1").taken_by_id == desk.place.agents["sato"]
    assert not dialog.take_button.isEnabled()


def test_a_call_taken_by_someone_else_first_says_who(qtbot: QtBot, desk: FloorDesk) -> None:
    miss(qtbot, desk, "m-3", "0312345678")
    miss(qtbot, desk, "m-4", "0612345678")
    dialog = open_list(qtbot, desk)
    dialog.table.selectRow(row_of(dialog, "03-1234-5678"))
    # Tanaka takes it while the list on this desk still shows it free.
    take_as(desk, "tanaka", "m-3")
    with qtbot.waitSignal(dialog.loaded, timeout=WAIT_MS):
        dialog.take_button.click()
    assert "already taken by tanaka" in dialog.message.text()
    assert taken_text(dialog, row_of(dialog, "03-1234-5678")).startswith("tanaka (")
    assert desk.call("m-3").taken_by_id == desk.place.agents["tanaka"]


def test_a_new_missed_call_appears_in_the_open_list(qtbot: QtBot, desk: FloorDesk) -> None:
    miss(qtbot, desk, "m-5", "0312345678")
    miss(qtbot, desk, "m-6", "0612345678")
    dialog = open_list(qtbot, desk)
    desk.place.post(call("newCall", "m-7", "0451234567"))
    desk.place.post(call("hangup", "m-7", "0451234567", cause="cancel"))
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3, timeout=WAIT_MS)
    assert dialog.model.rows[0].number_display == "045-123-4567"
