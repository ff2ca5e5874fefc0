"""The A4 letter page: address block for the envelope window, letterhead, page numbers, and the styles."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepInFrame, PageTemplate, Paragraph

from desk_app.letters.fonts import GOTHIC, MINCHO, register_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4  # 210 × 297 mm

# --- The window of a 長形3号 envelope --------------------------------------------------------------
# A common 長3 window is 90 mm × 45 mm, 23 mm from the envelope's left edge and 13 mm from its top
# (held landscape, as the address is read). The A4 sheet folded in three (210 × 99 mm) lies in a
# 235 × 120 mm envelope, so it can slide up to about 25 mm along the envelope and 21 mm across it, only
# ever right of and below the position where its top-left corner meets the envelope's. Seen on the
# sheet, the window therefore starts at (23, 13) mm and moves left and up as the sheet slides. The
# address is printed from 24 mm left and 15 mm down, 74 × 28 mm: whole in the window while the sheet
# sits up to 15 mm along and 15 mm across from that corner, which covers how a hand-folded sheet settles.
WINDOW_LEFT, WINDOW_TOP, WINDOW_WIDTH, WINDOW_HEIGHT = 23 * mm, 13 * mm, 90 * mm, 45 * mm
ADDRESS_LEFT, ADDRESS_TOP, ADDRESS_WIDTH, ADDRESS_HEIGHT = 24 * mm, 15 * mm, 74 * mm, 28 * mm

# Nothing is printed within 12 mm of an edge (printers need 10 mm at most). The letterhead sits right of
# the window (which never reaches past 113 mm), and the text starts below the window's lowest edge.
MARGIN = 20 * mm
LETTERHEAD_LEFT = 120 * mm
LETTERHEAD_TOP = 15 * mm
FIRST_PAGE_TEXT_TOP = 64 * mm
LATER_PAGE_TEXT_TOP = 22 * mm
TEXT_BOTTOM = 20 * mm
RUNNING_HEADER_BASELINE = 14 * mm  # from the top
PAGE_NUMBER_BASELINE = 12 * mm  # from the bottom
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

# --- Styles -------------------------------------------------------------------------------------------
# CJK wrapping breaks Japanese text between any two characters (keeping 。、 off a line's start).
BODY = ParagraphStyle(
    "body", fontName=MINCHO, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=10.5
)
PLAIN = ParagraphStyle("plain", parent=BODY, firstLineIndent=0)
RIGHT = ParagraphStyle("right", parent=PLAIN, alignment=TA_RIGHT)
CENTRE = ParagraphStyle("centre", parent=PLAIN, alignment=TA_CENTER, spaceBefore=8, spaceAfter=8)
# A point of a list (・ or ①), its following lines aligned under its text.
ITEM = ParagraphStyle("item", parent=PLAIN, leftIndent=21, firstLineIndent=-10.5)
# A paragraph that continues an item: aligned with the item's text, under its point.
ITEM_BODY = ParagraphStyle("item_body", parent=PLAIN, leftIndent=21)
NOTE = ParagraphStyle(
    "note", parent=PLAIN, fontSize=9, leading=14, leftIndent=9, firstLineIndent=-9, spaceBefore=3
)
TITLE = ParagraphStyle(
    "title", fontName=GOTHIC, fontSize=14, leading=20, alignment=TA_CENTER, spaceAfter=12, wordWrap="CJK"
)
HEADING = ParagraphStyle(
    "heading", fontName=GOTHIC, fontSize=10.5, leading=16, spaceBefore=10, spaceAfter=4, wordWrap="CJK"
)
CELL = ParagraphStyle("cell", fontName=MINCHO, fontSize=9, leading=12.5, wordWrap="CJK")
CELL_RIGHT = ParagraphStyle("cell_right", parent=CELL, alignment=TA_RIGHT)
_ADDRESS = ParagraphStyle("address", fontName=MINCHO, fontSize=10.5, leading=14, wordWrap="CJK")
_ADDRESSEE = ParagraphStyle("addressee", parent=_ADDRESS, fontSize=13, leading=18, spaceBefore=5)
_LETTERHEAD = ParagraphStyle(
    "letterhead", fontName=MINCHO, fontSize=9, leading=13, alignment=TA_RIGHT, wordWrap="CJK"
)
_SMALL_FONT_SIZE = 8
TABLE_LINE = colors.Color(0.45, 0.45, 0.45)
TABLE_HEADER_FILL = colors.Color(0.9, 0.9, 0.9)


def text(value: str, style: ParagraphStyle = PLAIN) -> Paragraph:
    """A paragraph of plain text: markup characters in names and addresses are printed, not parsed."""
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


@dataclass(frozen=True, kw_only=True)
class Letterhead:
    """What the first page shows around the text, and what later pages repeat."""

    title: str  # the document's title in its properties
    postal_code: str  # NNN-NNNN
    address_lines: tuple[str, ...]
    addressee: str  # the name followed by 様
    date: str
    case_no: str
    sender_lines: tuple[str, ...]  # company, desk, address, toll-free number
    company_name: str


def _top(distance: float) -> float:
    """The y coordinate `distance` below the top edge."""
    return PAGE_HEIGHT - distance


def _draw_first_page(canvas: Canvas, head: Letterhead) -> None:
    address: list[Flowable] = [text(f"〒{head.postal_code}", _ADDRESS)]
    address += [text(line, _ADDRESS) for line in head.address_lines]
    address.append(text(head.addressee, _ADDRESSEE))
    # A long address shrinks to stay inside the window rather than run under the envelope.
    window = Frame(
        ADDRESS_LEFT,
        _top(ADDRESS_TOP + ADDRESS_HEIGHT),
        ADDRESS_WIDTH,
        ADDRESS_HEIGHT,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    window.addFromList([KeepInFrame(ADDRESS_WIDTH, ADDRESS_HEIGHT, address, mode="shrink")], canvas)

    right = PAGE_WIDTH - MARGIN
    canvas.setFont(MINCHO, 10)
    canvas.drawRightString(right, _top(LETTERHEAD_TOP) - 10, head.date)
    canvas.drawRightString(right, _top(LETTERHEAD_TOP) - 24, f"整理番号　{head.case_no}")
    sender_top = LETTERHEAD_TOP + 14 * mm
    sender_width = right - LETTERHEAD_LEFT
    sender_height = FIRST_PAGE_TEXT_TOP - sender_top - 2 * mm
    sender = Frame(
        LETTERHEAD_LEFT,
        _top(sender_top + sender_height),
        sender_width,
        sender_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    lines: list[Flowable] = [text(line, _LETTERHEAD) for line in head.sender_lines]
    sender.addFromList([KeepInFrame(sender_width, sender_height, lines, mode="shrink")], canvas)


def _draw_later_page(canvas: Canvas, head: Letterhead) -> None:
    canvas.setFont(GOTHIC, _SMALL_FONT_SIZE)
    baseline = _top(RUNNING_HEADER_BASELINE)
    canvas.drawString(MARGIN, baseline, f"{head.company_name}　整理番号 {head.case_no}")
    canvas.drawRightString(PAGE_WIDTH - MARGIN, baseline, head.addressee)
    canvas.setStrokeColor(TABLE_LINE)
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, baseline - 2 * mm, PAGE_WIDTH - MARGIN, baseline - 2 * mm)


class _PageCountingCanvas(Canvas):
    """Holds each page back until the document ends, so every page can say "n / N"."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held_pages.append(dict(self.__dict__))
        # Begins the next page without emitting this one (ReportLab's own page start; not in its stubs).
        self._startPage()  # type: ignore[attr-defined]

    def save(self) -> None:
        total = len(self._held_pages)
        for number, state in enumerate(self._held_pages, start=1):
            self.__dict__.update(state)
            self.setFont(MINCHO, 9)
            self.setFillColor(colors.black)
            self.drawCentredString(PAGE_WIDTH / 2, PAGE_NUMBER_BASELINE, f"{number} / {total}")
            super().showPage()
        super().save()


