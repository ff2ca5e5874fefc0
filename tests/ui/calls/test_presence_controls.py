"""The agent's status on the floor: shown in Japanese, away with a reason, on the call the gateway puts
them on, then after-call work with its countdown, one extension and the wrap-up code that ends it."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from desk_app.config import Switchboard
from desk_app.domain.enums import PresenceState
from tests.support.every_window import View
from tests.support.floor_desk import WAIT_MS, FloorDesk, floor_desk
from tests.support.gateway_floor import call
from tests.ui.test_mnemonics import clashes, keyed
from ui.calls.presence_controls import PresenceControls


@contextlib.contextmanager
def sato_desk(qtbot: QtBot, url: str, folder: Path, after_call_seconds: int) -> Iterator[FloorDesk]:
    settings = Switchboard(after_call_seconds=after_call_seconds, after_call_extension_seconds=60)
    with floor_desk(qtbot, url, folder, settings) as made:
        made.sign_in(qtbot, "sato")
        yield made


@pytest.fixture
def desk(qtbot: QtBot, postgres_url: str, tmp_path: Path) -> Iterator[FloorDesk]:
    """Sato's desk, with two minutes of after-call work."""
    with sato_desk(qtbot, postgres_url, tmp_path, 120) as made:
        yield made


@pytest.fixture
def quick_desk(qtbot: QtBot, postgres_url: str, tmp_path: Path) -> Iterator[FloorDesk]:
    """Sato's desk, with three seconds of after-call work."""
    with sato_desk(qtbot, postgres_url, tmp_path, 3) as made:
        yield made


def shows(qtbot: QtBot, controls: PresenceControls, state: PresenceState) -> None:
    qtbot.waitUntil(
        lambda: controls.presence is not None and controls.presence.state is state, timeout=WAIT_MS
    )


def talk_and_hang_up(qtbot: QtBot, desk: FloorDesk, call_id: str) -> None:
    """A call named for sato (extension 201), answered there and hung up: after-call work begins."""
    controls = desk.floor.presence
    desk.place.post(call("newCall", call_id, user=["201"]))
    desk.place.post(call("answer", call_id, user="201"))
    shows(qtbot, controls, PresenceState.ON_CALL)
    assert controls.button.text() == "通話中"
    desk.place.post(call("hangup", call_id, cause="normalClearing"))
    shows(qtbot, controls, PresenceState.AFTER_CALL)


