"""The incident dialog's public announcement (公表): the box enables its day and words, a ticked box saves
both, unticking clears them, and a refusal keeps everything typed on screen."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.services.incidents import register
from desk_app.storage.models import Incident
from tests.support.incidents import add_incident
from tests.support.qt_input import ime_commit
from ui.common.background import BackgroundRunner
from ui.common.japan_time import japan_today_qdate
from ui.supervision.incidents.incident_dialog import IncidentDialog
from ui.supervision.incidents.register_window import IncidentRegister

if TYPE_CHECKING:
    from conftest import DeskDatabase

JST = dt.timezone(dt.timedelta(hours=9))
DISCOVERED = dt.datetime(2026, 6, 1, 10, 0, tzinfo=JST)
RECORDED = dt.datetime(2026, 6, 2, 9, 0, tzinfo=JST)
WEBSITE = "当社ウェブサイトに掲載"


def _dialog(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase, supervisor_id: int, incident_no: str
) -> IncidentDialog:
    with desk_db.factory() as session:
        detail = register.incident_detail(
            session, supervisor_id, incident_no, today=RECORDED.date(), preliminary_days=5
        )
    dialog = IncidentDialog(runner, supervisor_id, 5, detail)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _ticked(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase, supervisor_id: int
) -> tuple[IncidentDialog, str]:
    """An incident with no announcement, its dialog open with the box ticked and 3 June as the day."""
    incident_no = add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=RECORDED)
    dialog = _dialog(qtbot, runner, desk_db, supervisor_id, incident_no)
    dialog.published.setChecked(True)
    dialog.published_on.setDate(QDate(2026, 6, 3))
    return dialog, incident_no


def _stored(desk_db: DeskDatabase) -> tuple[dt.date | None, str]:
    with desk_db.factory() as session:
        incident = session.scalars(select(Incident)).one()
        return incident.published_on, incident.publication


def _save(qtbot: QtBot, dialog: IncidentDialog) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.submit()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_new_incident_has_no_announcement_until_the_box_is_ticked(
    qtbot: QtBot, runner: BackgroundRunner, supervisor_id: int
) -> None:
    dialog = IncidentDialog(runner, supervisor_id, preliminary_days=5)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.published.isChecked()
    assert not dialog.published_on.isEnabled()
    assert not dialog.publication.isEnabled()
    assert dialog.published_on.date() == japan_today_qdate() == dialog.published_on.maximumDate()
    assert (dialog.fields().published_on, dialog.fields().publication) == (None, "")
    dialog.published.setChecked(True)
    assert dialog.published_on.isEnabled()
    assert dialog.publication.isEnabled()


def test_an_announcement_is_saved_then_cleared(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    dialog, incident_no = _ticked(qtbot, runner, desk_db, supervisor_id)
    ime_commit(dialog.publication, WEBSITE)
    _save(qtbot, dialog)
    assert _stored(desk_db) == (dt.date(2026, 6, 3), WEBSITE)

    dialog = _dialog(qtbot, runner, desk_db, supervisor_id, incident_no)
    assert dialog.published.isChecked()
    assert dialog.published_on.isEnabled()
    assert dialog.published_on.date() == QDate(2026, 6, 3)
    assert dialog.publication.text() == WEBSITE
    dialog.published.setChecked(False)
    # The words stay on screen, greyed, and come back with the tick; unticked, nothing is saved.
    assert not dialog.publication.isEnabled()
    assert dialog.publication.text() == WEBSITE
    _save(qtbot, dialog)
    assert _stored(desk_db) == (None, "")


def test_a_refused_announcement_keeps_everything_typed(
    qtbot: QtBot, runner: BackgroundRunner, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    dialog, _incident_no = _ticked(qtbot, runner, desk_db, supervisor_id)
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        dialog.submit()
    assert dialog.message.text() == "a public announcement needs both its date and how and where it was made"
    assert dialog.isVisible()

    # Before the discovery: refused, and the day, the words and the tick are all still there.
    dialog.published_on.setDate(QDate(2026, 5, 30))
    ime_commit(dialog.publication, WEBSITE)
    ime_commit(dialog.texts["cause"], "委託先の設定不備")
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        dialog.submit()
    assert dialog.message.text() == (
        "an incident cannot have been announced before it was discovered or after today"
    )
    assert dialog.published.isChecked()
    assert dialog.published_on.date() == QDate(2026, 5, 30)
    assert dialog.publication.text() == WEBSITE
    assert dialog.texts["cause"].toPlainText() == "委託先の設定不備"
    assert _stored(desk_db) == (None, "")

    dialog.published_on.setDate(QDate(2026, 6, 1))
    _save(qtbot, dialog)
    assert _stored(desk_db) == (dt.date(2026, 6, 1), WEBSITE)


def test_the_register_says_when_and_how_the_chosen_incident_was_announced(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    import dataclasses

    incident_no = add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=RECORDED)
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        incidents.refresh()
    incidents.table.selectRow(0)
    assert "announced" not in incidents.reports.text()
    with desk_db.factory.begin() as session:
        detail = register.incident_detail(
            session, supervisor_id, incident_no, today=RECORDED.date(), preliminary_days=5
        )
        announced = dataclasses.replace(detail.fields, published_on=dt.date(2026, 6, 3), publication=WEBSITE)
        register.update_incident(
            session, supervisor_id, incident_no, announced, now=RECORDED + dt.timedelta(days=5)
        )
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        incidents.refresh()
    incidents.table.selectRow(0)
    assert incidents.reports.text() == f"Publicly announced on 2026-06-03: {WEBSITE}"
