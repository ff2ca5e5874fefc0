"""Stopping third-party provision in the real window, by keyboard: Alt+8 starts it, the caller is verified,
says which provision and why, the step offers the recipients their data went to on consent, and the case
closes with its letter waiting in the mail room and the stop on the customer's record."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import CaseKind, CaseState, LetterKind, ProvisionBasis, ProvisionStopGround
from desk_app.storage.models import Letter, ProvisionRecord, ProvisionStop
from tests.support.desk_driver import (
    Ring,
    activate,
    answer_call,
    choose,
    customer,
    events,
    finish,
    next_step,
    preview_letter,
    start_inquiry,
    the_case,
    tick_and_next,
    verify_by_question,
    walk,
)
from tests.support.letter_cases import provision_record
from ui.cases.action_step_pages import ProvisionStopStepPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

TANAKA = "C0000004"
CREDIT = "さくら信販株式会社"
MAKER = "ひなた電機株式会社"  # the record's provision on consent (tests/ui/conftest.py)


def test_a_stop_of_one_recipient_from_ringing_to_its_letter_and_the_record(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    with desk_db.factory.begin() as session:
        # A later provision on consent to a credit company, and one entrusted to a courier (never offered).
        credit = provision_record(
            rich_record.customer_id, CREDIT, dt.date(2026, 9, 1), ProvisionBasis.CONSENT
        )
        courier = provision_record(rich_record.customer_id, "あおぞら運輸株式会社", dt.date(2026, 9, 2))
        session.add_all([credit, courier])
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 8)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 2, "900000117")  # one of the latest orders
    assert wizard.current_step == "which"
    choose(qtbot, wizard, 2)  # one recipient
    choose(qtbot, wizard, 1)  # the caller withdraws their consent
    assert wizard.current_step == "exceptions"
    tick_and_next(qtbot, wizard)  # law and entrustment go on, read out and accepted
    walk(qtbot, wizard, "stop_provision")
    page = wizard.page
    assert isinstance(page, ProvisionStopStepPage)
    # As the caller chose; the recipients on consent, the latest first.
    assert page.one_button.isChecked()
    recipients = [page.recipient.itemText(index) for index in range(page.recipient.count())]
    assert recipients == [CREDIT, MAKER]
    page.recipient.setFocus()
    qtbot.keyClick(page.recipient, Qt.Key.Key_Down)
    assert page.recipient.currentText() == MAKER
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.STOP_PROVISION, CaseState.COMPLETED)
    assert case.details["script_answers"]["ground"] == "consent_withdrawn"
    [stopped] = [detail for kind, detail in events(desk_db, case.id) if kind == "provision_stopped"]
    assert stopped == {"scope": "recipient", "recipient": MAKER, "ground": "consent_withdrawn"}
    with desk_db.factory() as session:
        stops = session.execute(select(ProvisionStop.recipient_name, ProvisionStop.ground)).all()
    assert stops == [(MAKER, ProvisionStopGround.CONSENT_WITHDRAWN)]
    assert customer(desk_db, TANAKA).provision_opt_in is True  # provision to the credit company goes on

    # Le&tter… (Alt+T): the confirmation is made, previewed and left for the mail room.
    assert preview_letter(qtbot, main_window) == 1
    with desk_db.factory() as session:
        [letter] = session.scalars(select(Letter).where(Letter.case_id == case.id)).all()
    assert (letter.kind, letter.mailed_at, letter.voided_at) == (LetterKind.PROVISION_STOPPED, None, None)

    # The next call from the customer shows the stop on their record.
    activate(qtbot, main_window)
    ring(desk_db.single_number)
    summary = main_window.pages.record_panel.summary
    today = dt.datetime.now(TOKYO).date().isoformat()
    qtbot.waitUntil(lambda: MAKER in summary.provision_value.text(), timeout=10_000)
    assert summary.provision_value.text() == f"On consent: on\n{MAKER}: stopped (since {today})"


def test_a_caller_with_no_provision_on_consent_can_stop_all_of_it(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    with desk_db.factory.begin() as session:
        for record in session.scalars(select(ProvisionRecord)):
            record.basis = ProvisionBasis.LAW
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 8)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 2, "900000117")
    choose(qtbot, wizard, 2)  # asked for one recipient, but their data went to none on consent
    choose(qtbot, wizard, 3)  # no longer needed
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "stop_provision")
    page = wizard.page
    assert isinstance(page, ProvisionStopStepPage)
    assert (page.one_button.isEnabled(), page.all_button.isChecked()) == (False, True)
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.STOP_PROVISION, CaseState.COMPLETED)
    tanaka = customer(desk_db, TANAKA)
    assert (tanaka.provision_opt_in, tanaka.provision_changed_at is not None) == (False, True)
    with desk_db.factory() as session:
        stops = session.execute(select(ProvisionStop.recipient_name, ProvisionStop.ground)).all()
    assert stops == [(None, ProvisionStopGround.NO_LONGER_NEEDED)]
