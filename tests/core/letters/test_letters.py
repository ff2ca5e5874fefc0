"""Letters read back from their PDFs: what each says, page numbers, the window, embedded fonts, reprints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from desk_app.config import CompanyProfile
from desk_app.domain.enums import CaseKind, LetterKind, RefusalGround
from desk_app.letters import layout
from desk_app.letters.content import (
    DisclosureLetter,
    FeeWaived,
    LetterBase,
    LetterContent,
    OrderItem,
    Recipient,
    RefusalLetter,
)
from desk_app.letters.dates import era_date, japanese_date
from desk_app.letters.render import render_letter
from desk_app.letters.wording import postal_code, yen
from tests.support import sample_letters

ROOT = Path(__file__).resolve().parents[3]
COMPANY = CompanyProfile()
MM = 72 / 25.4


def pages_text(pdf: bytes) -> list[str]:
    """Each page's text with white space removed, so line breaks inside a value do not matter."""
    return ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def whole_text(pdf: bytes) -> str:
    return "".join(pages_text(pdf))


def placed_text(pdf: bytes, page: int = 0) -> list[tuple[str, float, float]]:
    """(text, mm from the left edge, mm from the top edge at its baseline) of each piece of text on a page."""
    reader = PdfReader(io.BytesIO(pdf))
    height = float(reader.pages[page].mediabox.height)
    found: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x / MM, (height - y) / MM))

    reader.pages[page].extract_text(visitor_text=visit)
    return found


@pytest.fixture(scope="module")
def disclosure_60() -> bytes:
    return render_letter(sample_letters.disclosure(order_count=60), COMPANY)


# --- the disclosure ------------------------------------------------------------------------------


def test_disclosure_names_the_customer_and_the_address(disclosure_60: bytes) -> None:
    first = pages_text(disclosure_60)[0]
    assert "〒150-0001" in first
    assert "東京都渋谷区神宮前1丁目2番3号" in first
    assert "グリーンハイツ神宮前405号室" in first
    assert "山田花子様" in first
    assert "山田花子（ヤマダハナコ）" in first
    assert "03-1234-5678" in first
    assert "090-1234-5678" in first
    assert "整理番号2026-000123" in first
    assert "2026年11月26日" in first


def test_disclosure_lists_every_order_over_numbered_pages(disclosure_60: bytes) -> None:
    pages = pages_text(disclosure_60)
    total = len(pages)
    assert total >= 2
    for number, page in enumerate(pages, start=1):
        assert page.endswith(f"{number}/{total}"), page[-20:]
    text = "".join(pages)
    for order in sample_letters.orders(60):
        assert order.order_no in text
        assert yen(order.amount_yen) in text
    assert "ご購入履歴（60件）" in text
    total_yen = sum(order.amount_yen for order in sample_letters.orders(60))
    assert yen(total_yen) in text
    assert "," in yen(total_yen)


def test_the_order_table_repeats_its_header_row_on_the_next_page(disclosure_60: bytes) -> None:
    second = pages_text(disclosure_60)[1]
    header = "ご注文番号ご注文日ご注文方法商品（数量）金額（税込）"
    assert header in second
    # The repeated header comes before the first order on the page.
    first_order = next(o.order_no for o in sample_letters.orders(60) if o.order_no in second)
    assert second.index(header) < second.index(first_order)
    # Later pages carry the case number and the addressee, in case the sheets are separated.
    assert "整理番号2026-000123" in second
    assert "山田花子様" in second


def test_disclosure_states_the_fee_received(disclosure_60: bytes) -> None:
    text = whole_text(disclosure_60)
    assert "開示手数料¥404（税込）を、2026年11月18日に郵便定額小為替にて確かに受領いたしました。" in text


def test_a_waived_fee_is_said_so_and_nothing_about_why() -> None:
    letter = dataclasses.replace(sample_letters.disclosure(order_count=1), fee=FeeWaived())
    text = whole_text(render_letter(letter, COMPANY))
    assert "開示手数料は、頂戴しておりません。" in text
    assert "受領" not in text


