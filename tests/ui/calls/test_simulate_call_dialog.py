"""The simulate-call dialog returns a number or a reason, and refuses a number the desk cannot read."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from desk_app.domain.enums import NoNumberReason
from ui.calls.simulate_call_dialog import SimulateCallDialog


def test_a_number_is_accepted(qtbot: QtBot) -> None:
    dialog = SimulateCallDialog("03-1234-5678")
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.call().number == "03-1234-5678"
    assert dialog.call().reason is None


def test_an_unreadable_number_keeps_the_dialog_open_with_the_reason(qtbot: QtBot) -> None:
    dialog = SimulateCallDialog("12")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible()
    assert "not a valid phone number" in dialog.error_label.text()


def test_a_reason_instead_of_a_number(qtbot: QtBot) -> None:
    dialog = SimulateCallDialog()
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData(NoNumberReason.PUBLIC_PHONE.value))
    assert not dialog.number_field.isEnabled()
    dialog.accept()
    assert dialog.call().reason is NoNumberReason.PUBLIC_PHONE
    assert dialog.call().number is None
