"""Make notices…: the notice of a leak incident (漏えい等のお知らせ) to each affected customer still owed one,
made in the background with its progress shown and Cancel, which stops after the letter in hand and keeps
what was made. The letters then wait in the mail room like any other."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from desk_app.config import CompanyProfile
from desk_app.domain.messages import message
from desk_app.services.incidents.notices import NoticeBatch
from desk_app.services.incidents.register import IncidentRefused, IncidentSummary
from ui.common.background import BackgroundRunner
from ui.common.translations import error_words, render_message
from ui.supervision.incidents import ops
from ui.supervision.incidents.incident_words import OVERDUE_COLOUR

POLL_MS = 200


class NoticesDialog(QDialog):
    """`finished_run(batch)` once a run has ended (made all, or cancelled); the dialog stays to say how."""

    finished_run = Signal(object)
    refused = Signal(object)

    def __init__(
        self,
        runner: BackgroundRunner,
        viewer_id: int,
        summary: IncidentSummary,
        company: CompanyProfile,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._viewer_id = viewer_id
        self._company = company
        self.incident_no = summary.incident_no
        self.run: ops.NoticeRun | None = None
        self.batch: NoticeBatch | None = None
        self.setWindowTitle(self.tr("Notices to affected customers — %1").replace("%1", summary.incident_no))
        self.question = QLabel(
            self.tr(
                "Make the notice of incident %1 for each of its %2 affected customers who has none yet? "
                "Erased and deceased customers get none; those with no postal address are listed for a "
                "public announcement. The letters go to the mail room to be printed and mailed."
            )
            .replace("%1", summary.incident_no)
            .replace("%2", f"{summary.affected:,}")
        )
        self.question.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Notices made"))
        self.progress.hide()
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName(self.tr("What the run did"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.make_button = self.buttons.addButton(
            self.tr("&Make notices"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addWidget(self.progress)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 72)

    @property
    def running(self) -> bool:
        return self.run is not None

    @Slot()
    def start(self) -> None:
        if self.run is not None:
            return
        self.run = run = ops.NoticeRun()
        self.make_button.setEnabled(False)
        self.outcome.setStyleSheet("")
        self.outcome.setText(self.tr("Making notices…"))
        # Busy until the first chunk says how many are owed.
        self.progress.setRange(0, 0)
        self.progress.show()
        self._poll.start()
        self._runner.run(
            ops.make_notices(self._viewer_id, self.incident_no, self._company, run),
            name="incident notices",
            on_success=self._done,
            on_error=self._failed,
            owner=self,
        )

    @Slot()
    def _show_progress(self) -> None:
        run = self.run
        if run is None or not run.owed:
            return
        self.progress.setRange(0, run.owed)
        self.progress.setValue(min(run.done, run.owed))

    def reject(self) -> None:
        """Cancel: before a run, close; during one, stop it after the letter in hand; after, close."""
        if self.run is None:
            super().reject()
            return
        self.run.stop.set()
        self.cancel_button.setEnabled(False)
        self.outcome.setText(self.tr("Stopping after the letter in hand…"))

    def _ended(self) -> None:
        self._poll.stop()
        self.run = None
        self.progress.hide()
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Close"))

    def _done(self, batch: NoticeBatch) -> None:
        self._ended()
        self.batch = batch
        said = render_message(
            message(
                "incident.notices_made",
                incident_no=batch.incident_no,
                made=batch.made,
                already=batch.already,
                skipped=batch.skipped,
                erased=batch.erased,
                deceased=batch.deceased,
                no_address=len(batch.no_address),
            )
        )
        if batch.cancelled:
            said += "\n" + render_message(message("incident.notices_cancelled", remaining=batch.remaining))
            self.make_button.setEnabled(True)
        self.outcome.setText(said)
        self.finished_run.emit(batch)

    def _failed(self, error: Exception) -> None:
        self._ended()
        self.make_button.setEnabled(True)
        self.outcome.setStyleSheet(f"color: {OVERDUE_COLOUR};")
        if isinstance(error, IncidentRefused):
            self.outcome.setText(error_words(error))
            self.refused.emit(error)
            return
        self.outcome.setText(
            self.tr("The notices could not be made; those made before the problem are kept.")
        )
        self._runner.show_error(error)
