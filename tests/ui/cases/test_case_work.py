"""Every request type end to end in the real window: a call rings, the agent starts the inquiry, the
talk script runs in the wizard by keyboard, and the database changes as the script says, to a closed case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.deadlines import TOKYO
from desk_app.domain.enums import CaseKind, CaseState, CustomerState
from desk_app.services.cases.actions import CaseAction
from desk_app.storage.models import Complaint, Customer, SuspiciousReport
from tests.support.desk_driver import (
    CTRL,
    Ring,
    answer_call,
    cancel_request,
    choose,
    customer,
    electronic_record,
    events,
    finish,
    focused,
    key,
    next_step,
    no_drafts_left,
    run_case_action,
    start_inquiry,
    state_of,
    the_case,
    tick_and_next,
    type_and_next,
    verify_by_question,
    walk,
)
from tests.support.qt_input import ime_commit
from ui.cases.action_step_pages import CorrectionStepPage, FeeStepPage, MailingsStepPage
from ui.cases.identity_step_page import IdentityStepPage
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

TANAKA = "C0000004"


def mail_room_letters(qtbot: QtBot, window: MainWindow) -> list[tuple[str, str, str]]:
    """The mail room read afresh: each letter's case, kind and status as shown."""
    room = window.mail_room
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        room.refresh()
    cell = room.model.index
    return [
        (str(cell(row, 0).data()), str(cell(row, 1).data()), str(cell(row, 6).data()))
        for row in range(room.model.rowCount())
    ]


# --- the seven requests ---------------------------------------------------------------------------------


def test_disclosure_from_ringing_to_fee_received_and_completed(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 1)
    assert "保有個人データの開示請求" in wizard.title_label.text()
    # The agent greets the caller with their own name, the signed-in agent's.
    assert wizard.talk_label.text().endswith(f"個人情報お問い合わせ窓口の{desk_db.agent_name}でございます。")
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972/3/14")  # date of birth, as the caller says it
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    assert wizard.current_step == "request_fee"
    assert isinstance(wizard.page, FeeStepPage)
    next_step(qtbot, wizard)  # the fee of 404 yen is requested
    choose(qtbot, wizard, 1)  # a letter by post
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state, case.fee_yen) == (CaseKind.DISCLOSURE, CaseState.FEE_PENDING, 404)
    assert (case.script_id, case.script_version) == ("disclosure", 4)
    assert case.details["fee"]["status"] == "requested"
    assert case.details["delivery"] == {"method": "letter", "email": None, "asked": "letter"}
    assert case.details["identity"]["method"] == "caller_id_and_knowledge"
    assert case.details["script_answers"]["delivery"] == "letter"
    [call] = desk_db.calls()
    assert case.details["call_id"] == call.id
    assert no_drafts_left(desk_db)
    # What the caller said to prove who they are is compared, never kept.
    assert "1972" not in repr(events(desk_db, case.id))

    # The fee request the script promised the caller: its notice waits in the mail room.
    assert mail_room_letters(qtbot, main_window) == [(case.case_no, "Fee-payment notice", "Ready to mail")]

    bar = main_window.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.links_label.text().startswith("Call: "), timeout=10_000)
    assert bar.links_label.text().endswith(
        "from 06-6123-4567   ·   Letter: Fee-payment notice, waiting in the mail room"
    )
    run_case_action(qtbot, main_window, CaseAction.RECORD_FEE_RECEIVED)
    # Paid before it was posted: the notice is void, and no longer offered for the post.
    assert mail_room_letters(qtbot, main_window) == []
    assert state_of(desk_db, case.id) is CaseState.FEE_RECEIVED
    received = the_case(desk_db).details["fee"]["on"]
    assert bar.message.text() == f"Fee payment recorded: received on {received}."
    run_case_action(qtbot, main_window, CaseAction.COMPLETE)
    assert state_of(desk_db, case.id) is CaseState.COMPLETED
    assert bar.message.text() == "Case completed."
    fee = [detail for kind, detail in events(desk_db, case.id) if kind == "fee"]
    assert [entry["status"] for entry in fee] == ["requested", "received"]
    assert fee[1]["method"] == "定額小為替"
    assert main_window.case_page.actions_bar.buttons == {}


