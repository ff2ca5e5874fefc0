"""What every letter is made of: the opening and closing a Japanese business letter runs by, headings,
notes and ruled tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Spacer, Table, TableStyle

from desk_app.config import CompanyProfile
from desk_app.letters import layout
from desk_app.letters.content import LeakNoticeLetter, LetterContent
from desk_app.letters.dates import japanese_date
from desk_app.letters.fonts import GOTHIC, MINCHO
from desk_app.letters.layout import BODY, CELL, CELL_RIGHT, CENTRE, HEADING, NOTE, RIGHT, text

GREETING = (
    "拝啓　時下ますますご清祥のこととお慶び申し上げます。"
    "平素は{company}をご利用いただき、誠にありがとうございます。"
)
# A letter of apology opens more formally and without wishing the reader well in the season: that would
# sit ill beside the news it brings.
APOLOGY_GREETING = "謹啓　平素より{company}をご利用いただき、誠にありがとうございます。"
CELL_PADDING = 3
HEADING_ROOM = 25 * mm  # a heading, a table's header row and its first rows


class LetterWriter:
    """Builds one letter's flowables in the order a Japanese business letter runs."""

    def __init__(self, letter: LetterContent, company: CompanyProfile, *, era: bool) -> None:
        self.letter = letter
        self.company = company
        self.era = era
        self.flowables: list[Flowable] = []

    def date(self, day: dt.date) -> str:
        return japanese_date(day, era=self.era)

    def add(self, *flowables: Flowable) -> None:
        self.flowables.extend(flowables)

    def paragraph(self, value: str) -> None:
        self.add(text(value, BODY))

    def opening(self, title: str, sentences: Sequence[str], *, apology: bool = False) -> None:
        """Title, 拝啓 and greeting, the letter's own sentences, where to ask, 敬具, then 記; an apology
        runs 謹啓 … 謹白 instead."""
        self.add(text(title, layout.TITLE))
        greeting, closing = (APOLOGY_GREETING, "謹白") if apology else (GREETING, "敬具")
        self.paragraph(greeting.format(company=self.company.name))
        for sentence in sentences:
            self.paragraph(sentence)
        self.paragraph(
            f"本件に関するお問い合わせは、{self.company.desk_name}（フリーダイヤル {self.company.toll_free}）"
            f"までお願いいたします。お問い合わせの際は、整理番号（{self.letter.reference}）をお知らせください。"
        )
        self.add(text(closing, RIGHT), text("記", CENTRE))

    def heading(self, value: str) -> None:
        # A heading never ends a page: with too little room left for it and a few lines, it starts the next.
        self.add(CondPageBreak(HEADING_ROOM), text(value, HEADING))

    def note(self, value: str) -> None:
        self.add(text(f"※{value}", NOTE))

    def closing(self) -> None:
        self.add(Spacer(0, 4 * mm), text("以上", RIGHT))

    @property
    def requested(self) -> str:
        if isinstance(self.letter, LeakNoticeLetter):
            raise TypeError("a leak notice answers no request")
        return self.date(self.letter.requested_on)


def ruled_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
    *,
    right_aligned: Sequence[int] = (),
) -> Table:
    """A ruled table whose header row is repeated on every page it runs onto.

    A value that fits its column is drawn as it is (lines split at \\n); only one that does not becomes a
    wrapping paragraph. Paragraphs cost a layout each, and a 60-order disclosure has some 300 cells.
    """
    columns = len(widths)
    cells: list[list[str | Flowable]] = [list(header)]
    for row in rows:
        cells.append([_fitted(value, widths[n], n in right_aligned) for n, value in enumerate(row)])
    table = Table(cells, colWidths=list(widths), repeatRows=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        # Set for every cell: a table otherwise uses Helvetica, a font that is not embedded.
        ("FONTNAME", (0, 0), (-1, -1), MINCHO),
        ("FONTNAME", (0, 0), (-1, 0), GOTHIC),
        ("FONTSIZE", (0, 0), (-1, -1), CELL.fontSize),
        ("LEADING", (0, 0), (-1, -1), CELL.leading),
        ("GRID", (0, 0), (-1, -1), 0.4, layout.TABLE_LINE),
        ("BACKGROUND", (0, 0), (-1, 0), layout.TABLE_HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("ALIGN", (n, 1), (n, -1), "RIGHT") for n in right_aligned if n < columns]
    table.setStyle(TableStyle(commands))
    return table


def _fitted(value: str, width: float, right: bool) -> str | Flowable:
    room = width - 2 * CELL_PADDING
    if all(stringWidth(line, MINCHO, CELL.fontSize) <= room for line in value.split("\n")):
        return value
    return text(value, CELL_RIGHT if right else CELL)


def column_widths(*millimetres: float) -> list[float]:
    widths = [share * mm for share in millimetres]
    assert abs(sum(widths) - layout.TEXT_WIDTH) < 0.5, "columns must fill the text width"
    return widths


def numbered(number: int) -> str:
    """①, ②, … ⑳: one character wide, so a reason's lines align like a ・ point's."""
    return chr(0x2460 + number - 1) if 1 <= number <= 20 else f"({number})"
