"""`ui.shell.app.run` end to end in this process: it opens the window, reports the first paint and quits."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

import ui.shell.app
import ui.shell.main_window
from desk_app.config import Config, CtiSource, demo_cti_source
from desk_app.domain.messages import InvalidRequest
from desk_app.launch import GuiLaunch
from ui.shell.app import DeskStart, caller_id_config, run
from ui.shell.sign_in_dialog import SignInDialog
from ui.shell.start_window import StartWindow
from ui.shell.startup_probe import PROBE_FILE_ENV, READY_FILE_ENV, START_TIME_ENV, process_start_time

if TYPE_CHECKING:
    from conftest import DeskDatabase


@pytest.fixture
def restored_app(qapp: QApplication) -> Iterator[QApplication]:
    """run() sets the application's font and names; later tests get the originals back."""
    font, name, organisation = qapp.font(), qapp.applicationName(), qapp.organizationName()
    yield qapp
    qapp.setFont(font)
    qapp.setApplicationName(name)
    qapp.setOrganizationName(organisation)


def test_run_paints_the_window_reports_the_time_and_quits(
    restored_app: QApplication, desk_db: DeskDatabase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    probe = tmp_path / "first-paint.txt"
    monkeypatch.setenv(PROBE_FILE_ENV, str(probe))
    monkeypatch.setenv(START_TIME_ENV, repr(time.time()))
    launch = GuiLaunch(config=Config(), database_url=desk_db.url, agent_login=desk_db.agent_login, demo=True)
    exit_code = _run_guarded(restored_app, launch)

    assert exit_code == 0
    seconds = float(probe.read_text(encoding="utf-8"))
    assert 0 < seconds < 30
    assert restored_app.applicationName() == "Inquiry Desk"
    assert "IPAexGothic" in restored_app.font().families()


def _run_guarded(app: QApplication, launch: GuiLaunch) -> int:
    """run(), failing instead of hanging the suite if it never quits."""
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: app.exit(99))
    guard.start(30_000)
    try:
        return run(launch)
    finally:
        guard.stop()