def test_the_disclosure_shows_the_email_and_each_mailing_setting_with_its_date(disclosure_60: bytes) -> None:
    first = pages_text(disclosure_60)[0]
    assert "お客様番号80000123" in first
    assert "メールアドレスhanako.yamada@example.jp" in first
    assert "ショッピングクレジットご利用なし" in first
    assert (
        "ご案内の送付カタログお送りする（変更の記録なし）"
        "ダイレクトメールお送りしない（最終変更日：2025年9月30日）"
        "メールマガジン配信する（最終変更日：2026年2月1日）"
    ) in first


def test_no_email_held_says_so() -> None:
    letter = dataclasses.replace(sample_letters.disclosure(order_count=1), email=None)
    assert "メールアドレスお預かりしておりません" in whole_text(render_letter(letter, COMPANY))


def test_no_date_of_birth_is_printed_when_none_is_held(disclosure_60: bytes) -> None:
    text = whole_text(disclosure_60)
    assert "生年月日お預かりしておりません" in text
    assert "1968" not in text


def test_the_date_of_birth_is_disclosed_when_held() -> None:
    letter = sample_letters.disclosure(order_count=1, birth_date=dt.date(1968, 4, 2))
    assert "生年月日1968年4月2日" in whole_text(render_letter(letter, COMPANY))
    assert "生年月日昭和43年4月2日" in whole_text(render_letter(letter, COMPANY, era=True))


def test_no_workplace_is_printed_without_shopping_credit(disclosure_60: bytes) -> None:
    # The sample holds a workplace anyway: the renderer, not the caller, keeps it off the letter.
    text = whole_text(disclosure_60)
    assert "さくら精機" not in text
    assert "03-9876-5432" not in text
    assert "お勤め先" not in text


def test_the_workplace_is_disclosed_to_a_shopping_credit_customer() -> None:
    letter = sample_letters.disclosure(order_count=2, shopping_credit=True)
    text = whole_text(render_letter(letter, COMPANY))
    assert "お勤め先名称株式会社さくら精機渋谷営業所" in text
    assert "お勤め先電話番号03-9876-5432" in text


def test_a_disclosure_without_orders_says_so() -> None:
    text = whole_text(render_letter(sample_letters.disclosure(order_count=0), COMPANY))
    assert "ご購入履歴（0件）" in text
    assert "当社でお預かりしているご購入履歴はございません。" in text


# --- the other kinds -----------------------------------------------------------------------------


def test_there_is_a_sample_and_a_letter_for_every_kind() -> None:
    kinds = {letter.kind for letter in sample_letters.every_kind().values()}
    assert kinds == set(LetterKind)


@pytest.mark.parametrize("name", sorted(sample_letters.every_kind()))
def test_every_letter_is_addressed_numbered_and_polite(name: str) -> None:
    letter = sample_letters.every_kind()[name]
    pages = pages_text(render_letter(letter, COMPANY))
    text = "".join(pages)
    assert "〒150-0001" in pages[0]
    assert "山田花子様" in pages[0]
    # A notice of a leak is an apology, and opens and closes as one.
    opening, closing = ("謹啓", "謹白") if letter.kind is LetterKind.LEAK_NOTICE else ("拝啓", "敬具")
    assert opening in text
    assert closing in text
    assert "記" in text
    assert text.rstrip("0123456789/").endswith("以上")
    assert COMPANY.name in pages[0]
    assert COMPANY.desk_name in pages[0]
    assert f"フリーダイヤル{COMPANY.toll_free}" in pages[0]
    assert pages[-1].endswith(f"{len(pages)}/{len(pages)}")


def test_provision_records_are_tabled() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["provision_records"], COMPANY))
    assert "提供日提供先提供した項目目的・根拠" in text
    assert "2025年6月3日株式会社ひかりクレジット東京都千代田区丸の内9-9-9代表者佐藤一郎" in text
    assert "（根拠：ご本人の同意）" in text
    assert "（根拠：法令に基づく提供）" in text


