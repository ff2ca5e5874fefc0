"""A working day at the desk, end to end in the real window: calls ring and pop, an agent runs every request
type to its end by keyboard — the unhappy ends too (refused, withdrawn, denied, a wrong answer, a call over
a script, the desk locked and another agent signing in) — a supervisor decides in a window of their own,
and at the end the mail room, `desk-app doctor`'s invariants and the audit chains agree with it all."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.audit.verify import verify
from desk_app.domain.deadlines import japan_today
from desk_app.domain.enums import AgentRole, CaseKind, CaseState, CustomerState, LetterKind, RefusalGround
from desk_app.services.accounts import add_user, reset_password
from desk_app.services.admin.doctor import examine
from desk_app.services.cases.actions import CaseAction
from desk_app.services.cases.letter_views import LetterRow
from desk_app.storage.models import Case, Complaint, Customer, Letter, SuspiciousReport
from tests.support.desk_driver import (
    CTRL,
    Ring,
    activate,
    answer_call,
    ask_question,
    cancel_request,
    choose,
    choose_ground,
    customer,
    events,
    finish,
    focused,
    is_greyed,
    key,
    next_step,
    no_drafts_left,
    open_action_dialog,
    press_ok,
    run_case_action,
    said,
    sign_in_with_password,
    start_inquiry,
    state_of,
    the_case,
    tick_and_next,
    type_and_next,
    type_into,
    typed,
    verify_by_question,
    walk,
)
from tests.support.qt_input import ime_commit
from tests.support.screen_text import held_text, visible_text
from ui.cases.action_step_pages import FeeStepPage
from ui.cases.identity_step_page import IdentityStepPage
from ui.cases.script_wizard import ScriptWizard
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase, RichRecord

TANAKA, HANAKO, ICHIRO, ERASED_EARLIER = "C0000004", "C0000002", "C0000001", "C0000003"
# 佐藤 花子's mobile: she alone holds it. 佐藤 一郎 shares the household line with her.
HANAKO_MOBILE = "090-1111-2222"
KATO, KATO_PASSWORD = "kato", "mentaiko-onigiri-9"
YAMADA_PASSWORD = "kaisendon-2026!"
NEW_EMAIL = "jiro.t@example.jp"
CUSTOMER_BAR = "This is the previous call's customer — F2 switches to the current call"
# Whatever of the day's customers a locked desk must not show: names, kana, numbers, customer numbers
# (not 花子 alone: the agent who locked the desk is 山田 花子, and the lock screen says who that was).
PERSONAL = (
    "田中",
    "次郎",
    "タナカ",
    "佐藤",
    "一郎",
    "ハナコ",
    "サトウ",
    "6123",
    "1111",
    TANAKA,
    HANAKO,
    ICHIRO,
)


@dataclass
class Day:
    qtbot: QtBot
    db: DeskDatabase
    agent: MainWindow
    supervisor: MainWindow
    ring: Ring

    def calls_to(self, number_tail: str) -> list[int]:
        return [call.id for call in self.db.calls() if (call.e164 or "").endswith(number_tail)]


@pytest.fixture
def day(
    qtbot: QtBot,
    main_window: MainWindow,
    open_window: Callable[..., MainWindow],
    ring: Ring,
    desk_db: DeskDatabase,
    whole_record: RichRecord,
    supervisor_id: int,
) -> Day:
    """The sample desk with 田中 次郎 made whole, the 佐藤 household given addresses, a second agent with a
    password, and the supervisor signed in at a window of their own: a database the doctor passes."""
    with desk_db.factory.begin() as session:
        # The sample's erased customer keeps the household number so lookups are tested against it; an
        # erasure by the services leaves no phone, and the day starts from what the services would leave.
        erased = session.scalars(select(Customer).where(Customer.customer_no == ERASED_EARLIER)).one()
        erased.phones.clear()
        for customer_no, birth_date, street in (
            (HANAKO, dt.date(1985, 6, 2), "千代田1-1"),
            (ICHIRO, dt.date(1958, 11, 23), "千代田1-1"),
        ):
            row = session.scalars(select(Customer).where(Customer.customer_no == customer_no)).one()
            row.birth_date = birth_date
            row.postal_code, row.prefecture, row.city, row.street = "1000001", "東京都", "千代田区", street
        add_user(session, KATO, display_name="加藤 美咲", role=AgentRole.AGENT, password=KATO_PASSWORD)
        # 山田 signed in as the sample agent does; after a lock, the dialog asks for her password.
        reset_password(session, desk_db.agent_login, YAMADA_PASSWORD)
    supervisor = open_window(start_caller_id=False)
    with qtbot.waitSignal(supervisor.sign_in_finished, timeout=10_000):
        supervisor.sign_in(desk_db.supervisor_login)
    activate(qtbot, main_window)
    with desk_db.factory() as session:
        assert examine(session).problems == ()
    return Day(qtbot, desk_db, main_window, supervisor, ring)


# --- what the agent and the supervisor do, in words the day uses ----------------------------------------


def make_letter(day: Day, window: MainWindow) -> int:
    """Le&tter… (Alt+T) on the case on screen: the letter is made and previewed; the preview is closed."""
    qtbot, bar = day.qtbot, window.case_page.actions_bar
    activate(qtbot, window)
    qtbot.waitUntil(bar.letter_button.isVisible, timeout=10_000)
    before = bar.preview
    with qtbot.waitSignal(bar.letter_made, timeout=20_000) as made:
        key(qtbot, "T")
    qtbot.waitUntil(lambda: bar.preview is not before and bar.preview is not None, timeout=10_000)
    assert bar.preview is not None
    qtbot.waitExposed(bar.preview)
    bar.preview.reject()
    activate(qtbot, window)
    letter_id: int = made.args[0]
    return letter_id


def open_from_queue(day: Day, window: MainWindow, case_id: int) -> bool:
    """F5 refreshes the Cases dock; the case's row, then Enter opens it. Returns whether the row is bold
    (a decision awaits this person)."""
    qtbot, queue = day.qtbot, window.work_queue_view
    activate(qtbot, window)
    with qtbot.waitSignal(queue.loaded, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F5)
    [row] = [row for row in queue.model.rows if row.case_id == case_id]
    queue.table.setFocus()
    queue.table.setCurrentIndex(queue.model.index(queue.model.rows.index(row), 0))
    bar = window.case_page.actions_bar
    qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bar.case is not None and bar.case.case_id == case_id and bool(bar.buttons))
    return row.needs_decision


def propose_refusal(day: Day, ground: RefusalGround, customer_text: str, note: str) -> None:
    """The agent proposes refusing the case on screen: the ground and the text the letter prints, a note."""
    dialog = open_action_dialog(day.qtbot, day.agent, CaseAction.PROPOSE_REFUSAL)
    assert dialog.answer is not None
    choose_ground(dialog, ground)
    type_into(dialog.answer.text, customer_text)
    type_into(dialog.reason, note)
    press_ok(day.qtbot, day.agent, dialog)
    assert said(day.agent) == "Refusal proposed: it awaits a supervisor's approval."
    activate(day.qtbot, day.agent)


def mail_room(day: Day, window: MainWindow) -> list[LetterRow]:
    """Alt+M brings the Mail room forward, read afresh as it comes (no Refresh): the letters it lists."""
    qtbot, room = day.qtbot, window.mail_room
    activate(qtbot, window)
    assert window.pages.currentWidget() is not room
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        key(qtbot, "M")
    assert window.pages.currentWidget() is room
    qtbot.waitUntil(lambda: not room.work.busy, timeout=10_000)
    return list(room.model.rows)


def listed(window: MainWindow) -> list[tuple[str, ...]]:
    """The mail room's rows as the print room reads them: case, letter, case state, status."""
    model = window.mail_room.model
    return [
        tuple(str(model.index(row, column).data()) for column in (0, 1, 5, 6))
        for row in range(model.rowCount())
    ]


