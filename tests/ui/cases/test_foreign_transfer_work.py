"""Information on recipients in foreign countries in the real window, by keyboard: Alt+0 starts it, the
caller is verified, the talk names the configured countries, the step shows each with its recipient and
version, and the case closes with its letter made and waiting for the mail room."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.enums import CaseKind, CaseState, LetterKind
from desk_app.published_policy import DEFAULT_COUNTRIES
from desk_app.storage.models import Letter
from tests.support.desk_driver import (
    Ring,
    answer_call,
    events,
    finish,
    next_step,
    preview_letter,
    start_inquiry,
    the_case,
    verify_by_question,
    walk,
)
from ui.cases.policy_step_pages import PolicyListPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord


def test_foreign_recipients_from_ringing_to_their_letter(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 10)
    assert the_case(desk_db).kind is CaseKind.FOREIGN_TRANSFER
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 2, "900000117")  # one of the latest orders
    assert wizard.current_step == "countries"
    assert "アメリカ合衆国、大韓民国でございます" in wizard.talk_label.text()
    walk(qtbot, wizard, "record_foreign_transfer")
    page = wizard.page
    assert isinstance(page, PolicyListPage)
    assert page.listed.toPlainText().splitlines() == [
        f"{number}. {country.country}: {country.recipient}"
        for number, country in enumerate(DEFAULT_COUNTRIES, 1)
    ]
    assert "(version 1)" in page.listed.accessibleName()
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert case.state is CaseState.COMPLETED
    recorded = case.details["foreign_transfer"]
    assert recorded["version"] == 1
    assert [country["country"] for country in recorded["countries"]] == ["アメリカ合衆国", "大韓民国"]
    assert [detail for kind, detail in events(desk_db, case.id) if kind == "foreign_transfer_recorded"] == [
        {"version": 1, "count": 2}
    ]
    # Le&tter… (Alt+T): one page, left for the mail room.
    assert preview_letter(qtbot, main_window) == 1
    with desk_db.factory() as session:
        [letter] = session.scalars(select(Letter).where(Letter.case_id == case.id)).all()
    assert (letter.kind, letter.mailed_at, letter.voided_at) == (LetterKind.FOREIGN_TRANSFER_INFO, None, None)
