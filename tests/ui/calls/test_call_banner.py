"""The call banner shows the number or the reason, never takes focus, and answers F2/Esc through its slots."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt, QThread
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from desk_app.callerid.events import call_event
from desk_app.domain.enums import CallSource, CallState, NoNumberReason
from ui.calls.call_banner import CallBanner
from ui.calls.callerid_bridge import CallerIdBridge


@pytest.fixture
def window_with_field(qtbot: QtBot) -> tuple[QWidget, CallBanner, QLineEdit]:
    window = QWidget()
    banner = CallBanner()
    field = QLineEdit()
    layout = QVBoxLayout(window)
    layout.addWidget(banner)
    layout.addWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window, banner, field


def test_a_ringing_number_is_shown_in_national_form(window_with_field) -> None:
    _, banner, _ = window_with_field
    banner.show_call(
        call_event(call_id="c1", state=CallState.RINGING, source=CallSource.CTI, number="+81312345678")
    )
    assert banner.isVisible()
    assert banner.number_label.text() == "03-1234-5678"
    assert banner.state_label.text() == "Incoming call"


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (NoNumberReason.WITHHELD, "非通知"),
        (NoNumberReason.OUT_OF_AREA, "表示圏外"),
        (NoNumberReason.PUBLIC_PHONE, "公衆電話"),
        (NoNumberReason.SERVICE_CONFLICT, "サービス競合"),
        (NoNumberReason.ERROR, "受信エラー"),
    ],
)
def test_a_call_without_a_number_shows_the_reason_in_words(window_with_field, reason, words) -> None:
    _, banner, _ = window_with_field
    banner.show_call(
        call_event(call_id="c2", state=CallState.RINGING, source=CallSource.SERIAL, reason=reason)
    )
    assert words in banner.number_label.text()


def test_the_banner_never_takes_the_focus_from_a_field_being_typed_in(
    qtbot: QtBot, window_with_field
) -> None:
    _, banner, field = window_with_field
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Yamada")
    banner.show_call(
        call_event(call_id="c3", state=CallState.RINGING, source=CallSource.CTI, number="0312345678")
    )
    qtbot.keyClicks(field, " sama")
    assert field.hasFocus()
    assert field.text() == "Yamada sama"
    focusable = [w for w in banner.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    assert focusable == []
    assert banner.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_accept_and_dismiss_name_the_call(qtbot: QtBot, window_with_field) -> None:
    _, banner, _ = window_with_field
    banner.show_call(
        call_event(call_id="c4", state=CallState.RINGING, source=CallSource.CTI, number="0312345678")
    )
    with qtbot.waitSignal(banner.accepted) as accepted:
        banner.accept()
    assert accepted.args == ["c4"]
    with qtbot.waitSignal(banner.dismissed) as dismissed:
        banner.dismiss()
    assert dismissed.args == ["c4"]
    assert not banner.isVisible()


def test_later_events_of_the_same_call_update_the_state(window_with_field) -> None:
    _, banner, _ = window_with_field
    for state, text in ((CallState.RINGING, "Incoming call"), (CallState.MISSED, "Missed call")):
        banner.show_call(call_event(call_id="c5", state=state, source=CallSource.CTI, number="0312345678"))
        assert banner.state_label.text() == text


def test_events_from_a_source_thread_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    bridge = CallerIdBridge()
    received: list[bool] = []
    bridge.call_event.connect(
        lambda _: received.append(QThread.currentThread() is QApplication.instance().thread())
    )
    event = call_event(call_id="c6", state=CallState.RINGING, source=CallSource.SERIAL, number="0312345678")
    with qtbot.waitSignal(bridge.call_event, timeout=5_000) as arrived:
        worker = threading.Thread(target=bridge.deliver_event, args=(event,))
        worker.start()
        worker.join()
    assert arrived.args == [event]
    assert received == [True]