def case_no(day: Day, case_id: int) -> str:
    with day.db.factory() as session:
        return session.get_one(Case, case_id).case_no


def letters_of(day: Day, case_id: int) -> list[Letter]:
    with day.db.factory() as session:
        return list(session.scalars(select(Letter).where(Letter.case_id == case_id).order_by(Letter.id)))


# --- the day --------------------------------------------------------------------------------------------


def test_a_day_at_the_desk(day: Day) -> None:
    disclosure = morning_disclosure_waits_for_its_fee(day)
    provision = provision_records_refusal_denied_and_the_letter_back_in_the_mail_room(day)
    suspension = suspension_after_a_wrong_answer(day)
    correction_withdrawn(day)
    refused = complaint_with_another_call_over_it_then_a_disclosure_refused(day)
    correction = correction_completed(day)
    deletion = deletion_of_a_household_member_chosen_from_the_shared_number(day)
    fee_arrives_and_the_disclosure_is_completed(day, disclosure)
    left_part_way = locked_mid_script_and_another_agent_takes_over(day)
    mailed = mail_room_marks_the_disclosure_mailed(day, disclosure)
    the_first_agent_comes_back_and_finishes_her_script(day, left_part_way)

    # The mail room at the end of the day: the letters still to post, each with its case's state.
    mail_room(day, day.agent)
    assert listed(day.agent) == [
        (case_no(day, provision), "Provision records", "Completed", "Ready to mail"),
        (case_no(day, suspension), "Mailing stopped", "Completed", "Ready to mail"),
        (case_no(day, refused), "Refusal", "Refused", "Ready to mail"),
        (case_no(day, correction), "Correction completed", "Completed", "Ready to mail"),
        (case_no(day, deletion), "Deletion completed", "Completed", "Ready to mail"),
        (case_no(day, left_part_way), "Correction completed", "Completed", "Ready to mail"),
    ]
    assert day.agent.mail_room.status.text() == "6 letters waiting"
    with day.db.factory() as session:
        void = list(session.scalars(select(Letter).where(Letter.voided_at.is_not(None)).order_by(Letter.id)))
        # The morning's fee-payment notice was still unposted when the fee came: void, never mailed.
        assert [(letter.case_id, letter.kind, letter.mailed_at) for letter in void] == [
            (disclosure, LetterKind.FEE_PAYMENT_NOTICE, None),
            (refused, LetterKind.DISCLOSURE, None),
        ]
        assert session.get_one(Letter, mailed).mailed_at is not None
        assert set(session.scalars(select(Case.state))) == {
            CaseState.COMPLETED,
            CaseState.REFUSED,
            CaseState.WITHDRAWN,
        }
        # What is mailed, what is on screen and what is stored agree with every case's state.
        found = examine(session)
        assert found.problems == (), [str(problem) for problem in found.problems]
        assert verify(session).intact
    assert no_drafts_left(day.db)


