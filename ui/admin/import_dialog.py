"""File ▸ Import from the mail-order system (administrators): the same import as `desk-app import`, with its
report, a progress bar and Cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.erased_register_key import KeySource
from desk_app.imports.columns import ImportKind
from desk_app.services.admin.imports import DeskChangeConflict, ImportReport, ProvisionStopKept
from desk_app.services.agents import AgentInfo
from ui.admin import ops
from ui.admin.ops import ImportRun
from ui.common.background import BackgroundRunner, refusal_text
from ui.common.csv_file_fields import CsvFileFields
from ui.common.translations import render_message

# How often the running import's row count is read.
POLL_MS = 150
# Problems listed in the report; the rejects file has them all.
SHOWN_PROBLEMS = 50


class ImportDialog(QDialog):
    """Choose the kind, the file, the encoding and what to do with bad rows; the report stays on screen."""

    finished_import = Signal(object)  # ImportReport, or None when the file could not be read

    def __init__(
        self,
        runner: BackgroundRunner,
        agent: AgentInfo,
        register_key: KeySource,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import from the mail-order system"))
        self.resize(720, 560)
        self._runner = runner
        self._agent = agent
        # The erased-customer register's key, read off the GUI thread when an import starts.
        self._register_key = register_key
        self.run: ImportRun | None = None
        self.kind = QComboBox()
        for kind, label in (
            (ImportKind.CUSTOMERS, self.tr("Customers")),
            (ImportKind.ORDERS, self.tr("Orders")),
            (ImportKind.PROVISIONS, self.tr("Third-party provision records")),
        ):
            self.kind.addItem(label, kind.value)
        self.kind.setAccessibleName(self.tr("What the file holds"))
        self.file = CsvFileFields(self, self.tr("CSV file to import"), self._chosen)
        self.path, self.encoding = self.file.path, self.file.encoding
        self.skip_bad = QCheckBox(self.tr("Import the good rows and &write the bad ones to:"))
        self.rejects = QLineEdit()
        self.rejects.setAccessibleName(self.tr("Rejects file"))
        self.rejects.setEnabled(False)
        self.skip_bad.toggled.connect(self.rejects.setEnabled)
        self.overwrite = QCheckBox(self.tr("&Overwrite fields corrected at the desk since the last import"))
        self.overwrite.setToolTip(
            self.tr(
                "Unticked, a field corrected at the desk keeps the desk's value when the file differs,"
                " and the report lists it."
            )
        )
        form = QFormLayout()
        form.addRow(self.tr("&Kind:"), self.kind)
        self.file.add_to(form)
        form.addRow(self.skip_bad)
        form.addRow(self.tr("Re&jects file:"), self.rejects)
        form.addRow(self.overwrite)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.hide()
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Import report"))
        self.report.setPlaceholderText(
            self.tr("A file is imported all or nothing unless bad rows are skipped.")
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.import_button = QPushButton(self.tr("&Import"))
        self.cancel_button = QPushButton(self.tr("&Cancel import"))
        self.cancel_button.setEnabled(False)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.buttons.rejected.connect(self.reject)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._show_progress)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)

    def _chosen(self, name: str) -> None:
        if not self.rejects.text():
            source = Path(name)
            self.rejects.setText(str(source.with_name(source.stem + "-rejects.csv")))

    @Slot()
    def start(self) -> None:
        if self.run is not None:
            return
        source = Path(self.path.text().strip())
        if not self.path.text().strip() or not source.is_file():
            self.report.setPlainText(self.tr("Choose a CSV file that exists."))
            return
        if self.skip_bad.isChecked() and not self.rejects.text().strip():
            self.report.setPlainText(self.tr("Say where the rejected rows should be written."))
            return
        run = ImportRun()
        self.run = run
        work = ops.import_csv(
            ImportKind(self.kind.currentData()),
            source,
            register_key=self._register_key,
            encoding=self.encoding.currentData(),
            rejects=Path(self.rejects.text().strip()) if self.skip_bad.isChecked() else None,
            overwrite_desk_changes=self.overwrite.isChecked(),
            agent_id=self._agent.id,
            run=run,
        )
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.report.setPlainText(self.tr("Reading %1…").replace("%1", source.name))
        self._poll.start()
        self._runner.run(work, name="import a file", on_success=self._done, on_error=self._failed, owner=self)

    @Slot()
    def cancel(self) -> None:
        if self.run is not None:
            self.run.stop.set()
            self.cancel_button.setEnabled(False)
            self.report.appendPlainText(self.tr("Stopping…"))

    @Slot()
    def _show_progress(self) -> None:
        run = self.run
        if run is not None and run.expected:
            self.progress.setRange(0, run.expected)
            self.progress.setValue(min(run.done, run.expected))

    def _end(self) -> None:
        self._poll.stop()
        self.run = None
        self.progress.hide()
        self.import_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, report: ImportReport) -> None:
        self._end()
        self.report.setPlainText(self.report_text(report))
        self.finished_import.emit(report)

    def _failed(self, error: Exception) -> None:
        self._end()
        self.report.setPlainText(refusal_text(error))
        self.finished_import.emit(None)

    def report_text(self, report: ImportReport) -> str:
        """The report as the administrator reads it: what happened, the counts, the first problems."""
        if report.cancelled:
            head = self.tr("Cancelled: nothing was imported.")
        elif report.committed:
            head = self.tr("Imported %1 (%2).").replace("%1", report.file_name).replace("%2", report.encoding)
        else:
            head = self.tr("Nothing was imported: %1 rows are not accepted (see below).").replace(
                "%1", str(report.rejected)
            )
        counts = (
            self.tr("read %1, new %2, changed %3, unchanged %4, rejected %5")
            .replace("%1", f"{report.read:,}")
            .replace("%2", f"{report.inserted:,}")
            .replace("%3", f"{report.updated:,}")
            .replace("%4", f"{report.unchanged:,}")
            .replace("%5", f"{report.rejected:,}")
        )
        lines = [head, counts]
        if report.not_revived:
            lines.append(
                self.tr("Erased customers in the file, not revived: %1").replace(
                    "%1", ", ".join(report.not_revived)
                )
            )
        kept = [conflict for conflict in report.conflicts if conflict.kept]
        overwritten = [conflict for conflict in report.conflicts if not conflict.kept]
        if kept:
            lines.append(
                self.tr("Fields corrected at the desk that the file gives otherwise; the desk's values kept:")
            )
            lines += [self._conflict_line(conflict) for conflict in kept[:SHOWN_PROBLEMS]]
        if overwritten:
            lines.append(self.tr("Fields corrected at the desk that the file overwrote:"))
            lines += [self._conflict_line(conflict) for conflict in overwritten[:SHOWN_PROBLEMS]]
        if report.provision_stops_kept:
            lines.append(self.tr("Stops of third-party provision the file goes against; the stops stand:"))
            lines += [self._stop_line(kept) for kept in report.provision_stops_kept[:SHOWN_PROBLEMS]]
        if report.rejects_file:
            lines.append(self.tr("Rejected rows written to %1").replace("%1", report.rejects_file))
        lines += [render_message(problem.said) for problem in report.problems[:SHOWN_PROBLEMS]]
        if len(report.problems) > SHOWN_PROBLEMS:
            lines.append(self.tr("… and %1 more").replace("%1", str(len(report.problems) - SHOWN_PROBLEMS)))
        return "\n".join(lines)

    def _stop_line(self, kept: ProvisionStopKept) -> str:
        if kept.provided_on is None:
            return "  " + self.tr("customer %1: third-party provision stays stopped").replace(
                "%1", kept.customer_no
            )
        said = self.tr("customer %1: provision to %2 on %3 came after the stop")
        # The recipient last: it is the file's text.
        said = said.replace("%1", kept.customer_no).replace("%3", kept.provided_on.isoformat())
        return "  " + said.replace("%2", kept.recipient or "")

    def _conflict_line(self, conflict: DeskChangeConflict) -> str:
        return "  " + self.tr("customer %1: %2").replace("%1", conflict.customer_no).replace(
            "%2", conflict.field
        )
