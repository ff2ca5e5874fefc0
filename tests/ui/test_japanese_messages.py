"""The Japanese window says what the core tells it in Japanese: refusals, answer checks, the case timeline,
the search note of a withheld call and the demo title (import lines and the dashboard: their own tests)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import NoNumberReason
from desk_app.storage.models import CaseKind, CaseState
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
from ui.main_window import MainWindow

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

    lines = _timeline(qtbot, main_window, 6)
    assert "手数料を請求" in lines
    assert "交付方法: 書面" in lines
    assert "本人確認（発信者番号と質問）: 確認済み" in lines
    assert "本人確認待ち → 本人確認済み" in lines
    assert "トークスクリプト終了（開示 第2版）" in lines
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
    assert "スーパーバイザーに上申" in lines
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


def test_the_demo_title_says_demo_in_japanese(open_window: Callable[..., MainWindow]) -> None:
    title = open_window(demo=True).windowTitle()
    assert title.endswith("［デモ］")
    assert "[DEMO]" not in title