def test_provision_record_disclosure_by_callback_with_the_fee_waived_and_a_pdf(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 2)
    walk(qtbot, wizard, "verify_identity")
    page = wizard.page
    assert isinstance(page, IdentityStepPage)
    key(qtbot, "2")  # call back a registered number
    qtbot.waitUntil(lambda: page.chosen_method().value == "callback")
    assert page.dialled.currentText() == "06-6123-4567"
    page.callback_answered.click()
    key(qtbot, "K")
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    fee_page = wizard.page
    assert isinstance(fee_page, FeeStepPage)
    key(qtbot, "A")  # waive the fee (W&aive)
    qtbot.waitUntil(fee_page.waive_button.isChecked)
    fee_page.reason.setFocus()
    ime_commit(fee_page.reason, "前回の開示に不備があったため")
    next_step(qtbot, wizard)
    # The record holds 田中 次郎's e-mail address: the PDF goes there, and nowhere said on the call.
    assert "registered e-mail address" in electronic_record(qtbot, wizard)
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.PROVISION_DISCLOSURE, CaseState.IN_PROGRESS)
    assert case.details["fee"]["status"] == "waived"
    assert case.details["delivery"] == {
        "method": "electronic",
        "email": "jiro.tanaka@example.jp",
        "asked": "electronic",
        "to": "registered",
    }
    [check] = [detail for kind, detail in events(desk_db, case.id) if kind == "identity_check"]
    assert (check["method"], check["dialled"], check["result"]) == ("callback", "+81661234567", "answered")
    run_case_action(qtbot, main_window, CaseAction.COMPLETE)
    assert state_of(desk_db, case.id) is CaseState.COMPLETED


def test_correction_of_the_address_changes_the_record_with_before_and_after(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 3)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 1, "１丁目２番３号")  # the registered street number
    walk(qtbot, wizard, "target")
    choose(qtbot, wizard, 1)  # the address
    type_and_next(qtbot, wizard, "530-0012")
    # The postal code has filled the address up to the town; the agent types the rest.
    assert wizard.current_step == "new_address"
    assert wizard.page.answer_field is not None
    assert wizard.page.answer_field.text() == "大阪府大阪市北区芝田"
    type_and_next(qtbot, wizard, "2-4-6")
    tick_and_next(qtbot, wizard)  # read back and confirmed
    walk(qtbot, wizard, "apply_correction")
    page = wizard.page
    assert isinstance(page, CorrectionStepPage)
    assert {field: edit.text() for field, edit in page.fields.items()} == {
        "postal_code": "5300012",
        "prefecture": "大阪府",
        "city": "大阪市北区",
        "street": "芝田2-4-6",
        "building": "",
    }
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state, case.fee_yen) == (CaseKind.CORRECTION, CaseState.COMPLETED, 0)
    tanaka = customer(desk_db, TANAKA)
    assert (tanaka.postal_code, tanaka.city, tanaka.street, tanaka.building) == (
        "5300012",
        "大阪市北区",
        "芝田2-4-6",
        None,
    )
    [corrected] = [detail for kind, detail in events(desk_db, case.id) if kind == "corrected"]
    assert corrected["changes"]["street"] == {"before": "梅田1-2-3", "after": "芝田2-4-6"}
    assert corrected["changes"]["building"] == {"before": "梅田ハイツ405", "after": None}
    assert "prefecture" not in corrected["changes"]  # unchanged fields are not "corrected"
    bar = main_window.case_page.actions_bar
    qtbot.waitUntil(lambda: bar.timeline.count() > 0, timeout=10_000)
    lines = [bar.timeline.item(row).text() for row in range(bar.timeline.count())]
    [line] = [line for line in lines if "Corrected:" in line]
    # Before → after for what the record panel shows; the protected street by name only.
    assert line.endswith("Corrected: building (changed); postal_code: 5300001 → 5300012; street (changed)")


