"""The registers page: every filter of both registers, paging, the count tables, and opening a case."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest
from PySide6.QtCore import QDate, QModelIndex, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.domain.enums import AgentRole, CaseKind, ComplaintCategory, ReportChannel
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.opening import open_case
from desk_app.services.cases.register_search import search_reports
from desk_app.services.cases.registers import record_complaint, record_report, report_of
from desk_app.services.incidents.report_links import link_report
from desk_app.storage.models import Agent
from tests.support.leak_incidents import open_leak_incident
from ui.common.background import BackgroundRunner
from ui.supervision.complaint_register import ComplaintRegister
from ui.supervision.registers_page import RegistersPage
from ui.supervision.report_register import ReportRegister

if TYPE_CHECKING:
    from conftest import DeskDatabase

NOW = dt.datetime(2026, 11, 26, 3, 0, tzinfo=dt.UTC)
C = ComplaintCategory
SUPERVISOR_LOGIN = "kanri"


def opened(desk_db: DeskDatabase, kind: CaseKind) -> int:
    with desk_db.factory.begin() as session:
        return open_case(
            session,
            kind=kind,
            customer_id=None,
            agent_id=desk_db.agent_id,
            received_at=NOW,
            target_days=14,
            now=NOW,
        ).case_id


def complaint(desk_db: DeskDatabase, category: ComplaintCategory, details: str, *, escalate: bool) -> int:
    case_id = opened(desk_db, CaseKind.COMPLAINT)
    with desk_db.factory.begin() as session:
        record_complaint(
            session,
            case_id,
            agent_id=desk_db.agent_id,
            category=category,
            details=details,
            answer_given=None if escalate else "お詫びしてご説明した",
            escalate=escalate,
            # No customer: a supervisor calls back the number the caller gave.
            callback_number="090-3333-4444" if escalate else None,
            now=NOW,
        )
    return case_id


def report(desk_db: DeskDatabase, **values: Any) -> int:
    fields: dict[str, Any] = {
        "channel": ReportChannel.SMS,
        "received_on": dt.date(2026, 11, 18),
        "claimed_sender": "ABC通販 お客様センター",
        "shown_number": "03-1234-5678",
        "shown_url": None,
        "paid": False,
        "disclosed": True,
        "details": "未払い料金があると言われた",
    }
    fields.update(values)
    case_id = opened(desk_db, CaseKind.SUSPICIOUS_REPORT)
    with desk_db.factory.begin() as session:
        record_report(session, case_id, agent_id=desk_db.agent_id, now=NOW, **fields)
    return case_id


@pytest.fixture
def complaints(desk_db: DeskDatabase) -> dict[str, int]:
    return {
        "mailings": complaint(
            desk_db, C.UNWANTED_MAILINGS, "停止を依頼したのにカタログが届いた", escalate=False
        ),
        "staff": complaint(desk_db, C.STAFF_CONDUCT, "担当者の言葉遣い\n二度目の電話です", escalate=True),
        "leak": complaint(desk_db, C.LEAK_OR_MISUSE, "Catalogue from another company", escalate=True),
    }


@pytest.fixture
def reports(desk_db: DeskDatabase) -> dict[str, int]:
    return {
        "sms": report(desk_db, received_on=dt.date(2026, 11, 1)),
        "phone": report(
            desk_db,
            channel=ReportChannel.PHONE,
            received_on=dt.date(2026, 11, 10),
            claimed_sender="ａｂｃ通販お客様 センター",
            shown_number="+81 3-1234-5678",
            paid=True,
        ),
        "post": report(
            desk_db,
            channel=ReportChannel.POST,
            received_on=dt.date(2026, 11, 12),
            claimed_sender="国民生活 センター",
            shown_number="090-1111-2222",
        ),
        "email": report(
            desk_db,
            channel=ReportChannel.EMAIL,
            received_on=dt.date(2026, 11, 15),
            claimed_sender="ABC通販100%還元",
            shown_number=None,
            shown_url="https://abc-tsuhan.example/login",
        ),
    }


@pytest.fixture
def page(qtbot: QtBot, runner: BackgroundRunner) -> RegistersPage:
    registers = RegistersPage(runner)
    qtbot.addWidget(registers)
    registers.resize(1200, 800)
    return registers


def supervisor(desk_db: DeskDatabase) -> AgentInfo:
    """A supervisor on record (the core checks the role the database holds, not the one claimed here)."""
    with desk_db.factory.begin() as session:
        found = session.scalars(select(Agent).where(Agent.login == SUPERVISOR_LOGIN)).one_or_none()
        if found is None:
            found = Agent(
                login=SUPERVISOR_LOGIN, display_name="管理 主任", role=AgentRole.SUPERVISOR, created_at=NOW
            )
            session.add(found)
            session.flush()
        return AgentInfo(found.id, found.login, found.display_name, found.role)


def sign_in(qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase) -> None:
    agent = supervisor(desk_db)
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.set_agent(agent)


def complaint_cases(register: ComplaintRegister) -> list[int]:
    return [row.case_id for row in register.model.rows]


def report_cases(register: ReportRegister) -> list[int]:
    return [row.case_id for row in register.model.rows]


def test_the_complaint_register_lists_newest_first_with_labels(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, complaints: dict[str, int]
) -> None:
    sign_in(qtbot, page, desk_db)
    register = page.complaints
    assert complaint_cases(register) == [complaints["leak"], complaints["staff"], complaints["mailings"]]
    model = register.model
    staff = [model.index(1, column).data() for column in range(model.columnCount())]
    assert staff[2:] == [
        "Staff conduct",
        "Yes",
        "Not yet",
        "090-3333-4444",  # where the supervisor calls back
        "In progress",
        "担当者の言葉遣い",
    ]
    assert staff[1].startswith("2026-11-26 12:00")
    assert model.index(1, 7).data(Qt.ItemDataRole.ToolTipRole) == "担当者の言葉遣い\n二度目の電話です"
    mailings = [model.index(2, column).data() for column in range(2, 7)]
    assert mailings == ["Unwanted catalogues, mail or contact", "No", "Yes", "", "Completed"]
    assert register.status.text() == "3 complaints"


def test_each_complaint_filter_searches(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, complaints: dict[str, int]
) -> None:
    sign_in(qtbot, page, desk_db)
    register = page.complaints
    # Choosing in a combo searches at once.
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.category.setCurrentIndex(register.category.findData(C.STAFF_CONDUCT.value))
    assert complaint_cases(register) == [complaints["staff"]]
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.category.setCurrentIndex(0)
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.escalated.setCurrentIndex(register.escalated.findData(True))
    assert complaint_cases(register) == [complaints["leak"], complaints["staff"]]
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.escalated.setCurrentIndex(register.escalated.findData(False))
    assert complaint_cases(register) == [complaints["mailings"]]
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.escalated.setCurrentIndex(0)
    # Words are searched in the details and the answer, ignoring case; Enter in the field searches.
    register.text.setText("catalogue")
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.text, Qt.Key.Key_Return)
    assert complaint_cases(register) == [complaints["leak"]]
    register.text.setText("お詫び")
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.search_button.click()
    assert complaint_cases(register) == [complaints["mailings"]]
    register.text.setText("no such words")
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.text, Qt.Key.Key_Enter)
    assert complaint_cases(register) == []
    assert register.table.placeholder == "No complaint matches"


def test_the_complaint_register_pages_by_keyset(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, complaints: dict[str, int]
) -> None:
    extra = [complaint(desk_db, C.OTHER, f"その他 {n}", escalate=False) for n in range(3)]
    page.complaints.page_size = 2
    sign_in(qtbot, page, desk_db)
    model = page.complaints.model
    assert model.rowCount() >= 2
    while model.has_more or model.fetching:
        qtbot.waitUntil(lambda: not model.fetching, timeout=10_000)
        if model.canFetchMore(QModelIndex()):
            with qtbot.waitSignal(model.page_loaded, timeout=10_000):
                model.fetchMore(QModelIndex())
    expected = [*reversed(extra), complaints["leak"], complaints["staff"], complaints["mailings"]]
    assert complaint_cases(page.complaints) == expected
    assert page.complaints.status.text() == "6 complaints"


def test_the_report_register_shows_each_report_in_words(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, reports: dict[str, int]
) -> None:
    sign_in(qtbot, page, desk_db)
    register = page.reports
    assert report_cases(register) == [reports["email"], reports["post"], reports["phone"], reports["sms"]]
    model = register.model
    phone = [model.index(2, column).data() for column in range(1, model.columnCount())]
    assert phone == ["2026-11-10", "Phone", "ａｂｃ通販お客様 センター", "03-1234-5678", "", "Yes", "Yes", ""]
    email = [model.index(0, column).data() for column in range(1, model.columnCount())]
    assert email == [
        "2026-11-15",
        "E-mail",
        "ABC通販100%還元",
        "",
        "https://abc-tsuhan.example/login",
        "No",
        "Yes",
        "",
    ]
    assert register.status.text() == "4 reports"


def test_each_report_filter_searches(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, reports: dict[str, int]
) -> None:
    sign_in(qtbot, page, desk_db)
    register = page.reports
    # The number in any form a caller reads it out; Enter in the field searches.
    register.number.setText("０３（１２３４）５６７８")
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.number, Qt.Key.Key_Return)
    assert report_cases(register) == [reports["phone"], reports["sms"]]
    register.number.clear()
    # The sender however it was typed.
    register.claimed_sender.setText("ABC通販お客様センター")
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.claimed_sender, Qt.Key.Key_Return)
    assert report_cases(register) == [reports["phone"], reports["sms"]]
    register.claimed_sender.clear()
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.set_channel(ReportChannel.POST)
    assert report_cases(register) == [reports["post"]]
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.set_channel(None)
    # Both ends of the dates are included; Enter in a date field searches.
    register.since.setDate(QDate(2026, 11, 10))
    register.until.setDate(QDate(2026, 11, 12))
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.until, Qt.Key.Key_Return)
    assert report_cases(register) == [reports["post"], reports["phone"]]
    register.since.setDate(register.since.minimumDate())
    with qtbot.waitSignal(register.searched, timeout=10_000):
        register.search_button.click()
    assert register.current_filter().since is None
    assert report_cases(register) == [reports["post"], reports["phone"], reports["sms"]]


def test_a_number_that_is_no_phone_number_is_said_plainly(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, reports: dict[str, int]
) -> None:
    sign_in(qtbot, page, desk_db)
    register = page.reports
    register.number.setText("abc")
    with qtbot.waitSignal(register.search_failed, timeout=10_000):
        register.search()
    assert register.status.text().startswith("“abc” is not a phone number")
    assert register.model.rowCount() == 0


def test_the_count_tables_count_and_activating_a_line_searches_it(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, reports: dict[str, int]
) -> None:
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.reports)
    register = page.reports
    with qtbot.waitSignal(register.counts_loaded, timeout=10_000):
        sign_in(qtbot, page, desk_db)
    numbers = [(row.label, row.count) for row in register.number_counts.rows]
    assert numbers == [("03-1234-5678", 2), ("090-1111-2222", 1)]
    assert register.number_counts.index(0, 1).data() == "2"
    senders = [row.count for row in register.sender_counts.rows]
    assert senders == [2, 1, 1]
    # The dates of the filter bound the counts too.
    register.since.setDate(QDate(2026, 11, 5))
    with qtbot.waitSignal(register.counts_loaded, timeout=10_000):
        register.search()
    assert [(row.label, row.count) for row in register.number_counts.rows] == [
        ("090-1111-2222", 1),
        ("03-1234-5678", 1),
    ]
    register.since.setDate(register.since.minimumDate())
    with qtbot.waitSignal(register.counts_loaded, timeout=10_000):
        register.search()

    register.number_table.setFocus()
    register.number_table.setCurrentIndex(register.number_counts.index(1, 0))
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.number_table, Qt.Key.Key_Return)
    assert register.number.text() == "090-1111-2222"
    assert report_cases(register) == [reports["post"]]

    register.sender_table.setFocus()
    register.sender_table.setCurrentIndex(register.sender_counts.index(0, 0))
    with qtbot.waitSignal(register.searched, timeout=10_000):
        qtbot.keyClick(register.sender_table, Qt.Key.Key_Return)
    assert register.claimed_sender.text() == register.sender_counts.rows[0].label
    assert register.number.text() == ""
    assert report_cases(register) == [reports["phone"], reports["sms"]]


def test_enter_on_a_register_row_asks_for_its_case(
    qtbot: QtBot,
    page: RegistersPage,
    desk_db: DeskDatabase,
    complaints: dict[str, int],
    reports: dict[str, int],
) -> None:
    page.show()
    qtbot.waitExposed(page)
    sign_in(qtbot, page, desk_db)
    table = page.complaints.table
    table.setFocus()
    table.setCurrentIndex(page.complaints.model.index(1, 0))
    with qtbot.waitSignal(page.case_requested, timeout=5_000) as requested:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert requested.args == [complaints["staff"]]
    page.tabs.setCurrentWidget(page.reports)
    table = page.reports.table
    table.setFocus()
    table.setCurrentIndex(page.reports.model.index(0, 0))
    with qtbot.waitSignal(page.case_requested, timeout=5_000) as requested:
        qtbot.keyClick(table, Qt.Key.Key_Enter)
    assert requested.args == [reports["email"]]


def test_a_supervisor_links_a_report_to_a_leak_incident_and_unlinks_it(
    qtbot: QtBot, page: RegistersPage, desk_db: DeskDatabase, reports: dict[str, int]
) -> None:
    """Alt+K on a report: the open incidents, the one whose linked reports share its number first and
    marked; Link, and the row names the incident; Alt+K again, confirmed, and the link is gone."""
    chief = supervisor(desk_db).id
    quiet = open_leak_incident(desk_db.factory, chief, title="宛名データの誤送付")
    leak = open_leak_incident(desk_db.factory, chief)
    with desk_db.factory.begin() as session:
        linked = report_of(session, reports["sms"])  # shows 03-1234-5678, as the phone report does
        assert linked is not None
        link_report(session, chief, linked.report_id, leak, now=NOW)
    page.show()
    qtbot.waitExposed(page)
    page.tabs.setCurrentWidget(page.reports)
    sign_in(qtbot, page, desk_db)
    register = page.reports
    incident_column = register.model.columnCount() - 1
    phone_row = report_cases(register).index(reports["phone"])
    assert register.model.index(phone_row, incident_column).data() == ""
    register.table.setFocus()
    register.table.setCurrentIndex(register.model.index(phone_row, 0))
    assert register.link_button.text() == "Lin&k to incident…"
    qtbot.keyClick(register.table, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: register.link_dialog is not None and register.link_dialog.isVisible())
    dialog = register.link_dialog
    assert dialog is not None
    offered = [dialog.incidents.itemText(row) for row in range(dialog.incidents.count())]
    assert offered == [
        f"{leak}  配送委託先への不正アクセス  (looks connected: same sender or number)",
        f"{quiet}  宛名データの誤送付",
    ]
    with qtbot.waitSignal(register.searched, timeout=10_000):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    phone_row = report_cases(register).index(reports["phone"])
    assert register.model.index(phone_row, incident_column).data() == leak
    register.table.setCurrentIndex(register.model.index(phone_row, 0))
    assert register.link_button.text() == "Unlin&k from incident…"
    register.link_button.click()
    qtbot.waitUntil(lambda: register.unlink_box is not None and register.unlink_box.isVisible())
    box = register.unlink_box
    assert box is not None
    assert leak in box.text()
    with qtbot.waitSignal(register.searched, timeout=10_000):
        box.button(QMessageBox.StandardButton.Yes).click()
    phone_row = report_cases(register).index(reports["phone"])
    assert register.model.index(phone_row, incident_column).data() == ""
    with desk_db.factory() as session:
        assert search_reports(session, viewer_id=chief, incident_no=leak)[0].case_id == reports["sms"]


def test_signing_out_empties_the_registers(
    qtbot: QtBot,
    page: RegistersPage,
    desk_db: DeskDatabase,
    complaints: dict[str, int],
    reports: dict[str, int],
) -> None:
    sign_in(qtbot, page, desk_db)
    assert page.complaints.model.rowCount() == 3
    page.set_agent(None)
    assert page.complaints.model.rowCount() == 0
    assert page.reports.model.rowCount() == 0
    assert page.reports.number_counts.rowCount() == 0
    page.refresh()
    page.complaints.search()
    assert page.complaints.model.rowCount() == 0
    sign_in(qtbot, page, desk_db)
    assert page.complaints.model.rowCount() == 3


def test_an_agent_claiming_to_be_a_supervisor_reads_no_register(
    qtbot: QtBot,
    page: RegistersPage,
    desk_db: DeskDatabase,
    runner: BackgroundRunner,
    complaints: dict[str, int],
    reports: dict[str, int],
) -> None:
    """The registers search as the agent signed in; the core goes by the role on record."""
    claimed = AgentInfo(desk_db.agent_id, desk_db.agent_login, desk_db.agent_name, AgentRole.SUPERVISOR)
    shown: list[Exception] = []
    runner.show_error = shown.append  # type: ignore[method-assign]
    with (
        qtbot.waitSignal(page.complaints.search_failed, timeout=10_000) as complaints_failed,
        qtbot.waitSignal(page.reports.search_failed, timeout=10_000) as reports_failed,
    ):
        page.set_agent(claimed)
    for failed in (complaints_failed, reports_failed):
        assert isinstance(failed.args[0], PermissionError)
    assert page.complaints.model.rowCount() == 0
    assert page.reports.model.rowCount() == 0
    assert page.reports.number_counts.rowCount() == 0
    assert page.reports.sender_counts.rowCount() == 0


@pytest.mark.parametrize("table", ["complaints", "reports", "number_counts", "sender_counts"])
def test_register_models_keep_qt_rules(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    page: RegistersPage,
    desk_db: DeskDatabase,
    complaints: dict[str, int],
    reports: dict[str, int],
    table: str,
) -> None:
    with qtbot.waitSignal(page.reports.counts_loaded, timeout=10_000):
        sign_in(qtbot, page, desk_db)
    models = {
        "complaints": page.complaints.model,
        "reports": page.reports.model,
        "number_counts": page.reports.number_counts,
        "sender_counts": page.reports.sender_counts,
    }
    model = models[table]
    assert model.rowCount() > 0
    qtmodeltester.check(model, force_py=True)
