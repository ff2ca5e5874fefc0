"""A relative calls to report the customer's death: the record's button opens the talk, OK stops every
mailing, and the record then says so first, in red, with the button gone."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from desk_app.domain.deadlines import TOKYO
from tests.support.desk_driver import Ring, answer_call, customer, key
from ui.customers.death_report_dialog import DeathReportDialog
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

TANAKA = "C0000004"


def test_a_death_reported_on_the_call_stops_every_mailing_and_marks_the_record(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    panel = main_window.pages.record_panel
    qtbot.waitUntil(lambda: panel.record is not None, timeout=10_000)
    assert panel.death_button.isVisible()
    assert not panel.summary.deceased_value.isVisible()
    main_window.pages.setCurrentWidget(panel)
    key(qtbot, "Y")
    qtbot.waitUntil(lambda: panel.death_dialog is not None and panel.death_dialog.isVisible(), timeout=5_000)
    dialog = panel.death_dialog
    assert isinstance(dialog, DeathReportDialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()  # not before the talk is read out
    dialog.day_given.click()
    dialog.died_on.setDate(dialog.died_on.date().addDays(-3))
    dialog.read_out.click()
    ok.click()
    qtbot.waitUntil(lambda: panel.summary.deceased_value.isVisible(), timeout=10_000)
    today = dt.datetime.now(TOKYO).date()
    assert (today - dt.timedelta(days=3)).isoformat() in panel.summary.deceased_value.text()
    assert not panel.death_button.isVisible()
    stored = customer(desk_db, TANAKA)
    assert stored.death_reported_at is not None
    assert stored.died_on == today - dt.timedelta(days=3)
    assert (stored.catalogue_opt_in, stored.direct_mail_opt_in, stored.email_magazine_opt_in) == (False,) * 3
    assert panel.summary.mailing_value.text().count("off") == 3