@pytest.mark.parametrize(
    ("option", "typed", "read_back"),
    [
        (1, ["〒530-0012", "2-4-6"], {"郵便番号": "〒530-0012", "ご住所": "大阪府大阪市北区芝田2-4-6"}),
        (2, ["０９０－８８８８－７７７７"], {"お電話番号": "090-8888-7777"}),
        (3, ["田中 治郎", "タナカ ジロウ"], {"お名前": "田中 治郎", "フリガナ": "タナカ ジロウ"}),
    ],
)
def test_the_correction_read_back_step_shows_the_values_typed(
    qtbot: QtBot,
    main_window: MainWindow,
    ring: Ring,
    desk_db: DeskDatabase,
    rich_record: RichRecord,
    option: int,
    typed: list[str],
    read_back: dict[str, str],
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 3)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972-03-14")
    walk(qtbot, wizard, "target")
    choose(qtbot, wizard, option)
    for text in typed:
        type_and_next(qtbot, wizard, text)
    assert wizard.current_step == "read_back"
    # What the agent reads back is on the step that says to read it back, as the caller will hear it.
    assert {label: shown.text() for label, shown in wizard.page.read_back.items()} == read_back
    assert all(shown.isVisible() for shown in wizard.page.read_back.values())
    # Back to the first answer and on again: only the branch taken is read back.
    while wizard.current_step != "target":
        before = wizard.current_step
        key(qtbot, "B")  # Back
        qtbot.waitUntil(lambda: wizard.current_step != before)  # noqa: B023 - waited for at once
    choose(qtbot, wizard, 4)  # the e-mail address instead
    type_and_next(qtbot, wizard, "jiro@example.jp")
    assert {label: shown.text() for label, shown in wizard.page.read_back.items()} == {
        "メールアドレス": "jiro@example.jp"
    }


def test_a_record_changed_at_another_desk_gives_a_conflict_and_keeps_the_agents_entries(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 3)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972-03-14")
    walk(qtbot, wizard, "target")
    choose(qtbot, wizard, 3)  # the name
    type_and_next(qtbot, wizard, "田中 治郎")
    type_and_next(qtbot, wizard, "タナカ ジロウ")
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "apply_correction")
    page = wizard.page
    assert isinstance(page, CorrectionStepPage)
    with desk_db.factory.begin() as session:  # another desk corrects the e-mail meanwhile
        session.scalars(select(Customer).where(Customer.customer_no == TANAKA)).one().email = "new@example.jp"

    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: "another desk" in page.error_label.text(), timeout=10_000)
    assert wizard.current_step == "apply_correction"
    assert page.fields["name"].text() == "田中 治郎"  # nothing the agent typed is lost
    assert customer(desk_db, TANAKA).name == "田中 次郎"
    qtbot.waitUntil(lambda: page.row_version == customer(desk_db, TANAKA).row_version, timeout=10_000)
    next_step(qtbot, wizard)  # checked against the fresh record, applied
    assert wizard.current_step == "closing"
    tanaka = customer(desk_db, TANAKA)
    assert (tanaka.name, tanaka.email) == ("田中 治郎", "new@example.jp")


def test_suspension_stops_every_mailing_from_the_chosen_day(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 4)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 2, "900000117")  # one of the latest orders
    choose(qtbot, wizard, 1)  # all of them
    choose(qtbot, wizard, 1)  # no legal ground: the caller's wish
    start = (dt.datetime.now(TOKYO).date() + dt.timedelta(days=3)).isoformat()
    type_and_next(qtbot, wizard, start)
    walk(qtbot, wizard, "stop_mailings")
    page = wizard.page
    assert isinstance(page, MailingsStepPage)
    assert all(box.isChecked() for box in page.boxes.values())
    assert page.effective.date().toString("yyyy-MM-dd") == start
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.SUSPENSION, CaseState.COMPLETED)
    tanaka = customer(desk_db, TANAKA)
    assert (tanaka.catalogue_opt_in, tanaka.direct_mail_opt_in, tanaka.email_magazine_opt_in) == (
        False,
        False,
        False,
    )
    assert case.details["mailings_effective"] == start
    [stopped] = [detail for kind, detail in events(desk_db, case.id) if kind == "mailings_stopped"]
    assert stopped["changes"]["catalogue"] == {"before": True, "after": False}


