"""Pausing and resuming a case's clock in the window: the keyboard shortcuts open the dialogs, the reason is
chosen before OK, the header says the due date is paused, and resuming moves it on by the days paused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import CaseKind, PauseReason
from desk_app.services.cases.actions import CaseAction
from desk_app.services.cases.records import get_case
from tests.support.desk_driver import said, type_into
from tests.support.letter_cases import LetterCases
from ui.cases.case_action_dialog import CaseActionDialog
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

A = CaseAction
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def cases(desk_db: DeskDatabase) -> LetterCases:
    return LetterCases(desk_db.factory)


@pytest.fixture
def agent_window(qtbot: QtBot, open_window: Callable[..., MainWindow], cases: LetterCases) -> MainWindow:
    """The window signed in as `agent`, whom `cases` made first."""
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in("agent")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def _show(qtbot: QtBot, window: MainWindow, case_id: int, action: CaseAction) -> None:
    bar = window.case_page.actions_bar
    window.open_case(case_id)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id and action in bar.buttons)


def _by_keys(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> CaseActionDialog:
    """The shortcut pressed wherever the focus is on the case page; the dialog it opened."""
    bar = window.case_page.actions_bar
    qtbot.keyClick(window.case_page, key, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bar.current_dialog is not None and bar.current_dialog.isVisible())
    dialog = bar.current_dialog
    assert dialog is not None
    return dialog


def _ok(qtbot: QtBot, window: MainWindow, dialog: CaseActionDialog) -> None:
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    with qtbot.waitSignal(window.case_page.actions_bar.case_updated, timeout=10_000):
        ok.click()


def test_an_agent_pauses_from_the_keyboard_choosing_what_the_desk_waits_for(
    qtbot: QtBot, agent_window: MainWindow, cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.SUSPENSION, cases.customer())
    _show(qtbot, agent_window, case_id, A.PAUSE)
    bar, header = agent_window.case_page.actions_bar, agent_window.case_page.header
    assert A.RESUME not in bar.buttons
    assert "Ctrl+Shift+P" in bar.buttons[A.PAUSE].toolTip()
    assert header.deadline_label.text().startswith("Due 2026-11-24 — overdue")
    # Ctrl+Shift+R does nothing while the clock runs: there is nothing to resume.
    qtbot.keyClick(agent_window.case_page, Qt.Key.Key_R, CTRL_SHIFT)
    assert bar.current_dialog is None
    dialog = _by_keys(qtbot, agent_window, Qt.Key.Key_P)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # nothing is paused without saying what the desk waits for
    offered = [dialog.pause_reason.itemData(i) for i in range(1, dialog.pause_reason.count())]
    assert offered == [reason.value for reason in PauseReason]
    dialog.pause_reason.setCurrentIndex(dialog.pause_reason.findData(PauseReason.PROXY_PAPERS.value))
    assert ok.isEnabled()
    type_into(dialog.reason, "委任状の返送待ち")
    _ok(qtbot, agent_window, dialog)
    assert said(agent_window) == "Clock paused, waiting for a proxy's papers: the due date waits too."
    with cases.sessions() as session:
        view = get_case(session, case_id)
    assert view.pause is not None
    assert (view.pause.reason, view.pause.note) == (PauseReason.PROXY_PAPERS, "委任状の返送待ち")
    # The case is read again after the action: the header follows.
    qtbot.waitUntil(lambda: header.deadline_label.text().startswith("Due date paused since "))
    assert "waiting for a proxy's papers" in header.deadline_label.text()
    assert A.PAUSE not in bar.buttons
    assert A.RESUME in bar.buttons
    timeline = bar.timeline
    qtbot.waitUntil(
        lambda: timeline.count() > 0 and "Clock paused" in timeline.item(timeline.count() - 1).text()
    )


def test_resuming_shows_and_makes_the_due_date_moved_on_by_the_days_paused(
    qtbot: QtBot, agent_window: MainWindow, cases: LetterCases
) -> None:
    case_id = cases.verified(CaseKind.CORRECTION, cases.customer())
    cases.pause(case_id, reason=PauseReason.DOCUMENTS)
    # The Cases dock says the clock is paused where the due date would be.
    queue = agent_window.work_queue_view
    queue.refresh()
    qtbot.waitUntil(lambda: case_id in [row.case_id for row in queue.model.rows], timeout=10_000)
    [row] = [index for index, row in enumerate(queue.model.rows) if row.case_id == case_id]
    assert queue.model.index(row, 3).data() == "paused (2026-11-24)"
    _show(qtbot, agent_window, case_id, A.RESUME)
    header = agent_window.case_page.header
    today = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=9))).date()
    # Paused on 20 November: resumed today, the due date moves on by the days since.
    moved = dt.date(2026, 11, 24) + (today - dt.date(2026, 11, 20))
    assert header.deadline_label.text() == (
        f"Due date paused since 2026-11-20, waiting for documents — due {moved.isoformat()} if the clock ran"
        " again today"
    )
    dialog = _by_keys(qtbot, agent_window, Qt.Key.Key_R)
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    summary = "Paused since 2026-11-20, waiting for documents. Resuming today moves the due date from"
    assert f"{summary} 2026-11-24 to {moved.isoformat()}." in texts
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()  # the note is optional
    _ok(qtbot, agent_window, dialog)
    with cases.sessions() as session:
        view = get_case(session, case_id)
    assert (view.pause, view.due_on) == (None, moved)
    assert said(agent_window) == f"Clock running again: due {moved.isoformat()}."
    assert A.PAUSE in agent_window.case_page.actions_bar.buttons
