"""What the register's dialogs share: OK hands what they hold to the core in the background, and a refusal
is said under the fields while the dialog stays open with everything typed."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QWidget

from desk_app.services.incidents.register import IncidentRefused
from ui.common.background import BackgroundRunner, Work
from ui.common.translations import error_words
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR


class SavingDialog(QDialog):
    """Subclasses give `work()` (what OK runs), `taken(answer)` (the core took it) and `failed_words()`."""

    # The core's refusal, once it is shown.
    refused = Signal(object)

    def __init__(self, runner: BackgroundRunner, operation: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        # Goes to error logs: never the incident's words.
        self._operation = operation
        self.busy = False
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

    def work(self) -> Work[object]:
        raise NotImplementedError

    def taken(self, answer: object) -> None:
        """The core took what the dialog holds; the dialog closes after this."""

    def failed_words(self) -> str:
        """What the dialog says when the work failed for another reason than a refusal."""
        raise NotImplementedError

    @Slot()
    def submit(self) -> None:
        if self.busy:
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.message.clear()
        self._runner.run(
            self.work(), name=self._operation, on_success=self._succeeded, on_error=self._failed, owner=self
        )

    def _succeeded(self, answer: object) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.taken(answer)
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        if isinstance(error, IncidentRefused):
            self.message.setText(error_words(error))
            self.refused.emit(error)
            return
        self.message.setText(self.failed_words())
        self._runner.show_error(error)

    def reject(self) -> None:
        # Closing while the work runs would leave its answer nowhere to go; it is quick.
        if not self.busy:
            super().reject()