def test_no_provision_records_is_a_plain_sentence() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["provision_records_none"], COMPANY))
    assert "お客様の個人データを第三者に提供した記録はございません。" in text
    assert "提供日提供先" not in text


def test_a_correction_shows_before_and_after() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["correction_completed"], COMPANY))
    assert "項目訂正前訂正後" in text
    assert "ご住所（建物名）グリーンハイツ405グリーンハイツ神宮前405号室" in text
    assert "電話番号（携帯）（登録なし）090-1234-5678" in text
    assert "2026年11月20日に下記のとおり訂正いたしました" in text


def test_stopped_mailings_are_named_with_their_date() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["mailing_stopped"], COMPANY))
    assert "停止したご案内カタログ、ダイレクトメール" in text
    assert "停止日2026年11月12日" in text
    assert "メールマガジン" not in text


def test_deletion_says_when_and_what_follows() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["deletion_completed"], COMPANY))
    assert "2026年11月24日に、当社の個人情報データベースからお客様の個人情報を消去いたしました" in text
    assert "リコール" in text


def test_a_refusal_gives_its_reasons_under_article_36() -> None:
    partial = whole_text(render_letter(sample_letters.every_kind()["refusal"], COMPANY))
    assert (
        "個人情報の保護に関する法律第36条の規定に基づき、その理由を下記のとおりご説明いたします。" in partial
    )
    assert "ご請求の一部について、お応えいたしかねます。" in partial
    assert "お応えいたしかねる事項・通話録音の内容" in partial
    assert (
        "理由・開示することにより、ご本人又は第三者の生命、身体、財産その他の権利利益を害するおそれがあるため"
        "（個人情報の保護に関する法律第33条第2項第1号）。通話録音には当社従業員の個人情報が含まれております。"
    ) in partial
    full = whole_text(render_letter(sample_letters.every_kind()["refusal_full"], COMPANY))
    assert "ご請求の全部について、お応えいたしかねます。" in full
    assert "保有個人データの消去のご請求についてのご回答" in full
    assert "①ショッピングクレジット" in full
    assert "②法令により" in full


@pytest.mark.parametrize(
    ("ground", "asked", "cited"),
    [
        (RefusalGround.BUSINESS_INTERFERENCE, CaseKind.DISCLOSURE, "第33条第2項第2号"),
        (RefusalGround.VIOLATION_OF_LAW, CaseKind.DISCLOSURE, "他の法令に違反することとなるため"),
        (RefusalGround.VIOLATION_OF_LAW, CaseKind.DISCLOSURE, "第33条第2項第3号"),
        (
            RefusalGround.HARM_TO_PERSON,
            CaseKind.PROVISION_DISCLOSURE,
            "第33条第5項において準用する同条第2項第1号",
        ),
        (RefusalGround.IDENTITY_UNCONFIRMED, CaseKind.CORRECTION, "確認できなかったため"),
        (RefusalGround.IDENTITY_UNCONFIRMED, CaseKind.CORRECTION, "第37条第1項"),
    ],
)
def test_a_refusal_cites_its_ground_with_the_article(
    ground: RefusalGround, asked: CaseKind, cited: str
) -> None:
    letter = dataclasses.replace(
        sample_letters.every_kind()["refusal"],  # type: ignore[type-var]
        ground=ground,
        request=asked,
    )
    assert cited in whole_text(render_letter(letter, COMPANY))


def test_a_refusal_answers_requests_only() -> None:
    letter = sample_letters.every_kind()["refusal"]
    assert isinstance(letter, RefusalLetter)
    with pytest.raises(ValueError, match="not answered by letter"):
        render_letter(dataclasses.replace(letter, request=CaseKind.COMPLAINT), COMPANY)


