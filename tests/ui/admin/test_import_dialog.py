"""The administrators' import dialog: the same import as the command, with its report, progress and
cancel; agents and supervisors never see the action."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desk_app.domain.enums import AgentRole, ProvisionStopGround
from desk_app.services.admin.imports import run as imports_run
from desk_app.storage.models import Agent, Customer, DeskChange, ProvisionStop
from tests.core.services.admin.test_imports import _customer, _good_and_bad, _write
from ui.admin.import_dialog import ImportDialog
from ui.shell.main_window import MainWindow

if TYPE_CHECKING:
    from conftest import DeskDatabase


@pytest.fixture
def admin_window(qtbot: QtBot, open_window: Callable[..., MainWindow], desk_db: DeskDatabase) -> MainWindow:
    with desk_db.factory.begin() as session:
        session.add(
            Agent(
                login="admin1",
                display_name="管理 一郎",
                role=AgentRole.ADMIN,
                created_at=dt.datetime.now(dt.UTC),
            )
        )
    window = open_window()
    with qtbot.waitSignal(window.sign_in_finished, timeout=10_000):
        window.sign_in("admin1")
    return window


def customers(desk_db: DeskDatabase) -> int:
    with desk_db.factory() as session:
        return session.scalar(select(func.count()).select_from(Customer)) or 0


def open_dialog(qtbot: QtBot, window: MainWindow) -> ImportDialog:
    assert window.import_action.isVisible()
    window.import_action.trigger()
    dialog = window.import_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_a_file_with_bad_rows_imports_nothing_and_the_report_names_them(
    qtbot: QtBot, admin_window: MainWindow, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    before = customers(desk_db)
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(_good_and_bad(tmp_path)))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    report = finished.args[0]
    assert not report.committed
    text = dialog.report.toPlainText()
    assert text.startswith(f"Nothing was imported: {report.rejected} rows are not accepted")
    assert "line 3: 郵便番号: must be 7 digits" in text
    assert customers(desk_db) == before


def test_skipping_bad_rows_imports_the_good_ones_and_writes_the_rejects(
    qtbot: QtBot, admin_window: MainWindow, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    before = customers(desk_db)
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(_good_and_bad(tmp_path)))
    dialog.skip_bad.setChecked(True)
    dialog.rejects.setText(str(tmp_path / "rejects.csv"))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    report = finished.args[0]
    assert report.committed
    assert customers(desk_db) == before + report.inserted
    assert (tmp_path / "rejects.csv").exists()
    assert "Rejected rows written to" in dialog.report.toPlainText()


def test_cancel_stops_the_import_and_writes_nothing(
    qtbot: QtBot,
    admin_window: MainWindow,
    desk_db: DeskDatabase,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.admin import import_dialog

    rows = [_customer(f"{20000000 + number}") for number in range(300)]
    path = _write(tmp_path / "many.csv", rows)
    reported = import_dialog.ImportRun.progress

    def slow(run: import_dialog.ImportRun, done: int, expected: int) -> bool:
        run.stop.wait(10)  # a long import: still running when Cancel is pressed
        return reported(run, done, expected)

    monkeypatch.setattr(import_dialog.ImportRun, "progress", slow)
    monkeypatch.setattr(imports_run, "PROGRESS_EVERY", 50)
    before = customers(desk_db)
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
        qtbot.waitUntil(dialog.cancel_button.isEnabled)
        dialog.cancel_button.click()
    assert finished.args[0].cancelled
    assert dialog.report.toPlainText().startswith("Cancelled: nothing was imported.")
    assert customers(desk_db) == before


def test_only_administrators_see_the_import(main_window: MainWindow) -> None:
    assert not main_window.import_action.isVisible()


def test_a_desk_correction_is_reported_and_kept_unless_overwrite_is_ticked(
    qtbot: QtBot, admin_window: MainWindow, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("30000001")])
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000):
        dialog.import_button.click()
    with desk_db.factory.begin() as session:
        customer = session.scalars(select(Customer).where(Customer.customer_no == "30000001")).one()
        customer.street = "千代田9-9"
        session.add(DeskChange(customer_id=customer.id, field="street", changed_at=customer.updated_at))

    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    assert [(c.customer_no, c.kept) for c in finished.args[0].conflicts] == [("30000001", True)]
    text = dialog.report.toPlainText()
    assert "Fields corrected at the desk that the file gives otherwise; the desk's values kept:" in text
    assert "  customer 30000001: 番地" in text

    dialog.overwrite.setChecked(True)
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    assert [c.kept for c in finished.args[0].conflicts] == [False]
    assert "Fields corrected at the desk that the file overwrote:" in dialog.report.toPlainText()
    with desk_db.factory() as session:
        assert session.scalars(select(Customer.street).where(Customer.customer_no == "30000001")).one() == (
            "千代田1-1"
        )


def test_a_stop_of_provision_the_file_would_lift_is_reported_and_stands(
    qtbot: QtBot, admin_window: MainWindow, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    path = _write(tmp_path / "c.csv", [_customer("30000002", 第三者提供="1")])
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000):
        dialog.import_button.click()
    with desk_db.factory.begin() as session:
        # As a stop-provision case leaves it: provision on consent off, the stop of all kept.
        customer = session.scalars(select(Customer).where(Customer.customer_no == "30000002")).one()
        customer.provision_opt_in = False
        session.add(
            ProvisionStop(
                customer_id=customer.id,
                recipient_name=None,
                ground=ProvisionStopGround.CONSENT_WITHDRAWN,
                stopped_at=customer.updated_at,
            )
        )

    dialog.overwrite.setChecked(True)  # which lifts no stop
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    assert [kept.customer_no for kept in finished.args[0].provision_stops_kept] == ["30000002"]
    text = dialog.report.toPlainText()
    assert "Stops of third-party provision the file goes against; the stops stand:" in text
    assert "  customer 30000002: third-party provision stays stopped" in text
    with desk_db.factory() as session:
        stored = select(Customer.provision_opt_in).where(Customer.customer_no == "30000002")
        assert session.scalars(stored).one() is False


def test_a_rejects_file_that_is_the_input_is_refused_in_the_window_too(
    qtbot: QtBot, admin_window: MainWindow, desk_db: DeskDatabase, tmp_path: Path
) -> None:
    path = _good_and_bad(tmp_path)
    original = path.read_bytes()
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(path))
    dialog.skip_bad.setChecked(True)
    dialog.rejects.setText(str(path))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000) as finished:
        dialog.import_button.click()
    assert finished.args[0] is None
    assert "is the file being imported" in dialog.report.toPlainText()
    assert path.read_bytes() == original


@pytest.mark.usefixtures("japanese")
def test_the_japanese_window_names_each_rejected_line_in_japanese(
    qtbot: QtBot, admin_window: MainWindow, tmp_path: Path
) -> None:
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(_good_and_bad(tmp_path)))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000):
        dialog.import_button.click()
    text = dialog.report.toPlainText()
    assert "3行目: 郵便番号: 7桁の数字にしてください" in text
    assert "6行目: 氏名: 必須です" in text
    assert "line " not in text


@pytest.mark.usefixtures("japanese")
def test_the_japanese_window_says_why_a_file_cannot_be_read_in_japanese(
    qtbot: QtBot, admin_window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "顧客.csv"
    path.write_text("氏名,住所\n山田 太郎,東京都\n", encoding="utf-8")
    dialog = open_dialog(qtbot, admin_window)
    dialog.path.setText(str(path))
    with qtbot.waitSignal(dialog.finished_import, timeout=30_000):
        dialog.import_button.click()
    text = dialog.report.toPlainText()
    assert "1行目: 必須の列がありません: 顧客番号" in text
    assert "line " not in text
    assert "required" not in text
