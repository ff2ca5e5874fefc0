"""The idle lock: keyboard and mouse anywhere in the application restart a timer; when it runs out, lock.

The timer is a single-shot `QTimer` restarted by an application-wide event filter, so no event loop
polls. Its interval comes from `[security] idle_lock_minutes`; tests shorten it with `set_timeout_ms`
or lock at once with `MainWindow.lock()`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

# What counts as the agent being there: input, not repaints or timers.
ACTIVITY_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
    }
)


class IdleLock(QObject):
    """Emits `timed_out` after `timeout_ms` without keyboard or mouse activity, while armed."""

    timed_out = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self._expired)
        self._armed = False
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    @property
    def timeout_ms(self) -> int:
        return self._timer.interval()

    @property
    def armed(self) -> bool:
        return self._armed

    def set_timeout_ms(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        if self._armed:
            self._timer.start()

    def arm(self) -> None:
        """Start counting idle time (an agent signed in or unlocked)."""
        self._armed = True
        self._timer.start()

    def disarm(self) -> None:
        """Stop counting (signed out or locked already)."""
        self._armed = False
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() in ACTIVITY_EVENTS:
            self._timer.start()
        return False

    @Slot()
    def _expired(self) -> None:
        if self._armed:
            self._armed = False
            self.timed_out.emit()