def test_no_data_held_says_what_was_searched() -> None:
    text = whole_text(render_letter(sample_letters.every_kind()["no_data_held"], COMPANY))
    assert "お客様の個人情報はお預かりしておりませんでした" in text
    assert "確認に用いた情報" in text
    assert "電話番号03-1234-5678" in text


# --- dates, amounts, text --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "written"),
    [
        (dt.date(2026, 11, 26), "令和8年11月26日"),
        (dt.date(2019, 5, 1), "令和元年5月1日"),
        (dt.date(2019, 4, 30), "平成31年4月30日"),
        (dt.date(1989, 1, 8), "平成元年1月8日"),
        (dt.date(1989, 1, 7), "昭和64年1月7日"),
        (dt.date(1926, 12, 25), "昭和元年12月25日"),
        (dt.date(1926, 12, 24), "大正15年12月24日"),
        (dt.date(1912, 7, 29), "明治45年7月29日"),
    ],
)
def test_era_dates(day: dt.date, written: str) -> None:
    assert era_date(day) == written
    assert japanese_date(day, era=False) == f"{day.year}年{day.month}月{day.day}日"


def test_the_letter_date_follows_the_era_choice() -> None:
    letter = sample_letters.every_kind()["deletion_completed"]
    first = pages_text(render_letter(letter, COMPANY, era=True))[0]
    assert "令和8年11月26日" in first
    assert "令和8年11月24日" in first
    assert "2026年" not in first


def test_amounts_and_postal_codes() -> None:
    assert yen(404) == "¥404"
    assert yen(1_234_567) == "¥1,234,567"
    assert postal_code("1500001") == postal_code("150-0001") == postal_code("１５０－０００１") == "150-0001"
    with pytest.raises(ValueError, match="seven digits"):
        postal_code("15000")


def test_markup_characters_in_names_are_printed_as_written() -> None:
    recipient = Recipient(name="A&B <商店>", postal_code="1500001", address_lines=("東京都渋谷区1-1 <3F>",))
    letter = dataclasses.replace(sample_letters.every_kind()["mailing_stopped"], recipient=recipient)
    first = pages_text(render_letter(letter, COMPANY))[0]
    assert "A&B<商店>様" in first
    assert "東京都渋谷区1-1<3F>" in first


# --- the page ------------------------------------------------------------------------------------


def test_the_address_sits_inside_the_envelope_window(disclosure_60: bytes) -> None:
    window_right = (layout.WINDOW_LEFT + layout.WINDOW_WIDTH) / layout.mm
    window_bottom = (layout.WINDOW_TOP + layout.WINDOW_HEIGHT) / layout.mm
    # Text whose line reaches into the window's area (baselines sit about 4 mm below a line's top).
    seen = [
        item for item in placed_text(disclosure_60) if item[1] < window_right and item[2] - 4 < window_bottom
    ]
    # The address and nothing else, so nothing but the address shows wherever the folded sheet sits.
    assert [text for text, _x, _y in seen] == [
        "〒150-0001",
        "東京都渋谷区神宮前1丁目2番3号",
        "グリーンハイツ神宮前405号室",
        "山田 花子 様",
    ]
    left, top = layout.ADDRESS_LEFT / layout.mm, layout.ADDRESS_TOP / layout.mm
    right, bottom = left + layout.ADDRESS_WIDTH / layout.mm, top + layout.ADDRESS_HEIGHT / layout.mm
    for _text, x, baseline in seen:
        assert left - 0.1 <= x < right
        assert top < baseline <= bottom


def test_nothing_is_printed_within_10_mm_of_an_edge(disclosure_60: bytes) -> None:
    for page in range(len(pages_text(disclosure_60))):
        for text, x, baseline in placed_text(disclosure_60, page):
            # A baseline sits about 4 mm below the top of its line and 1 mm above its bottom.
            assert 10 <= x <= 200, (page, text, x)
            assert 10 + 4 <= baseline <= 297 - 10 - 1, (page, text, baseline)


