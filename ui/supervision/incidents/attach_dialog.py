"""Attach customers from CSV…: the customers a CSV file names in its 顧客番号 column attached to an open leak
incident, read as the customer import reads a file and all or nothing: one wrong line and nothing is
attached, every wrong line named. The run shows how many numbers it has read, and Cancel stops it with
nothing attached."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.erased_register_key import KeySource
from desk_app.services.incidents.affected import AttachReport
from desk_app.services.incidents.register import IncidentSummary
from ui.common.background import BackgroundRunner
from ui.common.csv_file_fields import CsvFileFields
from ui.supervision.incidents import ops
from ui.supervision.incidents.attach_outcome import AttachOutcome


class AttachDialog(QDialog):
    """`finished_run(report)` once a file was read to its end (attached, or refused with its wrong lines);
    `failed(error)` when the incident or the file could not be taken at all. The dialog stays to say how."""

    finished_run = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        runner: BackgroundRunner,
        viewer_id: int,
        summary: IncidentSummary,
        register_key: KeySource | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._viewer_id = viewer_id
        self._register_key = register_key
        self.incident_no = summary.incident_no
        self.running = False
        self.run: ops.AttachRun | None = None
        self._source_name = ""
        self.report: AttachReport | None = None
        self.setWindowTitle(self.tr("Attach customers from CSV — %1").replace("%1", summary.incident_no))
        self.question = QLabel(
            self.tr(
                "The customers the file names in its 顧客番号 column are attached to incident %1. The file"
                " is all or nothing: if a line is wrong, nothing is attached and every wrong line is named."
            ).replace("%1", summary.incident_no)
        )
        self.question.setWordWrap(True)
        # The file and its encoding chosen as the customer import has them chosen.
        self.file = CsvFileFields(self, self.tr("CSV file of affected customers"))
        self.path, self.encoding = self.file.path, self.file.encoding
        form = QFormLayout()
        self.file.add_to(form)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Attaching customers"))
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.attach_outcome = AttachOutcome(self)
        self.outcome, self.problems = self.attach_outcome.outcome, self.attach_outcome.problems
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.attach_button = self.buttons.addButton(
            self.tr("&Attach"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.attach_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.attach_outcome, 1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 80)
        # How far the run is, read from what the worker shares.
        self._poll = QTimer(self)
        self._poll.setInterval(200)
        self._poll.timeout.connect(self._show_progress)

    @Slot()
    def start(self) -> None:
        if self.running:
            return
        text = self.path.text().strip()
        source = Path(text)
        self.attach_outcome.clear()
        if not text or not source.is_file():
            self._say(self.tr("Choose a CSV file that exists."), wrong=True)
            return
        self.running = True
        self.run = run = ops.AttachRun()
        self.attach_button.setEnabled(False)
        # While it runs, Close stops it: one transaction, so a cancelled file attaches nothing.
        self.close_button.setText(self.tr("Cancel"))
        self.progress.show()
        self._source_name = source.name
        self._say(self.tr("Reading %1…").replace("%1", source.name), wrong=False)
        self._poll.start()
        self._runner.run(
            ops.attach_csv(
                self._viewer_id,
                self.incident_no,
                source,
                self.encoding.currentData(),
                self._register_key,
                run,
            ),
            name="attach incident customers",
            on_success=self._done,
            on_error=self._failed,
            owner=self,
        )

    @Slot()
    def _show_progress(self) -> None:
        if self.run is not None and self.run.read and not self.run.stop.is_set():
            read = self.tr("Reading %1: %2 numbers so far…").replace("%2", f"{self.run.read:,}")
            # The file's name goes in last, so a "%" in it is never taken for a place to fill.
            self._say(read.replace("%1", self._source_name), wrong=False)

    def reject(self) -> None:
        """Close; while the file is being read, stop it (nothing is attached) and stay to say so."""
        if self.run is None:
            super().reject()
            return
        self.run.stop.set()
        self.close_button.setEnabled(False)
        self._say(self.tr("Stopping: nothing will be attached…"), wrong=False)

    def _ended(self) -> None:
        self.running = False
        self.run = None
        self._poll.stop()
        self.progress.hide()
        self.attach_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.setEnabled(True)

    def _say(self, text: str, *, wrong: bool) -> None:
        self.attach_outcome.say(text, wrong=wrong)

    def _done(self, report: AttachReport) -> None:
        self._ended()
        self.report = report
        self.attach_outcome.show_report(report)
        self.finished_run.emit(report)

    def _failed(self, error: Exception) -> None:
        self._ended()
        self.attach_outcome.show_failure(error)
        self.failed.emit(error)
