"""A call after a leak incident, in the real window, by keyboard: the record of an affected customer warns
of the incident (its number and title, no one else's), Alt+L starts a question about it with that incident
chosen, the talk reads what happened and what is being done from the incident, the step shows what Next
records, and finishing the script closes the case as answered and counted against the incident. A caller
who is not affected chooses the incident (Alt+I), and the script reads that one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.enums import CaseKind, CaseState
from desk_app.storage.models import IncidentCase
from tests.support.desk_driver import (
    ALT,
    Ring,
    activate,
    answer_call,
    choose,
    events,
    finish,
    focused,
    next_step,
    start_inquiry,
    the_case,
    walk,
)
from tests.support.leak_incidents import MEASURES, WHAT_HAPPENED, affect, open_leak_incident
from ui.cases.incident_step_pages import LeakAnswerPage
from ui.cases.new_inquiry_dialog import REQUEST_KEYS
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase

LEAK = REQUEST_KEYS.index("L") + 1
OTHER_WHAT = "カタログ送付用の宛名データを、委託先が誤って別の会社に送付しました。"


def test_an_affected_customer_s_call_goes_through_the_leak_script(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    leak = open_leak_incident(desk_db.factory, supervisor_id, title="配送委託先への不正アクセス")
    other = open_leak_incident(desk_db.factory, supervisor_id, title="宛名データの誤送付")
    tanaka, sato = desk_db.customer_ids["C0000004"], desk_db.customer_ids["C0000001"]
    affect(desk_db.factory, leak, [tanaka, sato], by=supervisor_id)
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    warning = main_window.pages.record_panel.summary.incidents_value
    qtbot.waitUntil(warning.isVisible)
    # The incident's number and title, in red; not the other incident, and nothing of the other customer.
    assert warning.text().splitlines()[0] == f"{leak}  配送委託先への不正アクセス"
    assert other not in warning.text()
    assert "佐藤" not in warning.text()
    assert "#b00020" in warning.styleSheet()

    wizard = start_inquiry(qtbot, main_window, LEAK)
    notes = main_window.case_page.header.notes_label.text()
    assert f"About leak incident {leak}: 配送委託先への不正アクセス." in notes
    steps = []
    while wizard.current_step != "wishes":
        steps.append(wizard.current_step)
        if wizard.current_step == "what_happened":
            assert WHAT_HAPPENED in wizard.talk_label.text()
        if wizard.current_step == "measures":
            assert MEASURES in wizard.talk_label.text()
        next_step(qtbot, wizard)
    # No identity step: nothing of the caller's own is told.
    assert steps == ["greeting", "apology", "what_happened", "measures", "stop_or_erase", "misuse"]
    choose(qtbot, wizard, 3)  # the caller wants their data erased
    assert wizard.current_step == "answer_leak_inquiry"
    page = wizard.page
    assert isinstance(page, LeakAnswerPage)
    assert leak in page.told.accessibleName()
    assert WHAT_HAPPENED in page.told.toPlainText()
    assert "Alt+5" in page.outcome.text()
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state, case.customer_id) == (CaseKind.LEAK_INQUIRY, CaseState.COMPLETED, tanaka)
    assert (case.details["leak_inquiry"]["incident_no"], case.details["leak_inquiry"]["wish"]) == (
        leak,
        "deletion",
    )
    assert [kind for kind, _ in events(desk_db, case.id)].count("leak_inquiry_answered") == 1
    with desk_db.factory() as session:
        assert session.scalars(select(IncidentCase.case_id)).all() == [case.id]
    # Answered on the call: there is no letter to make.
    assert not main_window.case_page.actions_bar.letter_button.isVisible()


def test_a_caller_who_is_not_affected_chooses_the_incident_asked_about(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    first = open_leak_incident(desk_db.factory, supervisor_id, title="配送委託先への不正アクセス")
    other = open_leak_incident(
        desk_db.factory, supervisor_id, title="宛名データの誤送付", what_happened=OTHER_WHAT
    )
    answer_call(qtbot, main_window, ring, desk_db.unmatched_number)
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.new_inquiry_dialog is not None)
    dialog = main_window.new_inquiry_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))
    qtbot.keyClick(focused(), Qt.Key.Key_L, ALT)
    picker = dialog.incident_picker
    qtbot.waitUntil(lambda: picker.isVisible() and picker.incidents.isEnabled())
    start = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    # Nothing chosen yet: the agent must say which incident, or none.
    assert not start.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_I, ALT)
    assert focused() is picker.incidents
    labels = [picker.incidents.itemText(row) for row in range(picker.incidents.count())]
    assert labels == [
        "Choose the incident…",
        f"{first}  配送委託先への不正アクセス",
        f"{other}  宛名データの誤送付",
        "No incident named",
    ]
    for _ in range(2):
        qtbot.keyClick(picker.incidents, Qt.Key.Key_Down)
    assert picker.incident_no() == other
    qtbot.waitUntil(start.isEnabled)
    start.setFocus()
    qtbot.keyClick(start, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: main_window.case_page.wizard is not None, timeout=10_000)
    wizard = main_window.case_page.wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible)
    # The dialog has closed. A window manager hands activation back to the window; offscreen has none.
    activate(qtbot, main_window)
    wizard.focus_step()
    walk(qtbot, wizard, "what_happened")
    assert OTHER_WHAT in wizard.talk_label.text()
    case = the_case(desk_db)
    assert (case.kind, case.customer_id) == (CaseKind.LEAK_INQUIRY, None)
    with desk_db.factory() as session:
        linked = session.scalars(select(IncidentCase.case_id)).all()
    assert linked == [case.id]
