"""A running desk closes calls whose end never came, every few minutes, and the Calls dock shows it."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from desk_app.domain.enums import CallState
from desk_app.storage.models import CallRecord
from ui.calls.stale_calls import SWEEP_INTERVAL_MS
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)  # noon in Japan


def _shown(window: MainWindow) -> dict[dt.datetime, CallState]:
    return {call.started_at: call.state for call in window.call_log_view.model.rows}


def test_a_running_desk_closes_calls_left_ringing_or_on_the_line_for_hours(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    began = {
        "old-ringing": (CallState.RINGING, NOW - dt.timedelta(hours=3)),
        "old-answered": (CallState.ANSWERED, NOW - dt.timedelta(hours=2, minutes=30)),
        "fresh-ringing": (CallState.RINGING, NOW - dt.timedelta(minutes=10)),
    }
    with desk_db.factory.begin() as session:
        for call_id, (state, started) in began.items():
            session.add(CallRecord(call_id=call_id, source="cti", started_at=started, state=state))
    log = main_window.call_log_view
    with qtbot.waitSignal(log.loaded, timeout=10_000):
        log.refresh()
    assert set(_shown(main_window).values()) == {CallState.RINGING, CallState.ANSWERED}

    sweeper = main_window.stale_calls
    # The window sweeps on its own timer; here it ticks quickly and the clock is fixed.
    assert sweeper.timer.isActive()
    assert sweeper.timer.interval() == SWEEP_INTERVAL_MS
    sweeper.clock = lambda: NOW
    sweeper.timer.setInterval(50)
    qtbot.waitUntil(
        lambda: (
            _shown(main_window)
            == {
                NOW - dt.timedelta(hours=3): CallState.MISSED,
                NOW - dt.timedelta(hours=2, minutes=30): CallState.ENDED,
                NOW - dt.timedelta(minutes=10): CallState.RINGING,
            }
        ),
        timeout=10_000,
    )
    # Two hours on, the next tick closes the call that was still fresh.
    sweeper.clock = lambda: NOW + dt.timedelta(hours=2)
    qtbot.waitUntil(
        lambda: _shown(main_window).get(NOW - dt.timedelta(minutes=10)) is CallState.MISSED, timeout=10_000
    )
    sweeper.stop()
    calls = {call.call_id: call.state for call in desk_db.calls()}
    assert calls == {
        "old-ringing": CallState.MISSED,
        "old-answered": CallState.ENDED,
        "fresh-ringing": CallState.MISSED,
    }
