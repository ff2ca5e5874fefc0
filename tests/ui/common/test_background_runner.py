"""The background runner: work runs off the GUI thread in a session of its own; answers come back on it."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading
import weakref
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desk_app.domain.enums import AgentRole
from desk_app.storage.models import Agent, Customer
from ui.common.background import BackgroundRunner

if TYPE_CHECKING:
    from conftest import DeskDatabase


PERSONAL_DATA = "佐藤 一郎 03-1234-5678"


class Boom(Exception):
    pass


def count_customers(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Customer)) or 0


def test_work_runs_off_the_gui_thread_and_success_arrives_on_it(
    qtbot: QtBot, qapp: QApplication, runner: BackgroundRunner
) -> None:
    threads: dict[str, bool] = {}
    results: list[int] = []

    def work(session: Session) -> int:
        threads["work on GUI thread"] = QThread.currentThread() is qapp.thread()
        return count_customers(session)

    def on_success(result: int) -> None:
        threads["success on GUI thread"] = QThread.currentThread() is qapp.thread()
        results.append(result)

    with qtbot.waitSignal(runner.operation_finished, timeout=10_000):
        runner.run(work, name="count customers", on_success=on_success)

    assert results == [4]
    assert threads == {"work on GUI thread": False, "success on GUI thread": True}
    assert runner.running_count == 0


def test_operation_signals_success_then_finished(qtbot: QtBot, runner: BackgroundRunner) -> None:
    events: list[tuple[str, object]] = []
    # Connected after run() yet before anything can arrive: delivery needs the event loop.
    with qtbot.waitSignal(runner.operation_finished, timeout=10_000):
        operation = runner.run(count_customers, name="count customers")
        operation.succeeded.connect(lambda result: events.append(("succeeded", result)))
        operation.finished.connect(lambda: events.append(("finished", None)))
    assert events == [("succeeded", 4), ("finished", None)]


def test_an_exception_reaches_the_error_callback_and_rolls_back(
    qtbot: QtBot, qapp: QApplication, runner: BackgroundRunner, desk_db: DeskDatabase
) -> None:
    errors: list[tuple[Exception, bool]] = []
    successes: list[object] = []

    def work(session: Session) -> None:
        now = dt.datetime.now(dt.UTC)
        session.add(Agent(login="half-done", display_name="x", role=AgentRole.AGENT, created_at=now))
        session.flush()
        raise Boom("the write must not stay")

    def on_error(error: Exception) -> None:
        errors.append((error, QThread.currentThread() is qapp.thread()))

    failed_args: list[object] = []
    with qtbot.waitSignal(runner.operation_finished, timeout=10_000):
        operation = runner.run(work, name="failing write", on_success=successes.append, on_error=on_error)
        operation.failed.connect(failed_args.append)

    assert successes == []
    assert len(errors) == 1
    error, on_gui_thread = errors[0]
    assert isinstance(error, Boom)
    assert on_gui_thread
    assert failed_args == [error]
    with desk_db.factory() as session:
        assert session.scalars(select(Agent).where(Agent.login == "half-done")).all() == []


def test_without_an_error_callback_the_user_sees_a_message_and_the_log_no_data(
    qtbot: QtBot, runner: BackgroundRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def work(session: Session) -> None:
        # Through a variable, as real data would arrive: a traceback quotes the source line.
        raise Boom(PERSONAL_DATA)

    with caplog.at_level(logging.ERROR), qtbot.waitSignal(runner.operation_finished, timeout=10_000):
        runner.run(work, name="failing read")

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    box = boxes[0]
    assert box.text() == "The operation could not be completed."
    assert "03-1234-5678" in box.detailedText()  # the agent may see it; the log may not
    box.close()

    assert "Boom" in caplog.text
    assert "03-1234-5678" not in caplog.text
    assert "佐藤" not in caplog.text


def test_every_operation_gets_its_own_session(qtbot: QtBot, runner: BackgroundRunner) -> None:
    sessions: list[Any] = []
    for _ in range(6):
        with qtbot.waitSignal(runner.operation_finished, timeout=10_000):
            runner.run(lambda session: session, name="hand back the session", on_success=sessions.append)
    assert len({id(session) for session in sessions}) == 6


def test_many_operations_all_finish(qtbot: QtBot, runner: BackgroundRunner) -> None:
    results: list[int] = []
    operations = [runner.run(count_customers, name="count", on_success=results.append) for _ in range(20)]
    with qtbot.waitSignals([operation.finished for operation in operations], timeout=20_000):
        pass
    assert results == [4] * 20
    assert runner.running_count == 0


def test_shutdown_waits_for_running_work_and_drops_its_result(qtbot: QtBot, runner: BackgroundRunner) -> None:
    started = threading.Event()
    release = threading.Event()
    results: list[int] = []

    def slow(session: Session) -> int:
        started.set()
        release.wait(10)
        return count_customers(session)

    runner.run(slow, name="slow count", on_success=results.append)
    assert started.wait(10)
    release.set()
    assert runner.shutdown(10_000)
    assert runner.running_count == 0
    QApplication.processEvents()
    assert results == []  # the widgets it was meant for may be gone
    with pytest.raises(RuntimeError, match="shut down"):
        runner.run(count_customers, name="too late")


def test_runner_and_callback_widgets_are_freed_at_once_not_by_the_garbage_collector(
    qtbot: QtBot, desk_db: DeskDatabase
) -> None:
    # A reference cycle through QObjects leaves their deletion to the garbage collector, which may
    # run on a pool thread and delete GUI objects there (seen as a segfault in ~QObject).
    def run_once() -> tuple[weakref.ref[BackgroundRunner], weakref.ref[QLabel]]:
        runner = BackgroundRunner(desk_db.factory)
        label = QLabel()
        with qtbot.waitSignal(runner.operation_finished, timeout=10_000):
            runner.run(
                count_customers,
                name="count customers",
                on_success=lambda count: label.setText(str(count)),
                on_error=lambda error: label.setText(type(error).__name__),
            )
        assert label.text() == "4"
        assert runner.shutdown(10_000)
        return weakref.ref(runner), weakref.ref(label)

    gc.disable()
    try:
        runner_ref, label_ref = run_once()
        assert runner_ref() is None
        assert label_ref() is None
    finally:
        gc.enable()


def test_a_database_problem_the_user_can_fix_is_told_in_plain_words(
    qtbot: QtBot, runner: BackgroundRunner, caplog: pytest.LogCaptureFixture
) -> None:
    def work(session: Session) -> None:
        raise StaleDataError(f"UPDATE on customers expected 1 row; {PERSONAL_DATA}")

    with caplog.at_level(logging.WARNING), qtbot.waitSignal(runner.operation_finished, timeout=10_000):
        runner.run(work, name="save correction")

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert len(boxes) == 1
    assert boxes[0].text().startswith("Another desk changed this record meanwhile.")
    assert boxes[0].detailedText() == ""
    boxes[0].close()
    assert "conflict" in caplog.text
    assert "03-1234-5678" not in caplog.text