def morning_disclosure_waits_for_its_fee(day: Day) -> int:
    """田中 次郎 calls: his record pops; a disclosure, identity by date of birth, the fee requested."""
    qtbot, agent = day.qtbot, day.agent
    answer_call(qtbot, agent, day.ring, day.db.single_number)
    assert agent.pages.currentWidget() is agent.pages.record_panel
    assert agent.pages.record_panel.name_label.text() == "田中 次郎"
    wizard = start_inquiry(qtbot, agent, 1)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972/3/14")
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    next_step(qtbot, wizard)  # 404 yen requested
    choose(qtbot, wizard, 1)  # a letter by post
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    case = the_case(day.db)
    assert (case.kind, case.state) == (CaseKind.DISCLOSURE, CaseState.FEE_PENDING)
    return case.id


def provision_records_refusal_denied_and_the_letter_back_in_the_mail_room(day: Day) -> int:
    """A provision-records disclosure, fee waived, its letter made; the agent proposes refusing it, the
    letter waits on hold, the supervisor denies the proposal and the case goes back to work, then done."""
    qtbot, agent = day.qtbot, day.agent
    answer_call(qtbot, agent, day.ring, day.db.single_number)
    wizard = start_inquiry(qtbot, agent, 2)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 1, "１丁目２番３号")  # the registered street number
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    waive_fee(qtbot, wizard, "提供記録のみの確認のため")
    choose(qtbot, wizard, 1)  # a letter by post
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    case_id = the_case(day.db).id
    assert state_of(day.db, case_id) is CaseState.IN_PROGRESS
    letter_id = make_letter(day, agent)

    propose_refusal(
        day,
        RefusalGround.BUSINESS_INTERFERENCE,
        "提供記録の確認に業務の適正な実施に著しい支障を及ぼすおそれがあるため、開示いたしかねます。",
        "提供先への照会が必要",
    )
    assert state_of(day.db, case_id) is CaseState.AWAITING_APPROVAL
    [row] = [row for row in mail_room(day, agent) if row.letter_id == letter_id]
    assert (row.case_state, row.mailable) == (CaseState.AWAITING_APPROVAL, False)
    [shown] = [line for line in listed(agent) if line[0] == row.case_no]
    assert shown[2:] == ("Awaiting approval", "On hold: case not decided")

    supervisor = day.supervisor
    assert open_from_queue(day, supervisor, case_id)  # in bold: the supervisor's decision awaits
    run_case_action(qtbot, supervisor, CaseAction.DENY, "提供記録は社内で確認できる")
    assert state_of(day.db, case_id) is CaseState.IN_PROGRESS
    assert said(supervisor) == "Proposal denied: the case is back to In progress."

    # Back to work: the agent opens the case from the Cases dock and completes it; the letter may go.
    assert not open_from_queue(day, agent, case_id)
    run_case_action(qtbot, agent, CaseAction.COMPLETE)
    assert state_of(day.db, case_id) is CaseState.COMPLETED
    [row] = [row for row in mail_room(day, agent) if row.letter_id == letter_id]
    assert (row.case_state, row.mailable) == (CaseState.COMPLETED, True)
    return case_id


