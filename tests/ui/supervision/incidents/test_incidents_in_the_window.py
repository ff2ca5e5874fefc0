"""The register in the main window: File ▸ Leak incidents… (Ctrl+Shift+E) for supervisors and administrators
only, put away by the lock and closed for whoever signs in next; and the dashboard's line per open
incident still owing the Commission a report, an overdue one in red and said so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AgentRole
from desk_app.domain.incidents import LeakCategory, ReportKind
from desk_app.services.agents import AgentInfo
from tests.support.desk_driver import sign_in
from tests.support.incidents import add_incident as recorded
from ui.common.background import BackgroundRunner
from ui.shell.main_window import MainWindow
from ui.supervision.dashboard_page import DashboardPage
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR

if TYPE_CHECKING:
    from conftest import DeskDatabase

JST = dt.timezone(dt.timedelta(hours=9))
TODAY = dt.date(2026, 6, 4)
NOW = dt.datetime(2026, 6, 4, 9, 0, tzinfo=JST)


# Recorded at NOW, as a supervisor would have that morning.
add_incident = partial(recorded, now=NOW)


def test_only_supervisors_reach_the_register_and_the_next_agent_never_sees_it(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    desk_db: DeskDatabase,
    supervisor_id: int,
) -> None:
    add_incident(desk_db, supervisor_id, "顧客リストの流出", dt.datetime(2026, 6, 1, 10, tzinfo=JST))
    window = open_window()
    action = window.incidents.action
    sign_in(qtbot, window, desk_db.agent_login)
    assert not action.isVisible()
    assert not action.isEnabled()
    window.sign_in(None)
    sign_in(qtbot, window, desk_db.supervisor_login)
    assert action.isVisible()
    assert action.isEnabled()
    assert action.shortcut() == QKeySequence("Ctrl+Shift+E")
    qtbot.keyClick(
        window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: window.incidents.register is not None, timeout=10_000)
    incidents = window.incidents.register
    assert incidents is not None
    qtbot.waitUntil(lambda: incidents.model.rowCount() == 1, timeout=10_000)
    assert incidents.isVisible()
    assert incidents.isWindow()

    with qtbot.waitSignal(window.locked, timeout=10_000):
        window.lock()
    assert not incidents.isVisible()
    assert not action.isEnabled()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(desk_db.agent_login)
    assert window.incidents.register is None
    assert not action.isVisible()


def test_the_dashboard_gives_each_incident_owing_a_report_its_next_deadline(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    add_incident(desk_db, supervisor_id, "古い事案", dt.datetime(2026, 4, 1, 10, tzinfo=JST))
    add_incident(
        desk_db,
        supervisor_id,
        "速報済みの事案",
        dt.datetime(2026, 6, 1, 10, tzinfo=JST),
        frozenset({LeakCategory.IMPROPER_PURPOSE}),
        reports=(ReportKind.PRELIMINARY,),
    )
    add_incident(desk_db, supervisor_id, "報告対象外", dt.datetime(2026, 6, 1, 10, tzinfo=JST), frozenset())
    add_incident(
        desk_db,
        supervisor_id,
        "終了した事案",
        dt.datetime(2026, 5, 1, 10, tzinfo=JST),
        reports=(ReportKind.PRELIMINARY, ReportKind.FINAL),
        closed=True,
    )
    page = DashboardPage(runner)
    qtbot.addWidget(page)
    page.today = lambda: TODAY
    page.resize(1200, 800)
    page.show()
    assert not page.incidents.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_agent(AgentInfo(supervisor_id, "suzuki", "鈴木 主任", AgentRole.SUPERVISOR))
    assert page.incidents.isVisible()
    text = page.incidents.text()
    overdue = "2026-L001 古い事案 — the preliminary report was due 2026-04-06: overdue"
    assert f'<span style="color: {OVERDUE_COLOUR};">{overdue}</span>' in text
    # The preliminary report is in, and an improper purpose gives the final report 60 days.
    assert "<br>2026-L002 速報済みの事案 — the final report is due 2026-07-30" in text
    assert "報告対象外" not in text
    assert "終了した事案" not in text
