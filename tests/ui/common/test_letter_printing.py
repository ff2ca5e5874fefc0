"""A letter previewed in the program and printed through Qt's print dialog, headlessly: the printer is a
PDF-format printer, and the pages that come out are counted and read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from desk_app.config import CompanyProfile
from desk_app.letters.render import render_letter
from tests.support import sample_letters
from ui.common.letter_preview import LetterPreviewDialog
from ui.common.pdf_pages import MAX_DPI, PdfBytes, PrintJob, print_document


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    # 50 orders run the disclosure onto a third page, well short of a fourth.
    return render_letter(sample_letters.disclosure(order_count=50), CompanyProfile())


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_the_preview_shows_every_page_and_prints_them_all_through_the_print_dialog(
    qtbot: QtBot, three_pages: bytes, tmp_path: Path
) -> None:
    preview = LetterPreviewDialog(three_pages, "2026-000123")
    qtbot.addWidget(preview)
    preview.show()
    qtbot.waitExposed(preview)
    assert preview.pdf.loaded
    assert preview.pdf.page_count == 3
    assert preview.pages_label.text() == "3 pages"
    out = tmp_path / "printed.pdf"
    preview.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    preview.printer.setOutputFileName(str(out))
    preview.print_button.click()
    qtbot.waitUntil(lambda: preview.print_dialog is not None and preview.print_dialog.isVisible())
    assert preview.print_dialog is not None
    with qtbot.waitSignal(preview.printed) as printed:
        preview.print_dialog.accept()
    assert printed.args == [3]
    assert len(PdfReader(out).pages) == 3


def test_pages_are_drawn_at_the_printers_resolution_on_the_whole_a4_sheet(
    qtbot: QtBot, three_pages: bytes, tmp_path: Path
) -> None:
    pdf = PdfBytes(three_pages)
    printer = pdf_printer(tmp_path / "out.pdf")
    assert print_document(pdf.document, printer) == 3
    assert printer.resolution() == MAX_DPI  # a 1,200 dpi device is driven at 600 dpi
    assert printer.fullPage()
    page = PdfReader(tmp_path / "out.pdf").pages[0]
    # A4 in points, whatever the printer's default paper was.
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)


def test_a_from_to_range_prints_only_those_pages(qtbot: QtBot, three_pages: bytes, tmp_path: Path) -> None:
    pdf = PdfBytes(three_pages)
    printer = pdf_printer(tmp_path / "range.pdf")
    printer.setFromTo(2, 3)
    assert print_document(pdf.document, printer) == 2
    assert len(PdfReader(tmp_path / "range.pdf").pages) == 2


def test_a_batch_is_one_job_and_stops_when_asked(qtbot: QtBot, three_pages: bytes, tmp_path: Path) -> None:
    one_page = render_letter(sample_letters.every_kind()["deletion_completed"], CompanyProfile())
    documents = [PdfBytes(three_pages), PdfBytes(one_page), PdfBytes(three_pages)]
    job = PrintJob(pdf_printer(tmp_path / "batch.pdf"))
    job.begin(documents[0].document.pagePointSize(0))
    for pdf in documents[:2]:  # the third is cancelled
        for number in range(pdf.page_count):
            job.add_page(pdf.document, number)
    job.end()
    assert job.pages == 4
    assert len(PdfReader(tmp_path / "batch.pdf").pages) == 4


@pytest.mark.qt_log_ignore("QPainter::begin")  # Qt's own word for the same failure
def test_a_printer_that_cannot_be_opened_is_an_oserror(
    qtbot: QtBot, three_pages: bytes, tmp_path: Path
) -> None:
    pdf = PdfBytes(three_pages)
    printer = pdf_printer(tmp_path / "missing-folder" / "out.pdf")
    with pytest.raises(OSError, match="could not be opened"):
        print_document(pdf.document, printer)