def waive_fee(qtbot: QtBot, wizard: ScriptWizard, reason: str) -> None:
    page = wizard.page
    assert isinstance(page, FeeStepPage)
    key(qtbot, "A")  # W&aive the fee
    qtbot.waitUntil(page.waive_button.isChecked)
    page.reason.setFocus()
    ime_commit(page.reason, reason)
    next_step(qtbot, wizard)


def suspension_after_a_wrong_answer(day: Day) -> int:
    """A wrong date of birth: not verified, and nothing goes on; the right order number then does."""
    qtbot, agent = day.qtbot, day.agent
    answer_call(qtbot, agent, day.ring, day.db.single_number)
    wizard = start_inquiry(qtbot, agent, 4)
    walk(qtbot, wizard, "verify_identity")
    page = ask_question(qtbot, wizard, 0, "1972-03-15")
    assert page.result_label.text().startswith("Not verified"), page.result_label.text()
    assert not wizard.next_button.isEnabled()
    qtbot.keyClick(focused(), Qt.Key.Key_Return, CTRL)
    assert wizard.current_step == "verify_identity"
    case_id = the_case(day.db).id
    assert state_of(day.db, case_id) is CaseState.IDENTITY_PENDING
    [check] = [detail for kind, detail in events(day.db, case_id) if kind == "identity_check"]
    assert check["verified"] is False
    assert customer(day.db, TANAKA).catalogue_opt_in  # nothing stopped

    verify_by_question(qtbot, wizard, 2, "900000117")  # one of his latest orders
    choose(qtbot, wizard, 1)  # every mailing
    choose(qtbot, wizard, 1)  # no legal ground: his wish
    type_and_next(qtbot, wizard, japan_today().isoformat())
    walk(qtbot, wizard, "stop_mailings")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    assert state_of(day.db, case_id) is CaseState.COMPLETED
    assert not customer(day.db, TANAKA).catalogue_opt_in
    make_letter(day, agent)
    return case_id


