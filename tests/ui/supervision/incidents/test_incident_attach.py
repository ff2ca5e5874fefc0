"""Attach customers from CSV… from the register: a good file (in CP932, chosen as the customer import offers
it) attaches its customers and the register's count follows; a file with a wrong line attaches nothing and
names each wrong line; a closed incident takes none."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from desk_app.services.incidents import affected
from desk_app.storage.models import Customer, IncidentCustomer
from tests.support.incidents import add_incident, attach
from ui.supervision.incidents import ops
from ui.supervision.incidents.attach_dialog import AttachDialog
from ui.supervision.incidents.register_window import IncidentRegister

if TYPE_CHECKING:
    from conftest import CustomerFactory, DeskDatabase

JST = dt.timezone(dt.timedelta(hours=9))
DISCOVERED = dt.datetime(2026, 11, 30, 10, 0, tzinfo=JST)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=JST)
AFFECTED_COLUMN = 7


def numbers_of(desk_db: DeskDatabase, ids: list[int]) -> list[str]:
    with desk_db.factory() as session:
        rows = session.execute(select(Customer.id, Customer.customer_no).where(Customer.id.in_(ids)))
        found = {customer_id: number for customer_id, number in rows}
    return [found[customer_id] for customer_id in ids]


def links(desk_db: DeskDatabase) -> int:
    with desk_db.factory() as session:
        return session.scalar(select(func.count()).select_from(IncidentCustomer)) or 0


def affected_shown(window: IncidentRegister) -> object:
    return window.model.data(window.model.index(0, AFFECTED_COLUMN))


def open_attach(qtbot: QtBot, window: IncidentRegister) -> AttachDialog:
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.refresh()
    window.table.selectRow(0)
    assert window.attach_button.isEnabled()
    qtbot.mouseClick(window.attach_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, AttachDialog)
    assert dialog.isVisible()
    return dialog


def attach_file(qtbot: QtBot, dialog: AttachDialog, source: Path, encoding: str | None = None) -> None:
    dialog.path.setText(str(source))
    dialog.encoding.setCurrentIndex(dialog.encoding.findData(encoding))
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000):
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)


def test_a_good_file_attaches_its_customers_and_the_register_counts_them(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    supervisor_id: int,
    add_customer: CustomerFactory,
    tmp_path: Path,
) -> None:
    incident_no = add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=NOW)
    ids = [add_customer(name=f"顧客 {number}") for number in range(3)]
    attach(desk_db, incident_no, ids[:1], supervisor_id, now=NOW)
    with desk_db.factory.begin() as session:
        session.execute(update(Customer).where(Customer.id == ids[2]).values(death_reported_at=NOW))
    first, second, third = numbers_of(desk_db, ids)
    source = tmp_path / "流出顧客.csv"
    source.write_bytes(
        f"顧客番号,氏名\n{first},顧客\n{second},顧客\n{third},顧客\n{second},顧客\n".encode("cp932")
    )

    dialog = open_attach(qtbot, incidents)
    assert affected_shown(incidents) == "1"
    attach_file(qtbot, dialog, source, "cp932")
    assert dialog.outcome.text() == (
        "流出顧客.csv (cp932): 2 customers attached, 1 already attached.\n"
        "Erased 0, deceased 1, no postal address 0, notice already made 0."
    )
    assert not dialog.problems.isVisible()
    assert dialog.attach_button.isEnabled()
    assert dialog.close_button.isEnabled()
    assert links(desk_db) == 3
    qtbot.waitUntil(lambda: affected_shown(incidents) == "3", timeout=10_000)
    dialog.reject()
    qtbot.waitUntil(lambda: incidents.dialog is None)


def test_a_file_with_wrong_lines_attaches_nothing_and_names_each_line(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    supervisor_id: int,
    add_customer: CustomerFactory,
    tmp_path: Path,
) -> None:
    add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=NOW)
    (good,) = numbers_of(desk_db, [add_customer()])
    source = tmp_path / "affected.csv"
    source.write_text(f"顧客番号\n{good}\n99999999\nabc\n", encoding="utf-8")

    dialog = open_attach(qtbot, incidents)
    attach_file(qtbot, dialog, source)
    assert dialog.report is not None
    assert not dialog.report.committed
    assert dialog.outcome.text() == "nothing attached to incident 2026-L001: 2 lines are wrong"
    assert dialog.problems.isVisible()
    named = [dialog.problems.item(row).text() for row in range(dialog.problems.count())]
    assert len(named) == 2
    assert named[0] == "line 3: 顧客番号: no such customer"
    assert named[1].startswith("line 4: 顧客番号: ")
    assert links(desk_db) == 0
    with qtbot.waitSignal(incidents.loaded, timeout=10_000):
        incidents.refresh()
    assert affected_shown(incidents) == "0"


def test_a_closed_incident_takes_no_customers(
    qtbot: QtBot, incidents: IncidentRegister, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    add_incident(desk_db, supervisor_id, "伝票の一時紛失", DISCOVERED, frozenset(), now=NOW, closed=True)
    incidents.show_closed.setChecked(True)
    qtbot.waitUntil(lambda: incidents.model.rowCount() == 1, timeout=10_000)
    incidents.table.selectRow(0)
    assert incidents.selected() is not None
    assert not incidents.attach_button.isEnabled()
    incidents.attach_customers()
    assert incidents.dialog is None


def test_cancel_stops_a_long_file_with_nothing_attached(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    supervisor_id: int,
    add_customer: CustomerFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=NOW)
    ids = [add_customer(name=f"顧客 {number}") for number in range(6)]
    source = tmp_path / "流出顧客.csv"
    source.write_text("顧客番号\n" + "\n".join(numbers_of(desk_db, ids)) + "\n", encoding="utf-8")
    # Two numbers a chunk, and the worker held after its first chunk until Cancel has been pressed.
    monkeypatch.setattr(affected, "CHUNK", 2)
    pressed = threading.Event()
    told = ops.AttachRun.progress

    def held(run: ops.AttachRun, read: int) -> None:
        told(run, read)
        pressed.wait(10)

    monkeypatch.setattr(ops.AttachRun, "progress", held)
    dialog = open_attach(qtbot, incidents)
    dialog.path.setText(str(source))
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    run = dialog.run
    assert run is not None
    qtbot.waitUntil(lambda: run.read == 2, timeout=10_000)
    assert dialog.close_button.text() == "Cancel"
    qtbot.waitUntil(lambda: "2 numbers so far" in dialog.outcome.text(), timeout=10_000)
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000) as finished:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible()
        pressed.set()
    report = finished.args[0]
    assert (report.cancelled, report.committed, report.attached) == (True, False, 0)
    assert dialog.outcome.text() == "Cancelled: nothing was attached (2 read before it stopped)."
    assert links(desk_db) == 0
    assert dialog.close_button.text() == "Close"
    assert dialog.attach_button.isEnabled()
