"""File ▸ Verify the audit trail…: both hash chains walked in the background for supervisors, and a plain
answer whether the trail is intact."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox

from desk_app.audit.verify import VerifyResult
from ui.common.background import BackgroundRunner
from ui.common.translations import render_message
from ui.shell import ops


class AuditCheck(QObject):
    """The menu action and the answer box (`box`, once there is an answer)."""

    def __init__(self, runner: BackgroundRunner, window: QMainWindow) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self.box: QMessageBox | None = None
        self.action = QAction(self.tr("&Verify the audit trail…"), window)
        self.action.setStatusTip(
            self.tr("Checks that no case event or access-log entry was changed or deleted (supervisors)")
        )

    @Slot()
    def run(self) -> None:
        self.action.setEnabled(False)
        self._window.statusBar().showMessage(self.tr("Verifying the audit trail…"))
        self._runner.run(
            ops.verify_audit_trail(),
            name="verify the audit trail",
            on_success=self._verified,
            on_error=self._failed,
            owner=self,
        )

    def _verified(self, result: VerifyResult) -> None:
        self.action.setEnabled(True)
        self._window.statusBar().clearMessage()
        if result.intact:
            text = self.tr("The audit trail is intact: %1 entries checked.").replace(
                "%1", f"{result.rows_checked:,}"
            )
            icon = QMessageBox.Icon.Information
        else:
            problem = result.first_problem
            text = self.tr(
                "The audit trail is broken. First broken link: %1\n\nTell your administrator."
            ).replace("%1", render_message(problem.line) if problem is not None else "")
            icon = QMessageBox.Icon.Critical
        self.box = QMessageBox(
            icon, self.tr("Audit trail"), text, QMessageBox.StandardButton.Close, self._window
        )
        self.box.open()

    def _failed(self, error: Exception) -> None:
        self.action.setEnabled(True)
        self._window.statusBar().clearMessage()
        self._runner.show_error(error)
