"""Background operations run one at a time and in order, so a later draft or call event never lands first."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from ui.common.background import BackgroundRunner, Work


@dataclass
class _Queued:
    make_work: Callable[[], Work[Any]]
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
        work: Work[Any],
        *,
        name: str,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue `work`; callbacks as in `BackgroundRunner.run` (errors shown when none given)."""
        self.run_when_due(lambda: work, name=name, on_success=on_success, on_error=on_error)

    def run_when_due(
        self,
        make_work: Callable[[], Work[Any]],
        *,
        name: str,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Queue work made by `make_work()` only when its turn comes, on the GUI thread, from what is true
        then (who is signed in by the time an earlier operation has finished)."""
        self._queue.append(_Queued(make_work, name, on_success, on_error))
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
            queued.make_work(),
            name=queued.name,
            on_success=queued.on_success,
            on_error=queued.on_error,
            owner=self,
        )
        operation.finished.connect(self._start_next)
