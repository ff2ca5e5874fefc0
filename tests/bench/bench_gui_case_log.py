"""The Case log tab as a supervisor sees it at 1,000,000 cases: open, filter changes, scrolling, painted.

    .venv/bin/python tests/bench/bench_gui_case_log.py                              # 1,000,000 cases (SQLite)
    .venv/bin/python tests/bench/bench_gui_case_log.py --small                      # 20,000 cases (CI)
    .venv/bin/python tests/bench/bench_gui_case_log.py --db postgresql+psycopg://…  # filled when empty
    .venv/bin/python tests/bench/bench_gui_case_log.py --keep cases-1m.sqlite3      # generated once, reused

A real `CaseLogView` in a shown 1280×800 main window (offscreen unless DISPLAY is set), over the database
bench_case_log.py generates (into a fresh temporary file unless --db or --keep names one). Each clock
stops when the table's viewport has been painted with the new page (an event filter sees its first
Paint after `page_loaded`, and the stop is taken once that whole update has been flushed):
- open: `set_agent(supervisor)` in a fresh window, each run;
- filter change: a filter widget set, then `filters.apply_now()` (the settle timer is not measured),
  each time from the unfiltered log;
- scroll: scrolled to the bottom, the view's `fetchMore` → the page inserted → painted, 20 times;
- count: the `counted` signal, which runs beside the page and is reported apart.
Targets: open and each filter change ≤ 300 ms. Resident memory is printed at each stage; no assertions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from bench_case_log import DEFAULT_CASES, SMALL_CASES, TARGET_MS, _rss_mib, bench_database, ensure_cases
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QMessageLogContext,
    QModelIndex,
    QObject,
    QTimer,
    QtMsgType,
    qInstallMessageHandler,
)
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import Engine, text

from desk_app.domain.deadlines import japan_today
from desk_app.domain.enums import AgentRole, CaseKind
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.log_filters import CaseLogSort
from desk_app.storage.engine import session_factory
from ui.common.background import BackgroundRunner
from ui.common.fonts import load_bundled_fonts, use_japanese_fallback
from ui.supervision.case_log_filters import CaseLogFilters
from ui.supervision.case_log_view import PAGE_SIZE, CaseLogView

OPEN_RUNS = 7
FILTER_RUNS = 5
SCROLL_PAGES = 20
WAIT_MS = 30_000
WINDOW = (1280, 800)


def quiet_offscreen_notes(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """The offscreen platform says this for every window with a layout; everything else is printed."""
    if message != "This plugin does not support propagateSizeHints()":
        print(message, file=sys.stderr)


class Probe(QObject):
    """Times one step of a view: the page arriving, the viewport painted after it, and the count."""

    def __init__(self, view: CaseLogView) -> None:
        super().__init__(view)
        self._view = view
        self._loop: QEventLoop | None = None
        self._want_count = False
        self._want_page = False
        self._armed = False
        self.started = 0.0
        self.page_at: float | None = None
        self.painted_at: float | None = None
        self.counted_at: float | None = None
        self.total: int | None = None
        self.error: Exception | None = None
        view.model.rowsInserted.connect(self._inserted)
        view.model.page_loaded.connect(self._page)
        view.model.page_failed.connect(self._failed)
        view.counted.connect(self._counted)
        view.table.viewport().installEventFilter(self)

    def start(self, *, count: bool, page: bool = True) -> None:
        """Call just before the step; with `page` False, the next paint of the viewport is waited for."""
        self.page_at = self.painted_at = self.counted_at = self.total = None
        self._want_count = count
        self._want_page = page
        self._armed = not page
        self.started = time.perf_counter()

    def _inserted(self, *_where: object) -> None:
        # Before `page_loaded`, whose first slot (the view's) fits the columns to the page.
        if self._want_page and self.page_at is None:
            self.page_at = time.perf_counter()

    def _page(self, _added: int) -> None:
        if self._want_page:
            self._want_page = False
            if self.page_at is None:  # nothing inserted: no case matches
                self.page_at = time.perf_counter()
            # Armed now: a paint before the page arrived shows the old rows (or the empty table).
            self._armed = True

    def _failed(self, error: Exception) -> None:
        self.error = error
        if self._loop is not None:
            self._loop.quit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._armed and event.type() == QEvent.Type.Paint:
            self._armed = False
            # Stopped after the whole update: every dirty widget painted, the backing store flushed.
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self.painted_at = time.perf_counter()
        self._check()

    def _counted(self, total: int) -> None:
        if self._want_count and self.counted_at is None:
            self.counted_at = time.perf_counter()
            self.total = total
            self._check()

    def _done(self) -> bool:
        return self.painted_at is not None and (not self._want_count or self.counted_at is not None)

    def _check(self) -> None:
        if self._loop is not None and self._done():
            self._loop.quit()

    def wait(self, what: str) -> None:
        if not self._done():
            self._loop = QEventLoop()
            guard = QTimer()
            guard.setSingleShot(True)
            guard.timeout.connect(self._loop.quit)
            guard.start(WAIT_MS)
            self._loop.exec()
            guard.stop()
            self._loop = None
        if self.error is not None:
            raise SystemExit(f"{what}: the page could not be read ({type(self.error).__name__})")
        if not self._done():
            raise SystemExit(f"{what}: not painted (or not counted) within {WAIT_MS / 1e3:.0f} s")

    def ms(self, at: float | None) -> float:
        assert at is not None
        return (at - self.started) * 1e3


def wait_idle(runner: BackgroundRunner) -> None:
    """Until every background operation (page, count, agents) has been delivered."""
    deadline = time.perf_counter() + WAIT_MS / 1e3
    while runner.running_count:
        if time.perf_counter() > deadline:
            raise SystemExit(f"background work still running after {WAIT_MS / 1e3:.0f} s")
        loop = QEventLoop()
        runner.operation_finished.connect(loop.quit)
        QTimer.singleShot(1_000, loop.quit)
        loop.exec()
        runner.operation_finished.disconnect(loop.quit)


def supervisor_of(engine: Engine) -> AgentInfo:
    with engine.connect() as connection:
        row = connection.execute(
            text(
                "SELECT id, login, display_name FROM agents WHERE role = 'supervisor' AND active ORDER BY id"
            )
        ).first()
    if row is None:
        raise SystemExit("the database has no active supervisor")
    return AgentInfo(id=row.id, login=row.login, display_name=row.display_name, role=AgentRole.SUPERVISOR)


class Desk:
    """A main window with a fresh `CaseLogView`, shown and painted once (empty) before anything is timed."""

    def __init__(self, runner: BackgroundRunner) -> None:
        self.window = QMainWindow()
        self.view = CaseLogView(runner)
        self.window.setCentralWidget(self.view)
        self.window.resize(*WINDOW)
        self.probe = Probe(self.view)
        self.probe.start(count=False, page=False)
        self.window.show()
        self.probe.wait("the empty window")

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def reset(filters: CaseLogFilters) -> None:
    """Every filter widget back to "any", newest received first (signals left to start the settle timer)."""
    filters.kind.setCurrentIndex(0)
    filters.state.setCurrentIndex(0)
    filters.assignee.setCurrentIndex(0)
    filters.overdue.setChecked(False)
    filters.due_within.setValue(0)
    for field in (filters.received_from, filters.received_to, filters.customer_no, filters.text):
        field.clear()
    filters.sort.setCurrentIndex(filters.sort.findData(CaseLogSort.RECEIVED_NEWEST.value))


def _select(combo_name: str, value: str) -> Callable[[CaseLogFilters], None]:
    def choose(filters: CaseLogFilters) -> None:
        combo = getattr(filters, combo_name)
        index = combo.findData(value)
        if index < 0:
            raise SystemExit(f"no {value!r} in the {combo_name} box")
        combo.setCurrentIndex(index)

    return choose


def filter_steps(prefix: str) -> list[tuple[str, Callable[[CaseLogFilters], None]]]:
    month_ago = (japan_today() - dt.timedelta(days=30)).isoformat()
    return [
        ("kind = deletion", _select("kind", CaseKind.DELETION.value)),
        ("state = open", _select("state", "open")),
        ("overdue only", lambda filters: filters.overdue.setChecked(True)),
        (f"keywords = {prefix}", lambda filters: filters.text.setText(prefix)),
        ("sort = due soonest", _select("sort", CaseLogSort.DUE_SOONEST.value)),
        (f"received from {month_ago}", lambda filters: filters.received_from.setText(month_ago)),
    ]


def case_number_prefix(engine: Engine) -> str:
    """A prefix of a case number two years back (2024-0012 in the generated data): a hundred or so cases."""
    with engine.connect() as connection:
        latest = connection.execute(text("SELECT case_no FROM cases ORDER BY id DESC LIMIT 1")).scalar()
    year = int(latest[:4]) - 2 if latest else japan_today().year - 2
    return f"{year}-0012"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _verdict(median: float) -> str:
    return "met" if median <= TARGET_MS else "OVER"


def run(engine: Engine, *, cases: int, seed: int) -> int:
    ensure_cases(engine, cases, seed)
    with engine.connect() as connection:
        held = connection.execute(text("SELECT count(*) FROM cases")).scalar_one()
    supervisor = supervisor_of(engine)
    prefix = case_number_prefix(engine)

    qInstallMessageHandler(quiet_offscreen_notes)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    use_japanese_fallback(app, load_bundled_fonts())
    runner = BackgroundRunner(session_factory(engine))
    rows: list[tuple[str, list[float], list[float], list[float], int | None, bool]] = []
    memory: list[tuple[str, float | None]] = []
    scroll: list[float] = []
    scroll_page: list[float] = []
    fetched_by_view = 0
    desk: Desk | None = None
    try:
        memory.append(("before opening", _rss_mib()))
        painted, paged, counted = [], [], []
        total = None
        for number in range(OPEN_RUNS):
            if desk is not None:
                desk.close()
            desk = Desk(runner)
            desk.probe.start(count=True)
            desk.view.set_agent(supervisor)
            desk.probe.wait(f"open {number + 1}")
            painted.append(desk.probe.ms(desk.probe.painted_at))
            paged.append(desk.probe.ms(desk.probe.page_at))
            counted.append(desk.probe.ms(desk.probe.counted_at))
            total = desk.probe.total
            wait_idle(runner)
        assert desk is not None
        rows.append(("open (set_agent)", painted, paged, counted, total, True))
        memory.append(("after opening", _rss_mib()))

        view, probe, filters = desk.view, desk.probe, desk.view.filters
        for label, choose in filter_steps(prefix):
            painted, paged, counted = [], [], []
            for number in range(FILTER_RUNS):
                reset(filters)
                probe.start(count=True)
                filters.apply_now()
                probe.wait(f"back to no filter before {label!r}")
                wait_idle(runner)
                choose(filters)
                probe.start(count=True)
                filters.apply_now()
                probe.wait(f"{label} {number + 1}")
                painted.append(probe.ms(probe.painted_at))
                paged.append(probe.ms(probe.page_at))
                counted.append(probe.ms(probe.counted_at))
                total = probe.total
                wait_idle(runner)
            rows.append((f"filter: {label}", painted, paged, counted, total, True))
        memory.append(("after the filter changes", _rss_mib()))

        reset(filters)
        probe.start(count=True)
        filters.apply_now()
        probe.wait("back to no filter before scrolling")
        wait_idle(runner)
        model, table = view.model, view.table
        for number in range(SCROLL_PAGES):
            if not model.has_more:
                break
            probe.start(count=False)
            table.scrollToBottom()
            if model.fetching:
                fetched_by_view += 1
            else:
                model.fetchMore(QModelIndex())
            probe.wait(f"scroll page {number + 1}")
            scroll.append(probe.ms(probe.painted_at))
            scroll_page.append(probe.ms(probe.page_at))
            wait_idle(runner)
        memory.append((f"after scrolling {len(scroll)} pages ({model.rowCount():,} rows)", _rss_mib()))
    finally:
        if desk is not None:
            desk.close()
        runner.shutdown()

    print(f"database      {engine.url.render_as_string(hide_password=True)}")
    print(f"rows          {held:,} cases; signed in as {supervisor.login} ({supervisor.role.value})")
    print(f"platform      {app.platformName()}, window {WINDOW[0]}×{WINDOW[1]}, {PAGE_SIZE} rows a page")
    print(
        f"runs          open {OPEN_RUNS} (fresh window each), each filter {FILTER_RUNS}"
        " (from the unfiltered log, via apply_now)"
    )
    print()
    print(
        f"{'to the page painted (ms)':<38}{'first':>8}{'median':>8}{'max':>8}{'target':>8}"
        f"{'':>6}{'page in':>9}{'count':>8}{'cases':>11}"
    )
    for label, painted, paged, counted, found, targeted in rows:
        target = f"{TARGET_MS:.0f}" if targeted else ""
        verdict = _verdict(_median(painted)) if targeted else ""
        print(
            f"{label:<38}{painted[0]:8.1f}{_median(painted):8.1f}{max(painted):8.1f}{target:>8}"
            f"  {verdict:<4}{_median(paged):9.1f}{_median(counted):8.1f}"
            f"{'' if found is None else f'{found:,}':>11}"
        )
    print(
        "  (medians of: page in, the rows inserted in the model (before the columns are fitted to them);"
        " count, the `counted` signal)"
    )
    if scroll:
        print(
            f"\nscroll to the bottom, {len(scroll)} pages: per page painted median {_median(scroll):.1f} ms,"
            f" slowest {max(scroll):.1f} ms (page in: median {_median(scroll_page):.1f} ms);"
            f" the view fetched {fetched_by_view} of {len(scroll)} itself"
        )
    start = memory[0][1]
    if start is not None:
        print("\nmemory (resident)")
        for label, rss in memory:
            if rss is not None:
                print(f"  {label:<44}{rss:8.1f} MiB  {rss - start:+8.1f} MiB")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", type=int, help=f"when generating (default {DEFAULT_CASES:,})")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", help="database URL (generated into when it holds no cases)")
    parser.add_argument("--keep", metavar="PATH", type=Path, help="SQLite file generated once and reused")
    parser.add_argument("--small", action="store_true", help=f"{SMALL_CASES:,} cases (CI)")
    args = parser.parse_args(argv)
    if args.small and (args.cases or args.keep or args.db):
        parser.error("--small makes its own database of its own size: give no --cases, --keep or --db")
    cases = SMALL_CASES if args.small else args.cases or DEFAULT_CASES
    with bench_database(args.db, args.keep) as engine:
        return run(engine, cases=cases, seed=args.seed)


if __name__ == "__main__":
    sys.exit(main())
