"""Seconds from process start to the first paint of the desk's window, written to a file for benchmarks."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Slot
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

PROBE_FILE_ENV = "DESK_APP_STARTUP_PROBE"
# Where to write the seconds until the main window painted, its database opened (optional).
READY_FILE_ENV = "DESK_APP_READY_PROBE"
# Epoch seconds (float) when whoever launched the process started it.
START_TIME_ENV = "DESK_APP_T0"


def process_start_time(fallback: float) -> float:
    """`DESK_APP_T0` when the launcher set it to a number, else `fallback`."""
    try:
        return float(os.environ[START_TIME_ENV])
    except (KeyError, ValueError):
        return fallback


class FirstPaintProbe(QObject):
    """Notes the first paint of the window shown at start; once the main window has painted too (the
    database checked and opened), writes the seconds from process start to that first paint and quits.

    Nothing is written when the desk never gets that far (a database refused, a broken script).
    With `DESK_APP_READY_PROBE=FILE`, the seconds until the main window's paint are written there too.
    """

    def __init__(
        self, target: Path, started_at: float, window: QWidget, ready_target: Path | None = None
    ) -> None:
        super().__init__()
        self._target = target
        self._ready_target = ready_target
        self._started_at = started_at
        self._first_paint: float | None = None
        self._main_window: QWidget | None = None
        window.installEventFilter(self)

    def watch_main_window(self, window: QWidget) -> None:
        self._main_window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            # Measured once the paint has been handled and flushed, not when it starts.
            QTimer.singleShot(0, self._report if watched is self._main_window else self._note_first_paint)
        return False

    @Slot()
    def _note_first_paint(self) -> None:
        if self._first_paint is None:
            self._first_paint = time.time() - self._started_at

    @Slot()
    def _report(self) -> None:
        self._note_first_paint()
        ready = time.time() - self._started_at
        written = [(self._target, self._first_paint)]
        if self._ready_target is not None:
            written.append((self._ready_target, ready))
        for target, seconds in written:
            try:
                target.write_text(f"{seconds:.4f}\n", encoding="utf-8")
            except OSError as exc:
                log.error("start-up probe cannot write %s: %s", target, exc.strerror)
                QCoreApplication.exit(1)
                return
        # exit(), not quit(): stop the loop without the closing ceremony a user's quit goes through.
        QCoreApplication.exit(0)


def install_from_environment(window: QWidget, fallback_start: float) -> FirstPaintProbe | None:
    target = os.environ.get(PROBE_FILE_ENV)
    if not target:
        return None
    ready = os.environ.get(READY_FILE_ENV)
    return FirstPaintProbe(
        Path(target), process_start_time(fallback_start), window, Path(ready) if ready else None
    )
