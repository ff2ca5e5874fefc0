"""File ▸ Check the database…: `desk_app.services.admin.doctor` run in the background for supervisors."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.common.background import BackgroundRunner
from ui.common.translations import render_message
from ui.shell import ops

if TYPE_CHECKING:
    from desk_app.services.admin.doctor import DoctorReport

# The box lists this many problems; the rest are in its details.
SHOWN = 12


class DatabaseCheck(QObject):
    """The menu action and the report box; `finished(report)` once the check has been shown."""

    finished = Signal(object)

    def __init__(self, runner: BackgroundRunner, window: QWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self.box: QMessageBox | None = None
        self.action = QAction(self.tr("&Check the database…"), window)
        self.action.setStatusTip(
            self.tr(
                "Checks that letters, erasures, registers, dates and calls agree with the cases (supervisors)"
            )
        )
        self.action.triggered.connect(self.run)

    @Slot()
    def run(self) -> None:
        self.action.setEnabled(False)
        self._runner.run(
            ops.check_database(),
            name="check the database",
            on_success=self._show,
            on_error=self._failed,
            owner=self,
        )

    def _show(self, report: DoctorReport) -> None:
        self.action.setEnabled(True)
        lines = [render_message(problem.line) for problem in report.problems]
        if report.clean:
            from desk_app.services.admin.doctor import checks_named

            checked = render_message(checks_named(report.checks))
            text = self.tr("The database is consistent: %1 checked.").replace("%1", checked)
            icon = QMessageBox.Icon.Information
        else:
            text = (
                self.tr(
                    "%1 problems found. Tell your administrator; each names the case and what is wrong:"
                ).replace("%1", f"{len(lines):,}")
                + "\n\n"
                + "\n".join(lines[:SHOWN])
            )
            icon = QMessageBox.Icon.Warning
        self.box = QMessageBox(
            icon, self.tr("Database check"), text, QMessageBox.StandardButton.Close, self._window
        )
        if not report.clean and len(report.problems) > SHOWN:
            self.box.setDetailedText("\n".join(lines))
        self.box.open()
        self.finished.emit(report)

    def _failed(self, error: Exception) -> None:
        self.action.setEnabled(True)
        self._runner.show_error(error)