def test_deletion_is_proposed_then_erased_only_by_a_supervisor_who_did_not_propose_it(
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
    choose(qtbot, wizard, 1)  # no legal ground: the caller's wish
    assert "リコール" in wizard.talk_label.text()  # the consequence is read out
    choose(qtbot, wizard, 1)  # still wants the deletion
    assert not wizard.next_button.isEnabled()  # until the consequence is confirmed
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "propose_erasure")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.DELETION, CaseState.AWAITING_APPROVAL)
    assert customer(desk_db, TANAKA).name == "田中 次郎"  # nothing is erased before the approval
    bar = main_window.case_page.actions_bar
    qtbot.waitUntil(lambda: CaseAction.EXTEND_DEADLINE in bar.buttons)
    assert CaseAction.APPROVE not in bar.buttons  # four eyes: not for the one who proposed it
    assert CaseAction.WITHDRAW not in bar.buttons  # under a proposal, a supervisor's decision
    qtbot.waitUntil(lambda: bar.timeline.count() > 0, timeout=10_000)
    timeline = [bar.timeline.item(row).text() for row in range(bar.timeline.count())]
    assert any(line.endswith("Identity check (Caller ID and a question): passed") for line in timeline)
    assert any(line.endswith("In progress → Awaiting approval (erasure proposed)") for line in timeline)
    assert all(desk_db.agent_name in line for line in timeline)

    with qtbot.waitSignal(main_window.sign_in_finished, timeout=10_000):
        main_window.sign_in(desk_db.supervisor_login)
    queue = main_window.work_queue_view
    qtbot.waitUntil(lambda: any(row.case_id == case.id for row in queue.model.rows), timeout=10_000)
    [row] = [row for row in queue.model.rows if row.case_id == case.id]
    assert row.needs_decision
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.model.index(queue.model.rows.index(row), 0))
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: CaseAction.APPROVE in main_window.case_page.actions_bar.buttons, timeout=10_000)
    assert main_window.case_page.actions_bar.buttons[CaseAction.APPROVE].text() == "A&pprove erasure…"
    run_case_action(qtbot, main_window, CaseAction.APPROVE, "未発送の注文がないことを確認")

    assert state_of(desk_db, case.id) is CaseState.COMPLETED
    assert main_window.case_page.actions_bar.message.text() == (
        "Erasure approved: the customer's personal data has been erased."
    )
    erased = customer(desk_db, TANAKA)
    assert erased.state is CustomerState.ERASED
    assert (erased.name, erased.name_kana, erased.birth_date, erased.street, erased.phones) == (
        None,
        None,
        None,
        None,
        [],
    )
    # The erased customer is never found again: the same number now matches nobody.
    with qtbot.waitSignal(main_window.flow.pop_presented, timeout=10_000):
        main_window.caller_id.simulator.ring(desk_db.single_number)
    assert main_window.pages.currentWidget() is main_window.pages.search_pane


def test_a_complaint_from_an_unknown_caller_answered_on_the_call_is_registered_and_closed(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.unmatched_number)
    wizard = start_inquiry(qtbot, main_window, 6, about_customer=False)
    walk(qtbot, wizard, "category")
    choose(qtbot, wizard, 1)  # unwanted catalogues
    type_and_next(qtbot, wizard, "停止を依頼したのにカタログが届いた。")
    choose(qtbot, wizard, 2)  # answered on the call
    type_and_next(qtbot, wizard, "発送リストの締切後だった旨を説明し、お詫びした。")
    assert wizard.current_step == "record_complaint"
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state, case.customer_id) == (CaseKind.COMPLAINT, CaseState.COMPLETED, None)
    with desk_db.factory() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.case_id == case.id)).one()
    assert (complaint.category.value, complaint.escalated) == ("unwanted_mailings", False)
    assert complaint.answer_given == "発送リストの締切後だった旨を説明し、お詫びした。"


def test_a_suspicious_call_report_is_registered_with_the_number_normalised(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.unmatched_number)
    wizard = start_inquiry(qtbot, main_window, 7, about_customer=False)
    walk(qtbot, wizard, "channel")
    choose(qtbot, wizard, 2)  # a phone call
    type_and_next(qtbot, wizard, "0120 444 555")
    type_and_next(qtbot, wizard, "2026-11-20")
    type_and_next(qtbot, wizard, "株式会社テスト通販 お客様係")
    choose(qtbot, wizard, 3)  # gave personal information
    type_and_next(qtbot, wizard, "")
    walk(qtbot, wizard, "record_report")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.SUSPICIOUS_REPORT, CaseState.COMPLETED)
    with desk_db.factory() as session:
        report = session.scalars(select(SuspiciousReport).where(SuspiciousReport.case_id == case.id)).one()
    assert (report.channel.value, report.shown_number_e164, report.received_on) == (
        "phone",
        "+81120444555",
        dt.date(2026, 11, 20),
    )
    assert (report.claimed_sender, report.paid, report.disclosed) == (
        "株式会社テスト通販 お客様係",
        False,
        True,
    )


