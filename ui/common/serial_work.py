"""Background operations on one case, one at a time and in order, so a later draft never lands first."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.common.background import BackgroundRunner


@dataclass
class _Queued:
    work: Callable[[Any], Any]
    name: str
    on_success: Callable[[Any], None] | None
    on_error: Callable[[Exception], None] | None


class SerialWork(QObject):
    """Runs operations through the shared runner strictly one after another; `idle` when none is left."""

    idle = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._queue: deque[_Queued] = deque()
        self._running = False

    @property
    def busy(self) -> bool:
        return self._running or bool(self._queue)

    def run(
        self,
        work: Callable[[Any], Any],
        *,
        name: str,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue `work(session)`; callbacks as in `BackgroundRunner.run` (errors shown when none given)."""
        self._queue.append(_Queued(work, name, on_success, on_error))
        if not self._running:
            self._start_next()

    def _start_next(self) -> None:
        if not self._queue or self._runner.is_shut_down:
            self._running = False
            self.idle.emit()
            return
        self._running = True
        queued = self._queue.popleft()
        operation = self._runner.run(
            queued.work,
            name=queued.name,
            on_success=queued.on_success,
            on_error=queued.on_error,
            owner=self,
        )
        operation.finished.connect(self._start_next)
