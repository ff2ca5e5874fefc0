"""The status bar's database field: red while the database cannot be reached, probing until it is back."""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from desk_app.services.database import DatabaseProblem
from ui.common.background import BackgroundRunner, problem_text
from ui.shell import ops

# A probe is one `SELECT 1` (a connection attempt while the server is down, refused at once or after
# the driver's connect timeout); every few seconds keeps the desk responsive without hammering it.
PROBE_INTERVAL_MS = 3_000
# How long "Reconnected" stays before the field empties again.
RECONNECTED_SHOWN_MS = 5_000


class DatabaseState(enum.Enum):
    CONNECTED = "connected"
    UNREACHABLE = "unreachable"


class DatabaseStatusLabel(QLabel):
    """Shows what `DatabaseWatch` knows: nothing while all is well, red while retrying, then Reconnected."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("database_status")
        self.setAccessibleName(self.tr("Database connection"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()

    def show_unreachable(self, problem: DatabaseProblem) -> None:
        self.setText(self.tr("Database unreachable — retrying…"))
        self.setToolTip(problem_text(problem))
        self.setStyleSheet("QLabel { color: #b00020; font-weight: bold; }")
        self.show()

    def show_reconnected(self) -> None:
        self.setText(self.tr("Reconnected"))
        self.setToolTip("")
        self.setStyleSheet("QLabel { color: #1b5e20; }")
        self.show()

    def clear_state(self) -> None:
        self.clear()
        self.setToolTip("")
        self.hide()


class DatabaseWatch(QObject):
    """Learns of an outage from the runner (`database_lost`), probes until the database answers again.

    Probes run through the runner like any other work, one at a time on a `QTimer`, never by sleeping.
    `reconnected` is emitted once per outage, when the first probe succeeds.
    """

    lost = Signal()
    reconnected = Signal()

    def __init__(
        self,
        runner: BackgroundRunner,
        label: DatabaseStatusLabel,
        *,
        probe_interval_ms: int = PROBE_INTERVAL_MS,
        reconnected_shown_ms: int = RECONNECTED_SHOWN_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self.label = label
        self.state = DatabaseState.CONNECTED
        self._probing = False
        self._probe_timer = QTimer(self)
        self._probe_timer.setSingleShot(True)
        self._probe_timer.setInterval(probe_interval_ms)
        self._probe_timer.timeout.connect(self._probe)
        self._calm_timer = QTimer(self)
        self._calm_timer.setSingleShot(True)
        self._calm_timer.setInterval(reconnected_shown_ms)
        self._calm_timer.timeout.connect(self._calm)
        runner.database_lost.connect(self._database_lost)

    @classmethod
    def install(
        cls,
        runner: BackgroundRunner,
        status_bar: QStatusBar,
        *,
        on_reconnected: Iterable[Callable[[], None]] = (),
        probe_interval_ms: int = PROBE_INTERVAL_MS,
    ) -> DatabaseWatch:
        """What a main window does: a field in its status bar, a watch on the runner, work on reconnection."""
        label = DatabaseStatusLabel(status_bar)
        status_bar.addPermanentWidget(label)
        watch = cls(runner, label, probe_interval_ms=probe_interval_ms, parent=status_bar)
        for callback in on_reconnected:
            watch.reconnected.connect(callback)
        return watch

    def set_probe_interval(self, milliseconds: int) -> None:
        """How often an unreachable database is tried again (tests shorten it)."""
        self._probe_timer.setInterval(milliseconds)

    @property
    def probing(self) -> bool:
        """A probe is running or waiting for its timer."""
        return self._probing or self._probe_timer.isActive()

    @Slot(object)
    def _database_lost(self, problem: DatabaseProblem) -> None:
        self.label.show_unreachable(problem)
        self._calm_timer.stop()
        if self.state is DatabaseState.UNREACHABLE:
            return
        self.state = DatabaseState.UNREACHABLE
        self.lost.emit()
        if not self._probing:
            self._probe_timer.start()

    @Slot()
    def _probe(self) -> None:
        if self._runner.is_shut_down or self.state is DatabaseState.CONNECTED:
            return
        self._probing = True
        self._runner.run(
            ops.probe_database(), name="database probe", on_success=self._answered, on_error=self._unanswered
        )

    def _answered(self, _result: object) -> None:
        self._probing = False
        if self.state is DatabaseState.CONNECTED:
            return
        self.state = DatabaseState.CONNECTED
        self.label.show_reconnected()
        self._calm_timer.start()
        self.reconnected.emit()

    def _unanswered(self, _error: Exception) -> None:
        # The runner has told `_database_lost` already when the error was an outage; any other error
        # (a bug in a probe is unlikely, but possible) is retried the same way rather than shown.
        self._probing = False
        if self.state is DatabaseState.UNREACHABLE and not self._runner.is_shut_down:
            self._probe_timer.start()

    @Slot()
    def _calm(self) -> None:
        if self.state is DatabaseState.CONNECTED:
            self.label.clear_state()