def test_the_status_shows_in_japanese_and_the_agent_goes_away_with_a_reason(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    controls = desk.floor.presence
    assert controls.button.text() == "受付可"
    assert controls.available_action.isChecked()
    assert [action.text() for action in controls.away_menu.actions()] == [
        "&1 休憩",
        "&2 研修",
        "&3 会議",
        "&4 その他",
    ]

    controls.away_actions["研修"].trigger()
    shows(qtbot, controls, PresenceState.AWAY)
    assert controls.button.text() == "離席（研修）"
    assert controls.away_actions["研修"].isChecked()
    assert not controls.available_action.isChecked()
    assert (desk.state("sato"), desk.presence("sato").reason) == (PresenceState.AWAY, "研修")

    # Away, the queue's calls ring the others only.
    rang: list[str] = []
    desk.window.flow.call_began.connect(rang.append)
    desk.place.post(call("newCall", "while-away"))
    desk.place.post(call("newCall", "for-sato", user=["201"]))
    qtbot.waitUntil(lambda: rang == ["for-sato"], timeout=WAIT_MS)

    controls.available_action.trigger()
    shows(qtbot, controls, PresenceState.AVAILABLE)
    assert controls.button.text() == "受付可"


def test_after_call_work_counts_down_extends_once_and_ends_with_a_wrap_up_code(
    qtbot: QtBot, desk: FloorDesk
) -> None:
    controls = desk.floor.presence
    bar = controls.after_call_bar
    talk_and_hang_up(qtbot, desk, "c-1")
    assert bar.isVisible()
    assert re.fullmatch(r"後処理 (2:00|1:[0-5]\d)", controls.button.text())
    assert "left, pick a wrap-up code" in bar.time_label.text()
    assert [button.text() for button in bar.code_buttons] == [
        "&1 案内完了",
        "&2 手続き受付",
        "&3 折り返し予定",
        "&4 他部署へ転送",
        "&5 間違い電話",
        "&6 その他",
    ]
    until = desk.presence("sato").after_call_until
    assert until is not None
    # The countdown follows the clock.
    first = controls.button.text()
    qtbot.waitUntil(lambda: controls.button.text() != first, timeout=3_000)

    assert bar.extend_button.isEnabled()
    assert controls.extend_action.isEnabled()
    bar.extend_button.click()
    qtbot.waitUntil(
        lambda: controls.presence is not None and controls.presence.after_call_extended, timeout=WAIT_MS
    )
    assert desk.presence("sato").after_call_until == until + dt.timedelta(seconds=60)
    assert controls.button.text().startswith("後処理 2:")
    assert not bar.extend_button.isEnabled()
    assert not controls.extend_action.isEnabled()

    bar.code_buttons[1].click()
    shows(qtbot, controls, PresenceState.AVAILABLE)
    assert not bar.isVisible()
    assert controls.button.text() == "受付可"
    assert desk.call("c-1").wrap_up_code == "手続き受付"
    assert desk.state("sato") is PresenceState.AVAILABLE


def test_a_wrap_up_code_from_the_menu_ends_after_call_work(qtbot: QtBot, desk: FloorDesk) -> None:
    controls = desk.floor.presence
    assert not controls.wrap_up_menu.menuAction().isEnabled()
    talk_and_hang_up(qtbot, desk, "c-2")
    assert controls.wrap_up_menu.menuAction().isEnabled()
    controls.wrap_up_menu.actions()[4].trigger()
    shows(qtbot, controls, PresenceState.AVAILABLE)
    assert desk.call("c-2").wrap_up_code == "間違い電話"


def test_when_after_call_work_runs_out_the_status_shows_available(
    qtbot: QtBot, quick_desk: FloorDesk
) -> None:
    desk = quick_desk
    controls = desk.floor.presence
    talk_and_hang_up(qtbot, desk, "c-3")
    assert controls.after_call_bar.isVisible()
    qtbot.waitUntil(lambda: controls.button.text() == "受付可", timeout=WAIT_MS)
    assert not controls.after_call_bar.isVisible()
    assert desk.state("sato") is PresenceState.AVAILABLE
    assert desk.call("c-3").wrap_up_code is None


def test_a_refusal_is_said_in_english(qtbot: QtBot, desk: FloorDesk) -> None:
    controls = desk.floor.presence
    talk_and_hang_up(qtbot, desk, "c-4")
    controls.available_action.trigger()
    qtbot.waitUntil(lambda: controls.notice is not None and controls.notice.isVisible(), timeout=WAIT_MS)
    assert controls.notice is not None
    assert controls.notice.text() == "Not done: pick a wrap-up code to end after-call work"
    assert desk.state("sato") is PresenceState.AFTER_CALL
    controls.notice.close()


@pytest.mark.usefixtures("japanese")
def test_a_refusal_is_said_in_japanese(qtbot: QtBot, desk: FloorDesk) -> None:
    controls = desk.floor.presence
    talk_and_hang_up(qtbot, desk, "c-5")
    controls.extend_action.trigger()
    qtbot.waitUntil(
        lambda: controls.presence is not None and controls.presence.after_call_extended, timeout=WAIT_MS
    )
    # A second extension, asked for before the menu caught up, is the core's to refuse.
    controls.extend()
    qtbot.waitUntil(lambda: controls.notice is not None and controls.notice.isVisible(), timeout=WAIT_MS)
    assert controls.notice is not None
    assert "後処理の延長は1回だけです" in controls.notice.text()
    controls.notice.close()


def test_every_floor_control_has_its_own_alt_letter(qtbot: QtBot, desk: FloorDesk) -> None:
    controls = desk.floor.presence
    talk_and_hang_up(qtbot, desk, "c-6")
    window = desk.window
    call_menu = next(
        menu
        for action in window.menuBar().actions()
        if isinstance(menu := action.menu(), QMenu) and controls.menu.menuAction() in menu.actions()
    )
    assert desk.floor.missed_action in call_menu.actions()
    views = [
        View("main window in after-call work", window),
        View("Call menu", call_menu),
        View("My status", controls.menu),
        View("Away", controls.away_menu),
        View("Wrap-up code", controls.wrap_up_menu),
    ]
    for view in views:
        texts, problems = keyed(view)
        assert clashes(texts) + problems == [], view.name
