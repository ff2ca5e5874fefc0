"""The identity step starts on a method the call allows and says why caller ID cannot be used."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot

from desk_app.domain.enums import NoNumberReason
from desk_app.domain.identity_methods import IdentityMethod
from tests.support.desk_driver import Ring, answer_call, start_inquiry, walk
from ui.cases.identity_step_page import IdentityStepPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord


def _identity_page(qtbot: QtBot, window: MainWindow) -> IdentityStepPage:
    wizard = start_inquiry(qtbot, window, 1)
    walk(qtbot, wizard, "verify_identity")
    page = wizard.page
    assert isinstance(page, IdentityStepPage)
    return page


def _open_record(qtbot: QtBot, window: MainWindow, customer_id: int) -> None:
    with qtbot.waitSignal(window.flow.record_opened, timeout=10_000):
        window.flow.open_customer(customer_id)


def _caller_id_offered(page: IdentityStepPage) -> bool:
    (button,) = [
        button
        for button in page.methods.buttons()
        if button.property("method") == IdentityMethod.CALLER_ID_AND_KNOWLEDGE.value
    ]
    return button.isEnabled()


def test_a_case_opened_without_a_call_starts_on_a_callback_and_says_there_was_no_call(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord
) -> None:
    _open_record(qtbot, main_window, rich_record.customer_id)
    page = _identity_page(qtbot, main_window)
    assert page.chosen_method() is IdentityMethod.CALLBACK
    assert not _caller_id_offered(page)
    assert page.caller_id_note.isVisible()
    assert page.caller_id_note.text() == (
        "This case did not come in on a call: there is no calling number to check."
    )
    assert "withheld" not in page.caller_id_note.text()


def test_a_withheld_call_starts_on_a_callback_and_says_the_number_was_withheld(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    ring(NoNumberReason.WITHHELD)
    with qtbot.waitSignal(main_window.flow.call_recorded, timeout=5_000):
        main_window.simulator_actions.answer_action.trigger()
    # The caller gives their name: the agent finds them, and the record is opened in this call.
    _open_record(qtbot, main_window, rich_record.customer_id)
    page = _identity_page(qtbot, main_window)
    assert page.chosen_method() is IdentityMethod.CALLBACK
    assert not _caller_id_offered(page)
    assert page.caller_id_note.text() == (
        "The caller withheld their number: there is no calling number to check."
    )


def test_a_call_from_a_registered_number_starts_on_caller_id_with_no_note(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    page = _identity_page(qtbot, main_window)
    assert page.chosen_method() is IdentityMethod.CALLER_ID_AND_KNOWLEDGE
    assert _caller_id_offered(page)
    assert page.caller_id_note.isHidden()