def correction_withdrawn(day: Day) -> None:
    """Half-way through a change of address the caller decides to wait: cancelled with a reason."""
    qtbot, agent = day.qtbot, day.agent
    answer_call(qtbot, agent, day.ring, day.db.single_number)
    wizard = start_inquiry(qtbot, agent, 3)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972-03-14")
    walk(qtbot, wizard, "target")
    choose(qtbot, wizard, 1)  # the address
    type_and_next(qtbot, wizard, "530-0012")
    assert wizard.current_step == "new_address"
    qtbot.keyClicks(focused(), "2-4-6")
    cancel_request(qtbot, agent, wizard, "転居日が決まってから改めて連絡するとのこと")
    case = the_case(day.db)
    assert (case.kind, case.state) == (CaseKind.CORRECTION, CaseState.WITHDRAWN)
    [withdrawn] = [detail for _kind, detail in events(day.db, case.id) if detail.get("to") == "withdrawn"]
    assert withdrawn["reason"] == "転居日が決まってから改めて連絡するとのこと"
    assert customer(day.db, TANAKA).street == "梅田1-2-3"  # nothing changed
    assert letters_of(day, case.id) == []


def complaint_with_another_call_over_it_then_a_disclosure_refused(day: Day) -> int:
    """While the agent types a complaint's details 佐藤 花子 calls: the typing stays, greyed under the
    previous-call bar; F2 brings her record; the complaint is finished, then her disclosure is refused."""
    qtbot, agent = day.qtbot, day.agent
    pages, case_page = agent.pages, agent.case_page
    answer_call(qtbot, agent, day.ring, day.db.single_number)
    tanaka_call = day.calls_to("661234567")[-1]
    wizard = start_inquiry(qtbot, agent, 6)
    walk(qtbot, wizard, "category")
    choose(qtbot, wizard, 1)  # unwanted catalogues
    assert wizard.current_step == "details"
    field = wizard.page.answer_field
    assert field is not None
    ime_commit(field, "停止を依頼したのにカタログが届いた。")
    complaint_id = the_case(day.db).id

    day.ring(HANAKO_MOBILE)
    assert pages.currentWidget() is case_page
    assert field.hasFocus()
    assert typed(field) == "停止を依頼したのにカタログが届いた。"
    assert pages.previous_call_bar.isVisible()
    assert pages.previous_call_bar.text_label.text() == CUSTOMER_BAR
    assert is_greyed(case_page)
    # The new caller waits behind the page being typed in; the previous one is gone from it.
    assert pages.record_panel.name_label.text() == "佐藤 花子"
    assert agent.banner.hint_label.text() == "Press F2 to open"
    with qtbot.waitSignal(agent.flow.pop_opened, timeout=5_000):
        qtbot.keyClick(field, Qt.Key.Key_F2)
    assert pages.currentWidget() is pages.record_panel
    assert not pages.previous_call_bar.isVisible()
    assert not is_greyed(case_page)
    with qtbot.waitSignal(agent.flow.call_recorded, timeout=5_000):
        agent.simulator_actions.answer_action.trigger()

    # 佐藤 花子 holds a moment: the agent goes back to the case (Alt+E) and finishes the complaint.
    key(qtbot, "E")
    assert pages.currentWidget() is case_page
    assert typed(field) == "停止を依頼したのにカタログが届いた。"
    field.setFocus()
    next_step(qtbot, wizard)
    choose(qtbot, wizard, 2)  # answered on the call
    type_and_next(qtbot, wizard, "発送リストの締切後だった旨を説明し、お詫びした。")
    walk(qtbot, wizard, "record_complaint")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    complaint = the_case(day.db)
    assert (complaint.id, complaint.state, complaint.details["call_id"]) == (
        complaint_id,
        CaseState.COMPLETED,
        tanaka_call,
    )
    with day.db.factory() as session:
        entry = session.scalars(select(Complaint).where(Complaint.case_id == complaint_id)).one()
        assert entry.details == "停止を依頼したのにカタログが届いた。"

    # Now 佐藤 花子, whose record is the one on screen: a disclosure, fee waived, its letter made.
    hanako_call = day.calls_to("9011112222")[-1]
    wizard = start_inquiry(qtbot, agent, 1)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1985-06-02")
    walk(qtbot, wizard, "fee")
    tick_and_next(qtbot, wizard)
    waive_fee(qtbot, wizard, "災害救助法の適用地域")
    choose(qtbot, wizard, 1)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    case = the_case(day.db)
    assert (case.customer_id, case.details["call_id"]) == (day.db.customer_ids[HANAKO], hanako_call)
    disclosure_letter = make_letter(day, agent)

    propose_refusal(
        day,
        RefusalGround.HARM_TO_PERSON,
        "第三者の権利利益を害するおそれがあるため、開示いたしかねます。",
        "ご家族から開示を止めてほしいとの申し出あり",
    )
    supervisor = day.supervisor
    assert open_from_queue(day, supervisor, case.id)
    dialog = open_action_dialog(qtbot, supervisor, CaseAction.APPROVE)
    answer = dialog.answer
    assert answer is not None
    assert answer.chosen_ground() is RefusalGround.HARM_TO_PERSON
    approved = (
        "ご家族を含む第三者の生命、身体または財産その他の権利利益を"
        "害するおそれがあるため、開示いたしかねます。"
    )
    type_into(answer.text, approved)
    type_into(dialog.reason, "申し出の記録を確認")
    press_ok(qtbot, supervisor, dialog)
    assert state_of(day.db, case.id) is CaseState.REFUSED
    assert said(supervisor) == "Refusal approved: the request is refused."
    refusal_letter = make_letter(day, supervisor)

    # The disclosure letter is void and kept on file; only the refusal letter goes to the mail room.
    [disclosed, refusal] = letters_of(day, case.id)
    assert (disclosed.id, disclosed.kind, disclosed.mailed_at) == (
        disclosure_letter,
        LetterKind.DISCLOSURE,
        None,
    )
    assert disclosed.voided_at is not None
    assert (refusal.id, refusal.kind, refusal.voided_at) == (refusal_letter, LetterKind.REFUSAL, None)
    for window in (supervisor, agent):
        rows = [row for row in mail_room(day, window) if row.case_id == case.id]
        assert [(row.letter_id, row.kind, row.case_state, row.mailable) for row in rows] == [
            (refusal_letter, LetterKind.REFUSAL, CaseState.REFUSED, True)
        ]
    return case.id


