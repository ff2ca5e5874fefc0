"""The mail room in the window: the queue of letters, preview, a batch printed to a PDF-format printer with
progress and cancel, export of the identical bytes, and marking letters mailed; the case's Letter button."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desk_app.config import CompanyProfile
from desk_app.domain.enums import AccessAction, CaseState, LetterKind
from desk_app.services.cases import letters
from desk_app.services.cases.letter_views import MailMethod
from desk_app.storage.models import AccessLogEntry, Letter
from tests.support.letter_cases import TODAY, LetterCases, Purchase
from ui.mail_room.mail_room_page import MailRoomPage, file_name
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import CustomerFactory, DeskDatabase


def make_letters(desk_db: DeskDatabase, count: int) -> list[int]:
    """`count` decided disclosures with their letters generated, oldest first."""
    cases = LetterCases(desk_db.factory)
    ids = []
    for number in range(count):
        customer = cases.customer(
            name=f"山田 花子{number}",
            purchases=[
                Purchase(order_no=f"M{number:04d}", products=(("ドラム式洗濯乾燥機", 1),), amount_yen=9800)
            ],
        )
        case_id = cases.disclosure(customer)
        with desk_db.factory.begin() as session:
            ids.append(
                letters.generate_letter(
                    session, case_id, agent_id=cases.agent, company=CompanyProfile()
                ).letter_id
            )
    return ids


@pytest.fixture
def room(qtbot: QtBot, main_window: MainWindow) -> MailRoomPage:
    page = main_window.mail_room
    main_window.pages.setCurrentWidget(page)
    return page


def refresh(qtbot: QtBot, room: MailRoomPage) -> None:
    # The load signing in started may still be on its way; the `loaded` waited for must be this one.
    qtbot.waitUntil(lambda: not room.work.busy, timeout=10_000)
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        room.refresh()


def stored(desk_db: DeskDatabase) -> dict[int, Letter]:
    with desk_db.factory() as session:
        return {letter.id: letter for letter in session.scalars(select(Letter))}


def test_the_queue_lists_every_letter_waiting_and_says_so_when_empty(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase
) -> None:
    refresh(qtbot, room)
    assert room.table.placeholder == "No letters waiting"
    assert room.model.rowCount() == 0
    ids = make_letters(desk_db, 3)
    refresh(qtbot, room)
    assert [row.letter_id for row in room.model.rows] == ids
    assert room.model.index(0, 1).data() == "Disclosure"
    assert room.model.index(0, 2).data() == "Post"
    assert room.status.text() == "3 letters waiting"


def test_a_batch_prints_every_letter_in_one_job_and_records_it(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    make_letters(desk_db, 3)
    refresh(qtbot, room)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "batch.pdf"))
    with qtbot.waitSignal(room.batch_finished, timeout=60_000) as finished:
        room.print_letters(room.chosen_rows(), printer)
    assert finished.args == [3]
    pages = sum(len(PdfReader(io.BytesIO(letter.pdf)).pages) for letter in stored(desk_db).values())
    assert len(PdfReader(tmp_path / "batch.pdf").pages) == pages
    qtbot.waitUntil(lambda: all(letter.printed_at for letter in stored(desk_db).values()), timeout=10_000)
    with desk_db.factory() as session:
        prints = session.scalars(
            select(AccessLogEntry).where(AccessLogEntry.action == AccessAction.PRINT)
        ).all()
    assert len(prints) == 3


def test_cancel_stops_a_batch_between_letters(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    make_letters(desk_db, 3)
    refresh(qtbot, room)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "cancelled.pdf"))

    def press_cancel(done: int, _total: int) -> None:
        if done == 1 and room.progress is not None:
            room.progress.findChild(QPushButton).click()  # the progress dialog's Cancel

    room.batch_progress.connect(press_cancel)
    with qtbot.waitSignal(room.batch_finished, timeout=60_000) as finished:
        room.print_letters(room.chosen_rows(), printer)
    assert finished.args == [1]
    assert room.status.text() == "1 of 3 letters printed"
    qtbot.waitUntil(lambda: not room.work.busy, timeout=10_000)
    [printed] = [letter for letter in stored(desk_db).values() if letter.printed_at]
    # The print holds that one letter's pages and no more (a disclosure may run to a second page).
    pages = len(PdfReader(io.BytesIO(printed.pdf)).pages)
    assert len(PdfReader(tmp_path / "cancelled.pdf").pages) == pages


def test_export_writes_the_identical_stored_bytes(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    make_letters(desk_db, 2)
    refresh(qtbot, room)
    rows = room.chosen_rows()
    umask = os.umask(0o022)  # the usual one, under which files are made readable by everyone
    try:
        with qtbot.waitSignal(room.batch_finished, timeout=30_000) as finished:
            room.export_letters(rows, tmp_path)
    finally:
        os.umask(umask)
    assert finished.args == [2]
    on_file = stored(desk_db)
    for row in rows:
        written = (tmp_path / file_name(row)).read_bytes()
        assert hashlib.sha256(written).hexdigest() == on_file[row.letter_id].sha256
        assert stat.S_IMODE((tmp_path / file_name(row)).stat().st_mode) == 0o600
    assert room.status.text() == f"2 letters written to {tmp_path}"


def test_an_unwritable_folder_is_said_plainly(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    make_letters(desk_db, 1)
    refresh(qtbot, room)
    with qtbot.waitSignal(room.batch_finished, timeout=30_000):
        room.export_letters(room.chosen_rows(), tmp_path / "no-such-folder")
    assert room.status.text().startswith("The folder cannot be written to")


def test_marking_mailed_takes_the_letters_off_the_queue_with_method_and_day(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase
) -> None:
    first, second = make_letters(desk_db, 2)
    refresh(qtbot, room)
    room.table.selectRow(0)
    room.ask_mailed()
    qtbot.waitUntil(lambda: room.current_dialog is not None and room.current_dialog.isVisible())
    dialog = room.current_dialog
    assert dialog is not None
    dialog.method.setCurrentIndex(dialog.method.findData(MailMethod.SIMPLE_REGISTERED.value))
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        dialog.accept()
    assert [row.letter_id for row in room.model.rows] == [second]
    mailed = stored(desk_db)[first]
    assert (mailed.mail_method, mailed.mailed_at is not None) == ("simple_registered", True)


def test_the_cases_letter_button_makes_previews_and_queues_the_letter(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    customer = cases.customer(
        purchases=[Purchase(order_no="M0001", products=(("電気ケトル", 1),), amount_yen=3980)]
    )
    case_id = cases.disclosure(customer)
    with qtbot.waitSignal(main_window.case_page.case_changed, timeout=10_000):
        main_window.open_case(case_id)
    bar = main_window.case_page.actions_bar
    qtbot.waitUntil(bar.letter_button.isVisible)
    with qtbot.waitSignal(bar.letter_made, timeout=20_000):
        bar.letter_button.click()
    qtbot.waitUntil(lambda: bar.preview is not None and bar.preview.isVisible())
    assert bar.preview is not None
    assert bar.preview.pdf.page_count >= 1
    [letter] = stored(desk_db).values()
    assert letter.kind is LetterKind.DISCLOSURE
    bar.preview.reject()
    qtbot.waitUntil(lambda: any(row.letter_id == letter.id for row in main_window.mail_room.model.rows))
    # Asking again finds the same letter: one letter per case until it is mailed.
    with qtbot.waitSignal(bar.letter_made, timeout=20_000):
        bar.letter_button.click()
    assert len(stored(desk_db)) == 1


def test_the_case_shows_its_call_and_its_letters_with_their_state(
    qtbot: QtBot, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    customer = cases.customer(
        purchases=[Purchase(order_no="M0002", products=(("加湿器", 1),), amount_yen=5980)]
    )
    case_id = cases.disclosure(customer)
    with desk_db.factory.begin() as session:
        letter = letters.generate_letter(session, case_id, agent_id=cases.agent, company=CompanyProfile())
        letters.mark_mailed(
            session, [letter.letter_id], agent_id=cases.agent, method=MailMethod.SIMPLE_REGISTERED, on=TODAY
        )
    bar = main_window.case_page.actions_bar
    main_window.open_case(case_id)
    qtbot.waitUntil(lambda: "Letter:" in bar.links_label.text(), timeout=10_000)
    assert bar.links_label.text() == f"Letter: Disclosure, mailed {TODAY.isoformat()} (簡易書留)"
    qtbot.waitUntil(lambda: bar.timeline.count() > 0)
    timeline = [bar.timeline.item(row).text() for row in range(bar.timeline.count())]
    assert any(line.endswith("Letter made: Disclosure") for line in timeline)
    assert any(line.endswith("Letter mailed: Disclosure") for line in timeline)


def test_the_mail_room_shows_case_states_and_never_mails_a_held_or_void_letter(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    customer = cases.customer()
    made = {}
    for name in ("ready", "pending", "refused"):
        case_id = cases.disclosure(customer, waive="生活保護受給のため", complete=False)
        with desk_db.factory.begin() as session:
            made[name] = letters.generate_letter(
                session, case_id, agent_id=cases.agent, company=CompanyProfile()
            ).letter_id
        if name != "ready":
            cases.propose_refusal(case_id, "第三者の権利利益を害するおそれ")
        if name == "refused":
            cases.decide(case_id, CaseState.REFUSED, "承認")
    refresh(qtbot, room)
    # The refused case's disclosure is void: gone from the queue. The pending one is listed, on hold.
    assert [row.letter_id for row in room.model.rows] == [made["ready"], made["pending"]]
    headers = [
        room.model.headerData(column, Qt.Orientation.Horizontal) for column in range(room.model.columnCount())
    ]
    state, status = headers.index("Case state"), headers.index("Status")
    assert room.model.index(0, state).data() == "In progress"
    assert room.model.index(0, status).data() == "Ready to mail"
    assert room.model.index(1, state).data() == "Awaiting approval"
    assert room.model.index(1, status).data() == "On hold: case not decided"
    assert room.status.text() == "2 letters waiting, 1 of them on hold (the Status column says why)"
    # Nothing selected means every letter: only the ready one is offered for mailing.
    room.ask_mailed()
    qtbot.waitUntil(lambda: room.current_dialog is not None and room.current_dialog.isVisible())
    assert room.status.text() == "1 letters on hold were left out (the Status column says why)"
    dialog = room.current_dialog
    assert dialog is not None
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        dialog.accept()
    on_file = stored(desk_db)
    assert on_file[made["ready"]].mailed_at is not None
    assert on_file[made["pending"]].mailed_at is None
    assert on_file[made["refused"]].voided_at is not None
    assert [row.letter_id for row in room.model.rows] == [made["pending"]]


def test_the_mail_room_brought_forward_again_shows_what_became_of_the_cases_meanwhile(
    qtbot: QtBot, room: MailRoomPage, main_window: MainWindow, desk_db: DeskDatabase
) -> None:
    cases = LetterCases(desk_db.factory)
    held, voided = cases.waived_disclosures_with_letters(2)
    refresh(qtbot, room)
    assert [(row.case_id, row.mailable) for row in room.model.rows] == [(held, True), (voided, True)]
    main_window.pages.setCurrentWidget(main_window.case_log)
    # Meanwhile, at this desk or another: a refusal proposed on one case, approved on the other.
    for case_id in (held, voided):
        cases.propose_refusal(case_id, "第三者の権利利益を害するおそれ")
    cases.decide(voided, CaseState.REFUSED, "承認")

    # Whoever looks at the mail room next sees the cases as they are, without pressing Refresh.
    with qtbot.waitSignal(room.loaded, timeout=10_000):
        main_window.pages.setCurrentWidget(room)
    assert [(row.case_id, row.case_state, row.mailable) for row in room.model.rows] == [
        (held, CaseState.AWAITING_APPROVAL, False)
    ]
    assert room.model.index(0, 6).data() == "On hold: case not decided"


def test_a_leak_notice_held_since_its_customer_was_reported_deceased_says_so(
    qtbot: QtBot, room: MailRoomPage, desk_db: DeskDatabase, supervisor_id: int, add_customer: CustomerFactory
) -> None:
    import dataclasses
    import datetime as dt

    from desk_app.services.customers.deceased import record_death
    from desk_app.services.incidents import notices, register
    from tests.support.incidents import add_incident, attach

    now = dt.datetime.now(dt.UTC)
    incident_no = add_incident(
        desk_db, supervisor_id, "顧客リストの流出", now - dt.timedelta(days=1), now=now
    )
    told = {
        "what_happened": "委託先のサーバーに不正アクセスがありました。",
        "items": "氏名、住所",
        "cause": "設定不備",
        "secondary_harm": "なりすましのお電話のおそれがあります。",
        "measures": "設定を見直しました。",
    }
    with desk_db.factory.begin() as session:
        detail = register.incident_detail(
            session, supervisor_id, incident_no, today=now.date(), preliminary_days=5
        )
        fields = dataclasses.replace(detail.fields, **told)
        register.update_incident(session, supervisor_id, incident_no, fields, now=now)
    alive, dead = add_customer(name="顧客 一"), add_customer(name="顧客 二")
    attach(desk_db, incident_no, [alive, dead], supervisor_id, now=now)
    notices.make_notices(desk_db.factory, supervisor_id, incident_no, now=now, company=CompanyProfile())
    with desk_db.factory.begin() as session:
        record_death(session, dead, agent_id=supervisor_id, now=now)

    refresh(qtbot, room)
    headers = [
        room.model.headerData(column, Qt.Orientation.Horizontal) for column in range(room.model.columnCount())
    ]
    status = headers.index("Status")
    shown = sorted(str(room.model.index(row, status).data()) for row in range(room.model.rowCount()))
    assert shown == ["On hold: customer reported deceased", "Ready to mail"]
    held = next(row for row in range(room.model.rowCount()) if not room.model.row_at(row).mailable)
    assert incident_no in str(room.model.index(held, status).data(Qt.ItemDataRole.ToolTipRole))
