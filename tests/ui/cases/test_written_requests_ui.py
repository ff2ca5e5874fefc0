"""A written request through the real New inquiry dialog: received by post on its day, with no call linked
even while one is on the line, shown as such on the case, its timeline and the case log; and the form of a
disclosure chosen in the wizard, to a trusted address or recorded as not possible."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desk_app.config import CompanyProfile
from desk_app.domain import deadlines
from desk_app.domain.deadlines import TOKYO
from desk_app.services.cases.identity import CallerIdUnavailable, DocumentCheck
from desk_app.storage.models import Customer
from tests.support.desk_driver import (
    Ring,
    answer_call,
    electronic_record,
    finish,
    focused,
    key,
    next_step,
    start_inquiry,
    the_case,
    tick_and_next,
    verify_by_question,
    walk,
)
from ui.cases.identity_step_page import IdentityStepPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _without_email(desk_db: DeskDatabase, customer_id: int) -> None:
    with desk_db.factory.begin() as session:
        customer = session.get(Customer, customer_id)
        assert customer is not None
        customer.email = None


def test_the_day_a_written_request_arrived_is_between_the_bounds_the_core_keeps(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: main_window.new_inquiry_dialog is not None)
    dialog = main_window.new_inquiry_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isAncestorOf(focused()))
    assert not dialog.arrived_on.isEnabled()
    assert not dialog.post_note.isVisible()
    key(qtbot, "P")
    qtbot.waitUntil(dialog.by_post.isChecked)
    assert dialog.arrived_on.isEnabled()
    assert dialog.post_note.isVisible()
    today = _qdate(deadlines.japan_today())
    assert dialog.arrived_on.date() == today
    # Never after today, nor further back than the core accepts: the editor goes no further.
    dialog.arrived_on.setDate(today.addDays(1))
    assert dialog.arrived_on.date() == today
    dialog.arrived_on.setDate(today.addDays(-deadlines.MAX_ARRIVAL_AGE_DAYS - 1))
    assert dialog.arrived_on.date() == today.addDays(-deadlines.MAX_ARRIVAL_AGE_DAYS)
    assert dialog.arrived_by_post_on() == deadlines.japan_today() - dt.timedelta(
        days=deadlines.MAX_ARRIVAL_AGE_DAYS
    )
    key(qtbot, "P")  # unticked: a request on the call again
    qtbot.waitUntil(lambda: not dialog.by_post.isChecked())
    assert dialog.arrived_by_post_on() is None
    dialog.reject()


def test_a_request_that_arrived_by_post_is_opened_on_its_day_without_the_call_on_the_line(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    _without_email(desk_db, rich_record.customer_id)  # the request form gives the address the PDF may go to
    # 田中 次郎 rings about something else; his record is on screen while the agent opens his letter.
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    arrived_on = deadlines.japan_today() - dt.timedelta(days=3)
    wizard = start_inquiry(qtbot, main_window, 1, by_post_on=_qdate(arrived_on))

    case = the_case(desk_db)
    assert "call_id" not in case.details
    assert case.details["channel"] == "post"
    assert case.details["arrived_on"] == arrived_on.isoformat()
    assert case.received_at.astimezone(TOKYO).date() == arrived_on
    assert case.due_on == arrived_on + dt.timedelta(days=CompanyProfile().response_target_days)
    header = main_window.case_page.header
    qtbot.waitUntil(header.request_label.isVisible)
    assert header.request_label.text().splitlines()[:2] == [
        f"Written request: received by post on {arrived_on.isoformat()}.",
        f"Court claim possible from {deadlines.court_claim_from(arrived_on).isoformat()}: the two weeks "
        f"after the request arrived end on {deadlines.two_weeks_end(arrived_on).isoformat()} (APPI Art. 39).",
    ]

    # No call to check a number against: the documents that came with it verify, received that day.
    walk(qtbot, wizard, "verify_identity")
    page = wizard.page
    assert isinstance(page, IdentityStepPage)
    assert main_window.case_page.context is not None
    assert main_window.case_page.context.caller_id_unavailable is CallerIdUnavailable.NO_CALL
    key(qtbot, "3")  # documents
    qtbot.waitUntil(lambda: page.chosen_method().value == "documents")
    assert page.received_on.date() == _qdate(arrived_on)
    page.document_type.setFocus()
    qtbot.keyClicks(page.document_type, "request form and driving licence copy")
    page.document_matches[DocumentCheck.NAME].click()
    page.document_matches[DocumentCheck.ADDRESS].click()
    page.document_email.setFocus()
    qtbot.keyClicks(page.document_email, "jiro.form@example.jp")
    key(qtbot, "K")
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    next_step(qtbot, wizard)  # the fee is requested
    assert "confirmed in the identity check" in electronic_record(qtbot, wizard)
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert case.details["identity"]["checked"]["received_on"] == arrived_on.isoformat()
    assert case.details["delivery"] == {
        "method": "electronic",
        "email": "jiro.form@example.jp",
        "asked": "electronic",
        "to": "confirmed",
    }
    timeline = main_window.case_page.actions_bar.timeline
    qtbot.waitUntil(lambda: timeline.count() > 0, timeout=10_000)
    lines = [timeline.item(row).text() for row in range(timeline.count())]
    assert lines[0].endswith(f"Case opened: written request received by post on {arrived_on.isoformat()}")
    assert any(
        line.endswith(
            "Delivery chosen: electronic record to the e-mail address confirmed in the identity check"
        )
        for line in lines
    )
    assert header.request_label.text().splitlines()[-1] == (
        "Form: electronic record, to the e-mail address confirmed in the identity check."
    )

    # The case log says it came by post, with the day it arrived.
    log = main_window.case_log
    main_window.pages.setCurrentWidget(log)
    with qtbot.waitSignal(log.model.page_loaded, timeout=10_000):
        log.reload()
    headers = [
        log.model.headerData(column, Qt.Orientation.Horizontal) for column in range(log.model.columnCount())
    ]
    received = headers.index("Received")
    cells = [str(log.model.index(row, received).data()) for row in range(log.model.rowCount())]
    assert f"{arrived_on:%m/%d} by post" in cells


def test_an_electronic_record_with_no_trusted_address_is_recorded_as_not_possible(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    _without_email(desk_db, rich_record.customer_id)
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 1)  # a disclosure, on this call
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972/3/14")
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    next_step(qtbot, wizard)
    # An electronic record, and no address the desk may send it to.
    said = electronic_record(qtbot, wizard)
    assert said.startswith("No e-mail address is registered or was confirmed")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert "channel" not in case.details
    assert case.details["call_id"] is not None
    assert case.details["delivery"] == {
        "method": "letter",
        "email": None,
        "asked": "electronic",
        "obstacle": "no_address",
    }
    header = main_window.case_page.header
    qtbot.waitUntil(lambda: header.request_label.text().startswith("Court claim possible from"))
    assert header.request_label.text().splitlines()[-1] == (
        "Form: letter. The electronic record asked for is not possible: "
        "no e-mail address registered or confirmed in the case."
    )
