"""The notice of a leak incident to a customer it concerns: an apology carrying every item the law asks
for, the incident's number where a case's would be, and what the customer can do."""

from __future__ import annotations

import dataclasses

import pytest

from desk_app.config import CompanyProfile
from desk_app.letters.letter_writer import LetterWriter
from desk_app.letters.render import render_letter
from tests.core.letters.test_letters import pages_text, whole_text
from tests.support import sample_letters

COMPANY = CompanyProfile()


def _flat(value: str) -> str:
    return "".join(value.split())


def test_the_notice_apologises_and_says_everything_the_incident_records() -> None:
    letter = sample_letters.leak_notice()
    pdf = render_letter(letter, COMPANY)
    text = whole_text(pdf)
    assert text.startswith(_flat("〒150-0001東京都渋谷区神宮前1丁目2番3号"))
    assert "個人情報の漏えい等に関するお知らせとお詫び" in text
    assert text.index("謹啓") < text.index("心より深くお詫び申し上げます。") < text.index("謹白")
    assert text.index("謹白記") < text.index("1.事案の概要")
    assert text.rstrip("0123456789/").endswith("以上")
    # No season's greeting in an apology.
    assert "ご清祥" not in text
    assert "個人情報の保護に関する法律第26条第2項に基づき" in text
    assert _flat(f"事案（{letter.title}）が発生いたしました") in text
    # Each section in the order the PPC's rules list what the person is told, each saying what was recorded.
    headings = [
        "1.事案の概要",
        "2.漏えい等が発生し、又は発生したおそれがある個人データの項目",
        "3.原因",
        "4.二次被害又はそのおそれの有無及びその内容",
        "5.当社が講じた措置",
        "6.お客様へのお願いとご案内",
    ]
    positions = [text.index(heading) for heading in headings]
    assert positions == sorted(positions)
    recorded = [letter.what_happened, letter.items, letter.cause, letter.secondary_harm, letter.measures]
    for heading, value, following in zip(headings[:-1], recorded, headings[1:], strict=True):
        section = text[text.index(heading) : text.index(following)]
        for line in value.splitlines():
            assert _flat(line) in section, line
    assert _flat(letter.customer_guidance) in text[positions[-1] :]
    # One letter per customer, two pages at most even with every section filled.
    assert 1 <= len(pages_text(pdf)) <= 2


def test_the_notice_says_how_to_stop_use_and_how_to_report_misuse() -> None:
    text = whole_text(render_letter(sample_letters.leak_notice(), COMPANY))
    desk = _flat(f"{COMPANY.desk_name}（フリーダイヤル{COMPANY.toll_free}）")
    report = (
        f"不審な郵便物、お電話、電子メール等がございましたら、お支払いや個人情報のお伝えはなさらず、{desk}"
    )
    assert _flat(report) in text
    assert "利用停止、消去又は第三者への提供の停止をご希望の場合は" in text
    assert "（個人情報の保護に関する法律第35条第5項）。手数料はかかりません。" in text
    assert text.count(desk) >= 3  # where to ask, where to report misuse, where to ask for a stop
    # Erasure's consequence, as the published policy (§9) states it.
    assert "製品保証などのアフターサービス" in text


def test_the_incident_number_stands_where_a_case_number_would() -> None:
    pages = pages_text(render_letter(sample_letters.leak_notice(), COMPANY))
    assert "整理番号2026-L001" in pages[0]
    assert "お問い合わせの際は、整理番号（2026-L001）をお知らせください。" in pages[0]


def test_every_later_page_names_the_incident_and_the_customer() -> None:
    pages = pages_text(render_letter(sample_letters.leak_notice(), COMPANY))
    assert pages[1].startswith(f"{COMPANY.name}整理番号2026-L001山田花子様")
    # An incident told at length runs on, every page headed the same way and numbered of the whole.
    long = "\n".join(
        f"・{n}件目の経緯として、委託先の調査で判明した事実を記載いたします。" * 2 for n in range(30)
    )
    pages = pages_text(render_letter(sample_letters.leak_notice(what_happened=long), COMPANY))
    assert len(pages) == 3
    for number, page in enumerate(pages[1:], start=2):
        assert page.startswith(f"{COMPANY.name}整理番号2026-L001山田花子様")
        assert page.endswith(f"{number}/3")


def test_without_guidance_of_its_own_the_notice_still_says_what_every_notice_says() -> None:
    text = whole_text(render_letter(sample_letters.leak_notice(customer_guidance=""), COMPANY))
    assert "クレジットカード番号" not in text
    assert "6.お客様へのお願いとご案内・当社の名をかたる不審な郵便物" in text


def test_markup_in_what_the_incident_records_is_printed_not_parsed() -> None:
    text = whole_text(
        render_letter(sample_letters.leak_notice(cause="<b>設定</b>の誤り & 確認漏れ"), COMPANY)
    )
    assert "<b>設定</b>の誤り&確認漏れ" in text


def test_a_leak_notice_has_no_request_date_to_quote() -> None:
    letter = sample_letters.leak_notice()
    with pytest.raises(TypeError):
        _ = LetterWriter(letter, COMPANY, era=False).requested
    with pytest.raises(dataclasses.FrozenInstanceError):
        letter.incident_no = "x"  # type: ignore[misc]
