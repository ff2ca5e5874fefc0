"""`ui.app.run` end to end in this process: it opens the window, reports the first paint and quits."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desk_app.config import Config, CtiSource, demo_cti_source
from desk_app.launch import GuiLaunch
from ui.app import caller_id_config, run
from ui.startup_probe import PROBE_FILE_ENV, START_TIME_ENV, process_start_time

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
    # If the probe never fires, fail instead of hanging the suite.
    guard = QTimer()
    guard.setSingleShot(True)
    guard.timeout.connect(lambda: restored_app.exit(99))
    guard.start(30_000)
    try:
        exit_code = run(launch)
    finally:
        guard.stop()

    assert exit_code == 0
    seconds = float(probe.read_text(encoding="utf-8"))
    assert 0 < seconds < 30
    assert restored_app.applicationName() == "Inquiry Desk"
    assert "IPAexGothic" in restored_app.font().families()


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
