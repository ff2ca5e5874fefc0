"""A notice of the purposes of use in the real window, by keyboard: Alt+9 starts it, the caller is verified,
the step shows the configured purposes with their version, and the case closes with its notice made and
waiting for the mail room; where the configuration charges a fee, the script requests it, the case waits
with its clock paused, and completes once the fee is recorded."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.config import CompanyProfile, Config
from desk_app.domain.enums import CaseKind, CaseState, LetterKind, PauseReason
from desk_app.published_policy import DEFAULT_PURPOSES
from desk_app.services.cases.actions import CaseAction
from desk_app.storage.models import Letter
from tests.support.desk_driver import (
    Ring,
    answer_call,
    events,
    finish,
    next_step,
    preview_letter,
    run_case_action,
    sign_in,
    start_inquiry,
    state_of,
    the_case,
    tick_and_next,
    verify_by_question,
    walk,
)
from ui.cases.action_step_pages import FeeStepPage
from ui.cases.policy_step_pages import PolicyListPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord


@pytest.fixture(params=[0, 404], ids=["free", "charged"])
def fee_yen(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture
def main_window(
    qtbot: QtBot,
    open_window: Callable[..., MainWindow],
    desk_db: DeskDatabase,
    tmp_path: Path,
    fee_yen: int,
) -> MainWindow:
    """The window on a configuration whose [purposes] charges `fee_yen`, the agent signed in."""
    company = CompanyProfile()
    company = dataclasses.replace(company, purposes=dataclasses.replace(company.purposes, fee_yen=fee_yen))
    window = open_window(Config(company=company, source=tmp_path / "config.toml"))
    sign_in(qtbot, window, desk_db.agent_login)
    return window


def _letters(desk_db: DeskDatabase, case_id: int) -> list[tuple[LetterKind, bool]]:
    with desk_db.factory() as session:
        rows = session.execute(
            select(Letter.kind, Letter.voided_at.is_not(None))
            .where(Letter.case_id == case_id)
            .order_by(Letter.id)
        )
        return [(kind, voided) for kind, voided in rows]


def test_a_notice_of_purposes_from_ringing_to_its_letter(
    qtbot: QtBot,
    main_window: MainWindow,
    ring: Ring,
    desk_db: DeskDatabase,
    rich_record: RichRecord,
    fee_yen: int,
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 9)
    assert the_case(desk_db).kind is CaseKind.PURPOSES_NOTICE
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 2, "900000117")  # one of the latest orders
    assert wizard.current_step == "what_is_sent"
    next_step(qtbot, wizard)
    if fee_yen:
        assert wizard.current_step == "fee"
        assert "404円（税込）" in wizard.talk_label.text()
        tick_and_next(qtbot, wizard)
        page = wizard.page
        assert isinstance(page, FeeStepPage)
        assert page.request_button.text() == "Re&quest the fee of 404 yen"
        next_step(qtbot, wizard)  # requested: the fee-payment notice goes to the mail room
    else:
        assert wizard.current_step == "no_fee"
        next_step(qtbot, wizard)
    assert wizard.current_step == "record_purposes"
    page = wizard.page
    assert isinstance(page, PolicyListPage)
    # What Next records: the configuration's purposes, every one and numbered, with their version.
    assert page.listed.toPlainText().splitlines() == [
        f"{number}. {purpose}" for number, purpose in enumerate(DEFAULT_PURPOSES, 1)
    ]
    assert "(version 1)" in page.listed.accessibleName()
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    recorded = case.details["purposes_notice"]
    assert (recorded["version"], recorded["items"]) == (1, list(DEFAULT_PURPOSES))
    assert [detail for kind, detail in events(desk_db, case.id) if kind == "purposes_recorded"] == [
        {"version": 1, "count": 13}
    ]
    if fee_yen:
        # Waiting for the fee, its clock paused by itself; the notice of how to pay is on file.
        assert (case.state, case.fee_yen, case.details["pause"]["reason"]) == (
            CaseState.FEE_PENDING,
            404,
            PauseReason.FEE.value,
        )
        assert _letters(desk_db, case.id) == [(LetterKind.FEE_PAYMENT_NOTICE, False)]
        run_case_action(qtbot, main_window, CaseAction.RECORD_FEE_RECEIVED)
        assert state_of(desk_db, case.id) is CaseState.FEE_RECEIVED
        run_case_action(qtbot, main_window, CaseAction.COMPLETE)
    assert state_of(desk_db, case.id) is CaseState.COMPLETED

    # Le&tter… (Alt+T): the notice is made, previewed (two pages: thirteen purposes) and left for the post.
    assert preview_letter(qtbot, main_window) == 2
    made = _letters(desk_db, case.id)
    assert made[-1] == (LetterKind.PURPOSES_NOTICE, False)
    # A fee received before the notice of how to pay went out voids that notice.
    assert made[:-1] == ([(LetterKind.FEE_PAYMENT_NOTICE, True)] if fee_yen else [])