def test_an_escalated_complaint_finishes_without_an_answer(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 6)  # about 田中 次郎, who has a registered number
    walk(qtbot, wizard, "category")
    choose(qtbot, wizard, 3)  # suspected leak
    type_and_next(qtbot, wizard, "知らない会社から電話があった。")
    choose(qtbot, wizard, 1)  # escalate to a supervisor
    assert wizard.current_step == "callback_to"
    assert "ご登録のお電話番号" in wizard.talk_label.text()
    choose(qtbot, wizard, 1)  # at the registered number
    assert wizard.current_step == "escalate"
    next_step(qtbot, wizard)
    # Nobody asks for "the answer given": the supervisor gives it.
    assert wizard.current_step == "record_complaint"
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state) == (CaseKind.COMPLAINT, CaseState.IN_PROGRESS)
    assert "answer_given" not in case.details["script_answers"]
    with desk_db.factory() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.case_id == case.id)).one()
    assert (complaint.escalated, complaint.answer_given, complaint.callback_number) == (True, None, None)


def test_a_complaint_from_no_customer_asks_for_a_number_to_call_back_and_records_it(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, supervisor_id: int
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.unmatched_number)
    wizard = start_inquiry(qtbot, main_window, 6, about_customer=False)
    walk(qtbot, wizard, "category")
    choose(qtbot, wizard, 1)  # unwanted catalogues
    type_and_next(qtbot, wizard, "家族宛てのカタログが止まらない。")
    choose(qtbot, wizard, 1)  # escalate to a supervisor
    # No registered number to confirm: the caller is asked for one.
    assert wizard.current_step == "callback_number"
    assert "ご登録" not in wizard.talk_label.text()
    page = wizard.page
    qtbot.keyClicks(focused(), "03-1234")
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: page.error_label.text() != "")
    assert page.error_label.text().startswith("Not accepted: not a phone number")
    assert wizard.current_step == "callback_number"
    assert page.answer_field is not None
    page.answer_field.clear()
    type_and_next(qtbot, wizard, "090-3333-4444")
    assert wizard.current_step == "callback_read_back"
    assert {label: shown.text() for label, shown in wizard.page.read_back.items()} == {
        "ご連絡先": "090-3333-4444"
    }
    tick_and_next(qtbot, wizard)
    assert wizard.current_step == "escalate"
    next_step(qtbot, wizard)
    assert wizard.current_step == "record_complaint"
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard)

    case = the_case(desk_db)
    assert (case.kind, case.state, case.customer_id) == (CaseKind.COMPLAINT, CaseState.IN_PROGRESS, None)
    with desk_db.factory() as session:
        complaint = session.scalars(select(Complaint).where(Complaint.case_id == case.id)).one()
    assert (complaint.escalated, complaint.answer_given, complaint.callback_number) == (
        True,
        None,
        "+819033334444",
    )
    # The supervisor who opens the case sees where to call back.
    with qtbot.waitSignal(main_window.sign_in_finished, timeout=10_000):
        main_window.sign_in(desk_db.supervisor_login)
    main_window.open_case(case.id)
    notes = main_window.case_page.notes_label
    qtbot.waitUntil(lambda: CaseAction.ANSWER_COMPLAINT in main_window.case_page.actions_bar.buttons)
    qtbot.waitUntil(notes.isVisible, timeout=10_000)
    assert notes.text() == "Call back on: 090-3333-4444"


def test_a_note_from_the_last_step_is_shown_on_the_case_tab_and_in_the_timeline(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.unmatched_number)
    wizard = start_inquiry(qtbot, main_window, 7, about_customer=False)
    walk(qtbot, wizard, "channel")
    choose(qtbot, wizard, 4)  # an e-mail
    type_and_next(qtbot, wizard, "")
    type_and_next(qtbot, wizard, "2026-11-20")
    type_and_next(qtbot, wizard, "みらい通販 カスタマーセンター")
    choose(qtbot, wizard, 1)  # neither paid nor disclosed
    type_and_next(qtbot, wizard, "")
    walk(qtbot, wizard, "record_report")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, main_window, wizard, note="同じ文面のメールを家族も受信")

    page = main_window.case_page
    qtbot.waitUntil(page.notes_label.isVisible, timeout=10_000)
    assert page.notes_label.text() == "Note: 同じ文面のメールを家族も受信"
    bar = page.actions_bar
    qtbot.waitUntil(lambda: bar.timeline.count() > 0, timeout=10_000)
    lines = [bar.timeline.item(row).text() for row in range(bar.timeline.count())]
    [finished] = [line for line in lines if "Talk script finished" in line]
    assert finished.endswith(
        "Talk script finished (suspicious_report v2) — Note: 同じ文面のメールを家族も受信"
    )
    # The next case shows its own notes, not this one's.
    main_window.case_page.close_case()
    assert not page.notes_label.isVisible()


