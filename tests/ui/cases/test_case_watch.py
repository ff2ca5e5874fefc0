"""A case on the Case tab follows what another desk does to it: the header and the actions are read again,
and a line says the case moved on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import CaseKind, CaseState
from desk_app.services.cases.actions import CaseAction
from tests.support.letter_cases import LetterCases
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase


@pytest.fixture
def cases(desk_db: DeskDatabase) -> LetterCases:
    return LetterCases(desk_db.factory)


def test_a_decision_at_another_desk_reaches_the_case_on_screen(
    qtbot: QtBot, open_window: Callable[..., MainWindow], cases: LetterCases
) -> None:
    case_id = cases.disclosure(cases.customer(), waive="生活保護受給のため", complete=False)
    cases.propose_refusal(case_id, "第三者の権利利益を害するおそれがあるため")
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in("agent")
    page = window.case_page
    bar = page.actions_bar
    window.open_case(case_id)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id)
    assert "Awaiting approval" in page.header.title.text()
    assert not page.watch.note.isVisible()

    # Nothing changed: asking again changes nothing on screen.
    seen = bar.case
    qtbot.waitUntil(lambda: window._runner.running_count == 0, timeout=10_000)
    with qtbot.assertNotEmitted(page.watch.changed):
        page.watch.check()
        assert window._runner.running_count == 1
        qtbot.waitUntil(lambda: window._runner.running_count == 0, timeout=10_000)
    assert bar.case is seen

    # A supervisor approves the refusal at their own desk.
    cases.decide(case_id, CaseState.REFUSED, "承認")
    page.watch.check()
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.state is CaseState.REFUSED, timeout=10_000)
    assert "Refused" in page.header.title.text()
    assert page.watch.note.isVisible()
    assert page.watch.note.text() == "Changed at another desk: the case is now Refused."
    # The actions offered are those of a refused case: the agent is not offered to withdraw it.
    assert CaseAction.WITHDRAW not in bar.buttons

    # Opening another case takes the line away.
    other = cases.verified(CaseKind.CORRECTION, cases.customer())
    window.open_case(other)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == other)
    assert not page.watch.note.isVisible()
