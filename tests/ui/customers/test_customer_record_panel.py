"""The record panel: what shows before identity is verified, the reveal and its log, order paging."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import AccessAction, NoNumberReason
from desk_app.services.customers.reveal import RevealReason
from ui.customers.customer_record_panel import CustomerRecordPanel
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

Ring = Callable[[str | NoNumberReason], str]
REASON = "Identity verified by callback to the registered number"  # how the panel words the reason
PROTECTED_VALUES = ("梅田1-2-3", "梅田ハイツ405", "1972-03-14", "なにわ精機", "jiro.tanaka@example.jp")


def panel_texts(panel: CustomerRecordPanel) -> str:
    return "\n".join(label.text() for label in panel.findChildren(QLabel))


def reveal(
    qtbot: QtBot,
    panel: CustomerRecordPanel,
    reason: RevealReason = RevealReason.CALLBACK,
    other: str = "",
) -> None:
    """Ctrl+R, the confirmation with its reason (and, for another reason, the words), and the answer."""
    box = panel.protected_box
    qtbot.keyClick(panel.window(), Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut clicks it the way a user sees: pressed, then released a moment later.
    qtbot.waitUntil(lambda: box.reveal_dialog is not None)
    dialog = box.reveal_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData(reason.value))
    field = dialog.reason_box
    if reason is RevealReason.OTHER:
        dialog.other_reason.setText(other)  # typed (keyClicks cannot type kanji)
        field = dialog.other_reason
    with qtbot.waitSignal(box.revealed, timeout=10_000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    # The offscreen platform does not hand activation back to the window when a dialog closes.
    window = panel.window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_the_record_shows_everything_but_the_protected_details(
    main_window: MainWindow, rich_record: RichRecord, ring: Ring
) -> None:
    ring("06-6123-4567")
    panel = main_window.pages.record_panel
    summary = panel.summary
    assert panel.customer_no_label.text() == "Customer no. C0000004"
    assert summary.address_value.text() == (
        '〒530-0001 大阪府 大阪市北区<br><span style="color: #666666;">'
        "(street and building hidden until identity is verified)</span>"
    )
    assert summary.phones_value.text() == "Work  06-6123-4567"
    # Changed at 16:30 UTC on 20 October: 01:30 on the 21st in Japan.
    assert "Direct mail: off (since 2026-10-21)" in summary.mailing_value.text()
    assert "Catalogue: on" in summary.mailing_value.text()
    assert summary.credit_value.text() == "Yes"
    texts = panel_texts(panel)
    for value in PROTECTED_VALUES:
        assert value not in texts
    assert not panel.protected_box.is_revealed

    tabs = [panel.tables.tabText(index) for index in range(panel.tables.count())]
    assert tabs == [
        "&Purchase history (120)",
        "Third-party provisio&n (1)",
        "C&ases (1 open of 2)",
        "Call his&tory (1)",
    ]
    assert panel.orders.model.rowCount() == 50
    assert panel.orders.count_label.text() == "50 of 120 orders"
    assert panel.provisions_model.index(0, 1).data() == "ひなた電機株式会社"
    assert panel.cases_model.index(0, 0).data() == "K-0002"  # open cases first
    bold = panel.cases_model.index(0, 0).data(Qt.ItemDataRole.FontRole)
    assert isinstance(bold, QFont)
    assert bold.bold()
    assert panel.cases_model.index(1, 0).data(Qt.ItemDataRole.FontRole) is None


def test_reveal_asks_for_the_reason_logs_it_against_the_call_and_shows_the_details(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring("06-6123-4567")
    panel = main_window.pages.record_panel
    reveal(qtbot, panel)

    box = panel.protected_box
    assert box.is_revealed
    assert box.street_value.text() == "梅田1-2-3"
    assert box.building_value.text() == "梅田ハイツ405"
    assert box.birth_date_value.text() == "1972-03-14"
    assert box.workplace_value.text() == "株式会社なにわ精機 06-6000-1111"
    assert box.workplace_value.isVisible()
    assert box.email_value.text() == "jiro.tanaka@example.jp"
    assert box.reason_label.text() == f"Revealed for this call: {REASON}"

    [call] = desk_db.calls()
    reveals = [entry for entry in desk_db.access_log() if entry.action == AccessAction.REVEAL]
    assert [(e.customer_id, e.call_id, e.agent_id, e.detail) for e in reveals] == [
        (rich_record.customer_id, call.id, desk_db.agent_id, "callback")
    ]


def test_another_reason_is_typed_and_logged_in_the_agents_words(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring("06-6123-4567")
    panel = main_window.pages.record_panel
    words = "返品の送り先をご本人と確認するため"
    reveal(qtbot, panel, RevealReason.OTHER, words)
    assert panel.protected_box.reason_label.text() == f"Revealed for this call: {words}"
    [entry] = [entry for entry in desk_db.access_log() if entry.action == AccessAction.REVEAL]
    assert entry.detail == f"other: {words}"


def test_a_new_call_hides_what_was_revealed_for_the_last_one(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring
) -> None:
    ring("06-6123-4567")
    panel = main_window.pages.record_panel
    reveal(qtbot, panel)
    ring(NoNumberReason.WITHHELD)

    assert not panel.protected_box.is_revealed
    assert panel.protected_box.street_value.text() == ""
    # A withheld call opens an empty Search: the record, its details with it, is gone.
    for value in PROTECTED_VALUES:
        assert value not in panel_texts(panel)


def test_another_customer_hides_the_details_and_not_held_is_said(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring("06-6123-4567")
    panel = main_window.pages.record_panel
    reveal(qtbot, panel)
    ring(desk_db.shared_number)
    chooser = main_window.pages.chooser
    with qtbot.waitSignal(main_window.flow.record_opened, timeout=10_000):
        chooser.open_selected()
    assert panel.name_label.text() == "佐藤 一郎"
    assert not panel.protected_box.is_revealed

    reveal(qtbot, panel)
    box = panel.protected_box
    assert box.street_value.text() == "not held"
    assert box.birth_date_value.text() == "not held"
    assert box.email_value.text() == "not held"
    # Workplace belongs to shopping credit: not shown for a customer without it.
    assert not box.workplace_value.isVisible()


def test_a_cancelled_confirmation_reveals_and_logs_nothing(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring("06-6123-4567")
    box = main_window.pages.record_panel.protected_box
    box.reveal_button.click()
    dialog = box.reveal_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        qtbot.keyClick(dialog.reason_box, Qt.Key.Key_Escape)
    assert not box.is_revealed
    assert [e for e in desk_db.access_log() if e.action == AccessAction.REVEAL] == []


def test_another_reason_must_say_something_before_it_can_be_confirmed(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring
) -> None:
    ring("06-6123-4567")
    box = main_window.pages.record_panel.protected_box
    box.request_reveal()
    dialog = box.reveal_dialog
    assert dialog is not None
    # Only the listed reasons: nothing can be typed over them.
    assert not dialog.reason_box.isEditable()
    assert [dialog.reason_box.itemData(row) for row in range(dialog.reason_box.count())] == [
        reason.value for reason in RevealReason
    ]
    assert not dialog.other_reason.isEnabled()
    dialog.reason_box.setCurrentIndex(dialog.reason_box.findData(RevealReason.OTHER.value))
    assert dialog.other_reason.isEnabled()
    for text in ("", "   ", ".", "確認のため"):
        dialog.other_reason.setText(text)
        assert not dialog.reveal_button.isEnabled(), text
        dialog.accept()
        assert dialog.isVisible()
    dialog.other_reason.setText("返品の送り先をご本人と確認するため")
    assert dialog.reveal_button.isEnabled()
    dialog.reject()


def test_a_record_opened_without_a_call_offers_no_reveal(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord
) -> None:
    """The core reveals only for a call or a case: the panel says so instead of offering the button."""
    panel = main_window.pages.record_panel
    with qtbot.waitSignal(main_window.flow.record_opened, timeout=10_000):
        main_window.flow.open_customer(rich_record.customer_id)
    box = panel.protected_box
    assert not box.reveal_button.isEnabled()
    assert "only during a call" in box.masked_label.text()
    box.request_reveal()
    assert box.reveal_dialog is None


def test_a_call_arriving_while_the_confirmation_is_open_closes_it_unrevealed(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring, desk_db: DeskDatabase
) -> None:
    ring("06-6123-4567")
    box = main_window.pages.record_panel.protected_box
    box.request_reveal()
    dialog = box.reveal_dialog
    assert dialog is not None
    with qtbot.waitSignal(dialog.finished, timeout=5_000):
        ring("03-9999-0000")
    assert box.reveal_dialog is None
    assert not box.is_revealed
    assert [e for e in desk_db.access_log() if e.action == AccessAction.REVEAL] == []


def test_more_orders_appends_the_next_pages_without_repeating_any(
    qtbot: QtBot, main_window: MainWindow, rich_record: RichRecord, ring: Ring
) -> None:
    ring("06-6123-4567")
    orders = main_window.pages.record_panel.orders
    for expected in (100, 120):
        assert orders.more_button.isVisible()
        with qtbot.waitSignal(orders.page_loaded, timeout=10_000):
            qtbot.mouseClick(orders.more_button, Qt.MouseButton.LeftButton)
        assert orders.model.rowCount() == expected
    assert not orders.more_button.isVisible()
    assert orders.count_label.text() == "120 of 120 orders"
    shown = orders.model.rows
    assert len({order.order_id for order in shown}) == rich_record.order_count
    keys = [(order.ordered_at, order.order_id) for order in shown]
    assert keys == sorted(keys, reverse=True)
    assert orders.model.index(0, 3).data() == "健康ステッパー (+1 more)"
    assert orders.model.index(0, 4).data() == "¥1,119"
