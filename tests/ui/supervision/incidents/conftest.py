"""The incident register as the window's tests open it: shown to the test supervisor and read once."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from desk_app.config import CompanyProfile, Incidents
from ui.common.background import BackgroundRunner
from ui.supervision.incidents.register_window import IncidentRegister


@pytest.fixture
def incidents(qtbot: QtBot, runner: BackgroundRunner, supervisor_id: int) -> IncidentRegister:
    window = IncidentRegister(runner, Incidents(), CompanyProfile())
    qtbot.addWidget(window)
    window.set_viewer(supervisor_id)
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
        window.refresh()
    return window
