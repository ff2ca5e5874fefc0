"""Seconds from process start to the main window's first paint, written to a file for benchmarks."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

PROBE_FILE_ENV = "DESK_APP_STARTUP_PROBE"
# Epoch seconds (float) when whoever launched the process started it.
START_TIME_ENV = "DESK_APP_T0"


def process_start_time(fallback: float) -> float:
    """`DESK_APP_T0` when the launcher set it to a number, else `fallback`."""
    try:
        return float(os.environ[START_TIME_ENV])
    except (KeyError, ValueError):
        return fallback


class FirstPaintProbe(QObject):
    """Watches a window; after its first paint, writes the elapsed seconds and quits the application."""

    def __init__(self, target: Path, started_at: float, window: QWidget) -> None:
        super().__init__(window)
        self._target = target
        self._started_at = started_at
        self._painted = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            watched.removeEventFilter(self)
            # Measured once the paint has been handled and flushed, not when it starts.
            QTimer.singleShot(0, self._report)
        return False

    @Slot()
    def _report(self) -> None:
        elapsed = time.time() - self._started_at
        try:
            self._target.write_text(f"{elapsed:.4f}\n", encoding="utf-8")
        except OSError as exc:
            log.error("start-up probe cannot write %s: %s", self._target, exc.strerror)
            QCoreApplication.exit(1)
            return
        # exit(), not quit(): stop the loop without the closing ceremony a user's quit goes through.
        QCoreApplication.exit(0)


def install_from_environment(window: QWidget, fallback_start: float) -> FirstPaintProbe | None:
    target = os.environ.get(PROBE_FILE_ENV)
    if not target:
        return None
    return FirstPaintProbe(Path(target), process_start_time(fallback_start), window)
