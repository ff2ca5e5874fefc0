"""`render_letter`: a letter's content and the company profile in, the PDF to print and keep out."""

from __future__ import annotations

from desk_app.config import CompanyProfile
from desk_app.letters.content import LetterContent
from desk_app.letters.dates import japanese_date
from desk_app.letters.fonts import register_fonts
from desk_app.letters.kinds import story_of
from desk_app.letters.layout import Letterhead, build_pdf
from desk_app.letters.wording import postal_code


def render_letter(letter: LetterContent, company: CompanyProfile, *, era: bool = False) -> bytes:
    """The letter as an A4 PDF with its fonts embedded; `era` writes dates as 令和8年11月26日.

    The same content gives the same bytes, so a reprint matches the letter on file (and its SHA-256).
    """
    register_fonts()  # before any paragraph is made: ReportLab resolves font names as it parses
    story = story_of(letter, company, era=era)
    recipient = letter.recipient
    head = Letterhead(
        title=story.title,
        postal_code=postal_code(recipient.postal_code),
        address_lines=recipient.address_lines,
        addressee=f"{recipient.name}　様",
        date=japanese_date(letter.dated, era=era),
        case_no=letter.reference,
        sender_lines=(
            company.name,
            company.desk_name,
            f"〒{postal_code(company.postal_code)}　{company.address}",
            f"フリーダイヤル　{company.toll_free}",
        ),
        company_name=company.name,
    )
    return build_pdf(head, story.flowables)
