"""The Japanese window says what the core tells it in Japanese: refusals, answer checks, the case timeline,
the search note of a withheld call, the demo title, audit-trail and database-check findings and why a letter
is held or void (import lines and the dashboard: their own tests)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select, update

from desk_app.domain.enums import CaseKind, CaseState, NoNumberReason
from desk_app.services.cases.records import case_events
from desk_app.storage.models import Case, CaseEvent
from tests.support.desk_driver import (
    CTRL,
    Ring,
    answer_call,
    choose,
    finish,
    focused,
    next_step,
    start_inquiry,
    the_case,
    tick_and_next,
    type_and_next,
    verify_by_question,
    walk,
)
from tests.support.letter_cases import LetterCases
from ui.cases.case_timeline import event_text
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

pytestmark = pytest.mark.usefixtures("japanese")
# Lower-case English words of four letters or more: a code word such as fee_pending or "requested".
ENGLISH_WORD = re.compile(r"\b[a-z]{4,}\b")


def _timeline(qtbot: QtBot, window: MainWindow, count: int) -> list[str]:
    bar = window.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.timeline.count() >= count, timeout=10_000)
    # Each line: time, agent, then what happened; only the last part comes from the core.
    return [bar.timeline.item(row).text().split("  —  ", 1)[1] for row in range(bar.timeline.count())]


def test_a_disclosure_waiting_for_its_fee_is_told_and_logged_in_japanese(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 1)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972/3/14")
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    next_step(qtbot, wizard)  # the fee is requested
    choose(qtbot, wizard, 1)  # a letter by post
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)
    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.DISCLOSURE, CaseState.FEE_PENDING)

    # Seven events at least: the fee pending paused the case's clock by itself.
    lines = _timeline(qtbot, main_window, 7)
    assert "期限を一時停止（手数料待ち）（手数料の請求による）" in lines
    assert "手数料を請求" in lines
    assert "交付方法: 書面" in lines
    assert "本人確認（発信者番号と質問）: 確認済み" in lines
    assert "本人確認待ち → 本人確認済み" in lines
    assert "トークスクリプト終了（開示 第4版）" in lines
    assert [line for line in lines if ENGLISH_WORD.search(line)] == []

    bar = main_window.case_page.actions_bar
    bar.letter_button.click()  # no letter yet: the fee has not been received
    qtbot.waitUntil(lambda: "手数料待ち" in bar.message.text(), timeout=10_000)
    assert bar.message.text() == (
        f"未実行: 案件 {case.case_no} は「手数料待ち」です。"
        "開示の通知書は、手数料の受領または免除の後に作成します"
    )


def test_an_escalated_complaint_and_an_empty_answer_read_in_japanese(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 6)
    walk(qtbot, wizard, "category")
    choose(qtbot, wizard, 3)  # suspected leak
    assert wizard.current_step == "details"
    page = wizard.page
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)  # nothing typed
    qtbot.waitUntil(lambda: page.error_label.text() != "")
    assert page.error_label.text() == "次に進めません: 回答を入力してください"
    type_and_next(qtbot, wizard, "知らない会社から電話があった。")
    choose(qtbot, wizard, 1)  # escalate to a supervisor
    choose(qtbot, wizard, 1)  # at the registered number
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    lines = _timeline(qtbot, main_window, 4)
    assert "上申をお客様に約束" in lines
    assert "苦情を記録: 漏えい・不正利用の疑い" in lines
    assert "責任者に上申" in lines
    assert "受付 → 対応中" in lines
    assert [line for line in lines if ENGLISH_WORD.search(line)] == []


def test_a_withheld_call_asks_for_the_name_in_one_japanese_sentence(
    qtbot: QtBot, main_window: MainWindow, ring: Ring
) -> None:
    ring(NoNumberReason.WITHHELD)
    with qtbot.waitSignal(main_window.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(main_window, Qt.Key.Key_F2)
    note = main_window.pages.search_pane.status_label.text()
    assert note.startswith("非通知。お名前または顧客番号を伺ってから検索してください")
    assert ". " not in note


def test_a_search_text_with_a_control_character_is_refused_in_japanese(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    pane = main_window.pages.search_pane
    pane.focus_search_field()
    pane.search_field.setText("やまだ\x07")  # as a paste delivers it
    with qtbot.waitSignal(pane.search_finished, timeout=10_000):
        qtbot.keyClick(pane.search_field, Qt.Key.Key_Return)
    refusal = pane.status_label.text().splitlines()[-1]
    assert refusal == "検索する文字列: 制御文字（U+0007）が含まれています"


def test_the_demo_title_says_demo_in_japanese(open_window: Callable[..., MainWindow]) -> None:
    title = open_window(demo=True).windowTitle()
    assert title.endswith("［デモ］")
    assert "[DEMO]" not in title


def _signed_in(qtbot: QtBot, open_window: Callable[..., MainWindow], login: str) -> MainWindow:
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in(login)
    return window


def test_a_changed_audit_row_and_a_case_row_its_events_contradict_are_named_in_japanese(
    qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    case_id = cases.suspension(cases.customer())
    case_no = cases.case_no(case_id)
    with desk_db.factory.begin() as session:
        # Behind the program's back: a case moved back to work, one of its events rewritten.
        session.execute(update(Case).where(Case.id == case_id).values(state=CaseState.IN_PROGRESS))
        event_id = session.scalars(
            select(CaseEvent.id).where(CaseEvent.case_id == case_id, CaseEvent.kind == "mailings_stopped")
        ).one()
        session.execute(update(CaseEvent).where(CaseEvent.id == event_id).values(kind="tampered"))
    window = _signed_in(qtbot, open_window, "supervisor")

    window.verify_audit_action.trigger()
    qtbot.waitUntil(lambda: window.audit_box is not None and window.audit_box.isVisible(), timeout=20_000)
    assert window.audit_box is not None
    assert f"案件イベント: {event_id}行目が変更されています" in window.audit_box.text()
    assert not ENGLISH_WORD.search(window.audit_box.text())

    with qtbot.waitSignal(window.database_check.finished, timeout=30_000):
        window.database_check.action.trigger()
    box = window.database_check.box
    assert box is not None
    lines = box.text().splitlines()
    assert f"案件とイベント: 案件 {case_no}: 「対応中」ですが、イベントでは「完了」です" in lines
    assert f"監査証跡: 案件イベント: {event_id}行目が変更されています" in lines
    assert [line for line in lines if ENGLISH_WORD.search(line)] == []


def test_why_a_letter_is_held_or_void_reads_in_japanese(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    held, voided = cases.waived_disclosures_with_letters(2)
    for case_id in (held, voided):
        cases.propose_refusal(case_id, "第三者の権利利益を害するおそれ")
    cases.decide(voided, CaseState.REFUSED, "承認")

    room = main_window.mail_room
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        main_window.pages.setCurrentWidget(room)
    assert [row.case_id for row in room.model.rows] == [held]
    status = room.model.index(0, room.model.columnCount() - 1)
    assert status.data(Qt.ItemDataRole.ToolTipRole) == (f"案件 {cases.case_no(held)} は責任者の決定待ちです")

    with desk_db.factory() as session:
        timeline = [event_text(event) for event in case_events(session, voided)]
    assert any(
        line.endswith(
            f"通知書を無効化: 開示 — 案件 {cases.case_no(voided)} は「拒否」です。"
            "必要な書面は「拒否通知」で、この通知書ではありません"
        )
        for line in timeline
    ), timeline
