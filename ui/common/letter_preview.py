"""The letter as it will print, inside the program, before anything is printed or saved."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.common.pdf_pages import PdfBytes, print_document


class LetterPreviewDialog(QDialog):
    """Every page, fitted to the width; Print… (Ctrl+P) goes through Qt's print dialog.

    `printed(pages)` is emitted after the pages went to the printer: the host records it.
    """

    printed = Signal(int)

    def __init__(self, pdf: bytes, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(820, 980)
        self.pdf = PdfBytes(pdf, self)
        self.view = QPdfView()
        self.view.setAccessibleName(self.tr("Letter preview"))
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.pdf.document)
        self.pages_label = QLabel(self.tr("%1 pages").replace("%1", str(self.pdf.page_count)))
        self.print_dialog: QPrintDialog | None = None
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print (Ctrl+P)"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.ask_print)
        buttons.rejected.connect(self.reject)
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self)
        shortcut.activated.connect(self.ask_print)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(buttons)
        self.view.setFocus()

    @Slot()
    def ask_print(self) -> None:
        """Qt's print dialog, window-modal; OK prints every page at the printer's resolution."""
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(self.tr("Print letter"))
        dialog.accepted.connect(self.print_now)
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        # QPrintDialog.open(receiver, member) hides QDialog.open() in the bindings.
        QDialog.open(dialog)

    @Slot()
    def print_now(self) -> None:
        try:
            pages = print_document(self.pdf.document, self.printer)
        except OSError:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr(
                    "The printer could not be opened. Check that it is on and connected, then try again."
                ),
            )
            return
        self.printed.emit(pages)