def correction_completed(day: Day) -> int:
    """佐藤 花子 calls again to correct her address: read back, applied, the letter made."""
    qtbot, agent = day.qtbot, day.agent
    answer_call(qtbot, agent, day.ring, HANAKO_MOBILE)
    assert agent.pages.record_panel.name_label.text() == "佐藤 花子"
    wizard = start_inquiry(qtbot, agent, 3)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1985-06-02")
    walk(qtbot, wizard, "target")
    choose(qtbot, wizard, 1)
    type_and_next(qtbot, wizard, "100-0005")
    assert wizard.page.answer_field is not None
    assert wizard.page.answer_field.text() == "東京都千代田区丸の内"
    type_and_next(qtbot, wizard, "1-9-1")
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "apply_correction")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    case = the_case(day.db)
    assert (case.kind, case.state) == (CaseKind.CORRECTION, CaseState.COMPLETED)
    hanako = customer(day.db, HANAKO)
    assert (hanako.postal_code, hanako.street) == ("1000005", "丸の内1-9-1")
    make_letter(day, agent)
    return case.id


def deletion_of_a_household_member_chosen_from_the_shared_number(day: Day) -> int:
    """The household line rings: the chooser; 佐藤 一郎 is chosen by keyboard, verified by a callback, his
    deletion proposed and approved by the supervisor: his data erased, the deletion letter on file."""
    qtbot, agent = day.qtbot, day.agent
    pages = agent.pages
    answer_call(qtbot, agent, day.ring, day.db.shared_number)
    chooser = pages.chooser
    assert pages.currentWidget() is chooser
    names = [chooser.model.match_at(row).name for row in range(chooser.model.rowCount())]
    assert sorted(names) == ["佐藤 一郎", "佐藤 花子"]  # the erased holder of the number is nobody's choice
    chooser.table.setFocus()
    chooser.table.setCurrentIndex(chooser.model.index(names.index("佐藤 一郎"), 0))
    with qtbot.waitSignal(agent.flow.record_opened, timeout=10_000):
        qtbot.keyClick(chooser.table, Qt.Key.Key_Return)
    assert pages.record_panel.name_label.text() == "佐藤 一郎"

    wizard = start_inquiry(qtbot, agent, 5)
    walk(qtbot, wizard, "verify_identity")
    page = wizard.page
    assert isinstance(page, IdentityStepPage)
    key(qtbot, "2")  # call back the registered number
    qtbot.waitUntil(lambda: page.chosen_method().value == "callback")
    assert page.dialled.currentText() == "03-1234-5678"
    page.callback_answered.click()
    key(qtbot, "K")
    qtbot.waitUntil(page.is_ready, timeout=10_000)
    next_step(qtbot, wizard)
    choose(qtbot, wizard, 1)  # no legal ground: his wish
    choose(qtbot, wizard, 1)  # still wants the deletion
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "propose_erasure")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    case_id = the_case(day.db).id
    assert state_of(day.db, case_id) is CaseState.AWAITING_APPROVAL

    supervisor = day.supervisor
    assert open_from_queue(day, supervisor, case_id)
    run_case_action(qtbot, supervisor, CaseAction.APPROVE, "未発送の注文がないことを確認")
    assert state_of(day.db, case_id) is CaseState.COMPLETED
    ichiro = customer(day.db, ICHIRO)
    assert (ichiro.state, ichiro.name, ichiro.phones) == (CustomerState.ERASED, None, [])
    [letter] = letters_of(day, case_id)
    assert (letter.kind, letter.voided_at) == (LetterKind.DELETION_COMPLETED, None)
    return case_id


