"""A relative calls to report the customer's death: the record's button opens the talk, OK stops every
mailing, and the record then says so first, in red, with the button gone."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from desk_app.domain.deadlines import TOKYO
from desk_app.services.customers.deceased import record_death
from tests.support.desk_driver import Ring, activate, answer_call, customer, key
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


def test_a_report_made_in_error_is_withdrawn_once_the_agent_confirms(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    with desk_db.factory.begin() as session:
        record_death(session, rich_record.customer_id, agent_id=desk_db.agent_id)
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    panel = main_window.pages.record_panel
    qtbot.waitUntil(lambda: panel.record is not None, timeout=10_000)
    main_window.pages.setCurrentWidget(panel)
    assert panel.summary.deceased_value.isVisible()
    assert not panel.death_button.isVisible()
    for answer, still_marked in (
        (QMessageBox.StandardButton.No, True),
        (QMessageBox.StandardButton.Yes, False),
    ):
        activate(qtbot, main_window)  # the box closed: offscreen, nothing hands activation back
        key(qtbot, "Y")
        qtbot.waitUntil(
            lambda: panel.withdraw_box is not None and panel.withdraw_box.isVisible(), timeout=5_000
        )
        box = panel.withdraw_box
        assert box is not None
        box.button(answer).click()
        if not still_marked:
            qtbot.waitUntil(lambda: not panel.summary.deceased_value.isVisible(), timeout=10_000)
        assert (customer(desk_db, TANAKA).death_reported_at is not None) is still_marked
    assert panel.death_button.isVisible()
    assert customer(desk_db, TANAKA).catalogue_opt_in is False  # the mailings stay stopped
