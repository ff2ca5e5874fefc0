"""File ▸ Check the database… (supervisors): the core's invariants in the background, the result in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot
from sqlalchemy import delete, select, update

from desk_app.domain.enums import CaseState, CustomerState
from desk_app.services.admin.doctor import DoctorReport
from desk_app.storage.models import Case, Customer, Phone
from tests.support.letter_cases import LetterCases
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase


def _signed_in(qtbot: QtBot, open_window: Callable[..., MainWindow], login: str) -> MainWindow:
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(login)
    return window


def _check(qtbot: QtBot, window: MainWindow) -> DoctorReport:
    with qtbot.waitSignal(window.database_check.finished, timeout=30_000) as done:
        window.database_check.action.trigger()
    box = window.database_check.box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    report = done.args[0]
    assert isinstance(report, DoctorReport)
    return report


def test_a_supervisor_checks_the_database_and_sees_each_problem_named(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    case_id = cases.suspension(cases.customer())
    with desk_db.factory.begin() as session:
        # The window tests' erased customer keeps a phone on purpose (it must never pop): erase it whole here.
        session.execute(
            delete(Phone).where(
                Phone.customer_id.in_(select(Customer.id).where(Customer.state == CustomerState.ERASED))
            )
        )
    assert not _signed_in(qtbot, open_window, "agent").database_check.action.isVisible()
    supervisor = _signed_in(qtbot, open_window, "supervisor")
    assert supervisor.database_check.action.isVisible()
    assert _check(qtbot, supervisor).clean
    box = supervisor.database_check.box
    assert box is not None
    assert box.text().startswith("The database is consistent:")
    box.close()
    with desk_db.factory.begin() as session:
        session.execute(update(Case).where(Case.id == case_id).values(state=CaseState.IN_PROGRESS))
    report = _check(qtbot, supervisor)
    assert not report.clean
    box = supervisor.database_check.box
    assert box is not None
    assert box.text().startswith("2 problems found.")
    assert f"replay: case {cases.case_no(case_id)}: is in_progress" in box.text()
