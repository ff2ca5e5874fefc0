"""A stored letter's PDF in Qt: opened from bytes for the preview, and printed page by page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QRectF, QSize, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72
# An A4 page at 1,200 dpi is a 550 MB image; 600 dpi is as sharp as office laser printers print text.
MAX_DPI = 600


class PdfBytes(QObject):
    """A `QPdfDocument` over bytes in memory; the buffer lives as long as this object."""

    def __init__(self, data: bytes, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bytes = QByteArray(data)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    @property
    def loaded(self) -> bool:
        return self.document.status() is QPdfDocument.Status.Ready


class PrintJob:
    """One print job of any number of documents, each page rendered at the printer's resolution.

    Each page becomes an image of exactly the device's pixels for the sheet, so text is as sharp as the
    printer allows and the layout's millimetres stay millimetres (the letter keeps its own margins: the
    whole sheet is drawn). Pages are added one at a time, so a batch can show progress and stop.
    """

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer
        self.pages = 0
        self._painter = QPainter()

    def begin(self, first_page: QSizeF) -> None:
        printer = self.printer
        layout = QPageLayout(
            QPageSize(first_page, QPageSize.Unit.Point),
            QPageLayout.Orientation.Portrait,
            printer.pageLayout().margins(),
        )
        printer.setPageLayout(layout)
        printer.setFullPage(True)
        if printer.resolution() > MAX_DPI:
            printer.setResolution(MAX_DPI)
        if not self._painter.begin(printer):
            raise OSError("the printer could not be opened")

    def add_page(self, document: QPdfDocument, number: int) -> None:
        if self.pages:
            self.printer.newPage()
        dpi = self.printer.resolution()
        points = document.pagePointSize(number)
        pixels = QSize(
            round(points.width() / POINTS_PER_INCH * dpi), round(points.height() / POINTS_PER_INCH * dpi)
        )
        image: QImage = document.render(number, pixels)
        sheet = QRectF(self.printer.pageRect(QPrinter.Unit.DevicePixel))
        self._painter.drawImage(QRectF(0, 0, sheet.width(), sheet.height()), image)
        self.pages += 1

    def end(self) -> None:
        if self._painter.isActive():
            self._painter.end()


def print_document(
    document: QPdfDocument, printer: QPrinter, *, on_page: Callable[[int, int], bool] | None = None
) -> int:
    """Print every page (or the printer's from–to range) as one job; returns the pages printed.

    `on_page(done, total)` may return False to stop (the pages so far are printed).
    """
    total = document.pageCount()
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = min(printer.toPage(), total) if printer.toPage() else total
    job = PrintJob(printer)
    job.begin(document.pagePointSize(first - 1))
    try:
        for number in range(first - 1, last):
            job.add_page(document, number)
            if on_page is not None and not on_page(job.pages, last - first + 1):
                break
    finally:
        job.end()
    return job.pages
