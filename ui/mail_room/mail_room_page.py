"""The mail room: letters waiting to go out — preview, batch print or export with progress and cancel,
and mark them mailed with the postal method and date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desk_app.domain.messages import Message
from desk_app.services.agents import AgentInfo
from desk_app.services.cases.letter_views import LetterRow, MailMethod, mail_method_label
from ui.common.background import BackgroundRunner, refusal_text
from ui.common.enum_labels import case_state_label, letter_kind_label
from ui.common.japan_time import short_date_time_text
from ui.common.serial_work import SerialWork
from ui.common.table_view import ValueTableView
from ui.common.translations import render_message
from ui.common.value_table_model import Column, ValueTableModel
from ui.mail_room import ops
from ui.mail_room.mailed_dialog import MailedDialog

if TYPE_CHECKING:
    from ui.common.letter_preview import LetterPreviewDialog
    from ui.common.pdf_pages import PdfBytes


def file_name(row: LetterRow) -> str:
    """What an exported letter is called: the print room sorts by case number."""
    return f"{row.case_no}-{row.kind.value}-{row.letter_id}.pdf"


class MailRoomPage(QWidget):
    """Letters are read through the runner; printing draws on this thread, one page per turn of the loop."""

    # (done, total) after each letter of a batch; `batch_finished(done)` at the end or on cancel.
    batch_progress = Signal(int, int)
    batch_finished = Signal(int)
    loaded = Signal()

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self.work = SerialWork(runner, self)
        self.agent: AgentInfo | None = None
        self.preview: LetterPreviewDialog | None = None
        self.current_dialog: QDialog | None = None
        self.progress: QProgressDialog | None = None
        self._cancelled = False
        self.model: ValueTableModel[LetterRow] = ValueTableModel(
            self._columns(), self, key=lambda row: row.letter_id
        )
        self.table = ValueTableView(self.model, self.tr("Letters ready to mail"))
        self.table.set_placeholder(self.tr("No letters waiting"))
        self.table.setSelectionMode(ValueTableView.SelectionMode.ExtendedSelection)
        self.table.activated.connect(self._preview_index)
        self.status = QLabel()
        self.status.setAccessibleName(self.tr("Mail room status"))
        self.preview_button = QPushButton(self.tr("&Preview…"))
        self.print_button = QPushButton(self.tr("Prin&t…"))
        self.export_button = QPushButton(self.tr("E&xport PDFs…"))
        self.mailed_button = QPushButton(self.tr("Mark m&ailed…"))
        self.refresh_button = QPushButton(self.tr("Rel&oad"))
        self.preview_button.clicked.connect(lambda: self._preview_index(self.table.currentIndex()))
        self.print_button.clicked.connect(self.ask_print)
        self.export_button.clicked.connect(self.ask_export)
        self.mailed_button.clicked.connect(self.ask_mailed)
        self.refresh_button.clicked.connect(self.refresh)
        for button in (self.preview_button, self.print_button, self.export_button, self.mailed_button):
            button.setToolTip(
                self.tr("Acts on the selected letters, or on all of them when none is selected")
            )
        buttons = QHBoxLayout()
        for button in (
            self.preview_button,
            self.print_button,
            self.export_button,
            self.mailed_button,
            self.refresh_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)

    def _columns(self) -> list[Column[LetterRow]]:
        return [
            Column(self.tr("Case"), lambda row: row.case_no),
            Column(self.tr("Letter"), lambda row: letter_kind_label(row.kind)),
            Column(
                self.tr("Delivery"),
                lambda row: self.tr("PDF by e-mail") if row.delivery == "electronic" else self.tr("Post"),
            ),
            Column(self.tr("Made"), lambda row: short_date_time_text(row.created_at)),
            Column(
                self.tr("Printed"), lambda row: short_date_time_text(row.printed_at) if row.printed_at else ""
            ),
            # An incident's notice answers no case: its state cell stays empty.
            Column(
                self.tr("Case state"),
                lambda row: case_state_label(row.case_state) if row.case_state is not None else "",
            ),
            Column(
                self.tr("Status"),
                lambda row: self.tr("Ready to mail") if row.held is None else self._held_words(row.held),
                # Why it is held, from the core, in the window's language.
                tooltip=lambda row: render_message(row.held) if row.held is not None else "",
            ),
        ]

    def _held_words(self, held: Message) -> str:
        """Why a letter is held, in a few words for its cell; the whole reason is its tooltip."""
        if held.code in ("letter.awaits_decision", "letter.nothing_decided"):
            return self.tr("On hold: case not decided")
        if held.code == "letter.notice_customer_erased":
            return self.tr("On hold: customer erased")
        if held.code == "letter.notice_customer_deceased":
            return self.tr("On hold: customer reported deceased")
        if held.code == "letter.calls_for_another":
            return self.tr("On hold: the case calls for another letter")
        return self.tr("On hold: see why (point at it)")

    @Slot(object)
    def set_agent(self, agent: AgentInfo | None) -> None:
        self.agent = agent
        self.model.clear()
        if agent is not None:
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        # A letter's case may have been decided since the list was read (a refusal proposed or approved
        # here or at another desk holds or voids it): the page is read again whenever it comes forward.
        super().showEvent(event)
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self.agent is None:
            return
        self.work.run(ops.ready_letters(), name="letters ready", on_success=self._show)

    def _show(self, rows: tuple[LetterRow, ...]) -> None:
        self.model.set_rows(rows)
        self.table.fit_columns()
        held = sum(1 for row in rows if not row.mailable)
        if held:
            self.status.setText(
                self.tr("%1 letters waiting, %2 of them on hold (the Status column says why)")
                .replace("%1", str(len(rows)))
                .replace("%2", str(held))
            )
        else:
            self.status.setText(self.tr("%1 letters waiting").replace("%1", str(len(rows))))
        self.loaded.emit()

    def chosen_rows(self) -> list[LetterRow]:
        """The selected letters, or every letter when nothing is selected."""
        selected = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row_at(row) for row in selected] if selected else list(self.model.rows)

    def mailable_rows(self) -> list[LetterRow]:
        """The chosen letters that may go out; says in the status line how many were left out on hold."""
        chosen = self.chosen_rows()
        ready = [row for row in chosen if row.mailable]
        if len(ready) < len(chosen):
            self.status.setText(
                self.tr("%1 letters on hold were left out (the Status column says why)").replace(
                    "%1", str(len(chosen) - len(ready))
                )
            )
        return ready

    # --- preview ---------------------------------------------------------------------------------------

    @Slot(QModelIndex)
    def _preview_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_preview(self.model.row_at(index.row()))

    def open_preview(self, row: LetterRow) -> None:
        agent = self.agent
        if agent is None:
            return

        def show(pdf: bytes) -> None:
            # On first use, as the print job below: QtPdf is not needed to paint the window.
            from ui.common.letter_preview import LetterPreviewDialog

            preview = LetterPreviewDialog(pdf, f"{row.case_no} — {letter_kind_label(row.kind)}", self)
            preview.printed.connect(lambda _pages: self._record_printed([row.letter_id]))
            preview.finished.connect(preview.deleteLater)
            self.preview = preview
            preview.open()

        self.work.run(
            ops.letter_pdf(row.letter_id, agent_id=agent.id, purpose="preview"),
            name="letter preview",
            on_success=show,
        )

    # --- batch printing --------------------------------------------------------------------------------

    @Slot()
    def ask_print(self) -> None:
        rows = self.mailable_rows()
        if not rows:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print %1 letters").replace("%1", str(len(rows))))
        dialog.accepted.connect(lambda: self.print_letters(rows, printer))
        dialog.finished.connect(dialog.deleteLater)
        self.current_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open(receiver, member) hides QDialog.open() in the bindings

    def print_letters(self, rows: Sequence[LetterRow], printer: QPrinter) -> None:
        """One print job for `rows`, a letter fetched then drawn page by page; Cancel stops between pages."""
        agent = self.agent
        if agent is None or not rows:
            self.batch_finished.emit(0)
            return
        from ui.common.pdf_pages import PdfBytes, PrintJob

        job = PrintJob(printer)
        queue = list(rows)
        printed: list[int] = []
        self._start_progress(self.tr("Printing letters…"), len(queue))

        def fetch_next() -> None:
            if self._cancelled or not queue:
                finish()
                return
            row = queue.pop(0)
            self.work.run(
                ops.letter_pdf(row.letter_id, agent_id=agent.id, purpose="print"),
                name="letter to print",
                on_success=lambda pdf: draw(row, PdfBytes(pdf, self), 0),
                on_error=failed,
            )

        def draw(row: LetterRow, pdf: PdfBytes, page: int) -> None:
            if self._cancelled:
                finish()
                return
            try:
                if job.pages == 0:
                    job.begin(pdf.document.pagePointSize(0))
                job.add_page(pdf.document, page)
            except OSError as error:
                failed(error)
                return
            if page + 1 < pdf.page_count:
                QTimer.singleShot(0, lambda: draw(row, pdf, page + 1))
                return
            pdf.deleteLater()
            printed.append(row.letter_id)
            self._step_progress(len(printed), len(rows))
            QTimer.singleShot(0, fetch_next)

        def failed(error: Exception) -> None:
            self.status.setText(refusal_text(error))
            finish()

        def finish() -> None:
            job.end()
            self._end_progress()
            if printed:
                self._record_printed(printed)
            self.status.setText(
                self.tr("%1 of %2 letters printed")
                .replace("%1", str(len(printed)))
                .replace("%2", str(len(rows)))
            )
            self.batch_finished.emit(len(printed))

        fetch_next()

    def _record_printed(self, letter_ids: list[int]) -> None:
        agent = self.agent
        if agent is None:
            return
        self.work.run(
            ops.mark_printed(letter_ids, agent_id=agent.id),
            name="letters printed",
            on_success=lambda _result: self.refresh(),
        )

    # --- export ----------------------------------------------------------------------------------------

    @Slot()
    def ask_export(self) -> None:
        rows = self.mailable_rows()
        if not rows:
            return
        dialog = QFileDialog(self, self.tr("Export letters to a folder"))
        dialog.setFileMode(QFileDialog.FileMode.Directory)
        dialog.setOption(QFileDialog.Option.ShowDirsOnly)
        dialog.fileSelected.connect(lambda folder: self.export_letters(rows, Path(folder)))
        dialog.finished.connect(dialog.deleteLater)
        self.current_dialog = dialog
        dialog.open()

    def export_letters(self, rows: Sequence[LetterRow], folder: Path) -> None:
        """Write each letter as it is stored (the identical bytes) into `folder`, one per operation."""
        agent = self.agent
        if agent is None or not rows:
            self.batch_finished.emit(0)
            return
        queue = list(rows)
        written: list[str] = []
        self._start_progress(self.tr("Exporting letters…"), len(queue))

        def write_next() -> None:
            if self._cancelled or not queue:
                self._end_progress()
                self.status.setText(
                    self.tr("%1 letters written to %2")
                    .replace("%1", str(len(written)))
                    .replace("%2", str(folder))
                )
                self.batch_finished.emit(len(written))
                return
            row = queue.pop(0)
            self.work.run(
                ops.export_letter(row.letter_id, agent_id=agent.id, target=folder / file_name(row)),
                name="export a letter",
                on_success=wrote,
                on_error=failed,
            )

        def wrote(name: str) -> None:
            written.append(name)
            self._step_progress(len(written), len(rows))
            write_next()

        def failed(error: Exception) -> None:
            self._end_progress()
            if isinstance(error, OSError):
                self.status.setText(self.tr("The folder cannot be written to: %1").replace("%1", str(folder)))
            else:
                self.status.setText(refusal_text(error))
            self.batch_finished.emit(len(written))

        write_next()

    # --- mailed ----------------------------------------------------------------------------------------

    @Slot()
    def ask_mailed(self) -> None:
        rows = self.mailable_rows()
        if not rows:
            return
        dialog = MailedDialog(len(rows), self)
        dialog.accepted.connect(lambda: self.mark_mailed(rows, *dialog.chosen()))
        dialog.finished.connect(dialog.deleteLater)
        self.current_dialog = dialog
        dialog.open()

    def mark_mailed(self, rows: Sequence[LetterRow], method: MailMethod, on: dt.date) -> None:
        agent = self.agent
        if agent is None:
            return
        ids = [row.letter_id for row in rows]
        self.work.run(
            ops.mark_mailed(ids, agent_id=agent.id, method=method, on=on),
            name="letters mailed",
            on_success=lambda _result: self._mailed(len(ids), method),
            on_error=lambda error: self.status.setText(refusal_text(error)),
        )

    def _mailed(self, count: int, method: MailMethod) -> None:
        self.status.setText(
            self.tr("%1 letters marked mailed (%2)")
            .replace("%1", str(count))
            .replace("%2", mail_method_label(method))
        )
        self.refresh()

    # --- progress --------------------------------------------------------------------------------------

    def _start_progress(self, label: str, total: int) -> None:
        self._cancelled = False
        progress = QProgressDialog(label, self.tr("Cancel"), 0, total, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.canceled.connect(self._cancel)
        progress.setValue(0)
        self.progress = progress

    def _step_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done)
        self.batch_progress.emit(done, total)

    def _end_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self._cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    @Slot()
    def _cancel(self) -> None:
        self._cancelled = True