def fee_arrives_and_the_disclosure_is_completed(day: Day, case_id: int) -> None:
    """The morning's fee arrives by post: recorded, the letter made, the case completed."""
    qtbot, agent = day.qtbot, day.agent
    assert not open_from_queue(day, agent, case_id)
    run_case_action(qtbot, agent, CaseAction.RECORD_FEE_RECEIVED)
    assert state_of(day.db, case_id) is CaseState.FEE_RECEIVED
    make_letter(day, agent)
    run_case_action(qtbot, agent, CaseAction.COMPLETE)
    assert state_of(day.db, case_id) is CaseState.COMPLETED


def locked_mid_script_and_another_agent_takes_over(day: Day) -> int:
    """Half-way through 田中 次郎's change of e-mail the agent steps away: Ctrl+Shift+L, and nothing of
    anyone shows. 加藤 signs in at the same desk and starts clean, then takes a report of a suspicious call.
    Returns the case left part-way."""
    qtbot, agent = day.qtbot, day.agent
    answer_call(qtbot, agent, day.ring, day.db.single_number)
    assert agent.pages.record_panel.name_label.text() == "田中 次郎"
    wizard = start_inquiry(qtbot, agent, 3)
    walk(qtbot, wizard, "verify_identity")
    verify_by_question(qtbot, wizard, 0, "1972-03-14")
    walk(qtbot, wizard, "target")
    choose(qtbot, wizard, 4)  # the e-mail address
    type_and_next(qtbot, wizard, NEW_EMAIL)
    assert wizard.current_step == "read_back"
    left_part_way = the_case(day.db).id
    qtbot.waitUntil(lambda: not agent.case_page.work.busy, timeout=10_000)  # the draft is saved
    assert "田中 次郎" in visible_text(agent)

    with qtbot.waitSignal(agent.locked, timeout=10_000):
        qtbot.keyClick(focused(), Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    shown = visible_text(agent)
    assert "Locked — sign in to continue" in shown
    for personal in (*PERSONAL, NEW_EMAIL):
        assert personal not in shown, personal
    assert not agent.calls_dock.isVisible()
    assert not agent.new_inquiry_action.isEnabled()

    kato = sign_in_with_password(qtbot, agent, KATO, KATO_PASSWORD)
    assert kato is not None
    assert agent.agent == kato
    assert not agent.is_locked
    assert agent.pages.currentWidget() is agent.pages.search_pane
    assert agent.pages.record_panel.record is None
    assert (agent.case_page.case, agent.case_page.wizard) == (None, None)
    assert not agent.pages.previous_call_bar.isVisible()
    assert agent.banner.match_label.text() == ""
    assert "加藤 美咲" in visible_text(agent)
    # The Calls dock is the line's log, read by every agent signed in (it names the day's callers once it
    # has reloaded), and the call still on the line stays on the banner by its number, not whose it is;
    # the pages and the Cases dock hold nothing of the last agent's work.
    qtbot.waitUntil(lambda: agent.call_log_view.model.rowCount() > 0, timeout=10_000)
    assert agent.banner.number_label.text() == day.db.single_number
    held = held_text(agent.pages) + held_text(agent.work_queue_view) + agent.banner.match_label.text()
    for personal in (*PERSONAL, NEW_EMAIL):
        assert personal not in held, personal
    # The other agent's script is hers: not in 加藤's Cases dock.
    activate(qtbot, agent)
    with qtbot.waitSignal(agent.work_queue_view.loaded, timeout=10_000):
        qtbot.keyClick(agent, Qt.Key.Key_F5)
    assert left_part_way not in [row.case_id for row in agent.work_queue_view.model.rows]

    answer_call(qtbot, agent, day.ring, day.db.unmatched_number)
    assert agent.pages.currentWidget() is agent.pages.search_pane
    wizard = start_inquiry(qtbot, agent, 7, about_customer=False)
    walk(qtbot, wizard, "channel")
    choose(qtbot, wizard, 2)  # a phone call
    type_and_next(qtbot, wizard, "0120 444 555")
    type_and_next(qtbot, wizard, japan_today().isoformat())
    type_and_next(qtbot, wizard, "株式会社テスト通販 お客様係")
    choose(qtbot, wizard, 3)  # gave personal information
    type_and_next(qtbot, wizard, "")
    walk(qtbot, wizard, "record_report")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    case = the_case(day.db)
    assert (case.kind, case.state, case.opened_by_id) == (
        CaseKind.SUSPICIOUS_REPORT,
        CaseState.COMPLETED,
        kato.id,
    )
    with day.db.factory() as session:
        report = session.scalars(select(SuspiciousReport).where(SuspiciousReport.case_id == case.id)).one()
        assert report.shown_number_e164 == "+81120444555"
    return left_part_way


def the_first_agent_comes_back_and_finishes_her_script(day: Day, case_id: int) -> None:
    """加藤 locks the desk; 山田 signs in and her script opens where she left it; she finishes it."""
    qtbot, agent = day.qtbot, day.agent
    activate(qtbot, agent)
    with qtbot.waitSignal(agent.locked, timeout=10_000):
        qtbot.keyClick(agent, Qt.Key.Key_L, CTRL | Qt.KeyboardModifier.ShiftModifier)
    yamada = sign_in_with_password(qtbot, agent, day.db.agent_login, YAMADA_PASSWORD)
    assert yamada is not None
    qtbot.waitUntil(lambda: agent.case_page.wizard is not None, timeout=10_000)
    wizard = agent.case_page.wizard
    assert wizard is not None
    assert agent.case_page.case is not None
    assert agent.case_page.case.case_id == case_id
    assert wizard.current_step == "read_back"
    assert {label: shown.text() for label, shown in wizard.page.read_back.items()} == {
        "メールアドレス": NEW_EMAIL
    }
    activate(qtbot, agent)
    wizard.focus_step()
    tick_and_next(qtbot, wizard)
    walk(qtbot, wizard, "apply_correction")
    next_step(qtbot, wizard)
    walk(qtbot, wizard, "notes")
    finish(qtbot, agent, wizard)
    assert state_of(day.db, case_id) is CaseState.COMPLETED
    assert customer(day.db, TANAKA).email == NEW_EMAIL
    make_letter(day, agent)


def mail_room_marks_the_disclosure_mailed(day: Day, disclosure: int) -> int:
    """加藤 posts 田中 次郎's disclosure in the mail room: it leaves the list."""
    qtbot, agent = day.qtbot, day.agent
    rows = mail_room(day, agent)
    [row] = [row for row in rows if row.case_id == disclosure]
    room = agent.mail_room
    room.table.selectRow(rows.index(row))
    room.ask_mailed()
    qtbot.waitUntil(lambda: room.current_dialog is not None and room.current_dialog.isVisible())
    dialog = room.current_dialog
    assert dialog is not None
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        dialog.accept()
    activate(qtbot, agent)
    return row.letter_id