# --- the rules around the requests ----------------------------------------------------------------------


def test_a_request_about_personal_data_needs_the_customer_on_screen(
    qtbot: QtBot, main_window: MainWindow
) -> None:
    qtbot.keyClick(main_window, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: main_window.new_inquiry_dialog is not None)
    dialog = main_window.new_inquiry_dialog
    assert dialog is not None
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not dialog.about_customer.isEnabled()
    assert not ok.isEnabled()  # a disclosure, first in the list, is about the caller's own data
    assert "open their record first" in dialog.hint.text()
    dialog.requests.button(6).click()  # a complaint needs no customer
    assert ok.isEnabled()
    dialog.reject()


def test_a_wrong_answer_leaves_the_caller_unverified_and_nothing_can_go_on(
    qtbot: QtBot, main_window: MainWindow, ring: Ring, desk_db: DeskDatabase, rich_record: RichRecord
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 1)
    walk(qtbot, wizard, "verify_identity")
    page = wizard.page
    assert isinstance(page, IdentityStepPage)
    page.said.setFocus()
    qtbot.keyClicks(page.said, "1972-03-15")
    key(qtbot, "K")
    qtbot.waitUntil(lambda: page.result_label.text().startswith("Not verified"), timeout=10_000)
    assert "does not match" in page.result_label.text()
    assert not wizard.next_button.isEnabled()
    case = the_case(desk_db)
    assert case.state is CaseState.IDENTITY_PENDING
    [check] = [detail for kind, detail in events(desk_db, case.id) if kind == "identity_check"]
    assert (check["verified"], check["knowledge_passed"]) == (False, False)


def test_a_script_left_part_way_resumes_at_sign_in_where_it_stopped(
    qtbot: QtBot,
    main_window: MainWindow,
    open_window: Callable[..., MainWindow],
    ring: Ring,
    desk_db: DeskDatabase,
    rich_record: RichRecord,
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 4)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972-03-14")
    key(qtbot, "3")  # direct mail only, chosen but not yet confirmed with Next
    qtbot.waitUntil(lambda: wizard.page.options is not None and wizard.page.options.checkedId() == 3)
    next_step(qtbot, wizard)
    choose(qtbot, wizard, 5)  # no longer needed by the company (Art. 35(5))
    assert wizard.current_step == "stop_from"
    qtbot.waitUntil(lambda: not main_window.case_page.work.busy, timeout=10_000)
    case = the_case(desk_db)
    main_window.close()  # the desk is closed mid-script (a crash leaves the same draft)

    again = open_window()
    with qtbot.waitSignal(again.sign_in_finished, timeout=10_000):
        again.sign_in(desk_db.agent_login)
    qtbot.waitUntil(lambda: again.case_page.wizard is not None, timeout=10_000)
    resumed = again.case_page.wizard
    assert resumed is not None
    assert again.case_page.case is not None
    assert again.case_page.case.case_id == case.id
    assert resumed.current_step == "stop_from"
    assert (resumed.answers["mailings"], resumed.answers["ground"]) == ("direct_mail", "no_longer_needed")
    assert again.pages.currentWidget() is again.case_page
    assert resumed.back_button.isEnabled()  # back to the choice; not past the identity check
    assert state_of(desk_db, case.id) is CaseState.IDENTITY_VERIFIED


def test_cancelling_asks_why_and_withdraws_the_case(
    qtbot: QtBot,
    main_window: MainWindow,
    ring: Ring,
    desk_db: DeskDatabase,
    rich_record: RichRecord,
) -> None:
    answer_call(qtbot, main_window, ring, desk_db.single_number)
    wizard = start_inquiry(qtbot, main_window, 1)
    walk(qtbot, wizard, "request")
    cancel_request(qtbot, main_window, wizard, "ご本人が後日かけ直す")
    case = the_case(desk_db)
    assert case.state is CaseState.WITHDRAWN
    [(_kind, withdrawn)] = [item for item in events(desk_db, case.id) if item[1].get("to") == "withdrawn"]
    assert withdrawn["reason"] == "ご本人が後日かけ直す"
    assert no_drafts_left(desk_db)
