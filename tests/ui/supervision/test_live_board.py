"""The live board in the window, on a floor with a gateway: a call rings, is answered, wrapped up; another is
missed and taken. The board follows each step by the database's notifications, never by polling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from desk_app.config import Config, Switchboard
from desk_app.domain.enums import AgentRole, CallState, PresenceState
from desk_app.services.database import open_database
from desk_app.services.switchboard.missed import take_missed_call
from desk_app.services.switchboard.presence import wrap_up
from desk_app.storage.engine import make_engine
from desk_app.storage.migrate import upgrade
from desk_app.storage.models import Agent, CallRecord, DemoDatabase
from tests.support.databases import Databases
from tests.support.gateway_floor import NOW, Floor, call, floor, set_presence
from ui.calls.callerid_bridge import caller_id_for
from ui.common.background import BackgroundRunner
from ui.common.value_table_model import ValueTableModel
from ui.shell.main_window import MainWindow
from ui.supervision.live_board import LiveBoardPage

WAIT_MS = 10_000
WRAP_UP_CODE = Switchboard().wrap_up_codes[0]


def mark_demo(engine: Any) -> None:
    """The demo mark: the window signs its staff in by login alone, as on the demo desk."""
    with Session(engine) as session, session.begin():
        session.add(DemoDatabase(id=1, created_at=NOW, cti_token="live-board-" + "x" * 32))


def texts(model: ValueTableModel[Any]) -> list[list[str]]:
    return [
        [model.index(row, column).data() for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


@pytest.fixture
def place(postgres_url: str) -> Iterator[Floor]:
    with floor(postgres_url) as running:
        mark_demo(running.engine)
        yield running


@pytest.fixture
def open_desk(
    qtbot: QtBot, qapp: object, tmp_path: Path
) -> Iterator[Callable[[str], tuple[MainWindow, BackgroundRunner]]]:
    """A window on the database at `url` and its runner, shut down (and the engine closed) after the test."""
    opened: list[tuple[BackgroundRunner, Callable[[], None]]] = []

    def open_window(url: str) -> tuple[MainWindow, BackgroundRunner]:
        database = open_database(url)
        runner = BackgroundRunner(database.sessions)
        opened.append((runner, database.dispose))
        config = Config(source=tmp_path / "config.toml")
        window = MainWindow(config, runner, database.description, caller_id=caller_id_for(config))
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window, runner

    yield open_window
    for runner, dispose in opened:
        assert runner.shutdown(WAIT_MS), "background work still running at teardown"
        dispose()


def sign_in(qtbot: QtBot, window: MainWindow, login: str) -> None:
    with qtbot.waitSignal(window.sign_in_finished, timeout=WAIT_MS) as signed_in:
        window.sign_in(login)
    assert signed_in.args[0] is not None
    assert signed_in.args[0].login == login


def live_board(qtbot: QtBot, window: MainWindow) -> LiveBoardPage:
    """The supervisor's board, brought in front and read."""
    qtbot.waitUntil(lambda: window.pages.live_board is not None, timeout=WAIT_MS)
    page = window.pages.live_board
    assert page is not None
    assert window.pages.isTabVisible(window.pages.indexOf(page))
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        window.pages.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.connection.text() == "Live", timeout=WAIT_MS)
    return page


def supervisor_board(
    qtbot: QtBot, place: Floor, open_desk: Callable[[str], tuple[MainWindow, BackgroundRunner]]
) -> LiveBoardPage:
    """A window on the floor's database with its supervisor signed in, showing the board."""
    window, _runner = open_desk(place.url)
    sign_in(qtbot, window, "kimura")
    return live_board(qtbot, window)


def desk_row(page: LiveBoardPage, name: str) -> list[str]:
    rows = [row for row in texts(page.desks) if row[0] == name]
    return rows[0] if rows else []


def call_row_id(place: Floor, call_id: str) -> int:
    with Session(place.engine) as session:
        return session.scalars(select(CallRecord.id).where(CallRecord.call_id == call_id)).one()


