"""Make notices… from the register: refused while the incident lacks what every notice states, made with
progress for each attached customer, and Cancel stopping after the letter in hand with what was made kept."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.services.incidents import register
from desk_app.services.incidents.register import IncidentFields
from desk_app.storage.models import Letter
from tests.support.incidents import add_incident, attach
from ui.supervision.incidents import ops
from ui.supervision.incidents.notices_dialog import NoticesDialog
from ui.supervision.incidents.register_window import IncidentRegister

if TYPE_CHECKING:
    from conftest import CustomerFactory, DeskDatabase

JST = dt.timezone(dt.timedelta(hours=9))
DISCOVERED = dt.datetime(2026, 11, 30, 10, 0, tzinfo=JST)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=JST)
TOLD = {
    "what_happened": "配送委託先のサーバーに不正アクセスがありました。",
    "items": "氏名、住所、電話番号",
    "cause": "委託先サーバーの設定不備",
    "secondary_harm": "なりすましのお電話のおそれがあります。",
    "measures": "委託先の設定を見直し、監査を行います。",
}


def with_customers(
    desk_db: DeskDatabase, supervisor_id: int, add_customer: CustomerFactory, count: int, *, told: bool
) -> str:
    incident_no = add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=NOW)
    if told:
        tell(desk_db, supervisor_id, incident_no)
    customers = [add_customer(name=f"顧客 {number}") for number in range(count)]
    attach(desk_db, incident_no, customers, supervisor_id, now=NOW)
    return incident_no


def tell(desk_db: DeskDatabase, supervisor_id: int, incident_no: str) -> None:
    with desk_db.factory.begin() as session:
        fields = register.incident_detail(
            session, supervisor_id, incident_no, today=NOW.date(), preliminary_days=5
        )
        told = IncidentFields(**{**fields.fields.__dict__, **TOLD})
        register.update_incident(session, supervisor_id, incident_no, told, now=NOW)


def letters(desk_db: DeskDatabase) -> int:
    with desk_db.factory() as session:
        return session.scalar(select(func.count()).select_from(Letter)) or 0


def open_notices(qtbot: QtBot, window: IncidentRegister) -> NoticesDialog:
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.refresh()
    window.table.selectRow(0)
    assert window.notices_button.isEnabled()
    qtbot.mouseClick(window.notices_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, NoticesDialog)
    assert dialog.isVisible()
    return dialog


def test_notices_wait_for_what_every_notice_states_then_go_to_each_customer(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    supervisor_id: int,
    add_customer: CustomerFactory,
) -> None:
    incident_no = with_customers(desk_db, supervisor_id, add_customer, 2, told=False)
    dialog = open_notices(qtbot, incidents)
    assert "its 2 affected customers" in dialog.question.text()
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text() == (
        "write the incident's account of what happened before its notices are made: every notice states it"
    )
    assert dialog.make_button.isEnabled()
    assert letters(desk_db) == 0

    tell(desk_db, supervisor_id, incident_no)
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text().startswith("incident 2026-L001: 2 notices made (0 made before); 0 customers")
    assert not dialog.make_button.isEnabled()
    assert dialog.cancel_button.text() == "Close"
    assert letters(desk_db) == 2
    dialog.reject()
    qtbot.waitUntil(lambda: incidents.dialog is None)


def test_cancel_stops_after_the_letter_in_hand_and_keeps_what_was_made(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    supervisor_id: int,
    add_customer: CustomerFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_customers(desk_db, supervisor_id, add_customer, 3, told=True)
    first_made = threading.Event()
    asked = []
    really_cancelled = ops.NoticeRun.cancelled

    def cancelled(run: ops.NoticeRun) -> bool:
        # Asked before each letter: after the first, the worker waits for the supervisor's Cancel.
        asked.append(True)
        if len(asked) == 2:
            first_made.set()
            run.stop.wait(10)
        return really_cancelled(run)

    monkeypatch.setattr(ops.NoticeRun, "cancelled", cancelled)
    dialog = open_notices(qtbot, incidents)
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert dialog.running
    qtbot.waitUntil(first_made.is_set, timeout=30_000)
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.batch is not None
    assert (dialog.batch.made, dialog.batch.remaining, dialog.batch.cancelled) == (1, 2, True)
    assert "stopped: 2 customers still wait for a notice" in dialog.outcome.text()
    assert letters(desk_db) == 1

    monkeypatch.setattr(ops.NoticeRun, "cancelled", really_cancelled)
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000):
        qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    assert "2 notices made (1 made before)" in dialog.outcome.text()
    assert letters(desk_db) == 3