def _fonts(pdf: bytes) -> Iterator[DictionaryObject]:
    for page in PdfReader(io.BytesIO(pdf)).pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for reference in fonts.get_object().values() if fonts is not None else ():
            font = reference.get_object()
            descendants = font.get("/DescendantFonts")
            if descendants is None:
                yield font
            else:
                yield from (descendant.get_object() for descendant in descendants.get_object())


@pytest.mark.parametrize("name", ["disclosure", "refusal", "provision_records_none"])
def test_every_font_is_embedded_truetype(name: str) -> None:
    pdf = render_letter(sample_letters.every_kind()[name], COMPANY)
    fonts = list(_fonts(pdf))
    assert fonts
    for font in fonts:
        descriptor = font.get("/FontDescriptor")
        assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
        assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    names = {str(font["/BaseFont"]).split("+")[-1] for font in fonts}
    assert names <= {"IPAexMincho", "IPAexGothic"}


# --- reprints ------------------------------------------------------------------------------------


def test_a_second_render_gives_identical_bytes(disclosure_60: bytes) -> None:
    assert render_letter(sample_letters.disclosure(order_count=60), COMPANY) == disclosure_60


def test_another_process_renders_identical_bytes(disclosure_60: bytes) -> None:
    program = (
        "import hashlib, sys\n"
        "from desk_app.config import CompanyProfile\n"
        "from desk_app.letters.render import render_letter\n"
        "from tests.support.sample_letters import disclosure\n"
        "pdf = render_letter(disclosure(order_count=60), CompanyProfile())\n"
        "sys.stdout.write(hashlib.sha256(pdf).hexdigest())\n"
    )
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    assert done.stdout == hashlib.sha256(disclosure_60).hexdigest()


def test_content_is_frozen() -> None:
    letter: LetterContent = sample_letters.disclosure(order_count=1)
    assert isinstance(letter, DisclosureLetter)
    assert isinstance(letter, LetterBase)
    with pytest.raises(dataclasses.FrozenInstanceError):
        letter.case_no = "x"  # type: ignore[misc]


def test_a_long_address_shrinks_to_stay_in_the_window() -> None:
    recipient = Recipient(
        name="長谷川 左衛門三郎太",
        postal_code="0600001",
        address_lines=(
            "北海道札幌市中央区北一条西二十丁目三番地四十五号 さっぽろ中央グランドレジデンス",
            "ノースタワー 二十三階 二三〇五号室 長谷川様方",
            "株式会社ほっかいどう物産 総務部 気付",
        ),
    )
    letter = dataclasses.replace(sample_letters.every_kind()["deletion_completed"], recipient=recipient)
    pdf = render_letter(letter, COMPANY)
    assert "北海道札幌市中央区北一条西二十丁目三番地四十五号" in pages_text(pdf)[0]
    left, top = layout.ADDRESS_LEFT / layout.mm, layout.ADDRESS_TOP / layout.mm
    bottom = top + layout.ADDRESS_HEIGHT / layout.mm
    window_right = (layout.WINDOW_LEFT + layout.WINDOW_WIDTH) / layout.mm
    block = [item for item in placed_text(pdf) if item[1] < window_right and item[2] < 60]
    assert any("長谷川 左衛門三郎太 様" in text for text, _x, _y in block)
    for _text, x, baseline in block:
        assert left - 0.1 <= x
        assert top < baseline <= bottom


def test_a_long_product_name_wraps_inside_its_cell() -> None:
    long_name = (
        "プレミアム羽毛掛け布団（ダブルロング）ホワイトグース九十三パーセント 抗菌防臭加工 収納ケース付き"
    )
    order = dataclasses.replace(
        sample_letters.orders(1)[0],
        items=(OrderItem(product_name=long_name, quantity=1),),
    )
    letter = dataclasses.replace(sample_letters.disclosure(order_count=0), orders=(order,))
    text = whole_text(render_letter(letter, COMPANY))
    assert "".join(long_name.split()) in text
