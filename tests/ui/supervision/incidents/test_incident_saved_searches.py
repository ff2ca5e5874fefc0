"""Attach customers by a saved search… from the register, on a real database: a search saved, counted and
attached after a confirmation that names the incident, the search, its words and the count; a cancelled
confirmation writes nothing; refused saves (no criterion, a name taken, a search another supervisor changed
meanwhile) keep the form as typed; unsaved changes are asked about before they are dropped."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select, update

from desk_app.domain.enums import AgentRole
from desk_app.domain.selections import CustomerSelection
from desk_app.services.incidents import saved_searches
from desk_app.storage.models import Agent, Customer, IncidentCustomer
from tests.support.incidents import add_incident
from ui.supervision.incidents.register_window import IncidentRegister
from ui.supervision.incidents.saved_search_dialog import SavedSearchDialog

if TYPE_CHECKING:
    from conftest import CustomerFactory, DeskDatabase

JST = dt.timezone(dt.timedelta(hours=9))
DISCOVERED = dt.datetime(2026, 11, 30, 10, 0, tzinfo=JST)
NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=JST)
AFFECTED_COLUMN = 7
TOKYO_ONLY = CustomerSelection(prefectures=("東京都",))


@pytest.fixture
def incident_no(desk_db: DeskDatabase, supervisor_id: int) -> str:
    return add_incident(desk_db, supervisor_id, "顧客リストの流出", DISCOVERED, now=NOW)


@pytest.fixture
def tokyo_customers(desk_db: DeskDatabase, add_customer: CustomerFactory) -> list[int]:
    """Three customers in Tokyo (one reported deceased) and one in Osaka, whom no Tokyo search names."""
    ids = [add_customer(name=f"顧客 {number}") for number in range(4)]
    with desk_db.factory.begin() as session:
        session.execute(update(Customer).where(Customer.id == ids[1]).values(death_reported_at=NOW))
        session.execute(update(Customer).where(Customer.id == ids[3]).values(prefecture="大阪府"))
    return ids[:3]


def links(desk_db: DeskDatabase) -> int:
    with desk_db.factory() as session:
        return session.scalar(select(func.count()).select_from(IncidentCustomer)) or 0


def open_dialog(qtbot: QtBot, window: IncidentRegister) -> SavedSearchDialog:
    with qtbot.waitSignal(window.loaded, timeout=10_000):
        window.refresh()
    window.table.selectRow(0)
    assert window.search_button.isEnabled()
    qtbot.mouseClick(window.search_button, Qt.MouseButton.LeftButton)
    dialog = window.dialog
    assert isinstance(dialog, SavedSearchDialog)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.isVisible()
    return dialog


def tick(dialog: SavedSearchDialog, prefecture: str) -> None:
    items = dialog.form.prefectures.findItems(prefecture, Qt.MatchFlag.MatchExactly)
    items[0].setCheckState(Qt.CheckState.Checked)


def click(qtbot: QtBot, dialog: SavedSearchDialog, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def save_new(qtbot: QtBot, dialog: SavedSearchDialog, name: str) -> None:
    dialog.name.setText(name)
    tick(dialog, "東京都")
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)


def answer(qtbot: QtBot, dialog: SavedSearchDialog, yes: bool) -> str:
    """The question over the dialog answered; its text."""
    qtbot.waitUntil(lambda: dialog.confirm_box is not None and dialog.confirm_box.isVisible(), timeout=10_000)
    box = dialog.confirm_box
    assert box is not None
    text = box.text()
    chosen = next(
        button
        for button in box.buttons()
        if (box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole) == yes
    )
    qtbot.mouseClick(chosen, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.confirm_box is None, timeout=10_000)
    return text


def test_a_search_is_saved_counted_and_attached_and_the_register_counts_its_customers(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    incident_no: str,
    tokyo_customers: list[int],
) -> None:
    dialog = open_dialog(qtbot, incidents)
    assert dialog.model.rowCount() == 0
    assert not dialog.attach_button.isEnabled()
    save_new(qtbot, dialog, "東京の顧客")
    assert [row.name for row in dialog.model.rows] == ["東京の顧客"]
    assert dialog.current is not None
    assert dialog.current.selection == TOKYO_ONLY
    assert dialog.table.selectionModel().selectedRows()[0].row() == 0
    assert dialog.message.text() == ""
    assert dialog.form.words.text() == "living in 東京都"

    with qtbot.waitSignal(dialog.counted, timeout=10_000):
        qtbot.mouseClick(dialog.count_button, Qt.MouseButton.LeftButton)
    assert dialog.count.text() == (
        "3 customers match now: 0 erased, 1 reported deceased, 0 with no postal address."
    )
    assert links(desk_db) == 0

    assert dialog.attach_button.isEnabled()
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.finished_run, timeout=30_000):
        asked = answer(qtbot, dialog, yes=True)
    assert incident_no in asked
    assert "東京の顧客" in asked
    assert "living in 東京都" in asked
    assert "3 customers match now" in asked
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.report is not None
    assert dialog.report.committed
    assert dialog.attach_outcome.outcome.text() == (
        "東京の顧客: 3 customers attached, 0 already attached.\n"
        "Erased 0, deceased 1, no postal address 0, notice already made 0."
    )
    assert links(desk_db) == 3
    qtbot.waitUntil(
        lambda: incidents.model.data(incidents.model.index(0, AFFECTED_COLUMN)) == "3", timeout=10_000
    )
    dialog.reject()
    qtbot.waitUntil(lambda: incidents.dialog is None)


def test_a_cancelled_confirmation_attaches_nobody(
    qtbot: QtBot,
    incidents: IncidentRegister,
    desk_db: DeskDatabase,
    incident_no: str,
    tokyo_customers: list[int],
) -> None:
    dialog = open_dialog(qtbot, incidents)
    save_new(qtbot, dialog, "東京の顧客")
    qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
    answer(qtbot, dialog, yes=False)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.report is None
    assert dialog.attach_outcome.outcome.text() == ""
    assert links(desk_db) == 0


def test_refused_saves_keep_everything_typed(
    qtbot: QtBot, incidents: IncidentRegister, incident_no: str, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    with desk_db.factory.begin() as session:
        saved_searches.save_search(session, supervisor_id, "東京の顧客", TOKYO_ONLY, now=NOW)
    dialog = open_dialog(qtbot, incidents)
    assert dialog.model.rowCount() == 1

    # No criterion at all: it would name every customer.
    dialog.name.setText("全員")
    click(qtbot, dialog, dialog.save_button)
    assert dialog.message.text().startswith("give at least one criterion")
    assert dialog.name.text() == "全員"
    assert dialog.current is None

    # A name another search has: the core refuses it, and the form keeps the criteria typed.
    dialog.name.setText("東京の顧客")
    dialog.form.postal_prefix.setText("１００")
    assert dialog.form.selection().postal_prefix == "100"
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.message.text() == "another saved search is called 東京の顧客"
    assert dialog.name.text() == "東京の顧客"
    assert dialog.form.selection() == CustomerSelection(postal_prefix="100")
    assert dialog.current is None
    assert dialog.model.rowCount() == 1


def test_a_search_another_supervisor_changed_meanwhile_is_not_overwritten(
    qtbot: QtBot, incidents: IncidentRegister, incident_no: str, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    dialog = open_dialog(qtbot, incidents)
    save_new(qtbot, dialog, "東京の顧客")
    read = dialog.current
    assert read is not None
    with desk_db.factory.begin() as session:
        other = Agent(login="takahashi", display_name="高橋 主任", role=AgentRole.SUPERVISOR, created_at=NOW)
        session.add(other)
        session.flush()
        saved_searches.save_search(
            session,
            other.id,
            read.name,
            CustomerSelection(prefectures=("東京都", "神奈川県")),
            now=NOW,
            search_id=read.id,
            row_version=read.row_version,
        )

    dialog.form.postal_prefix.setText("100")
    with qtbot.waitSignal(dialog.refused, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "changed by someone else" in dialog.message.text()
    assert dialog.form.selection() == CustomerSelection(prefectures=("東京都",), postal_prefix="100")
    with desk_db.factory() as session:
        (kept,) = saved_searches.list_saved_searches(session, supervisor_id)
    assert kept.selection.prefectures == ("東京都", "神奈川県")
    assert kept.updated_by == "takahashi"

    # Chosen again, after the changes typed are dropped, it is read as the other supervisor left it.
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert "changed by someone else" in dialog.message.text()
    dialog.table.selectRow(0)
    answer(qtbot, dialog, yes=True)
    assert dialog.current is not None
    assert dialog.current.row_version == kept.row_version
    assert dialog.form.selection() == kept.selection
    dialog.form.postal_prefix.setText("100")
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert dialog.message.text() == ""
    assert dialog.current.selection.postal_prefix == "100"


def test_unsaved_changes_are_asked_about_before_they_are_dropped(
    qtbot: QtBot, incidents: IncidentRegister, incident_no: str, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    with desk_db.factory.begin() as session:
        saved_searches.save_search(
            session, supervisor_id, "大阪の顧客", CustomerSelection(prefectures=("大阪府",)), now=NOW
        )
        saved_searches.save_search(session, supervisor_id, "東京の顧客", TOKYO_ONLY, now=NOW)
    dialog = open_dialog(qtbot, incidents)
    assert [row.name for row in dialog.model.rows] == ["大阪の顧客", "東京の顧客"]
    dialog.table.selectRow(1)
    assert dialog.current is not None
    assert dialog.current.name == "東京の顧客"
    assert dialog.form.selection() == TOKYO_ONLY

    # Another search chosen with a change unsaved: kept when the question is cancelled.
    tick(dialog, "北海道")
    assert not dialog.attach_button.isEnabled()
    dialog.table.selectRow(0)
    answer(qtbot, dialog, yes=False)
    assert dialog.current.name == "東京の顧客"
    assert dialog.form.selection().prefectures == ("北海道", "東京都")
    assert dialog.table.selectionModel().selectedRows()[0].row() == 1

    # Esc asks too; dropping the changes closes the window.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    answer(qtbot, dialog, yes=False)
    assert dialog.isVisible()
    dialog.table.selectRow(0)
    answer(qtbot, dialog, yes=True)
    assert dialog.current.name == "大阪の顧客"
    assert dialog.form.selection() == CustomerSelection(prefectures=("大阪府",))
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: incidents.dialog is None, timeout=10_000)


def test_a_search_saved_under_another_name_then_deleted_when_the_question_is_answered(
    qtbot: QtBot, incidents: IncidentRegister, incident_no: str, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    dialog = open_dialog(qtbot, incidents)
    save_new(qtbot, dialog, "東京の顧客")
    first = dialog.current
    assert first is not None

    # Save as…: the criteria kept as a second search, which the form now holds.
    dialog.form.flags["has_email"].setCurrentIndex(1)
    qtbot.mouseClick(dialog.save_as_button, Qt.MouseButton.LeftButton)
    box = dialog.name_box
    assert box is not None
    box.setTextValue("東京の顧客（メールあり）")
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        box.accept()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert [row.name for row in dialog.model.rows] == ["東京の顧客", "東京の顧客（メールあり）"]
    assert dialog.current is not None
    assert dialog.current.id != first.id
    assert dialog.current.selection == CustomerSelection(prefectures=("東京都",), has_email=True)

    # Deleting is asked first: cancelled, both stay; answered, the one shown goes and the form empties.
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    asked = answer(qtbot, dialog, yes=False)
    assert "東京の顧客（メールあり）" in asked
    assert dialog.model.rowCount() == 2
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.listed, timeout=10_000):
        answer(qtbot, dialog, yes=True)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)
    assert [row.name for row in dialog.model.rows] == ["東京の顧客"]
    assert dialog.current is None
    assert dialog.name.text() == ""
    assert dialog.form.selection() == CustomerSelection()
    with desk_db.factory() as session:
        kept = saved_searches.list_saved_searches(session, supervisor_id)
    assert [search.id for search in kept] == [first.id]