def build_pdf(head: Letterhead, story: Sequence[Flowable]) -> bytes:
    """The letter as PDF bytes; the same head and story give the same bytes on every run."""
    register_fonts()
    output = io.BytesIO()
    first = Frame(
        MARGIN,
        TEXT_BOTTOM,
        TEXT_WIDTH,
        _top(FIRST_PAGE_TEXT_TOP) - TEXT_BOTTOM,
        id="first",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    later = Frame(
        MARGIN,
        TEXT_BOTTOM,
        TEXT_WIDTH,
        _top(LATER_PAGE_TEXT_TOP) - TEXT_BOTTOM,
        id="later",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document = BaseDocTemplate(
        output,
        pagesize=A4,
        title=head.title,
        author=head.company_name,
        creator=head.company_name,
        lang="ja-JP",
        # Otherwise every page names Helvetica, a font that is not embedded.
        initialFontName=MINCHO,
        initialFontSize=10.5,
        # No creation date or random document id: a reprint is byte-identical to the letter on file.
        invariant=1,
        pageCompression=1,
        pageTemplates=[
            PageTemplate(
                "first",
                [first],
                onPage=lambda canvas, _doc: _draw_first_page(canvas, head),
                autoNextPageTemplate="later",
            ),
            PageTemplate("later", [later], onPage=lambda canvas, _doc: _draw_later_page(canvas, head)),
        ],
    )
    document.build(list(story), canvasmaker=_PageCountingCanvas)
    return output.getvalue()
