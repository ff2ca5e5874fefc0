"""On the gateway's PostgreSQL database the window follows whoever signs in: their calls ring it, signing in
marks them available, and another agent or closing the window signs them out; on SQLite nothing changes."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import call_event
from desk_app.config import Config
from desk_app.domain.enums import CallSource, CallState, PresenceState
from desk_app.gateway.service import SerialLine
from tests.support.floor_desk import WAIT_MS, FloorDesk, floor_desk
from tests.support.gateway_floor import call
from ui.calls.callerid_bridge import caller_id_for
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase


def menu_texts(window: MainWindow) -> list[str]:
    """Every item of the menu bar's menus."""
    menus = [bar.menu() for bar in window.menuBar().actions()]
    return [action.text() for menu in menus if isinstance(menu, QMenu) for action in menu.actions()]


@pytest.fixture
def desk(qtbot: QtBot, postgres_url: str, tmp_path: Path) -> Iterator[FloorDesk]:
    with floor_desk(qtbot, postgres_url, tmp_path) as made:
        yield made


def test_signing_in_follows_the_agent_marks_them_available_and_closing_signs_them_out(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    assert desk.state("sato") is PresenceState.SIGNED_OUT
    desk.sign_in(qtbot, "sato")
    assert desk.state("sato") is PresenceState.AVAILABLE
    gateway = desk.window.caller_id.gateway
    assert gateway is not None
    assert gateway.follower is not None
    assert gateway.follower.name == "gateway sato"

    # A queue call rings every available desk: this one shows it and pops its caller.
    with qtbot.waitSignal(desk.window.flow.pop_presented, timeout=WAIT_MS):
        assert desk.place.post(call("newCall", "q-1")) == (200, {})
    assert desk.window.banner.isVisible()
    assert desk.window.banner.call_id == "q-1"
    assert desk.window.banner.number_label.text() == "03-1234-5678"

    desk.window.close()
    qtbot.waitUntil(lambda: desk.state("sato") is PresenceState.SIGNED_OUT, timeout=WAIT_MS)
    assert gateway.follower is None


def test_another_agent_signing_in_replaces_the_follower_and_the_presence(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    desk.sign_in(qtbot, "sato")
    desk.sign_in(qtbot, "suzuki")
    qtbot.waitUntil(lambda: desk.state("sato") is PresenceState.SIGNED_OUT, timeout=WAIT_MS)
    assert desk.state("suzuki") is PresenceState.AVAILABLE
    gateway = desk.window.caller_id.gateway
    assert gateway is not None
    assert gateway.follower is not None
    assert gateway.follower.name == "gateway suzuki"
    assert "gateway sato" not in desk.window.caller_id_label.text()

    rang: list[str] = []
    desk.window.flow.call_began.connect(rang.append)
    # Named for sato (extension 201), then for suzuki (202): only suzuki's rings this desk now.
    desk.place.post(call("newCall", "for-sato", user=["201"]))
    with qtbot.waitSignal(desk.window.flow.pop_presented, timeout=WAIT_MS):
        desk.place.post(call("newCall", "for-suzuki", user=["202"]))
    assert rang == ["for-suzuki"]


def test_the_desk_on_the_floor_offers_status_and_missed_calls_in_the_call_menu(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    floor = desk.floor
    assert not floor.missed_action.isEnabled()
    assert not floor.presence.button.isVisible()
    desk.sign_in(qtbot, "sato")
    assert floor.missed_action.isEnabled()
    assert floor.presence.button.isVisible()
    assert floor.presence.button.isEnabled()
    assert {"My s&tatus", "&Missed calls…"} <= set(menu_texts(desk.window))

    # Locked, the status cannot be changed; back, it can.
    desk.window.lock()
    assert not floor.presence.button.isEnabled()
    assert not floor.presence.menu.menuAction().isEnabled()
    assert not floor.missed_action.isEnabled()
    sign_in_dialog = desk.window.sign_in_dialog
    assert sign_in_dialog is not None
    sign_in_dialog.close()
    with qtbot.waitSignal(desk.window.sign_in_finished, timeout=WAIT_MS):
        desk.window.sign_in("sato")
    assert floor.presence.button.isEnabled()
    assert floor.presence.menu.menuAction().isEnabled()
    assert floor.missed_action.isEnabled()


def test_on_sqlite_the_window_has_no_gateway_and_no_floor(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase, tmp_path: Path
) -> None:
    config = Config(source=tmp_path / "config.toml")
    assert caller_id_for(config, database_url=f"sqlite:///{tmp_path / 'desk.sqlite3'}").gateway is None
    window = open_window()
    assert window.caller_id.gateway is None
    assert window.floor is None
    with qtbot.waitSignal(window.sign_in_finished, timeout=WAIT_MS):
        window.sign_in(desk_db.agent_login)
    assert not {"My s&tatus", "&Missed calls…"} & set(menu_texts(window))


def test_an_answer_here_keeps_the_call_on_the_line(qtbot: QtBot, desk: FloorDesk) -> None:
    desk.sign_in(qtbot, "sato")
    with qtbot.waitSignal(desk.window.flow.pop_presented, timeout=WAIT_MS):
        desk.place.post(call("newCall", "mine"))
    with qtbot.waitSignal(desk.window.flow.call_recorded, timeout=WAIT_MS):
        desk.place.post(call("answer", "mine", user="201"))
    assert desk.window.banner.isVisible()
    assert desk.window.flow.current_call_state is CallState.ANSWERED
    assert desk.window.flow.active_call_row_id == desk.call("mine").id
    assert desk.call("mine").agent_id == desk.place.agents["sato"]


def test_opening_a_number_display_call_tells_the_gateway_this_desk_answered(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    desk.sign_in(qtbot, "sato")
    suzuki = desk.place.desk("suzuki")
    line = desk.place.gateway._from_line(SerialLine(device="/dev/null", line="0120-000-111"))
    ring = call_event(call_id="nd-1", state=CallState.RINGING, source=CallSource.SERIAL, number="0312345678")
    with qtbot.waitSignal(desk.window.flow.pop_presented, timeout=WAIT_MS):
        line(ring)
    assert suzuki.next().state is CallState.RINGING

    # F2: the adapter cannot hear the answer; the desk writes it, naming itself.
    with qtbot.waitSignal(desk.window.flow.call_recorded, timeout=WAIT_MS):
        qtbot.keyClick(desk.window, Qt.Key.Key_F2)
    at_suzuki = suzuki.next()
    assert (at_suzuki.state, at_suzuki.answered_by) == (CallState.ANSWERED, "sato")
    assert desk.window.banner.isVisible()
    assert desk.window.flow.current_call_state is CallState.ANSWERED
    presence = desk.floor.presence
    qtbot.waitUntil(
        lambda: presence.presence is not None and presence.presence.state is PresenceState.ON_CALL,
        timeout=WAIT_MS,
    )
    # The line goes quiet: at the desk that answered the call ends, and after-call work begins.
    line(dataclasses.replace(ring, state=CallState.MISSED))
    qtbot.waitUntil(lambda: desk.window.flow.current_call_state is CallState.ENDED, timeout=WAIT_MS)
    qtbot.waitUntil(
        lambda: presence.presence is not None and presence.presence.state is PresenceState.AFTER_CALL,
        timeout=WAIT_MS,
    )
    assert suzuki.drained() == []
