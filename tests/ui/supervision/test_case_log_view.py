"""The case log tab: who sees which cases, every filter, paging by scrolling, export for supervisors only
(with a stop that leaves no file), and Enter opening the case with the actions its viewer may take."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import AccessAction, CaseKind, CaseState, PauseReason
from desk_app.services.cases import log as case_log
from desk_app.services.cases.actions import CaseAction
from desk_app.services.cases.opening import open_case
from desk_app.storage.models import AccessLogEntry, Case
from tests.support.case_log_data import CUSTOMER_NO, OPEN, SPECS, Spec, add_case_log, add_cases, pause
from tests.support.desk_driver import start_inquiry
from tests.support.qt_input import ime_commit
from ui.shell.main_window import MainWindow
from ui.supervision.case_log_view import CaseLogView, ExportRun

if TYPE_CHECKING:
    from conftest import DeskDatabase

TODAY = dt.datetime.now(TOKYO).date()


@pytest.fixture
def log_agents(desk_db: DeskDatabase) -> dict[str, int]:
    return add_case_log(desk_db.factory, today=TODAY)


@pytest.fixture
def signed_in(
    qtbot: QtBot, open_window: Callable[..., MainWindow], log_agents: dict[str, int]
) -> Callable[[str], MainWindow]:
    """A window signed in as `login`, the case log tab in front with its first page and count loaded.

    The fixture keeps each window until teardown: a window nothing refers to is deleted at once.
    """
    windows: list[MainWindow] = []

    def sign_in(login: str) -> MainWindow:
        window = open_window()
        windows.append(window)
        view = window.case_log
        with (
            qtbot.waitSignal(window.sign_in_finished, timeout=10_000),
            qtbot.waitSignal(view.counted, timeout=10_000),
            qtbot.waitSignal(view.model.page_loaded, timeout=10_000),
        ):
            window.sign_in(login)
        window.pages.setCurrentWidget(view)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return sign_in


def numbers(view: CaseLogView) -> list[str]:
    return [row.case_no for row in view.model.rows]


def refilter(qtbot: QtBot, view: CaseLogView, change: Callable[[], object]) -> None:
    """Change a filter as the supervisor would and wait for the new first page and count."""
    with (
        qtbot.waitSignal(view.counted, timeout=10_000),
        qtbot.waitSignal(view.model.page_loaded, timeout=10_000),
    ):
        change()


def test_a_supervisor_sees_every_case_newest_first_and_may_export(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], qtmodeltester: ModelTester
) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    assert numbers(view) == [spec.case_no for spec in sorted(SPECS, key=lambda spec: spec.received_days_ago)]
    assert view.count_label.text() == f"{len(SPECS)} cases"
    assert view.export_button.isVisible()
    qtmodeltester.check(view.model, force_py=True)


def test_an_agent_sees_only_their_own_and_unassigned_cases_and_cannot_export(
    signed_in: Callable[[str], MainWindow],
) -> None:
    window = signed_in("agent2")
    view = window.case_log
    expected = {spec.case_no for spec in SPECS if spec.assigned in ("agent2", None)}
    assert set(numbers(view)) == expected
    assert "2026-000102" not in numbers(view)  # agent1's
    assert not view.export_button.isVisible()


def test_each_filter_narrows_the_log(qtbot: QtBot, signed_in: Callable[[str], MainWindow]) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    filters = view.filters
    refilter(
        qtbot, view, lambda: filters.kind.setCurrentIndex(filters.kind.findData(CaseKind.DELETION.value))
    )
    assert set(numbers(view)) == {"2026-000104", "2026-000110"}
    refilter(qtbot, view, lambda: filters.kind.setCurrentIndex(0))
    refilter(qtbot, view, lambda: filters.state.setCurrentIndex(filters.state.findData("open")))
    assert set(numbers(view)) == OPEN
    refilter(qtbot, view, lambda: filters.overdue.setChecked(True))
    overdue = {
        spec.case_no for spec in SPECS if spec.case_no in OPEN and spec.received_days_ago > spec.due_days
    }
    assert set(numbers(view)) == overdue
    assert all(view.model.index(row, 0).data(0) for row in range(view.model.rowCount()))
    refilter(qtbot, view, lambda: filters.overdue.setChecked(False))
    refilter(qtbot, view, lambda: filters.state.setCurrentIndex(0))
    refilter(qtbot, view, lambda: filters.customer_no.setText(CUSTOMER_NO))
    assert "2026-000103" not in numbers(view)  # no customer
    refilter(qtbot, view, lambda: filters.customer_no.clear())
    filters.text.setFocus()
    refilter(qtbot, view, lambda: ime_commit(filters.text, "住所"))
    assert numbers(view) == ["2026-000102"]
    refilter(qtbot, view, lambda: filters.text.clear())
    refilter(qtbot, view, lambda: filters.sort.setCurrentIndex(filters.sort.findData("due_soonest")))
    dues = [row.due_on for row in view.model.rows]
    assert dues == sorted(dues)


def test_a_date_that_is_not_one_is_said_and_left_out(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow]
) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    refilter(qtbot, view, lambda: view.filters.received_from.setText("2026-13-40"))
    assert view.filters.problem.text() == "Not a date: received from"
    assert view.model.rowCount() == len(SPECS)
    since = (TODAY - dt.timedelta(days=5)).isoformat()
    refilter(qtbot, view, lambda: view.filters.received_from.setText(since))
    assert view.filters.problem.text() == ""
    assert set(numbers(view)) == {spec.case_no for spec in SPECS if spec.received_days_ago <= 5}


def test_scrolling_pages_in_a_large_log(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], desk_db: DeskDatabase, log_agents: dict[str, int]
) -> None:
    many = tuple(
        Spec(
            f"2026-{500000 + number:06d}",
            CaseKind.COMPLAINT,
            CaseState.IN_PROGRESS,
            number % 50,
            customer=None,
        )
        for number in range(450)
    )
    with desk_db.factory.begin() as session:
        add_cases(session, log_agents, {}, many, today=TODAY)
    window = signed_in("supervisor")
    view = window.case_log
    assert view.model.rowCount() == 200  # one page; the rest waits for the scroll
    for _ in range(5):
        if not view.model.has_more:
            break
        view.table.scrollToBottom()
        qtbot.waitUntil(lambda: not view.model.fetching, timeout=10_000)
    assert view.model.rowCount() == len(SPECS) + len(many)
    assert len(set(numbers(view))) == view.model.rowCount()


def test_export_writes_excel_csv_and_logs_it(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], desk_db: DeskDatabase, tmp_path: Path
) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    target = tmp_path / "log.csv"
    umask = os.umask(0o022)  # the usual one, under which files are made readable by everyone
    try:
        with qtbot.waitSignal(view.export_finished, timeout=20_000) as finished:
            view.export_to(target)
    finally:
        os.umask(umask)
    assert finished.args == [len(SPECS)]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # owner-only: it names customers and staff
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(SPECS) + 1
    assert not (tmp_path / "log.csv.part").exists()
    with desk_db.factory() as session:
        [entry] = session.scalars(select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.EXPORT))
    assert entry.detail.startswith(f"case log CSV: {len(SPECS)} rows")


def test_a_stopped_export_leaves_no_file(
    qtbot: QtBot,
    signed_in: Callable[[str], MainWindow],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(case_log, "PROGRESS_EVERY", 1)
    reported = ExportRun.progress

    def long_export(run: ExportRun, rows: int) -> bool:
        run.stop.wait(10)  # a long export: still writing when Stop is pressed
        return reported(run, rows)

    monkeypatch.setattr(ExportRun, "progress", long_export)
    window = signed_in("supervisor")
    view = window.case_log
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "log.csv"
    with qtbot.waitSignal(view.export_finished, timeout=20_000) as finished:
        view.export_to(target)
        assert view.progress is not None
        view.progress.findChild(QPushButton).click()  # Stop
    assert finished.args == [None]
    assert view.count_label.text() == "Export stopped; no file was written."
    assert list(folder.iterdir()) == []


def test_enter_opens_the_case_with_the_supervisors_actions(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], desk_db: DeskDatabase
) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    row = numbers(view).index("2026-000102")
    view.table.setFocus()
    view.table.setCurrentIndex(view.model.index(row, 0))
    with qtbot.waitSignal(window.case_page.case_changed, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert window.pages.currentWidget() is window.case_page
    bar = window.case_page.actions_bar
    qtbot.waitUntil(lambda: CaseAction.REASSIGN in bar.buttons, timeout=10_000)
    assert window.case_page.case is not None
    assert window.case_page.case.case_no == "2026-000102"
    with desk_db.factory() as session:
        case = session.scalars(select(Case).where(Case.case_no == "2026-000102")).one()
    assert case.assigned_to_id is not None
    with desk_db.factory() as session:
        views = session.scalars(
            select(AccessLogEntry).where(
                AccessLogEntry.action == AccessAction.VIEW, AccessLogEntry.case_id == case.id
            )
        ).all()
    assert [(entry.detail, entry.customer_id) for entry in views] == [("case opened", case.customer_id)]


def test_the_dashboard_and_registers_are_a_supervisors_tabs(signed_in: Callable[[str], MainWindow]) -> None:
    agent_window = signed_in("agent1")
    pages = agent_window.pages
    assert not pages.isTabVisible(pages.indexOf(agent_window.dashboard))
    assert not pages.isTabVisible(pages.indexOf(agent_window.registers))
    assert pages.isTabVisible(pages.indexOf(agent_window.case_log))
    supervisor_window = signed_in("supervisor")
    pages = supervisor_window.pages
    assert pages.isTabVisible(pages.indexOf(supervisor_window.dashboard))
    assert pages.isTabVisible(pages.indexOf(supervisor_window.registers))


def test_keywords_that_cannot_be_searched_are_said_and_list_nothing(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow]
) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    assert view.model.rowCount() == len(SPECS)
    # A NUL pasted into the keywords: SQLite's LIKE stopped at it, and every case matched.
    view.filters.text.setText("住所\x00")
    view.filters.apply_now()
    qtbot.waitUntil(lambda: view.filters.problem.text() != "", timeout=5_000)
    assert view.filters.problem.text() == (
        "Cannot search keywords: remove control characters, or shorten it."
        " keywords: holds a control character (U+0000)"
    )
    assert view.model.rowCount() == 0
    assert view.count_label.text() == ""
    refilter(qtbot, view, lambda: view.filters.text.setText("住所"))
    assert view.filters.problem.text() == ""
    assert numbers(view) == ["2026-000102"]


def _open_elsewhere(desk_db: DeskDatabase, agent_id: int) -> str:
    """Another desk takes a complaint: a case this window has not read."""
    with desk_db.factory.begin() as session:
        opened = open_case(
            session,
            kind=CaseKind.COMPLAINT,
            customer_id=None,
            agent_id=agent_id,
            received_at=dt.datetime.now(dt.UTC),
            target_days=14,
        )
    return opened.case_no


def _many_cases(desk_db: DeskDatabase, log_agents: dict[str, int]) -> None:
    many = tuple(
        Spec(f"2026-{600000 + number:06d}", CaseKind.COMPLAINT, CaseState.IN_PROGRESS, 1, customer=None)
        for number in range(120)
    )
    with desk_db.factory.begin() as session:
        add_cases(session, log_agents, {}, many, today=TODAY)


def test_another_desks_case_shows_by_itself_keeping_the_selection_and_the_scroll(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], desk_db: DeskDatabase, log_agents: dict[str, int]
) -> None:
    _many_cases(desk_db, log_agents)
    window = signed_in("supervisor")
    view = window.case_log
    assert view.change_timer.isActive()
    assert view.change_timer.interval() == 30_000
    view.table.setCurrentIndex(view.model.index(60, 0))
    selected = view.model.row_at(60).case_id
    view.table.scrollTo(view.model.index(60, 0))
    scrolled = view.table.verticalScrollBar().value()
    assert scrolled > 0
    before = view.model.rowCount()
    case_no = _open_elsewhere(desk_db, log_agents["agent2"])
    with qtbot.waitSignal(view.model.refreshed, timeout=10_000):
        view.change_timer.setInterval(20)  # the half-minute look, sooner
    assert case_no in numbers(view)
    assert view.model.rowCount() == before + 1
    assert view.model.row_at(view.table.currentIndex().row()).case_id == selected
    assert view.table.verticalScrollBar().value() == scrolled
    qtbot.waitUntil(lambda: view.count_label.text() == f"{len(SPECS) + 121} cases", timeout=10_000)
    # Nothing changed since: the looks that follow read nothing again.
    with qtbot.assertNotEmitted(view.model.refreshed, wait=200):
        pass


def test_f5_reads_the_log_again_and_this_desks_own_case_shows_at_once(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], desk_db: DeskDatabase, log_agents: dict[str, int]
) -> None:
    window = signed_in("supervisor")
    view = window.case_log
    case_no = _open_elsewhere(desk_db, log_agents["agent2"])
    assert case_no not in numbers(view)
    with qtbot.waitSignal(view.model.refreshed, timeout=10_000):
        qtbot.keyClick(view.table, Qt.Key.Key_F5)
    assert case_no in numbers(view)
    # A request taken at this desk: the log has it as soon as the case is open, without F5.
    with qtbot.waitSignal(view.model.refreshed, timeout=10_000):
        start_inquiry(qtbot, window, 6)  # a complaint
    with desk_db.factory() as session:
        newest = session.scalars(select(Case.case_no).order_by(Case.id.desc()).limit(1)).one()
    assert newest != case_no
    assert newest in numbers(view)


def test_paused_cases_have_their_own_filter_say_paused_and_are_never_overdue(
    qtbot: QtBot, signed_in: Callable[[str], MainWindow], log_agents: dict[str, int], desk_db: DeskDatabase
) -> None:
    # 2026-000107 was overdue (received 40 days ago) until its clock was paused for the customer's documents.
    pause(desk_db.factory, "2026-000107", log_agents["agent1"], PauseReason.DOCUMENTS)
    window = signed_in("supervisor")
    view = window.case_log
    filters = view.filters
    refilter(qtbot, view, lambda: filters.state.setCurrentIndex(filters.state.findData("paused")))
    assert numbers(view) == ["2026-000107"]
    assert view.count_label.text() == "1 cases"
    left = next(
        column
        for column in range(view.model.columnCount())
        if "Days left" in str(view.model.headerData(column, Qt.Orientation.Horizontal))
    )
    assert view.model.index(0, left).data() == "paused"
    refilter(qtbot, view, lambda: filters.state.setCurrentIndex(filters.state.findData("open")))
    refilter(qtbot, view, lambda: filters.overdue.setChecked(True))
    assert numbers(view)
    assert "2026-000107" not in numbers(view)
