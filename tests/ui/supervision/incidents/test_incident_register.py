"""The leak incident register driven as a supervisor drives it: an incident refused then saved with nothing
typed lost, deadlines moving as categories are ticked, reports recorded in order, closing asked first,
overdue and near deadlines said in words, and a fresh reading whenever the window comes forward."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QDate, QDateTime, QEvent, Qt, QTime, QTimeZone
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.config import CompanyProfile, Incidents
from desk_app.domain.incidents import LeakCategory, ReportKind, report_deadlines
from desk_app.services.incidents import register
from desk_app.storage.models import Incident, IncidentReport
from tests.support.incidents import add_incident as recorded
from tests.support.qt_input import ime_commit
from ui.common.background import BackgroundRunner
from ui.supervision.incidents.incident_dialog import IncidentDialog
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR
from ui.supervision.incidents.register_window import IncidentRegister
from ui.supervision.incidents.report_dialog import ReportDialog

if TYPE_CHECKING:
    from conftest import DeskDatabase

JST = dt.timezone(dt.timedelta(hours=9))
# The day the register is read on: Thursday 4 June 2026.
TODAY = dt.date(2026, 6, 4)
# Discovered on Monday 1 June: the preliminary report (5 days) is due Friday 5 June, the final on 30 June.
RECENT = dt.datetime(2026, 6, 1, 10, 0, tzinfo=JST)
# Discovered on Wednesday 1 April: both reports overdue by 4 June (the fifth day a Sunday, so the
# preliminary report was due on Monday 6 April).
OLD = dt.datetime(2026, 4, 1, 10, 0, tzinfo=JST)
NOW = dt.datetime(2026, 6, 4, 9, 0, tzinfo=JST)
PRELIMINARY = 1
FINAL = 2


# Recorded at NOW, as a supervisor would have that morning.
add_incident = partial(recorded, now=NOW)


@pytest.fixture
def incidents(qtbot: QtBot, runner: BackgroundRunner, supervisor_id: int) -> IncidentRegister:
    window = IncidentRegister(runner, Incidents(preliminary_days=5), CompanyProfile())
    qtbot.addWidget(window)
    window.today = lambda: TODAY
    window.set_viewer(supervisor_id)
    return window


def show(qtbot: QtBot, window: IncidentRegister) -> None:
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.show()
        window.refresh()


def cell(window: IncidentRegister, row: int, column: int, role: int = Qt.ItemDataRole.DisplayRole) -> object:
    return window.model.data(window.model.index(row, column), role)


def stored(desk_db: DeskDatabase) -> list[Incident]:
    with desk_db.factory() as session:
        return list(session.scalars(select(Incident).order_by(Incident.id)))


def test_a_refused_incident_keeps_everything_typed_and_a_saved_one_is_listed(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase
) -> None:
    show(qtbot, incidents)
    assert incidents.model.rowCount() == 0
    qtbot.mouseClick(incidents.new_button, Qt.MouseButton.LeftButton)
    dialog = incidents.dialog
    assert isinstance(dialog, IncidentDialog)
    assert dialog.isVisible()
    dialog.discovered.setDateTime(QDateTime(QDate(2026, 6, 1), QTime(10, 0), QTimeZone.utc()))
    ime_commit(dialog.texts["what_happened"], "委託先サーバーに不正アクセス")
    ime_commit(dialog.texts["items"], "氏名、住所")
    dialog.categories[LeakCategory.OVER_THOUSAND].setChecked(True)
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.message.text() == (
        "the incident's title is needed (at most 200 characters, no control characters)"
    )
    assert dialog.texts["what_happened"].toPlainText() == "委託先サーバーに不正アクセス"
    assert dialog.texts["items"].toPlainText() == "氏名、住所"
    assert dialog.categories[LeakCategory.OVER_THOUSAND].isChecked()
    assert stored(desk_db) == []

    ime_commit(dialog.title, "配送委託先からの顧客リスト流出")
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: incidents.dialog is None)
    (incident,) = stored(desk_db)
    assert incident.incident_no == "2026-L001"
    assert incident.discovered_at.astimezone(JST) == RECENT
    assert incident.items == "氏名、住所"
    assert incident.categories == ["over_thousand"]
    assert incidents.model.rowCount() == 1
    assert [cell(incidents, 0, column) for column in range(8)] == [
        "2026-L001",
        "配送委託先からの顧客リスト流出",
        "2026-06-01",
        "more than 1,000 people",
        "2026-06-05 (days left: 1)",
        "2026-06-30",
        "None yet",
        "0",
    ]


def test_an_edit_rewrites_the_incident_and_a_refusal_is_said_in_japanese(
    qtbot: QtBot,
    japanese: None,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    supervisor_id: int,
) -> None:
    add_incident(desk_db, supervisor_id, "誤送信", RECENT)
    show(qtbot, incidents)
    incidents.table.selectRow(0)
    incidents.edit_incident()
    qtbot.waitUntil(lambda: isinstance(incidents.dialog, IncidentDialog), timeout=10_000)
    dialog = incidents.dialog
    assert isinstance(dialog, IncidentDialog)
    assert dialog.title.text() == "誤送信"
    assert dialog.discovered_at() == RECENT
    dialog.title.clear()
    ime_commit(dialog.texts["cause"], "宛先の確認漏れ")
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        dialog.submit()
    assert dialog.message.text() == "事案の件名を入力してください（200文字以内）"
    ime_commit(dialog.title, "メールの誤送信")
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        dialog.submit()
    (incident,) = stored(desk_db)
    assert (incident.title, incident.cause) == ("メールの誤送信", "宛先の確認漏れ")
    assert cell(incidents, 0, 3) == "1,000人超"


def test_ticking_a_category_moves_the_deadlines_shown(
    qtbot: QtBot, runner: BackgroundRunner, supervisor_id: int
) -> None:
    dialog = IncidentDialog(runner, supervisor_id, preliminary_days=3)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.discovered.setDateTime(QDateTime(QDate(2026, 6, 1), QTime(10, 0), QTimeZone.utc()))
    assert dialog.deadlines.text().startswith("Not reportable")
    dialog.categories[LeakCategory.SPECIAL_CARE].setChecked(True)
    # Day 1 is Monday 1 June: the third day is 3 June, the thirtieth 30 June.
    assert dialog.deadlines.text() == (
        "Preliminary report due 2026-06-03; final report due 2026-06-30 (within 30 days)."
    )
    dialog.categories[LeakCategory.IMPROPER_PURPOSE].setChecked(True)
    assert dialog.deadlines.text() == (
        "Preliminary report due 2026-06-03; final report due 2026-07-30 (within 60 days)."
    )
    # Discovered on Friday 1 May 2026: the third day is Sunday 3 May, and 4–6 May are holidays.
    dialog.discovered.setDateTime(QDateTime(QDate(2026, 5, 1), QTime(18, 0), QTimeZone.utc()))
    expected = report_deadlines(
        dt.date(2026, 5, 1), {LeakCategory.SPECIAL_CARE, LeakCategory.IMPROPER_PURPOSE}, 3
    )
    assert expected is not None
    assert expected.preliminary_due == dt.date(2026, 5, 7)
    assert "Preliminary report due 2026-05-07;" in dialog.deadlines.text()
    for tick in dialog.categories.values():
        tick.setChecked(False)
    assert dialog.deadlines.text().startswith("Not reportable")


def test_reports_are_recorded_in_order_and_a_refusal_shown(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    incident_no = add_incident(desk_db, supervisor_id, "顧客リストの流出", RECENT)
    show(qtbot, incidents)
    incidents.table.selectRow(0)
    assert incidents.report_button.isEnabled()
    qtbot.mouseClick(incidents.report_button, Qt.MouseButton.LeftButton)
    dialog = incidents.dialog
    assert isinstance(dialog, ReportDialog)
    assert dialog.chosen_kind() is ReportKind.PRELIMINARY
    final_item = dialog.kind.model().index(dialog.kind.findData(ReportKind.FINAL.value), 0)
    assert not final_item.flags() & Qt.ItemFlag.ItemIsEnabled
    assert dialog.submitted() == TODAY
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "give the reference the Commission's form returned" in dialog.message.text()
    dialog.submitted_on.setDate(QDate(2026, 6, 2))
    qtbot.keyClicks(dialog.reference, "PPC-2026-0601")
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert cell(incidents, 0, 6) == "preliminary report"
    assert cell(incidents, 0, PRELIMINARY + 3) == "2026-06-05"
    assert "PPC-2026-0601" in incidents.reports.text()

    incidents.table.selectRow(0)
    incidents.record_report()
    final = incidents.dialog
    assert isinstance(final, ReportDialog)
    assert final.chosen_kind() is ReportKind.FINAL
    qtbot.keyClicks(final.reference, "PPC-2026-0604")
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        final.submit()
    assert cell(incidents, 0, 6) == "preliminary report, final report"
    incidents.table.selectRow(0)
    assert not incidents.report_button.isEnabled()
    with desk_db.factory() as session:
        kinds = session.scalars(select(IncidentReport.kind).order_by(IncidentReport.id)).all()
    assert kinds == [ReportKind.PRELIMINARY, ReportKind.FINAL]
    assert incident_no == "2026-L001"


def _answer_close(qtbot: QtBot, window: IncidentRegister, answer: QMessageBox.StandardButton) -> None:
    window.table.selectRow(0)
    qtbot.mouseClick(window.close_button, Qt.MouseButton.LeftButton)
    box = window.confirm_box
    assert box is not None
    assert box.isVisible()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.mouseClick(box.button(answer), Qt.MouseButton.LeftButton)


def test_closing_is_confirmed_and_refused_while_a_report_is_owed(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    add_incident(desk_db, supervisor_id, "報告済みの事案", RECENT, reports=(ReportKind.PRELIMINARY,))
    show(qtbot, incidents)
    _answer_close(qtbot, incidents, QMessageBox.StandardButton.No)
    qtbot.waitUntil(lambda: incidents.confirm_box is None)
    assert stored(desk_db)[0].closed_at is None

    _answer_close(qtbot, incidents, QMessageBox.StandardButton.Yes)
    qtbot.waitUntil(lambda: incidents.message.text() != "", timeout=10_000)
    assert incidents.message.text() == (
        "incident 2026-L001 cannot be closed while its final report is not recorded"
    )
    assert stored(desk_db)[0].closed_at is None

    with desk_db.factory.begin() as session:
        register.record_report(session, supervisor_id, "2026-L001", ReportKind.FINAL, TODAY, "R-2", now=NOW)
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        _answer_close(qtbot, incidents, QMessageBox.StandardButton.Yes)
    assert stored(desk_db)[0].closed_at is not None
    assert incidents.model.rowCount() == 0
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        incidents.show_closed.setChecked(True)
    assert incidents.model.rowCount() == 1
    assert not incidents.table.isColumnHidden(8)
    assert cell(incidents, 0, 8) == "Closed"
    incidents.table.selectRow(0)
    for button in (incidents.edit_button, incidents.report_button, incidents.close_button):
        assert not button.isEnabled()


def test_overdue_reports_are_red_and_said_and_near_ones_bold(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    add_incident(desk_db, supervisor_id, "古い事案", OLD)
    add_incident(desk_db, supervisor_id, "新しい事案", RECENT)
    add_incident(desk_db, supervisor_id, "報告対象外", RECENT, categories=frozenset())
    show(qtbot, incidents)
    ModelTester(None).check(incidents.model)
    rows = {cell(incidents, row, 1): row for row in range(incidents.model.rowCount())}
    old, recent, minor = rows["古い事案"], rows["新しい事案"], rows["報告対象外"]
    assert cell(incidents, old, PRELIMINARY + 3) == "2026-04-06 overdue"
    assert cell(incidents, old, FINAL + 3) == "2026-04-30 overdue"
    red = cell(incidents, old, 1, Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QBrush)
    assert red.color().name() == OVERDUE_COLOUR
    assert cell(incidents, recent, PRELIMINARY + 3) == "2026-06-05 (days left: 1)"
    bold = cell(incidents, recent, 1, Qt.ItemDataRole.FontRole)
    assert isinstance(bold, QFont)
    assert bold.bold()
    assert cell(incidents, recent, 1, Qt.ItemDataRole.ForegroundRole) is None
    assert cell(incidents, minor, PRELIMINARY + 3) == "Not reportable"
    assert cell(incidents, minor, 3) == "None"
    assert cell(incidents, minor, 1, Qt.ItemDataRole.FontRole) is None
    assert incidents.status.text() == "Open incidents: 3; reports overdue: 2"


def test_the_register_reads_again_when_it_comes_forward(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    show(qtbot, incidents)
    assert incidents.model.rowCount() == 0
    add_incident(desk_db, supervisor_id, "別の主任が記録した事案", RECENT)
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        QApplication.sendEvent(incidents, QEvent(QEvent.Type.WindowActivate))
    assert incidents.model.rowCount() == 1
