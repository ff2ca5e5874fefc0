"""The ground a suspension or deletion is asked on, in the real window by keyboard: the talk script asks it,
the case keeps it and its page shows it; a deletion asked on a ground of APPI Art. 35(5) is refused on the
exception of Art. 35(6), whose dialog asks for the measure taken instead, and its letter cites both."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.enums import CaseKind, CaseState, LetterKind, RefusalGround
from desk_app.services.cases.actions import CaseAction
from desk_app.storage.models import Letter
from tests.support.desk_driver import (
    Ring,
    activate,
    answer_call,
    choose,
    choose_ground,
    events,
    finish,
    key,
    next_step,
    open_action_dialog,
    press_ok,
    preview_letter,
    run_case_action,
    said,
    start_inquiry,
    state_of,
    the_case,
    tick_and_next,
    type_into,
    verify_by_question,
    walk,
)
from tests.support.letter_cases import pdf_text
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

APPI = "個人情報の保護に関する法律"
EXCEPTION_TEXT = "保証期間中の修理受付に用いる基幹システムの改修に多額の費用を要するためです。"
ALTERNATIVE = "保証期間の満了まで修理受付以外には利用せず、ご案内の送付を停止しました。"


def request_lines(window: MainWindow) -> str:
    return window.case_page.header.request_label.text()


def timeline(qtbot: QtBot, window: MainWindow) -> list[str]:
    bar = window.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.timeline.count() > 0, timeout=10_000)
    return [bar.timeline.item(row).text() for row in range(bar.timeline.count())]


def sign_in(qtbot: QtBot, window: MainWindow, login: str) -> None:
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(login)
    activate(qtbot, window)


def test_a_suspension_asked_on_a_ground_keeps_it_and_the_case_page_shows_it(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 4)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 2, "900000117")  # one of the latest orders
    choose(qtbot, wizard, 1)  # every mailing
    assert wizard.current_step == "ground"
    # The mailings stop whatever the caller says: the policy's promise, read out with the question.
    assert "ご理由にかかわらず承ります" in wizard.talk_label.text()
    choose(qtbot, wizard, 2)  # used beyond the purposes without consent (Art. 35(1), Art. 18)
    walk(qtbot, wizard, "stop_mailings")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.SUSPENSION, CaseState.COMPLETED)
    assert (case.details["request_ground"], case.details["script_answers"]["ground"]) == (
        "beyond_purpose",
        "beyond_purpose",
    )
    assert [detail for kind, detail in events(desk_db, case.id) if kind == "request_ground"] == [
        {"ground": "beyond_purpose"}
    ]
    qtbot.waitUntil(lambda: "Ground given" in request_lines(main_window), timeout=10_000)
    assert "Ground given: Used beyond the purposes without consent (Art. 35(1), Art. 18)." in (
        request_lines(main_window).splitlines()
    )
    assert any(
        line.endswith("Ground given: Used beyond the purposes without consent (Art. 35(1), Art. 18)")
        for line in timeline(qtbot, main_window)
    )


def test_a_deletion_refused_on_the_exception_with_its_alternative_measure_and_its_letter(
    qtbot: QtBot,
    main_window: MainWindow,
    ring: Ring,
    desk_db: DeskDatabase,
    rich_record: RichRecord,
    supervisor_id: int,
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 5)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972-03-14")
    assert wizard.current_step == "ground"
    choose(qtbot, wizard, 5)  # no longer needed by the company (Art. 35(5))
    choose(qtbot, wizard, 1)  # still wants the deletion
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "propose_erasure")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)
    case = the_case(desk_db)
    assert (case.state, case.details["request_ground"]) == (CaseState.AWAITING_APPROVAL, "no_longer_needed")

    # A supervisor sends the erasure back: the data is still needed for repairs under warranty.
    sign_in(qtbot, main_window, desk_db.supervisor_login)
    main_window.open_case(case.id)
    run_case_action(qtbot, main_window, CaseAction.DENY, "保証期間中のため消去は困難")
    assert state_of(desk_db, case.id) is CaseState.IN_PROGRESS

    # The agent proposes the refusal: only Art. 35's exceptions fit a ground of paragraph 5.
    sign_in(qtbot, main_window, desk_db.agent_login)
    main_window.open_case(case.id)
    qtbot.waitUntil(lambda: "Ground given: No longer needed" in request_lines(main_window), timeout=10_000)
    dialog = open_action_dialog(qtbot, main_window, CaseAction.PROPOSE_REFUSAL)
    answer = dialog.answer
    assert answer is not None
    offered = [answer.ground.itemData(index) for index in range(1, answer.ground.count())]
    assert offered == [RefusalGround.DIFFICULT_WITH_ALTERNATIVE.value, RefusalGround.GROUND_NOT_MET.value]
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert answer.alternative.isHidden()  # asked for only with the exception that needs it
    choose_ground(dialog, RefusalGround.DIFFICULT_WITH_ALTERNATIVE)
    assert not answer.alternative.isHidden()
    type_into(answer.text, EXCEPTION_TEXT)
    assert not ok.isEnabled()  # the exception holds only with the measure taken instead
    activate(qtbot, dialog)
    key(qtbot, "M")  # Alternative &measure
    qtbot.waitUntil(answer.alternative.hasFocus)
    type_into(answer.alternative, ALTERNATIVE)
    assert ok.isEnabled()
    press_ok(qtbot, main_window, dialog)
    assert said(main_window) == "Refusal proposed: it awaits a supervisor's approval."
    activate(qtbot, main_window)

    # The supervisor approves it as proposed: the measure comes with the answer.
    sign_in(qtbot, main_window, desk_db.supervisor_login)
    main_window.open_case(case.id)
    dialog = open_action_dialog(qtbot, main_window, CaseAction.APPROVE)
    assert dialog.answer is not None
    assert dialog.answer.alternative.toPlainText() == ALTERNATIVE
    press_ok(qtbot, main_window, dialog)
    activate(qtbot, main_window)
    assert state_of(desk_db, case.id) is CaseState.REFUSED
    assert any(
        line.endswith(f"alternative measure: “{ALTERNATIVE}”") for line in timeline(qtbot, main_window)
    )

    # Le&tter… (Alt+T): the refusal is made, previewed on one page and left for the mail room.
    assert preview_letter(qtbot, main_window) == 1
    with desk_db.factory() as session:
        [letter] = session.scalars(select(Letter).where(Letter.case_id == case.id)).all()
    assert (letter.kind, letter.mailed_at) == (LetterKind.REFUSAL, None)
    text = pdf_text(letter.pdf)
    assert f"お申し出の理由：当社が利用する必要がなくなったとのお申し出（{APPI}第35条第5項）" in text
    assert f"これに代わるべき措置をとるため（{APPI}第35条第6項ただし書）。" in text
    assert EXCEPTION_TEXT in text
    assert f"4.ご本人の権利利益を保護するため代わりにとる措置{ALTERNATIVE}" in text
