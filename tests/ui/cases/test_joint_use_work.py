"""A question about joint use in the real window, by keyboard: Alt+J starts it, about the customer on screen
or about no one, with no identity step; the talk reads the configured group out, the step shows what Next
records, and finishing the script closes the case as answered, with no letter to make."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import CaseKind, CaseState
from desk_app.published_policy import DEFAULT_GROUP
from tests.support.desk_driver import (
    Ring,
    answer_call,
    events,
    finish,
    next_step,
    start_inquiry,
    the_case,
    walk,
)
from ui.cases.policy_step_pages import PolicyListPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord


@pytest.mark.parametrize("known_caller", [True, False], ids=["customer", "unknown caller"])
def test_joint_use_is_read_out_and_the_case_closes_as_answered(
    qtbot: QtBot,
    main_window: MainWindow,
    ring: Ring,
    desk_db: DeskDatabase,
    rich_record: RichRecord,
    known_caller: bool,
) -> None:
    number = desk_db.single_number if known_caller else desk_db.unmatched_number
    answer_call(qtbot, main_window, ring, number)
    wizard = start_inquiry(qtbot, main_window, 11, about_customer=known_caller)
    steps = []
    while wizard.current_step != "answer_joint_use":
        steps.append(wizard.current_step)
        if wizard.current_step == "companies":
            assert "、".join(DEFAULT_GROUP) in wizard.talk_label.text()
        if wizard.current_step == "responsible":
            assert "責任を有するのは、株式会社みらい通販でございます。" in wizard.talk_label.text()
        next_step(qtbot, wizard)
    # Nothing of the caller's own is told: no identity step on the way.
    assert steps == ["greeting", "request", "companies", "items", "purpose", "responsible"]
    page = wizard.page
    assert isinstance(page, PolicyListPage)
    assert page.listed.toPlainText().splitlines()[: len(DEFAULT_GROUP)] == [
        f"{n}. {company}" for n, company in enumerate(DEFAULT_GROUP, 1)
    ]
    assert "(version 1)" in page.listed.accessibleName()
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.JOINT_USE, CaseState.COMPLETED)
    assert (case.customer_id is not None) is known_caller
    assert case.details["joint_use"]["companies"] == list(DEFAULT_GROUP)
    assert [kind for kind, _ in events(desk_db, case.id)].count("joint_use_answered") == 1
    # Answered on the call: there is no letter to make.
    assert not main_window.case_page.actions_bar.letter_button.isVisible()