def test_the_board_follows_a_call_from_the_ring_to_its_wrap_up(
    qtbot: QtBot, place: Floor, open_desk: Callable[[str], tuple[MainWindow, BackgroundRunner]]
) -> None:
    page = supervisor_board(qtbot, place, open_desk)

    set_presence(place.engine, place.agents["sato"], PresenceState.AVAILABLE)
    qtbot.waitUntil(lambda: desk_row(page, "佐藤 美咲")[1:2] == ["受付可"], timeout=WAIT_MS)

    assert place.post(call("newCall", "c-1", "0312345678")) == (200, {})
    qtbot.waitUntil(lambda: [row[0] for row in texts(page.ringing)] == ["＊＊＊＊5678"], timeout=WAIT_MS)
    assert page.ringing_heading.text() == "Ringing now (1)"

    place.post(call("answer", "c-1", "0312345678", user="201"))
    qtbot.waitUntil(lambda: desk_row(page, "佐藤 美咲")[1:4:2] == ["通話中", "＊＊＊＊5678"], timeout=WAIT_MS)
    assert texts(page.ringing) == []
    # How long the desk has been on the call, and the call's length: both counted from the answer.
    assert desk_row(page, "佐藤 美咲")[2].startswith("0:")
    assert desk_row(page, "佐藤 美咲")[4].startswith("0:")

    place.post(call("hangup", "c-1", "0312345678", cause="normalClearing"))
    qtbot.waitUntil(lambda: desk_row(page, "佐藤 美咲")[1] == "後処理", timeout=WAIT_MS)
    assert desk_row(page, "佐藤 美咲")[4] == "", "no call length once the call is over"
    with Session(place.engine) as session, session.begin():
        wrap_up(
            session, place.agents["sato"], WRAP_UP_CODE, now=dt.datetime.now(dt.UTC), settings=Switchboard()
        )
    qtbot.waitUntil(lambda: texts(page.codes) == [[WRAP_UP_CODE, "1"]], timeout=WAIT_MS)
    assert desk_row(page, "佐藤 美咲")[1] == "受付可"
    assert page.codes_heading.text() == "Wrap-up codes today (1)"

    place.post(call("newCall", "m-1", "0698765432"))
    place.post(call("hangup", "m-1", "0698765432", cause="cancel"))
    qtbot.waitUntil(
        lambda: [row[1:] for row in texts(page.missed)] == [["＊＊＊＊5432", "Not taken"]], timeout=WAIT_MS
    )
    assert page.missed_heading.text() == "Missed today (1, 0 taken)"
    with Session(place.engine) as session, session.begin():
        take_missed_call(
            session, place.agents["suzuki"], call_row_id(place, "m-1"), now=dt.datetime.now(dt.UTC)
        )
    qtbot.waitUntil(lambda: page.missed_heading.text() == "Missed today (1, 1 taken)", timeout=WAIT_MS)
    assert [row[1:] for row in texts(page.missed)] == [["＊＊＊＊5432", "suzuki"]]
    with Session(place.engine) as session:
        states = set(session.scalars(select(CallRecord.state)))
    assert states == {CallState.ENDED, CallState.MISSED}


def test_the_times_move_on_without_reading_the_board_again(
    qtbot: QtBot, place: Floor, open_desk: Callable[[str], tuple[MainWindow, BackgroundRunner]]
) -> None:
    page = supervisor_board(qtbot, place, open_desk)
    place.post(call("newCall", "w-1", "0312345678"))
    qtbot.waitUntil(lambda: page.ringing.rowCount() == 1, timeout=WAIT_MS)
    # No more reads from here: the listener stops, and a read already asked for (a notification of the
    # supervisor's own sign-in may arrive late on a busy machine) is let finish first.
    page._listening.stop()
    qtbot.waitUntil(lambda: not page._reading, timeout=WAIT_MS)
    reads = page.reads
    waiting = page.ringing.index(0, 2)
    assert waiting.data().startswith("0:0")
    assert waiting.data(Qt.ItemDataRole.ForegroundRole) is None
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=2)
    page.clock = lambda: later
    # The one-second timer repaints from the board already read: two minutes on, and standing out.
    qtbot.waitUntil(lambda: page.ringing.index(0, 2).data().startswith("2:0"), timeout=WAIT_MS)
    assert page.ringing.index(0, 2).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.reads == reads


def test_only_supervisors_get_the_board(
    qtbot: QtBot, place: Floor, open_desk: Callable[[str], tuple[MainWindow, BackgroundRunner]]
) -> None:
    window, _runner = open_desk(place.url)
    sign_in(qtbot, window, "sato")
    assert window.pages.live_board is None
    assert "Live board (&X)" not in [window.pages.tabText(index) for index in range(window.pages.count())]

    sign_in(qtbot, window, "kimura")
    page = live_board(qtbot, window)
    assert page.listening

    # An agent at the same window: the tab goes, the listener stops and nothing of the board stays.
    window.pages.setCurrentWidget(window.pages.search_pane)
    sign_in(qtbot, window, "sato")
    assert not window.pages.isTabVisible(window.pages.indexOf(page))
    assert not page.listening
    assert page.board is None
    assert page.desks.rowCount() == 0


def test_on_sqlite_there_is_no_board(
    qtbot: QtBot, tmp_path: Path, open_desk: Callable[[str], tuple[MainWindow, BackgroundRunner]]
) -> None:
    url = Databases(tmp_path, server_url=None).new()
    engine = make_engine(url)
    upgrade(engine)
    mark_demo(engine)
    with Session(engine) as session, session.begin():
        session.add(
            Agent(login="kimura", display_name="木村 主任", role=AgentRole.SUPERVISOR, created_at=NOW)
        )
    engine.dispose()
    window, runner = open_desk(url)
    sign_in(qtbot, window, "kimura")
    # The question was asked and answered: whatever else the sign-in started has finished too.
    qtbot.waitUntil(lambda: runner.running_count == 0, timeout=WAIT_MS)
    assert window.pages.live_board is None
    assert "Live board (&X)" not in [window.pages.tabText(index) for index in range(window.pages.count())]
