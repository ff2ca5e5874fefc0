"""Calls whose end never came are closed while the desk runs, as the command line does at start-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from desk_app.services.database import classify
from ui.calls import ops
from ui.common.background import BackgroundRunner

# A call is stale two hours after it began (`calls.STALE_CALL_AFTER`); looking every few minutes keeps
# a ringing row from lingering long past that without costing the database anything worth measuring.
SWEEP_INTERVAL_MS = 5 * 60_000


class StaleCallSweeper(QObject):
    """Every `interval_ms`, `close_stale_calls` through the runner: ringing calls become missed and
    answered ones ended once they are hours old (an adapter unplugged, a hang-up lost on the line).

    `swept(closed)` says how many were closed; `calls_closed(closed)` follows when any were, and the
    window refreshes the Calls dock then.
    """

    swept = Signal(int)
    calls_closed = Signal(int)

    def __init__(
        self, runner: BackgroundRunner, interval_ms: int = SWEEP_INTERVAL_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._running = False
        # The moment the core measures "hours old" from; None is its own clock (tests fix it).
        self.clock: Callable[[], dt.datetime] | None = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.sweep)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    @Slot()
    def sweep(self) -> None:
        # One sweep at a time: a slow database must not pile them up behind each other.
        if self._running or self._runner.is_shut_down:
            return
        now = self.clock() if self.clock is not None else None
        self._running = True
        self._runner.run(
            ops.close_stale_calls(now),
            name="close stale calls",
            on_success=self._closed,
            on_error=self._failed,
        )

    def _closed(self, closed: int) -> None:
        self._running = False
        self.swept.emit(closed)
        if closed:
            self.calls_closed.emit(closed)

    def _failed(self, error: Exception) -> None:
        self._running = False
        # An outage or a busy database is told by the status bar's watch; the next sweep tries again.
        if classify(error) is None:
            self._runner.show_error(error)
