"""The UI's one background helper: work runs off the GUI thread in a session of its own."""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, Protocol, TypeAlias, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox
from shiboken6 import Shiboken

from desk_app.services.database import DatabaseProblem, Session, classify
from ui.common.translations import error_words

T = TypeVar("T")

# A piece of background work: called on a pool thread with a session of its own, it returns plain values
# (frozen dataclasses) and touches no widget. Each feature's `ops` module makes them from plain values.
Work: TypeAlias = Callable[[Session], T]

log = logging.getLogger(__name__)

# Problems that mean the database is gone for the moment, rather than that one piece of work failed.
_OUTAGES = frozenset({DatabaseProblem.UNREACHABLE, DatabaseProblem.CANNOT_OPEN})


class SessionFactory(Protocol):
    """What `desk_app.services.database.Database.sessions` is, for a layer that may not import SQLAlchemy.

    `begin()` yields a session and commits when the block ends (rolls back if it raises).
    """

    def begin(self) -> AbstractContextManager[Session]: ...


class Operation(QObject):
    """One piece of work handed to `BackgroundRunner.run`; it lives on, and signals on, the GUI thread.

    `succeeded(result)` or `failed(exception)` is emitted after the caller's callback ran, then
    `finished()`; the object is deleted (`deleteLater`) after that.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(
        self,
        name: str,
        on_success: Callable[[Any], None] | None,
        on_error: Callable[[Exception], None] | None,
        runner: BackgroundRunner,
    ) -> None:
        # The runner owns the operation (Qt parent) and the operation holds no Python reference back:
        # a reference cycle through QObjects would leave their deletion to the garbage collector,
        # which may run on a pool thread.
        super().__init__(runner)
        self.name = name
        self._on_success = on_success
        self._on_error = on_error

    def _deliver(self, succeeded: bool, value: object, show_error: Callable[[Exception], None]) -> None:
        on_success, on_error = self._on_success, self._on_error
        self._forget_callbacks()
        if succeeded:
            if on_success is not None:
                on_success(value)
            self.succeeded.emit(value)
        else:
            assert isinstance(value, Exception)
            (on_error or show_error)(value)
            self.failed.emit(value)

    def _forget_callbacks(self) -> None:
        # Callbacks often capture widgets; an operation must not keep them alive.
        self._on_success = None
        self._on_error = None


class BackgroundRunner(QObject):
    """Runs `work(session)` callables on a private thread pool, one new session per operation.

    Workers never touch widgets and never share a session: the callable gets a session of its own
    inside `factory.begin()`, so what it writes is committed when it returns and rolled back if it
    raises. Results and errors are delivered on the GUI thread. `work` must not capture widgets
    either: the pool thread may drop the last reference to it. Call `shutdown()` before dropping the
    runner; the application does when it quits, the test fixtures at teardown.
    """

    operation_finished = Signal(object)
    # An operation failed because the database cannot be reached or opened (DatabaseProblem); emitted
    # whatever the operation's own error handler does, so one watcher can notice an outage.
    database_lost = Signal(object)
    # Emitted from pool threads: (operation number, succeeded, result or exception).
    _work_done = Signal(int, bool, object)

    def __init__(self, session_factory: SessionFactory, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = session_factory
        self._pool = QThreadPool(self)
        self._pool.setObjectName("background operations")
        self._numbers = itertools.count(1)
        self._running: dict[int, Operation] = {}
        self._shut_down = False
        # A message box without a parent window lives only as long as a Python reference to it.
        self._error_boxes: list[QMessageBox] = []
        self._work_done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def is_shut_down(self) -> bool:
        return self._shut_down

    @property
    def running_count(self) -> int:
        """Operations started and not yet delivered."""
        return len(self._running)

    def run(
        self,
        work: Work[T],
        *,
        name: str,
        on_success: Callable[[T], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        owner: QObject | None = None,
    ) -> Operation:
        """Start `work(session)` off the GUI thread and return its `Operation`.

        `name` says what the work is ("lookup by phone") for error logs; never put personal data in it.
        Without `on_error`, a failure is logged (type and traceback only) and shown in a message box.
        With `owner`, the callbacks are dropped if the owner is destroyed first (its window closed):
        the work still commits, but nothing is delivered to widgets that are gone.
        """
        if self._shut_down:
            raise RuntimeError("the background runner has been shut down")
        number = next(self._numbers)
        operation = Operation(name, on_success, on_error, self)
        if owner is not None:
            owner.destroyed.connect(operation._forget_callbacks)
        self._running[number] = operation
        factory, done = self._factory, self._work_done
        self._pool.start(lambda: _work_in_pool(factory, work, number, done))
        return operation

    @Slot(int, bool, object)
    def _deliver(self, number: int, succeeded: bool, value: object) -> None:
        operation = self._running.pop(number, None)
        if operation is None or self._shut_down:
            return
        try:
            operation._deliver(succeeded, value, self.show_error)
        finally:
            if not succeeded and isinstance(value, Exception):
                problem = classify(value)
                if problem in _OUTAGES:
                    self.database_lost.emit(problem)
            operation.finished.emit()
            self.operation_finished.emit(operation)
            operation.deleteLater()

    def shutdown(self, timeout_ms: int = -1) -> bool:
        """Refuse new work, drop work not yet started, wait for running work; True when the pool is empty.

        Results that arrive after this are discarded: the widgets they were meant for may be gone.
        """
        self._shut_down = True
        self._pool.clear()
        drained = self._pool.waitForDone(timeout_ms)
        for operation in self._running.values():
            operation._forget_callbacks()
            operation.deleteLater()
        self._running.clear()
        return drained

    @Slot(object)
    def show_error(self, error: Exception) -> None:
        """The default error handler: say what a user can do about it, or log it as a bug and say so."""
        problem = classify(error)
        if problem is None:
            # The message of a database error can quote the customer data it was given; logs must not.
            frames = "".join(traceback.format_tb(error.__traceback__))
            log.error("background operation failed: %s\n%s", type(error).__name__, frames)
        else:
            log.warning("background operation met a database problem: %s", problem.value)
        self._error_boxes = [box for box in self._error_boxes if Shiboken.isValid(box) and box.isVisible()]
        box = QMessageBox(
            QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Critical,
            self.tr("Inquiry Desk"),
            problem_text(problem) if problem else self.tr("The operation could not be completed."),
            QMessageBox.StandardButton.Close,
            QApplication.activeWindow(),
        )
        if problem is None:
            box.setInformativeText(
                self.tr("If this happens again, tell your supervisor and quote the details.")
            )
            box.setDetailedText(f"{type(error).__name__}: {error}")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._error_boxes.append(box)
        box.open()


def refusal_text(error: Exception) -> str:
    """A step the services refused, in the agent's words; the core's reason follows."""
    problem = classify(error)
    if problem is not None:
        return problem_text(problem)
    return QCoreApplication.translate("BackgroundRunner", "Not done: %1").replace("%1", error_words(error))


def problem_text(problem: DatabaseProblem) -> str:
    """What the user is told about a database problem they can act on."""
    texts = {
        DatabaseProblem.BUSY: QCoreApplication.translate(
            "BackgroundRunner", "The database is busy with another desk's work. Try again in a moment."
        ),
        DatabaseProblem.FULL: QCoreApplication.translate(
            "BackgroundRunner",
            "The disk that holds the database is full or failing. Tell your administrator.",
        ),
        DatabaseProblem.CANNOT_OPEN: QCoreApplication.translate(
            "BackgroundRunner", "The database file cannot be opened. Check that its folder exists."
        ),
        DatabaseProblem.READ_ONLY: QCoreApplication.translate(
            "BackgroundRunner", "The database can only be read here, so nothing was saved."
        ),
        DatabaseProblem.UNREACHABLE: QCoreApplication.translate(
            "BackgroundRunner", "The database server cannot be reached. Check the network, then try again."
        ),
        DatabaseProblem.CONFLICT: QCoreApplication.translate(
            "BackgroundRunner",
            "Another desk changed this record meanwhile. Reload it; what you typed is kept.",
        ),
    }
    return texts[problem]


def _work_in_pool(factory: SessionFactory, work: Work[object], number: int, done: Any) -> None:
    """Runs on a pool thread: touches nothing but a new session and the runner's delivery signal."""
    try:
        with factory.begin() as session:
            result = work(session)
    except Exception as exc:
        done.emit(number, False, exc)
    else:
        done.emit(number, True, result)
