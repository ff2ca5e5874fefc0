"""A queue call rings every available desk; when another desk answers, this desk's banner closes and what
the ring popped goes, the call named for the desk that took it."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import call_event
from desk_app.domain.enums import CallSource, CallState
from tests.support.desk_driver import is_greyed
from tests.support.floor_desk import CALLER_NAME, WAIT_MS, FloorDesk, floor_desk
from tests.support.gateway_floor import call


@pytest.fixture
def desk(qtbot: QtBot, postgres_url: str, tmp_path: Path) -> Iterator[FloorDesk]:
    with floor_desk(qtbot, postgres_url, tmp_path) as made:
        made.sign_in(qtbot, "sato")
        yield made


def test_an_answer_at_another_desk_closes_the_banner_and_the_popped_record(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    window, flow = desk.window, desk.window.flow
    with qtbot.waitSignal(flow.pop_opened, timeout=WAIT_MS):
        desk.place.post(call("newCall", "q-1"))
    assert window.pages.record_panel.record is not None
    assert window.pages.record_panel.record.name == CALLER_NAME
    states: list[object] = []
    flow.call_state_changed.connect(states.append)

    with (
        qtbot.waitSignal(flow.taken_elsewhere, timeout=WAIT_MS) as taken,
        qtbot.waitSignal(flow.call_recorded, timeout=WAIT_MS),
    ):
        desk.place.post(call("answer", "q-1", user="202"))
    assert taken.args == ["q-1", "suzuki"]
    assert not window.banner.isVisible()
    assert window.pages.record_panel.record is None
    assert "suzuki" in window.statusBar().currentMessage()
    # Nothing under way here: a record opened now is not logged against suzuki's call, and a locked
    # desk shows no call.
    assert flow.active_call_row_id is None
    assert flow.current_call_state is None
    assert states == [None]
    assert desk.call("q-1").agent_id == desk.place.agents["suzuki"]


def test_a_ring_answered_elsewhere_before_its_pop_came_back_is_never_shown(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    window, flow = desk.window, desk.window.flow
    presented: list[str] = []
    recorded: list[str] = []
    flow.pop_presented.connect(presented.append)
    flow.call_recorded.connect(recorded.append)
    ring = call_event(call_id="q-2", state=CallState.RINGING, source=CallSource.CTI, number="0312345678")
    answer = dataclasses.replace(ring, state=CallState.ANSWERED, answered_by="tanaka")
    # One after the other on the GUI thread, as two events queued together arrive: the ring's record
    # and pop are still in the database's hands when the answer comes.
    flow.handle_event(ring)
    flow.handle_event(answer)
    assert not window.banner.isVisible()
    qtbot.waitUntil(lambda: recorded == ["q-2", "q-2"], timeout=WAIT_MS)
    assert presented == []
    assert not window.banner.isVisible()
    assert window.pages.record_panel.record is None


def test_what_the_agent_was_typing_is_theirs_again_when_another_desk_answers(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    window, flow = desk.window, desk.window.flow
    search = window.pages.search_pane
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.focus_search()
    qtbot.waitUntil(search.search_field.hasFocus)
    qtbot.keyClicks(search.search_field, "yamada")
    with qtbot.waitSignal(flow.pop_presented, timeout=WAIT_MS):
        desk.place.post(call("newCall", "q-3"))
    # Kept for the agent's typing, greyed under the previous call's bar; the caller waits behind for F2.
    assert window.pages.currentWidget() is search
    assert is_greyed(search)
    assert window.pages.record_panel.record is not None
    assert window.call_keys.accept_shortcut.isEnabled()

    with qtbot.waitSignal(flow.taken_elsewhere, timeout=WAIT_MS):
        desk.place.post(call("answer", "q-3", user="203"))
    assert not is_greyed(search)
    assert search.search_field.text() == "yamada"
    assert search.search_field.hasFocus()
    assert window.pages.record_panel.record is None
    assert not window.call_keys.accept_shortcut.isEnabled()
    # F2 from the previous call's bar has no current call to open.
    flow.switch_to_current_call()
    assert window.pages.currentWidget() is search