@pytest.fixture
def built_windows(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per main window run() builds: whether the database had been opened by then."""
    built: list[bool] = []

    class Recorded(ui.shell.main_window.MainWindow):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(_opened.is_set())
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ui.shell.main_window, "MainWindow", Recorded)
    _opened.clear()
    return built


# Set by the tests' database openings when they return.
_opened = threading.Event()


def test_the_start_window_paints_first_and_nothing_is_usable_until_the_database_is_open(
    restored_app: QApplication,
    desk_db: DeskDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    built_windows: list[bool],
) -> None:
    probe, ready = tmp_path / "first-paint.txt", tmp_path / "ready.txt"
    monkeypatch.setenv(PROBE_FILE_ENV, str(probe))
    monkeypatch.setenv(READY_FILE_ENV, str(ready))
    monkeypatch.setenv(START_TIME_ENV, repr(time.time()))
    asked, answer = threading.Event(), threading.Event()
    opened_on: list[threading.Thread] = []
    plain = GuiLaunch(config=Config(), database_url=desk_db.url, agent_login=desk_db.agent_login, demo=True)

    def open_database() -> GuiLaunch:
        opened_on.append(threading.current_thread())
        asked.set()
        assert answer.wait(30)
        _opened.set()
        return plain

    # While the database is opening, what the screen shows, looked at from the GUI thread.
    seen: list[tuple[str, int, int]] = []

    def look() -> None:
        if not asked.is_set():
            return
        shown = [widget for widget in restored_app.topLevelWidgets() if widget.isVisible()]
        starts = [widget for widget in shown if isinstance(widget, StartWindow)]
        seen.append(
            (
                starts[0].status.text() if starts else "",
                sum(isinstance(widget, ui.shell.main_window.MainWindow) for widget in shown),
                sum(isinstance(widget, SignInDialog) for widget in shown),
            )
        )
        watch.stop()
        answer.set()

    watch = QTimer()
    watch.timeout.connect(look)
    watch.start(5)
    try:
        exit_code = _run_guarded(restored_app, dataclasses.replace(plain, open_database=open_database))
    finally:
        watch.stop()
        answer.set()

    assert exit_code == 0
    assert seen == [("Opening the database…", 0, 0)]
    assert len(opened_on) == 1
    assert opened_on[0] is not threading.main_thread()
    # The main window was built once, after the database opened, and painted: the desk was ready.
    assert built_windows == [True]
    assert 0 < float(probe.read_text(encoding="utf-8")) <= float(ready.read_text(encoding="utf-8")) < 30


def test_the_database_opens_even_if_the_start_window_never_paints(
    qtbot: QtBot, desk_db: DeskDatabase, built_windows: list[bool]
) -> None:
    """A window started minimised may not paint until someone looks at it."""
    plain = GuiLaunch(config=Config(), database_url=desk_db.url, agent_login=desk_db.agent_login, demo=True)

    def open_database() -> GuiLaunch:
        _opened.set()
        return plain

    start = StartWindow(plain.config, demo=True)  # never shown, so never painted
    qtbot.addWidget(start)
    desk = DeskStart(dataclasses.replace(plain, open_database=open_database), start, None)
    try:
        qtbot.waitUntil(lambda: desk.window is not None, timeout=15_000)
    finally:
        desk.stop()
    assert desk.window is not None
    qtbot.addWidget(desk.window)
    assert built_windows == [True]
    assert desk.window.isVisible()


class DatabaseRefused(Exception):
    """What the command line raises for a database it will not open (its CommandError)."""


def test_a_database_refused_while_the_start_window_shows_comes_back_out_of_run_and_no_desk_opens(
    restored_app: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, built_windows: list[bool]
) -> None:
    probe = tmp_path / "first-paint.txt"
    monkeypatch.setenv(PROBE_FILE_ENV, str(probe))

    def open_database() -> GuiLaunch:
        raise DatabaseRefused("cannot open the database: locked")

    launch = GuiLaunch(Config(), "sqlite://", "yamada", demo=True, open_database=open_database)
    with pytest.raises(DatabaseRefused, match="cannot open the database: locked"):
        _run_guarded(restored_app, launch)

    assert built_windows == []
    assert not probe.exists()
    assert not [w for w in restored_app.topLevelWidgets() if isinstance(w, StartWindow) and w.isVisible()]


@pytest.mark.parametrize(
    ("refusal", "said"),
    [
        (DatabaseRefused("postgresql://desk:secret@db/desk refused"), "(DatabaseRefused)"),
        (InvalidRequest("cannot open the database: locked"), "cannot open the database: locked"),
    ],
)
def test_without_a_terminal_the_start_window_says_why_the_desk_cannot_start_until_closed(
    restored_app: QApplication,
    monkeypatch: pytest.MonkeyPatch,
    built_windows: list[bool],
    refusal: Exception,
    said: str,
) -> None:
    monkeypatch.setattr(ui.shell.app, "has_terminal", lambda: False)

    def open_database() -> GuiLaunch:
        raise refusal

    shown: list[str] = []

    def close_once_told() -> None:
        # The loop is run()'s own: look again on each turn of it until the refusal is on screen.
        told = [
            w
            for w in restored_app.topLevelWidgets()
            if isinstance(w, StartWindow) and w.close_button.isVisible()
        ]
        if not told:
            QTimer.singleShot(10, close_once_told)
            return
        shown.append(told[0].status.text())
        told[0].close_button.click()

    QTimer.singleShot(0, close_once_told)
    launch = GuiLaunch(Config(), "sqlite://", "yamada", demo=True, open_database=open_database)
    with pytest.raises(type(refusal)):
        _run_guarded(restored_app, launch)

    assert built_windows == []
    [text] = shown
    assert said in text
    # A driver's own words may hold a password or a customer's details: never shown, only their kind.
    assert "secret" not in text


def test_start_time_comes_from_the_launcher_or_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(START_TIME_ENV, "1700000000.25")
    assert process_start_time(5.0) == 1700000000.25
    monkeypatch.setenv(START_TIME_ENV, "yesterday")
    assert process_start_time(5.0) == 5.0
    monkeypatch.delenv(START_TIME_ENV)
    assert process_start_time(5.0) == 5.0


def test_the_demo_desk_listens_on_its_loopback_cti_endpoint_unless_one_is_configured() -> None:
    plain = Config()
    assert caller_id_config(GuiLaunch(plain, "sqlite://", None, demo=False)).cti_sources == ()
    # With the demo database's own token, never a word anyone could guess.
    own_token = GuiLaunch(plain, "sqlite://", None, demo=True, demo_cti_token="R4nd0m-per-database")
    (source,) = caller_id_config(own_token).cti_sources
    assert source == demo_cti_source("R4nd0m-per-database")
    assert (source.host, source.token) == ("127.0.0.1", "R4nd0m-per-database")
    own = Config(cti_sources=(CtiSource(token="t0ken", port=9000),))
    assert caller_id_config(GuiLaunch(own, "sqlite://", None, demo=True, demo_cti_token="x")) is own
